//! The knowledge base as data: what `load` produces and every later stage reads.
//!
//! Structure (kind, areas, relations, item ids, quiz answers) lives once on
//! [`Entry`]; text lives per written locale in [`EntryText`]. Nothing here
//! knows about files beyond the paths kept for diagnostics, or about HTML.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// A stable, language-neutral entry id: ASCII `[a-z0-9-]+`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EntryId(pub String);

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl EntryId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Longest id accepted: ids become folder names and URLs.
pub const MAX_ID_LEN: usize = 80;

/// Whether `text` is a valid entry, item, point or option id.
pub fn is_valid_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID_LEN
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
}

/// What is wrong with an id, in words, or `None` when it is valid.
pub fn id_problem(text: &str) -> Option<String> {
    let length = text.chars().count();
    let bad: Vec<String> = text
        .chars()
        .filter(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        .collect::<std::collections::BTreeSet<char>>()
        .into_iter()
        .map(|c| format!("`{}`", c.escape_debug()))
        .collect();
    if text.is_empty() {
        Some("it is empty".into())
    } else if !bad.is_empty() {
        Some(format!(
            "it has {} (only lowercase ASCII letters, digits and `-` are allowed)",
            bad.join(", ")
        ))
    } else if length > MAX_ID_LEN {
        Some(format!(
            "it is {length} characters long (at most {MAX_ID_LEN})"
        ))
    } else if text.starts_with('-') {
        Some("it starts with `-`".into())
    } else {
        None
    }
}

/// A locale code such as `uk` or `sr-Latn`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Locale(pub String);

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Locale {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Principle,
    Checklist,
    Playbook,
    Scenario,
    Module,
    Source,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Principle,
        Kind::Checklist,
        Kind::Playbook,
        Kind::Scenario,
        Kind::Module,
        Kind::Source,
    ];

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == text)
    }

    /// The word used in YAML, Fluent ids (`kind-principle`) and templates.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Principle => "principle",
            Kind::Checklist => "checklist",
            Kind::Playbook => "playbook",
            Kind::Scenario => "scenario",
            Kind::Module => "module",
            Kind::Source => "source",
        }
    }

    /// The URL segment: `/<locale>/<plural>/<id>/`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Principle => "principles",
            Kind::Checklist => "checklists",
            Kind::Playbook => "playbooks",
            Kind::Scenario => "scenarios",
            Kind::Module => "modules",
            Kind::Source => "sources",
        }
    }

    /// Kinds whose items (checklist) or steps (playbook) can be ticked and printed.
    pub fn has_items(self) -> bool {
        matches!(self, Kind::Checklist | Kind::Playbook)
    }
}

/// The site configuration, validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub title: BTreeMap<Locale, String>,
    pub base_url: String,
    pub theme: String,
    pub reference_locale: Locale,
    pub areas: Vec<String>,
    pub locales: Vec<LocaleConfig>,
}

#[derive(Debug, Clone)]
pub struct LocaleConfig {
    pub code: Locale,
    /// Where to look, in order, when an entry has no text in this locale.
    pub fallback: Vec<Locale>,
    /// `sr-Latn` is made from `sr` by transliteration.
    pub derive_from: Option<Locale>,
}

impl Site {
    /// Locales someone writes text in (not derived).
    pub fn written_locales(&self) -> impl Iterator<Item = &Locale> {
        self.locales
            .iter()
            .filter(|l| l.derive_from.is_none())
            .map(|l| &l.code)
    }

    pub fn locale(&self, code: &str) -> Option<&LocaleConfig> {
        self.locales.iter().find(|l| l.code.as_str() == code)
    }
}

/// An entry's link to the article its guidance comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub source: EntryId,
    pub point: Option<String>,
}

/// A checklist item or a playbook step.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub principles: Vec<EntryId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuizQuestion {
    pub id: String,
    pub options: Vec<String>,
    pub answer: String,
}

/// Facts about a source article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceMeta {
    pub language: String,
    pub author: String,
    pub origin: String,
    pub seed: String,
    /// `None` for an untitled article.
    pub published_title: Option<String>,
    pub points: Vec<String>,
}

/// One entry: its structure, and its text in each written locale that has it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: EntryId,
    pub kind: Kind,
    /// The entry's folder, relative to the project root.
    pub dir: PathBuf,
    /// `entry.yaml`, relative to the project root.
    pub structure_file: PathBuf,
    pub areas: Vec<String>,
    pub sources: Vec<SourceRef>,
    pub related: Vec<EntryId>,
    pub contrasts: Vec<EntryId>,
    /// Checklist items or playbook steps, in order.
    pub items: Vec<Item>,
    /// Scenario: the principles and playbooks it teaches.
    pub principles: Vec<EntryId>,
    pub playbooks: Vec<EntryId>,
    /// Module: length in minutes, material, scenarios and quiz.
    pub minutes: u32,
    pub material: Vec<EntryId>,
    pub scenarios: Vec<EntryId>,
    pub quiz: Vec<QuizQuestion>,
    pub source: Option<SourceMeta>,
    /// Written text per locale (derived locales are not here).
    pub texts: BTreeMap<Locale, EntryText>,
    /// A hash of the structure that translations depend on (item ids etc.).
    pub structure_hash: String,
}

impl Entry {
    /// Every relation to another entry, with its type, in a stable order.
    pub fn outgoing(&self) -> Vec<(RelationKind, &EntryId)> {
        let mut out = Vec::new();
        out.extend(self.related.iter().map(|t| (RelationKind::Related, t)));
        out.extend(self.contrasts.iter().map(|t| (RelationKind::Contrasts, t)));
        out.extend(
            self.sources
                .iter()
                .map(|s| (RelationKind::Source, &s.source)),
        );
        for item in &self.items {
            out.extend(item.principles.iter().map(|t| (RelationKind::Principle, t)));
        }
        out.extend(self.principles.iter().map(|t| (RelationKind::Principle, t)));
        out.extend(self.playbooks.iter().map(|t| (RelationKind::Playbook, t)));
        out.extend(self.material.iter().map(|t| (RelationKind::Material, t)));
        out.extend(self.scenarios.iter().map(|t| (RelationKind::Scenario, t)));
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Related,
    Contrasts,
    Source,
    Principle,
    Playbook,
    Material,
    Scenario,
    /// A `[[id]]` link in text.
    Mention,
}

impl RelationKind {
    pub const ALL: [RelationKind; 8] = [
        RelationKind::Related,
        RelationKind::Contrasts,
        RelationKind::Source,
        RelationKind::Principle,
        RelationKind::Playbook,
        RelationKind::Material,
        RelationKind::Scenario,
        RelationKind::Mention,
    ];

    /// The `entry.yaml` key that holds this relation (`[[…]]` for mentions).
    pub fn key(self) -> &'static str {
        match self {
            RelationKind::Related => "related",
            RelationKind::Contrasts => "contrasts",
            RelationKind::Source => "sources",
            RelationKind::Principle => "principles",
            RelationKind::Playbook => "playbooks",
            RelationKind::Material => "material",
            RelationKind::Scenario => "scenarios",
            RelationKind::Mention => "[[…]]",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Related => "related",
            RelationKind::Contrasts => "contrasts",
            RelationKind::Source => "source",
            RelationKind::Principle => "principle",
            RelationKind::Playbook => "playbook",
            RelationKind::Material => "material",
            RelationKind::Scenario => "scenario",
            RelationKind::Mention => "mention",
        }
    }
}

/// A short text with an optional hint: a checklist item or playbook step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemText {
    pub text: Text,
    pub hint: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionText {
    pub text: Text,
    pub explanation: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionText {
    pub question: Text,
    pub options: BTreeMap<String, OptionText>,
}

/// A piece of Markdown text and where it starts in its file (for diagnostics).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub markdown: String,
    /// Byte offset of the text's first character in the file, when known
    /// exactly (the body); front-matter strings are located by search.
    pub offset: Option<usize>,
}

impl Text {
    pub fn new(markdown: impl Into<String>) -> Self {
        Text {
            markdown: markdown.into(),
            offset: None,
        }
    }
}

/// One locale's text of one entry.
#[derive(Debug, Clone, Default)]
pub struct EntryText {
    /// `<locale>.md`, relative to the project root.
    pub file: PathBuf,
    /// Byte offset of the front matter's first line in the file.
    pub front_matter_offset: usize,
    pub title: String,
    pub summary: String,
    pub body: Text,
    pub contrasts: BTreeMap<String, Text>,
    /// Checklist items or playbook steps, by id.
    pub items: BTreeMap<String, ItemText>,
    pub questions: Vec<Text>,
    pub handling: Option<Text>,
    pub notes: Option<Text>,
    pub objectives: Vec<Text>,
    pub quiz: BTreeMap<String, QuestionText>,
    pub points: BTreeMap<String, Text>,
    /// Source: the author and origin as written in this locale (the
    /// structure's values are used where absent).
    pub author: Option<String>,
    pub origin: Option<String>,
    /// Written by `handbook translated`: hashes of the reference text's
    /// fields when this translation was last brought up to date.
    pub translated_from: Option<BTreeMap<String, String>>,
}

/// The whole base: configuration and entries by id.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub site: Site,
    pub entries: BTreeMap<EntryId, Entry>,
    /// Entries whose structure failed to load: links to them are not
    /// reported again as unknown.
    pub broken: std::collections::BTreeSet<EntryId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn id_problems_are_named() {
        assert_eq!(id_problem("keep-in-touch"), None);
        assert_eq!(id_problem(""), Some("it is empty".into()));
        assert!(id_problem("Keep_In.Touch")
            .unwrap()
            .contains("`.`, `I`, `K`, `T`, `_`"));
        assert!(id_problem(&"a".repeat(200))
            .unwrap()
            .contains("200 characters long"));
        assert_eq!(id_problem("-a"), Some("it starts with `-`".into()));
    }

    proptest! {
        #[test]
        fn id_problem_agrees_with_is_valid_id(id in "[a-zA-Z0-9_.я/ -]{0,90}") {
            prop_assert_eq!(id_problem(&id).is_none(), is_valid_id(&id));
        }
    }
}
