//! `<locale>.md` → [`EntryText`]: front matter (title, summary, item texts…)
//! and the Markdown body, checked against the entry's structure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Deserialize;

use super::front_matter::{split_front_matter, SplitError};
use super::yaml::{find_key, find_token, parse_yaml};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Entry, EntryText, ItemText, Kind, OptionText, QuestionText, Text};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    title: String,
    summary: String,
    #[serde(default)]
    contrasts: BTreeMap<String, String>,
    items: Option<BTreeMap<String, RawItemText>>,
    steps: Option<BTreeMap<String, RawItemText>>,
    questions: Option<Vec<String>>,
    handling: Option<String>,
    notes: Option<String>,
    objectives: Option<Vec<String>>,
    quiz: Option<BTreeMap<String, RawQuestionText>>,
    points: Option<BTreeMap<String, String>>,
    author: Option<String>,
    origin: Option<String>,
    translated_from: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItemText {
    text: String,
    #[serde(default)]
    hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionText {
    question: String,
    options: BTreeMap<String, RawOptionText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOptionText {
    text: String,
    explanation: String,
}

/// Which text keys a kind may have beyond title, summary, contrasts.
fn text_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Principle => &[],
        Kind::Checklist => &["items"],
        Kind::Playbook => &["steps"],
        Kind::Scenario => &["questions", "handling", "notes"],
        Kind::Module => &["objectives", "quiz", "notes"],
        Kind::Source => &["points", "author", "origin"],
    }
}

pub fn parse_text(
    text: &str,
    file: PathBuf,
    entry: &Entry,
    diagnostics: &Diagnostics,
) -> Option<EntryText> {
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(SplitError::Missing) => {
            diagnostics.push(
                Diagnostic::error("missing-front-matter", "text file has no front matter")
                    .at(&file, 0..text.len().min(1))
                    .with_help("start the file with a `---` line, then `title:` and `summary:`, then `---`"),
            );
            return None;
        }
        Err(SplitError::Unclosed) => {
            diagnostics.push(
                Diagnostic::error("unclosed-front-matter", "front matter is never closed")
                    .at(&file, 0..3)
                    .with_help("end the front matter with a line holding only `---`"),
            );
            return None;
        }
    };
    let raw: RawText = parse_yaml(
        split.front_matter,
        split.front_matter_offset,
        &file,
        diagnostics,
    )?;
    let front_start = split.front_matter_offset;
    let front_end = front_start + split.front_matter.len();
    let mut ok = true;

    // Keys present that this kind does not use.
    let present = [
        ("items", raw.items.is_some()),
        ("steps", raw.steps.is_some()),
        ("questions", raw.questions.is_some()),
        ("handling", raw.handling.is_some()),
        ("notes", raw.notes.is_some()),
        ("objectives", raw.objectives.is_some()),
        ("quiz", raw.quiz.is_some()),
        ("points", raw.points.is_some()),
        ("author", raw.author.is_some()),
        ("origin", raw.origin.is_some()),
    ];
    for (key, is_present) in present {
        if is_present && !text_keys(entry.kind).contains(&key) {
            push_at_key(
                diagnostics,
                Diagnostic::error(
                    "unknown-field",
                    format!("field `{key}` is not used by a {}", entry.kind.name()),
                ),
                &file,
                text,
                front_start,
                key,
            );
            ok = false;
        }
    }
    if raw.title.trim().is_empty() {
        push_at_key(
            diagnostics,
            Diagnostic::error("missing-field", "the title is empty"),
            &file,
            text,
            front_start,
            "title",
        );
        ok = false;
    }

    // Ids in the text that the structure does not have.
    let mut unknown = |what: &str, id: &str, known: &[&str]| {
        let mut diagnostic = Diagnostic::error(
            "unknown-item",
            format!(
                "{what} `{id}` is not in {}",
                crate::diagnostics::display(&entry.structure_file)
            ),
        );
        diagnostic = match crate::resolve::did_you_mean(id, known.iter().copied()) {
            Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
            None => diagnostic.with_help(format!(
                "add `{id}` to entry.yaml first, or remove this text"
            )),
        };
        let span = find_token(text, front_start, id).filter(|s| s.end <= front_end);
        diagnostics.push(match span {
            Some(span) => diagnostic.at(&file, span),
            None => diagnostic.in_file(&file),
        });
        ok = false;
    };
    // A set: a checklist may have thousands of items (issue #8).
    let item_set: BTreeSet<&str> = entry.items.iter().map(|i| i.id.as_str()).collect();
    let item_ids: Vec<&str> = item_set.iter().copied().collect();
    let items_raw = raw.items.or(raw.steps).unwrap_or_default();
    for id in items_raw.keys() {
        if !item_set.contains(id.as_str()) {
            unknown(
                if entry.kind == Kind::Playbook {
                    "step"
                } else {
                    "item"
                },
                id,
                &item_ids,
            );
        }
    }
    let point_ids: Vec<&str> = entry
        .source
        .iter()
        .flat_map(|s| s.points.iter().map(String::as_str))
        .collect();
    let points_raw = raw.points.unwrap_or_default();
    for id in points_raw.keys() {
        if !point_ids.contains(&id.as_str()) {
            unknown("point", id, &point_ids);
        }
    }
    let question_ids: Vec<&str> = entry.quiz.iter().map(|q| q.id.as_str()).collect();
    let quiz_raw = raw.quiz.unwrap_or_default();
    for (id, question) in &quiz_raw {
        match entry.quiz.iter().find(|q| &q.id == id) {
            None => unknown("question", id, &question_ids),
            Some(structure) => {
                let options: Vec<&str> = structure.options.iter().map(String::as_str).collect();
                for option in question.options.keys() {
                    if !options.contains(&option.as_str()) {
                        unknown("option", option, &options);
                    }
                }
            }
        }
    }
    let contrast_ids: Vec<&str> = entry.contrasts.iter().map(|c| c.as_str()).collect();
    for id in raw.contrasts.keys() {
        if !contrast_ids.contains(&id.as_str()) {
            unknown("contrast", id, &contrast_ids);
        }
    }
    if !ok {
        return None;
    }

    // Front-matter strings are found in the file only when a diagnostic
    // needs them (`locate_value`): searching for each one here was
    // quadratic in the number of items (issue #8).
    let locate = |value: &str| -> Text { Text::new(value) };
    Some(EntryText {
        file,
        front_matter_offset: front_start,
        title: raw.title.trim().to_string(),
        summary: raw.summary.trim().to_string(),
        body: Text {
            markdown: split.body.to_string(),
            offset: Some(split.body_offset),
        },
        contrasts: raw
            .contrasts
            .iter()
            .map(|(k, v)| (k.clone(), locate(v)))
            .collect(),
        items: items_raw
            .iter()
            .map(|(id, item)| {
                (
                    id.clone(),
                    ItemText {
                        text: locate(&item.text),
                        hint: item.hint.as_deref().map(locate),
                    },
                )
            })
            .collect(),
        questions: raw
            .questions
            .unwrap_or_default()
            .iter()
            .map(|q| locate(q))
            .collect(),
        handling: raw.handling.as_deref().map(locate),
        notes: raw.notes.as_deref().map(locate),
        objectives: raw
            .objectives
            .unwrap_or_default()
            .iter()
            .map(|o| locate(o))
            .collect(),
        quiz: quiz_raw
            .iter()
            .map(|(id, q)| {
                (
                    id.clone(),
                    QuestionText {
                        question: locate(&q.question),
                        options: q
                            .options
                            .iter()
                            .map(|(o, t)| {
                                (
                                    o.clone(),
                                    OptionText {
                                        text: locate(&t.text),
                                        explanation: locate(&t.explanation),
                                    },
                                )
                            })
                            .collect(),
                    },
                )
            })
            .collect(),
        points: points_raw
            .iter()
            .map(|(k, v)| (k.clone(), locate(v)))
            .collect(),
        author: raw.author.map(|a| a.trim().to_string()),
        origin: raw.origin.map(|o| o.trim().to_string()),
        translated_from: raw.translated_from,
    })
}

fn push_at_key(
    diagnostics: &Diagnostics,
    diagnostic: Diagnostic,
    file: &std::path::Path,
    text: &str,
    from: usize,
    key: &str,
) {
    diagnostics.push(match find_key(text, from, key) {
        Some(span) => diagnostic.at(file, span),
        None => diagnostic.in_file(file),
    });
}

/// Where a front-matter string starts in `text[from..to]`: found by its
/// first words (folded YAML scalars keep those on one line).
pub fn locate_value(text: &str, from: usize, to: usize, value: &str) -> Option<usize> {
    let probe: String = value.trim().chars().take(24).collect();
    let probe = probe.lines().next().unwrap_or("").trim();
    if probe.is_empty() {
        return None;
    }
    text.get(from..to)?.find(probe).map(|i| from + i)
}
