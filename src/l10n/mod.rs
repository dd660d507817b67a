//! Stage 3, localize: UI strings (Fluent, with CLDR plurals), the derived
//! `sr-Latn` locale, and which text a page in each locale shows.
//!
//! Input: the resolved base and `locales/<code>/*.ftl`. Output: a
//! [`Localizer`] for UI strings and, per locale, the text of each entry
//! ([`Shown`]) — its own, derived by transliteration, or a fallback that the
//! page must mark. Never silently switches language.

mod translit;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    Entry, EntryId, EntryText, ItemText, KnowledgeBase, Locale, OptionText, QuestionText, Site,
    Text,
};
use crate::Project;

pub use translit::{transliterate, transliterate_markdown};

/// UI strings for every configured locale.
pub struct Localizer {
    bundles: BTreeMap<Locale, FluentBundle<FluentResource>>,
    reference: Locale,
    /// The reference locale's files have syntax errors (already reported):
    /// messages missing from it are that error, not new ones.
    reference_broken: bool,
}

impl Localizer {
    /// Loads `locales/<code>/*.ftl` for each locale; a derived locale gets
    /// its source's strings transliterated, overridden by its own files.
    /// Syntax errors and messages missing from a locale are diagnostics; the
    /// bundles are returned even then, so that the theme can still be
    /// checked in the same run (nothing is rendered after an error).
    pub fn load(project: &Project, site: &Site, diagnostics: &Diagnostics) -> Localizer {
        let mut sources: BTreeMap<Locale, Vec<(PathBuf, String)>> = BTreeMap::new();
        for locale in &site.locales {
            let dir = project.root.join("locales").join(locale.code.as_str());
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map(|read| {
                    read.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            let mut texts = Vec::new();
            for file in files {
                let relative = project.relative(&file);
                match std::fs::read(&file).map(String::from_utf8) {
                    Ok(Ok(text)) => {
                        diagnostics.remember_text(&relative, &text);
                        texts.push((relative, text));
                    }
                    Ok(Err(_)) => diagnostics.push(
                        Diagnostic::error("invalid-utf8", "Fluent file is not valid UTF-8")
                            .in_file(relative),
                    ),
                    Err(error) => diagnostics.push(
                        Diagnostic::error("io", format!("cannot read Fluent file: {error}"))
                            .in_file(relative),
                    ),
                }
            }
            if texts.is_empty() && locale.derive_from.is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        "missing-message",
                        format!("no UI strings for locale `{}`", locale.code),
                    )
                    .in_file(project.relative(&dir))
                    .with_help("copy the reference locale's .ftl files there and translate them"),
                );
            }
            sources.insert(locale.code.clone(), texts);
        }

        let mut bundles = BTreeMap::new();
        let mut message_ids: BTreeMap<Locale, BTreeMap<String, PathBuf>> = BTreeMap::new();
        // Locales with a syntax error: their missing messages are that error.
        let mut broken_locales: BTreeSet<Locale> = BTreeSet::new();
        for locale in &site.locales {
            // (file, text, transliterated from the source locale's file)
            let mut resources: Vec<(PathBuf, String, bool)> = Vec::new();
            if let Some(from) = &locale.derive_from {
                for (file, text) in &sources[from] {
                    resources.push((file.clone(), transliterate(text), true));
                }
            }
            resources.extend(
                sources[&locale.code]
                    .iter()
                    .map(|(file, text)| (file.clone(), text.clone(), false)),
            );
            let language = locale.code.as_str().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![language]);
            bundle.set_use_isolating(false);
            let ids = message_ids.entry(locale.code.clone()).or_default();
            for (file, text, derived) in resources {
                let resource = match FluentResource::try_new(text) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        // A derived copy repeats its source's errors, at
                        // offsets shifted by transliteration: report the source's.
                        for error in errors.iter().filter(|_| !derived) {
                            diagnostics.push(
                                Diagnostic::error(
                                    "fluent-syntax",
                                    format!("Fluent syntax error: {}", error.kind),
                                )
                                .at(&file, fluent_error_span(resource.source(), error))
                                .with_help(
                                    "a message is `id = text`; `{ $name }` places a value, \
                                     `{ $n -> [one] … *[other] … }` picks a plural",
                                ),
                            );
                        }
                        broken_locales.insert(locale.code.clone());
                        resource
                    }
                };
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(message) = entry {
                        ids.insert(message.id.name.to_string(), file.clone());
                    }
                }
                bundle.add_resource_overriding(resource);
            }
            bundles.insert(locale.code.clone(), bundle);
        }

        let reference = site.reference_locale.clone();
        let required: BTreeSet<String> = message_ids[&reference].keys().cloned().collect();
        for locale in &site.locales {
            let have = &message_ids[&locale.code];
            if have.is_empty() || broken_locales.contains(&locale.code) {
                continue; // Already reported: no UI strings, or a syntax error.
            }
            for id in &required {
                if !have.contains_key(id) {
                    let dir =
                        project.relative(&project.root.join("locales").join(locale.code.as_str()));
                    let defined_at = message_ids[&reference]
                        .get(id)
                        .and_then(|file| {
                            let text = diagnostics.text_of(file)?;
                            let line = message_line(&text, id)?;
                            Some(format!("{}:{line}", crate::diagnostics::display(file)))
                        })
                        .unwrap_or_else(|| format!("locales/{reference}/"));
                    let target = sources[&locale.code]
                        .first()
                        .map_or(dir.clone(), |(file, _)| file.clone());
                    diagnostics.push(
                        Diagnostic::error(
                            "missing-message",
                            format!("UI string `{id}` is missing in locale `{}`", locale.code),
                        )
                        .in_file(&target)
                        .with_help(format!(
                            "add `{id} = …` to {}, translated from {defined_at}",
                            crate::diagnostics::display(&target)
                        )),
                    );
                }
            }
        }
        let reference_broken = broken_locales.contains(&reference);
        Localizer {
            bundles,
            reference,
            reference_broken,
        }
    }

    /// Whether the reference locale defines a message.
    pub fn has_message(&self, id: &str) -> bool {
        self.bundles[&self.reference].has_message(id)
    }

    /// A UI string; `n` selects the plural form. Falls back to the
    /// reference locale (load checked every locale has every message).
    pub fn message(&self, locale: &Locale, id: &str, args: &[(&str, FluentValue)]) -> String {
        for bundle in [self.bundles.get(locale), self.bundles.get(&self.reference)]
            .into_iter()
            .flatten()
        {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut fluent_args = FluentArgs::new();
            for (name, value) in args {
                fluent_args.set(*name, value.clone());
            }
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
        id.to_string()
    }
}

/// Where a Fluent syntax error is shown. The parser places an unclosed
/// `{` at the start of the next line; the snippet is clearer on the line
/// that lacks the `}`.
fn fluent_error_span(
    source: &str,
    error: &fluent_syntax::parser::ParserError,
) -> std::ops::Range<usize> {
    let start = error.pos.start.min(source.len());
    let entry_start = error.slice.as_ref().map_or(start, |s| s.start);
    if start > entry_start && source[..start].ends_with('\n') {
        let line_end = source[..start].trim_end_matches(['\n', '\r']).len();
        return line_end.saturating_sub(1)..line_end;
    }
    start
        ..error
            .pos
            .end
            .max(start + 1)
            .min(source.len().max(start + 1))
}

/// The line (from 1) where message `id` is defined in a Fluent file.
fn message_line(text: &str, id: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The text a page in some locale shows for one entry.
pub struct Shown<'a> {
    pub text: Cow<'a, EntryText>,
    /// The language the text is in (differs from the page's on fallback).
    pub lang: Locale,
    pub fallback: bool,
}

/// The texts of derived locales (`sr-Latn` from `sr`), made once per
/// entry and kept: transliterating every entry is the costly part of
/// localizing, and a rebuild after an edit redoes only the edited entries.
#[derive(Debug, Default)]
pub struct Derived {
    texts: HashMap<Locale, HashMap<EntryId, EntryText>>,
}

impl Derived {
    /// Every entry's text in every derived locale.
    pub fn of(base: &KnowledgeBase) -> Derived {
        let mut derived = Derived::default();
        derived.update(base, base.entries.keys());
        derived
    }

    /// Redoes the derived texts of `ids` (dropping those of entries that
    /// are gone or have no source text any more).
    pub fn update<'i>(&mut self, base: &KnowledgeBase, ids: impl IntoIterator<Item = &'i EntryId>) {
        use rayon::prelude::*;
        let ids: Vec<&EntryId> = ids.into_iter().collect();
        for locale in &base.site.locales {
            let Some(from) = &locale.derive_from else {
                continue;
            };
            let made: Vec<(&EntryId, Option<EntryText>)> = ids
                .par_iter()
                .map(|id| {
                    let text = base.entries.get(*id).and_then(|e| e.texts.get(from));
                    (*id, text.map(derive_text))
                })
                .collect();
            let texts = self.texts.entry(locale.code.clone()).or_default();
            for (id, text) in made {
                match text {
                    Some(text) => texts.insert(id.clone(), text),
                    None => texts.remove(id),
                };
            }
        }
    }

    fn get(&self, locale: &Locale, id: &EntryId) -> Option<&EntryText> {
        self.texts.get(locale)?.get(id)
    }
}

/// The text each locale shows for each entry: per locale, one slot per
/// entry in the base's (id) order.
pub type ShownTexts<'a> = BTreeMap<Locale, Vec<Option<Shown<'a>>>>;

/// Picks each entry's text for every configured locale: its own, derived
/// (transliterated, from `derived`), or the first in the locale's fallback
/// chain. Borrows every text; copies none.
pub fn localize<'a>(base: &'a KnowledgeBase, derived: &'a Derived) -> ShownTexts<'a> {
    use rayon::prelude::*;
    base.site
        .locales
        .par_iter()
        .map(|locale| {
            let texts = base
                .entries
                .values()
                .map(|entry| shown_text(base, derived, entry, &locale.code))
                .collect();
            (locale.code.clone(), texts)
        })
        .collect()
}

fn shown_text<'a>(
    base: &'a KnowledgeBase,
    derived: &'a Derived,
    entry: &'a Entry,
    locale: &Locale,
) -> Option<Shown<'a>> {
    if let Some(shown) = shown_text_direct(base, derived, entry, locale) {
        return Some(shown);
    }
    let config = base.site.locale(locale.as_str())?;
    for other in &config.fallback {
        if let Some(shown) = shown_text_direct(base, derived, entry, other) {
            return Some(Shown {
                fallback: true,
                ..shown
            });
        }
    }
    // Last resort: any written text, marked as a fallback.
    entry.texts.iter().next().map(|(lang, text)| Shown {
        text: Cow::Borrowed(text),
        lang: lang.clone(),
        fallback: true,
    })
}

/// A locale's own or derived text, without following fallbacks.
fn shown_text_direct<'a>(
    base: &'a KnowledgeBase,
    derived: &'a Derived,
    entry: &'a Entry,
    locale: &Locale,
) -> Option<Shown<'a>> {
    if let Some(text) = entry.texts.get(locale) {
        return Some(Shown {
            text: Cow::Borrowed(text),
            lang: locale.clone(),
            fallback: false,
        });
    }
    base.site.locale(locale.as_str())?.derive_from.as_ref()?;
    derived.get(locale, &entry.id).map(|text| Shown {
        text: Cow::Borrowed(text),
        lang: locale.clone(),
        fallback: false,
    })
}

/// `sr` text → `sr-Latn` text.
fn derive_text(text: &EntryText) -> EntryText {
    let md = |t: &Text| Text {
        markdown: transliterate_markdown(&t.markdown),
        offset: t.offset,
    };
    EntryText {
        file: text.file.clone(),
        front_matter_offset: text.front_matter_offset,
        title: transliterate(&text.title),
        summary: transliterate(&text.summary),
        body: md(&text.body),
        contrasts: text
            .contrasts
            .iter()
            .map(|(k, v)| (k.clone(), md(v)))
            .collect(),
        items: text
            .items
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    ItemText {
                        text: md(&v.text),
                        hint: v.hint.as_ref().map(md),
                    },
                )
            })
            .collect(),
        questions: text.questions.iter().map(md).collect(),
        handling: text.handling.as_ref().map(md),
        notes: text.notes.as_ref().map(md),
        objectives: text.objectives.iter().map(md).collect(),
        quiz: text
            .quiz
            .iter()
            .map(|(k, q)| {
                (
                    k.clone(),
                    QuestionText {
                        question: md(&q.question),
                        options: q
                            .options
                            .iter()
                            .map(|(o, t)| {
                                (
                                    o.clone(),
                                    OptionText {
                                        text: md(&t.text),
                                        explanation: md(&t.explanation),
                                    },
                                )
                            })
                            .collect(),
                    },
                )
            })
            .collect(),
        points: text
            .points
            .iter()
            .map(|(k, v)| (k.clone(), md(v)))
            .collect(),
        author: text.author.as_deref().map(transliterate),
        origin: text.origin.as_deref().map(transliterate),
        translated_from: None,
    }
}

/// The UI-string ids a theme's templates use (`t(key="…")`), for checking
/// that the reference locale defines them all.
pub fn template_message_ids(template_source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = template_source;
    while let Some(i) = rest.find("key=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            ids.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    ids
}

/// Checks that the reference locale defines the UI strings the page code
/// asks for by a computed id (`area-<id>`, `language-<code>`, `kind-<kind>`…),
/// which a scan of the templates cannot see: a new area in site.yaml, or a
/// source in a new language, needs its name in every locale.
pub fn check_computed_messages(
    localizer: &Localizer,
    base: &KnowledgeBase,
    diagnostics: &Diagnostics,
) {
    use crate::model::{Kind, RelationKind};
    if localizer.reference_broken {
        return;
    }
    let site_file = PathBuf::from("content").join("site.yaml");
    let mut required: Vec<Needed> = Vec::new();
    let mut need = |id: String, at: Option<(PathBuf, String)>, by: String| {
        required.push(Needed { id, at, by })
    };
    let fixed = [
        "language-name",
        "nav-home",
        "home-intro",
        "search-title",
        "booklet-title",
        "not-found",
        "view-print",
        "view-quiz",
        "view-handout",
        "view-facilitator",
    ];
    for id in fixed {
        need(id.to_string(), None, "every page".into());
    }
    for kind in Kind::ALL {
        for id in [
            format!("kind-{}", kind.name()),
            format!("kinds-{}", kind.name()),
        ] {
            need(id, None, format!("the kind `{}`", kind.name()));
        }
    }
    for relation in RelationKind::ALL {
        need(
            format!("relation-{}", relation.name()),
            None,
            "the list of backlinks".into(),
        );
    }
    for area in &base.site.areas {
        for id in [format!("area-{area}"), format!("area-{area}-intro")] {
            let at = Some((site_file.clone(), area.clone()));
            need(id, at, format!("the area `{area}` in site.yaml"));
        }
    }
    for locale in &base.site.locales {
        let at = Some((site_file.clone(), locale.code.to_string()));
        need(
            format!("language-{}", locale.code),
            at,
            format!("the locale `{}` in site.yaml", locale.code),
        );
    }
    for entry in base.entries.values() {
        if let Some(meta) = &entry.source {
            let at = Some((entry.structure_file.clone(), meta.language.clone()));
            need(
                format!("language-{}", meta.language),
                at,
                format!("the language of source `{}`", entry.id),
            );
        }
    }
    required.sort_by(|a, b| a.id.cmp(&b.id));
    required.dedup_by(|a, b| a.id == b.id);
    for Needed { id, at, by } in required {
        if localizer.has_message(&id) {
            continue;
        }
        let diagnostic = Diagnostic::error(
            "missing-message",
            format!("UI string `{id}` is not defined, but {by} needs it"),
        )
        .with_help(format!(
            "add `{id} = …` to the .ftl files of every locale in locales/"
        ));
        let placed = at.and_then(|(file, token)| {
            let text = diagnostics.text_of(&file)?;
            let span = crate::load::yaml::find_token(&text, 0, &token)?;
            Some(diagnostic.clone().at(&file, span))
        });
        diagnostics.push(placed.unwrap_or(diagnostic));
    }
}

/// A UI string the page code needs: its id, where in the content the need
/// comes from (file and token), and what needs it, in words.
struct Needed {
    id: String,
    at: Option<(PathBuf, String)>,
    by: String,
}

/// Checks that the reference locale defines every message a template uses.
pub fn check_template_messages(
    localizer: &Localizer,
    templates: &[(PathBuf, String)],
    diagnostics: &Diagnostics,
) {
    for (file, source) in templates {
        for id in template_message_ids(source) {
            if !localizer.has_message(&id) {
                let start = source.find(&format!("key=\"{id}\"")).unwrap_or(0);
                diagnostics.push(
                    Diagnostic::error(
                        "missing-message",
                        format!("template uses UI string `{id}`, which is not defined"),
                    )
                    .at(file, start..start + id.len() + 6)
                    .with_help(format!(
                        "add `{id} = …` to the reference locale's .ftl file"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(locale: &str, ftl: &str) -> FluentBundle<FluentResource> {
        let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(FluentResource::try_new(ftl.to_string()).unwrap())
            .unwrap();
        bundle
    }

    fn check_plural(locale: &str, ftl: &str, cases: &[(i64, &str)]) {
        let bundle = bundle(locale, ftl);
        let pattern = bundle.get_message("items").unwrap().value().unwrap();
        for (n, expected) in cases {
            let mut args = FluentArgs::new();
            args.set("n", FluentValue::from(*n));
            let mut errors = vec![];
            assert_eq!(
                bundle.format_pattern(pattern, Some(&args), &mut errors),
                *expected,
                "{locale} n={n}"
            );
        }
    }

    #[test]
    fn plurals_follow_cldr() {
        let uk = "items = { $n } { $n ->\n [one] пункт\n [few] пункти\n *[many] пунктів\n}\n";
        check_plural(
            "uk",
            uk,
            &[
                (1, "1 пункт"),
                (3, "3 пункти"),
                (5, "5 пунктів"),
                (21, "21 пункт"),
                (11, "11 пунктів"),
            ],
        );
        let sr = "items = { $n } { $n ->\n [one] ставка\n [few] ставке\n *[other] ставки\n}\n";
        check_plural(
            "sr",
            sr,
            &[
                (1, "1 ставка"),
                (3, "3 ставке"),
                (5, "5 ставки"),
                (22, "22 ставке"),
            ],
        );
        // sr-Latn negotiates Serbian rules through the bundle.
        check_plural(
            "sr-Latn",
            &transliterate(sr),
            &[(1, "1 stavka"), (3, "3 stavke"), (5, "5 stavki")],
        );
        let ru = "items = { $n ->\n [one] { $n } пункт\n [few] { $n } пункта\n *[many] { $n } пунктов\n}\n";
        check_plural(
            "ru",
            ru,
            &[(1, "1 пункт"), (2, "2 пункта"), (7, "7 пунктов")],
        );
    }

    #[test]
    fn template_ids_are_found() {
        assert_eq!(
            template_message_ids(r#"{{ t(key="nav-home") }} {{ t(key="items", n=3) }}"#),
            vec!["nav-home", "items"]
        );
    }
}
