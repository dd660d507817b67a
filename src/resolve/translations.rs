//! Translation coverage: what each written locale is missing, and which
//! translations are behind the reference locale.
//!
//! A translation records, in `translated_from`, a hash of each field of the
//! reference text (and of the entry's structure) as it was when the
//! translation was brought up to date (`handbook translated`). Comparing
//! those with the current hashes names what changed since. Does no IO.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::hash_parts;
use crate::model::{Entry, EntryText, Kind, KnowledgeBase, Locale};

/// Marks text that `handbook new` scaffolds and a person must replace.
pub const PLACEHOLDER: &str = "FILL IN";

/// The state of one entry in one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The reference text itself, or a translation marked up to date.
    Current,
    /// Translated, but the reference changed since it was marked.
    Stale,
    /// Translated, never marked with `handbook translated`.
    Unmarked,
    /// No text, or some item/step/point/question has no text.
    Missing,
    /// Made at build time (sr-Latn from sr).
    Derived,
}

/// Hashes of every translatable field of one text, plus the structure.
pub fn field_hashes(entry: &Entry, text: &EntryText) -> BTreeMap<String, String> {
    let mut hashes = BTreeMap::new();
    hashes.insert("structure".to_string(), entry.structure_hash.clone());
    hashes.insert("title".into(), hash_parts([&text.title]));
    hashes.insert("summary".into(), hash_parts([&text.summary]));
    if !text.body.markdown.trim().is_empty() {
        hashes.insert("body".into(), hash_parts([text.body.markdown.trim()]));
    }
    for (id, note) in &text.contrasts {
        hashes.insert(format!("contrast {id}"), hash_parts([&note.markdown]));
    }
    let item_word = if entry.kind == Kind::Playbook {
        "step"
    } else {
        "item"
    };
    for (id, item) in &text.items {
        let hint = item.hint.as_ref().map_or("", |h| h.markdown.as_str());
        hashes.insert(
            format!("{item_word} {id}"),
            hash_parts([item.text.markdown.as_str(), hint]),
        );
    }
    if !text.questions.is_empty() {
        hashes.insert(
            "questions".into(),
            hash_parts(text.questions.iter().map(|q| q.markdown.as_str())),
        );
    }
    for (key, value) in [("handling", &text.handling), ("notes", &text.notes)] {
        if let Some(value) = value {
            hashes.insert(key.into(), hash_parts([&value.markdown]));
        }
    }
    if !text.objectives.is_empty() {
        hashes.insert(
            "objectives".into(),
            hash_parts(text.objectives.iter().map(|o| o.markdown.as_str())),
        );
    }
    for (id, question) in &text.quiz {
        let parts = std::iter::once(question.question.markdown.as_str()).chain(
            question
                .options
                .values()
                .flat_map(|o| [o.text.markdown.as_str(), o.explanation.markdown.as_str()]),
        );
        hashes.insert(format!("question {id}"), hash_parts(parts));
    }
    for (key, value) in [("author", &text.author), ("origin", &text.origin)] {
        if let Some(value) = value {
            hashes.insert(key.into(), hash_parts([value]));
        }
    }
    for (id, point) in &text.points {
        hashes.insert(format!("point {id}"), hash_parts([&point.markdown]));
    }
    hashes
}

/// What is missing from one locale's text of an entry, in words.
pub fn missing_parts(entry: &Entry, text: &EntryText) -> Vec<String> {
    let mut missing = Vec::new();
    let item_word = if entry.kind == Kind::Playbook {
        "step"
    } else {
        "item"
    };
    for item in &entry.items {
        if !text.items.contains_key(&item.id) {
            missing.push(format!("{item_word} `{}`", item.id));
        }
    }
    for point in entry.source.iter().flat_map(|s| &s.points) {
        if !text.points.contains_key(point) {
            missing.push(format!("point `{point}`"));
        }
    }
    for question in &entry.quiz {
        match text.quiz.get(&question.id) {
            None => missing.push(format!("question `{}`", question.id)),
            Some(q) => {
                for option in &question.options {
                    if !q.options.contains_key(option) {
                        missing.push(format!("option `{option}` of question `{}`", question.id));
                    }
                }
            }
        }
    }
    for other in &entry.contrasts {
        if !text.contrasts.contains_key(other.as_str()) {
            missing.push(format!("the note on the contrast with `{other}`"));
        }
    }
    match entry.kind {
        Kind::Scenario if text.questions.is_empty() || text.handling.is_none() => {
            missing.push("`questions` and `handling`".into())
        }
        Kind::Module if text.objectives.is_empty() => missing.push("`objectives`".into()),
        _ => {}
    }
    missing
}

/// Whether any text still holds the scaffold's placeholder.
pub fn has_placeholder(text: &EntryText) -> bool {
    text.title.contains(PLACEHOLDER)
        || text.summary.contains(PLACEHOLDER)
        || crate::resolve::text_pieces(text)
            .iter()
            .any(|p| p.markdown.contains(PLACEHOLDER))
}

/// How one translation compares with the reference: what changed since it
/// was marked (empty when current).
pub fn changes_since(
    reference: &BTreeMap<String, String>,
    marked: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut changes = Vec::new();
    for (field, hash) in reference {
        match marked.get(field) {
            None => changes.push(format!("{field} added")),
            Some(old) if old != hash => changes.push(format!("{field} changed")),
            Some(_) => {}
        }
    }
    for field in marked.keys() {
        if !reference.contains_key(field) {
            changes.push(format!("{field} removed"));
        }
    }
    changes
}

/// One entry × locale in the coverage report.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub entry: String,
    pub kind: Kind,
    pub locale: String,
    pub status: Status,
    /// What to do, in words (empty when current or derived).
    pub details: Vec<String>,
    /// The file to edit, relative to the project root.
    pub file: String,
}

/// The status of every entry in every locale.
pub fn coverage(base: &KnowledgeBase) -> Vec<Cell> {
    let reference = &base.site.reference_locale;
    let mut cells = Vec::new();
    for entry in base.entries.values() {
        let reference_hashes = entry.texts.get(reference).map(|t| field_hashes(entry, t));
        for locale in &base.site.locales {
            let file = crate::diagnostics::display(&entry.dir.join(format!("{}.md", locale.code)));
            let (status, details) = status_of(
                entry,
                &locale.code,
                locale.derive_from.as_ref(),
                reference,
                reference_hashes.as_ref(),
            );
            cells.push(Cell {
                entry: entry.id.to_string(),
                kind: entry.kind,
                locale: locale.code.to_string(),
                status,
                details,
                file,
            });
        }
    }
    cells
}

fn status_of(
    entry: &Entry,
    locale: &Locale,
    derive_from: Option<&Locale>,
    reference: &Locale,
    reference_hashes: Option<&BTreeMap<String, String>>,
) -> (Status, Vec<String>) {
    let Some(text) = entry.texts.get(locale) else {
        return match derive_from {
            Some(from) if entry.texts.contains_key(from) => (Status::Derived, vec![]),
            Some(from) => (
                Status::Missing,
                vec![format!("no `{from}` text to derive from")],
            ),
            None => (Status::Missing, vec![]),
        };
    };
    let mut missing: Vec<String> = missing_parts(entry, text)
        .into_iter()
        .map(|m| format!("lacks {m}"))
        .collect();
    if has_placeholder(text) {
        missing.push(format!("still has `{PLACEHOLDER}` placeholders"));
    }
    if locale == reference || derive_from.is_some() {
        return if missing.is_empty() {
            (Status::Current, vec![])
        } else {
            (Status::Missing, missing)
        };
    }
    let changes = match (&text.translated_from, reference_hashes) {
        (Some(marked), Some(now)) => changes_since(now, marked),
        _ => vec![],
    };
    if !missing.is_empty() {
        missing.extend(changes);
        return (Status::Missing, missing);
    }
    match (&text.translated_from, reference_hashes) {
        (_, None) => (Status::Current, vec![]),
        (None, Some(_)) => (
            Status::Unmarked,
            vec![format!(
                "check against {reference}, then run `handbook translated {} {locale}`",
                entry.id
            )],
        ),
        (Some(_), Some(_)) if changes.is_empty() => (Status::Current, vec![]),
        (Some(_), Some(_)) => (Status::Stale, changes),
    }
}

/// Pushes a warning for every missing, stale or unmarked translation.
pub fn check_missing(base: &KnowledgeBase, diagnostics: &Diagnostics) {
    for cell in coverage(base) {
        // A derived locale is only as complete as its source, reported there.
        if base
            .site
            .locale(&cell.locale)
            .is_some_and(|l| l.derive_from.is_some())
            && cell.status == Status::Missing
        {
            continue;
        }
        let (code, message) = match cell.status {
            Status::Current | Status::Derived => continue,
            Status::Missing if cell.details.is_empty() => (
                "missing-translation",
                format!("`{}` has no {} text", cell.entry, cell.locale),
            ),
            Status::Missing => (
                "missing-translation",
                format!(
                    "`{}` in {}: {}",
                    cell.entry,
                    cell.locale,
                    cell.details.join("; ")
                ),
            ),
            Status::Stale => (
                "stale-translation",
                format!(
                    "`{}` in {} is behind {}: {}",
                    cell.entry,
                    cell.locale,
                    base.site.reference_locale,
                    cell.details.join(", ")
                ),
            ),
            Status::Unmarked => (
                "unmarked-translation",
                format!(
                    "`{}` in {} was never marked as translated",
                    cell.entry, cell.locale
                ),
            ),
        };
        let help = match cell.status {
            Status::Stale => format!(
                "update the text, then run `handbook translated {} {}`",
                cell.entry, cell.locale
            ),
            Status::Unmarked => cell.details.join("; "),
            _ => "`handbook coverage` lists everything left to translate".to_string(),
        };
        diagnostics.push(
            Diagnostic::warning(code, message)
                .in_file(cell.file)
                .with_help(help),
        );
    }
}

/// How many entries of one kind are in each state, in one locale.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub locale: String,
    pub total: usize,
    pub current: usize,
    pub stale: usize,
    pub unmarked: usize,
    pub missing: usize,
    pub derived: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    pub kind: Kind,
    pub counts: Vec<Counts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocaleColumn {
    pub code: String,
    pub derived_from: Option<String>,
}

/// The translation coverage of the whole base: a locale × kind grid and
/// the list of what to do. Its JSON form is documented in the README.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageReport {
    pub reference: String,
    pub locales: Vec<LocaleColumn>,
    pub grid: Vec<GridRow>,
    /// Every cell that is not current or derived, sorted by locale then entry.
    pub todo: Vec<Cell>,
}

pub fn coverage_report(base: &KnowledgeBase) -> CoverageReport {
    let cells = coverage(base);
    let locales: Vec<LocaleColumn> = base
        .site
        .locales
        .iter()
        .map(|l| LocaleColumn {
            code: l.code.to_string(),
            derived_from: l.derive_from.as_ref().map(|d| d.to_string()),
        })
        .collect();
    let grid = Kind::ALL
        .iter()
        .map(|kind| GridRow {
            kind: *kind,
            counts: locales
                .iter()
                .map(|column| {
                    let mut counts = Counts {
                        locale: column.code.clone(),
                        ..Counts::default()
                    };
                    for cell in cells
                        .iter()
                        .filter(|c| c.kind == *kind && c.locale == column.code)
                    {
                        counts.total += 1;
                        match cell.status {
                            Status::Current => counts.current += 1,
                            Status::Stale => counts.stale += 1,
                            Status::Unmarked => counts.unmarked += 1,
                            Status::Missing => counts.missing += 1,
                            Status::Derived => counts.derived += 1,
                        }
                    }
                    counts
                })
                .collect(),
        })
        .collect();
    let mut todo: Vec<Cell> = cells
        .into_iter()
        .filter(|c| !matches!(c.status, Status::Current | Status::Derived))
        .filter(|c| {
            !(c.status == Status::Missing
                && locales
                    .iter()
                    .any(|l| l.code == c.locale && l.derived_from.is_some()))
        })
        .collect();
    todo.sort_by(|a, b| (&a.locale, &a.entry).cmp(&(&b.locale, &b.entry)));
    CoverageReport {
        reference: base.site.reference_locale.to_string(),
        locales,
        grid,
        todo,
    }
}

impl CoverageReport {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("coverage serializes") + "\n"
    }

    /// A plain-text grid and to-do list for the terminal.
    pub fn to_human(&self) -> String {
        let mut out = format!("Translation coverage (reference: {})\n\n", self.reference);
        out.push_str(&format!("{:<11}", "kind"));
        for column in &self.locales {
            out.push_str(&format!("  {:>22}", column.code));
        }
        out.push('\n');
        for row in &self.grid {
            out.push_str(&format!("{:<11}", row.kind.name()));
            for counts in &row.counts {
                let cell = if counts.total == 0 {
                    "-".to_string()
                } else if counts.derived == counts.total {
                    "derived".to_string()
                } else {
                    let mut parts = vec![format!("{}/{}", counts.current, counts.total)];
                    for (n, word) in [
                        (counts.stale, "stale"),
                        (counts.unmarked, "unmarked"),
                        (counts.missing, "missing"),
                    ] {
                        if n > 0 {
                            parts.push(format!("{n} {word}"));
                        }
                    }
                    parts.join(" ")
                };
                out.push_str(&format!("  {cell:>22}"));
            }
            out.push('\n');
        }
        if self.todo.is_empty() {
            out.push_str("\nNothing to do: every translation is current.\n");
            return out;
        }
        out.push_str(&format!("\nTo do ({}):\n", self.todo.len()));
        for cell in &self.todo {
            let status = match cell.status {
                Status::Stale => "stale",
                Status::Unmarked => "unmarked",
                _ => "missing",
            };
            let details = if cell.details.is_empty() {
                String::new()
            } else {
                format!(": {}", cell.details.join("; "))
            };
            out.push_str(&format!(
                "  {:<8} {:<9} {} ({}){details}\n           {}\n",
                cell.locale,
                status,
                cell.entry,
                cell.kind.name(),
                cell.file
            ));
        }
        out
    }
}
