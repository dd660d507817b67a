//! Which pages the site has, and the context each page's template gets.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

use super::graph;
use super::markdown::{to_html, to_inline_html, to_plain_text, LinkTarget};
use super::{OutputFile, RenderOptions, Theme};
use crate::diagnostics::Diagnostic;
use crate::hash::IdHashing;
use crate::l10n::{Localizer, Shown, ShownTexts};
use crate::model::{Entry, EntryId, Kind, KnowledgeBase, Locale, RelationKind, Text};
use crate::resolve::Links;

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    Chooser,
    NotFound,
    Home(Locale),
    Area(Locale, String),
    KindIndex(Locale, Kind),
    /// An entry's page and its other views (print; quiz, handout and
    /// facilitator for a module), all rendered from one context.
    Entry(Locale, EntryId),
    Booklet(Locale),
    Search(Locale),
    /// The editors' translation status page, out of the readers' navigation.
    Status,
}

/// `kind-<name>` for each kind, in `Kind::ALL` order.
const KIND_LABELS: [&str; 6] = [
    "kind-principle",
    "kind-checklist",
    "kind-playbook",
    "kind-scenario",
    "kind-module",
    "kind-source",
];

/// `relation-<name>` for each relation, in declaration order.
const RELATION_LABELS: [&str; 8] = [
    "relation-related",
    "relation-contrasts",
    "relation-source",
    "relation-principle",
    "relation-playbook",
    "relation-material",
    "relation-scenario",
    "relation-mention",
];

/// The search index of `locale` made of `documents` (in entry order), under
/// `<locale>/search/`.
pub fn search_index_of<D: std::borrow::Borrow<crate::search::Document>>(
    locale: &Locale,
    documents: impl IntoIterator<Item = D>,
) -> Vec<OutputFile> {
    crate::search::build_index(
        locale,
        documents,
        &format!("{locale}/search"),
        crate::search::IndexSettings::default(),
    )
}

/// The output path of a page, relative to the output root.
pub fn page_path(locale: &Locale, kind: Kind, id: &EntryId) -> String {
    format!("{locale}/{}/{id}/index.html", kind.plural())
}

pub struct Renderer<'a> {
    base: &'a KnowledgeBase,
    links: &'a Links,
    localizer: &'a Localizer,
    theme: &'a Theme,
    options: &'a RenderOptions,
    /// Each entry's position in `base.entries` (id order)…
    ordinal: HashMap<&'a str, usize, IdHashing>,
    /// …and the entries in that order.
    entries: Vec<&'a Entry>,
    /// Per configured locale, in order: what links and layouts need.
    locales: Vec<Prepared<'a>>,
    /// Booklet sheets kept from earlier renders (serve), if any.
    sheets: Option<&'a SheetCache>,
}

/// Booklet sheets rendered earlier, by locale and entry, each with the
/// number it was rendered with: `serve` keeps them so that the booklets
/// after an edit render only the sheets the edit changed. Whoever keeps
/// one [`SheetCache::forget`]s the sheets of every entry whose pages it
/// renders again.
#[derive(Default)]
pub struct SheetCache(Mutex<HashMap<(Locale, EntryId), BookletSheet>>);

impl SheetCache {
    /// Drops the sheets of `id` in every locale.
    pub fn forget(&self, id: &EntryId) {
        self.0
            .lock()
            .expect("sheets lock")
            .retain(|(_, entry), _| entry != id);
    }

    fn get(&self, locale: &Locale, id: &EntryId, number: usize) -> Option<BookletSheet> {
        let sheets = self.0.lock().expect("sheets lock");
        let sheet = sheets.get(&(locale.clone(), id.clone()))?;
        (sheet.number == number).then(|| sheet.clone())
    }

    fn put(&self, locale: &Locale, id: &EntryId, sheet: &BookletSheet) {
        self.0
            .lock()
            .expect("sheets lock")
            .insert((locale.clone(), id.clone()), sheet.clone());
    }
}

/// What a locale's pages need about the site and every entry, computed
/// once per build instead of once per link: a page links to dozens of
/// entries, and a UI string formatted through Fluent costs more than the
/// lookup of a ready one.
struct Prepared<'a> {
    code: &'a Locale,
    /// Text shown for each entry, by ordinal.
    shown: Vec<Option<&'a Shown<'a>>>,
    /// Each entry's URL in this locale, by ordinal.
    urls: Vec<String>,
    /// UI strings without arguments, by message id (see `prepared_ids`).
    labels: HashMap<String, String, IdHashing>,
    site_title: String,
    areas: Vec<NavLink>,
    kinds: Vec<NavLink>,
}

/// A link to an entry. Its parts borrow what the renderer prepared for
/// the locale: a page shows dozens of links, so they are not copied.
#[derive(Serialize)]
struct Link<'r> {
    url: Cow<'r, str>,
    title: Cow<'r, str>,
    kind: &'static str,
    kind_label: Cow<'r, str>,
}

#[derive(Serialize)]
struct Alternate {
    code: String,
    name: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Crumb {
    url: String,
    title: String,
}

#[derive(Serialize, Clone)]
struct NavLink {
    id: String,
    url: String,
    label: String,
}

/// What every page's layout needs.
#[derive(Serialize)]
struct Layout {
    lang: String,
    site_title: String,
    base: String,
    page_title: String,
    home_url: String,
    search_url: String,
    print_url: String,
    alternates: Vec<Alternate>,
    crumbs: Vec<Crumb>,
    areas: Vec<NavLink>,
    kinds: Vec<NavLink>,
    live_reload: bool,
}

#[derive(Serialize)]
struct ItemView<'r> {
    id: String,
    number: usize,
    text: String,
    hint: Option<String>,
    principles: Vec<Link<'r>>,
}

#[derive(Serialize)]
struct ContrastView<'r> {
    link: Link<'r>,
    note: String,
}

/// One source of an entry, with the key points the entry takes from it.
#[derive(Serialize)]
struct SourceLineView<'r> {
    link: Link<'r>,
    points: Vec<String>,
}

#[derive(Serialize)]
struct BacklinkView<'r> {
    link: Link<'r>,
    relation: Cow<'r, str>,
}

#[derive(Serialize)]
struct PointView<'r> {
    id: String,
    text: String,
    carriers: Vec<Link<'r>>,
}

#[derive(Serialize)]
struct SourceView<'r> {
    author: String,
    origin: String,
    seed: String,
    /// `None` for an untitled article (the template says so).
    published_title: Option<String>,
    language: String,
    language_code: String,
    points: Vec<PointView<'r>>,
}

#[derive(Serialize)]
struct OptionView {
    id: String,
    letter: String,
    text: String,
    explanation: String,
    correct: bool,
}

#[derive(Serialize)]
struct QuestionView {
    id: String,
    number: usize,
    text: String,
    options: Vec<OptionView>,
}

#[derive(Serialize)]
struct ScenarioView<'r> {
    link: Link<'r>,
    summary: String,
    body: String,
    questions: Vec<String>,
    handling: String,
    notes: String,
}

#[derive(Serialize)]
struct Fallback {
    lang: String,
    name: String,
}

#[derive(Serialize)]
struct EntryView<'r> {
    id: String,
    kind: &'static str,
    kind_label: String,
    url: String,
    title: String,
    summary: String,
    body: String,
    text_lang: String,
    fallback: Option<Fallback>,
    areas: Vec<NavLink>,
    items: Vec<ItemView<'r>>,
    related: Vec<Link<'r>>,
    contrasts: Vec<ContrastView<'r>>,
    sources: Vec<SourceLineView<'r>>,
    backlinks: Vec<BacklinkView<'r>>,
    principles: Vec<Link<'r>>,
    playbooks: Vec<Link<'r>>,
    material: Vec<ListEntry<'r>>,
    scenarios: Vec<ScenarioView<'r>>,
    questions: Vec<String>,
    handling: String,
    notes: String,
    objectives: Vec<String>,
    quiz: Vec<QuestionView>,
    minutes: u32,
    source: Option<SourceView<'r>>,
    print_url: String,
    quiz_url: String,
    handout_url: String,
    facilitator_url: String,
    /// How many distinct sources `source_line` cites.
    source_count: usize,
    source_line: String,
    /// Inline SVG drawn at build time (empty in the booklet's sheets).
    relation_map: String,
}

/// What an entry's view is made for: its own pages get everything; the
/// booklet, which prints thousands of sheets on one page, no relation map.
#[derive(Clone, Copy)]
enum ViewFor {
    Pages,
    Booklet,
}

#[derive(Serialize)]
struct ListPage<'v> {
    lang: &'v str,
    layout: &'v Layout,
    heading: String,
    intro: String,
    groups: Vec<Group<'v>>,
    /// The area's relation cluster as inline SVG (area pages only).
    map: String,
}

#[derive(Serialize)]
struct Group<'r> {
    label: String,
    url: String,
    entries: Vec<ListEntry<'r>>,
}

#[derive(Serialize)]
struct ListEntry<'r> {
    link: Link<'r>,
    summary: String,
}

#[derive(Serialize)]
struct BookletPage<'v> {
    lang: &'v str,
    layout: &'v Layout,
    /// Checklists, then playbooks; empty kinds left out.
    groups: Vec<BookletGroup>,
    sheets: usize,
}

/// The sheets of one kind in the booklet.
#[derive(Serialize)]
struct BookletGroup {
    label: String,
    sheets: Vec<BookletSheet>,
}

/// A sheet with its number in the booklet, shown on the sheet and in the
/// contents so a reader can find it in a printed stack. Each sheet is
/// rendered on its own (`partials/sheet.html`, as on its print page) and
/// the booklet gets its HTML: no context of every sheet at once.
#[derive(Serialize, Clone)]
pub struct BookletSheet {
    number: usize,
    id: String,
    title: String,
    /// The language of the sheet's text when it is a fallback.
    fallback_lang: Option<String>,
    html: String,
}

/// What `partials/sheet.html` reads.
#[derive(Serialize)]
struct SheetContext<'v> {
    lang: &'v str,
    layout: &'v Layout,
    sheet: &'v EntryView<'v>,
    sheet_number: usize,
}

#[derive(Serialize)]
struct ChooserPage {
    lang: String,
    site_title: String,
    base: String,
    locales: Vec<Alternate>,
}

#[derive(Serialize)]
struct StatusPage {
    lang: String,
    site_title: String,
    base: String,
    reference: String,
    locales: Vec<String>,
    rows: Vec<StatusRow>,
    todo: Vec<StatusTodo>,
}

#[derive(Serialize)]
struct StatusRow {
    kind: String,
    cells: Vec<StatusCell>,
}

#[derive(Serialize)]
struct StatusCell {
    state: String,
    current: usize,
    total: usize,
    stale: usize,
    unmarked: usize,
    missing: usize,
    derived: usize,
}

#[derive(Serialize)]
struct StatusTodo {
    locale: String,
    status: String,
    entry: String,
    title: String,
    url: String,
    file: String,
    details: String,
}

/// Resolves `[[…]]` for pages in one locale.
struct PageLinks<'r, 'a> {
    renderer: &'r Renderer<'a>,
    locale: &'r Locale,
}

impl LinkTarget for PageLinks<'_, '_> {
    fn resolve(&self, id: &str, item: Option<&str>) -> Option<(String, String)> {
        let ordinal = *self.renderer.ordinal.get(id)?;
        let prepared = self.renderer.prepared(self.locale)?;
        let mut url = prepared.urls[ordinal].clone();
        let shown = prepared.shown[ordinal];
        let title = || shown.map_or_else(|| id.to_string(), |s| s.text.title.clone());
        let Some(item) = item else {
            return Some((url, title()));
        };
        url.push_str(&format!("#item-{item}"));
        // A link to one item or step reads as that item's own words.
        let item_text = shown
            .and_then(|shown| shown.text.items.get(item))
            .map(|text| plain_item_text(&text.text.markdown, self));
        Some((url, item_text.unwrap_or_else(title)))
    }
}

/// An item's text as link text: Markdown and nested links flattened to
/// their words, cut at a sentence-friendly length.
fn plain_item_text(markdown: &str, titles: &PageLinks) -> String {
    /// Nested links become their target's title (never another item's
    /// text, which could lead back here).
    struct TitlesOnly<'p, 'r, 'a>(&'p PageLinks<'r, 'a>);
    impl LinkTarget for TitlesOnly<'_, '_, '_> {
        fn resolve(&self, id: &str, _: Option<&str>) -> Option<(String, String)> {
            self.0.resolve(id, None)
        }
    }
    let text = super::markdown::to_plain_text(markdown, &TitlesOnly(titles));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches(['.', ' ']);
    if text.chars().count() <= 160 {
        return text.to_string();
    }
    let cut: String = text.chars().take(159).collect();
    format!("{}…", cut.trim_end())
}

impl<'a> Renderer<'a> {
    pub fn new(
        base: &'a KnowledgeBase,
        links: &'a Links,
        localizer: &'a Localizer,
        theme: &'a Theme,
        shown: &'a ShownTexts<'a>,
        options: &'a RenderOptions,
    ) -> Self {
        let ordinal = base
            .entries
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let mut renderer = Renderer {
            base,
            links,
            localizer,
            theme,
            options,
            ordinal,
            entries: base.entries.values().collect(),
            locales: Vec::new(),
            sheets: None,
        };
        renderer.locales = base
            .site
            .locales
            .iter()
            .map(|l| renderer.prepare(&l.code, shown.get(&l.code)))
            .collect();
        renderer
    }

    /// This renderer, taking booklet sheets from `cache` where their entry
    /// and number are unchanged, and keeping the sheets it renders there.
    pub fn with_sheet_cache(mut self, cache: &'a SheetCache) -> Self {
        self.sheets = Some(cache);
        self
    }

    fn prepare(
        &self,
        locale: &'a Locale,
        shown: Option<&'a Vec<Option<Shown<'a>>>>,
    ) -> Prepared<'a> {
        let labels = self
            .prepared_ids()
            .into_iter()
            .map(|id| {
                let text = self.localizer.message(locale, &id, &[]);
                (id, text)
            })
            .collect();
        let entries = self.base.entries.values();
        Prepared {
            code: locale,
            shown: match shown {
                Some(shown) => shown.iter().map(Option::as_ref).collect(),
                None => vec![None; self.entries.len()],
            },
            urls: entries
                .map(|e| self.url(&format!("{locale}/{}/{}/", e.kind.plural(), e.id)))
                .collect(),
            labels,
            site_title: self.site_title(locale),
            areas: self
                .base
                .site
                .areas
                .iter()
                .map(|a| NavLink {
                    id: a.clone(),
                    url: self.url(&format!("{locale}/areas/{a}/")),
                    label: self.t(locale, &format!("area-{a}")),
                })
                .collect(),
            kinds: Kind::ALL
                .iter()
                .map(|k| NavLink {
                    id: k.name().to_string(),
                    url: self.url(&format!("{locale}/{}/", k.plural())),
                    label: self.t(locale, &format!("kinds-{}", k.name())),
                })
                .collect(),
        }
    }

    /// The UI strings without arguments that pages ask for again and again.
    fn prepared_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = ["language-name", "nav-home"]
            .iter()
            .map(|id| id.to_string())
            .collect();
        for kind in Kind::ALL {
            ids.push(format!("kind-{}", kind.name()));
            ids.push(format!("kinds-{}", kind.name()));
        }
        for area in &self.base.site.areas {
            ids.push(format!("area-{area}"));
        }
        ids.extend(RELATION_LABELS.iter().map(|id| id.to_string()));
        for locale in &self.base.site.locales {
            ids.push(format!("language-{}", locale.code));
        }
        ids.retain(|id| self.localizer.has_message(id));
        ids
    }

    fn prepared(&self, locale: &Locale) -> Option<&Prepared<'a>> {
        self.locales.iter().find(|p| p.code == locale)
    }

    /// The text `locale` shows for entry `id`.
    fn shown(&self, locale: &Locale, id: &str) -> Option<&'a Shown<'a>> {
        let ordinal = *self.ordinal.get(id)?;
        self.prepared(locale)?.shown[ordinal]
    }

    /// Every page of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Chooser, Job::NotFound, Job::Status];
        for locale in self.base.site.locales.iter().map(|l| &l.code) {
            jobs.push(Job::Home(locale.clone()));
            jobs.push(Job::Search(locale.clone()));
            jobs.push(Job::Booklet(locale.clone()));
            for area in &self.base.site.areas {
                jobs.push(Job::Area(locale.clone(), area.clone()));
            }
            for kind in Kind::ALL {
                jobs.push(Job::KindIndex(locale.clone(), kind));
            }
            for entry in self.base.entries.values() {
                jobs.push(Job::Entry(locale.clone(), entry.id.clone()));
            }
        }
        jobs
    }

    /// The files of one job: one page, or an entry's page and its views.
    pub fn render_job(&self, job: &Job) -> Result<Vec<OutputFile>, Diagnostic> {
        let (path, html) = match job {
            Job::Chooser => ("index.html".to_string(), self.chooser()?),
            Job::NotFound => ("404.html".to_string(), self.not_found()?),
            Job::Status => ("status/index.html".to_string(), self.status()?),
            Job::Home(l) => (format!("{l}/index.html"), self.home(l)?),
            Job::Search(l) => (format!("{l}/search/index.html"), self.search(l)?),
            Job::Booklet(l) => (format!("{l}/print/index.html"), self.booklet(l)?),
            Job::Area(l, area) => (format!("{l}/areas/{area}/index.html"), self.area(l, area)?),
            Job::KindIndex(l, kind) => (
                format!("{l}/{}/index.html", kind.plural()),
                self.kind_index(l, *kind)?,
            ),
            Job::Entry(l, id) => return self.entry_pages(l, &self.base.entries[id]),
        };
        Ok(vec![OutputFile { path, bytes: html }])
    }

    /// An entry's page and its other views, from one context.
    fn entry_pages(&self, locale: &Locale, entry: &Entry) -> Result<Vec<OutputFile>, Diagnostic> {
        let view = self.entry_view(locale, entry, ViewFor::Pages);
        // Made a template value once, shared by every view of the entry.
        let view_value = tera::Value::try_from_serializable(&view)
            .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        let folder = format!("{locale}/{}/{}/", entry.kind.plural(), entry.id);
        let mut views = vec![("entry.html", "")];
        if entry.kind.has_items() {
            views.push(("print.html", "print"));
        }
        if entry.kind == Kind::Module {
            views.extend([
                ("quiz.html", "quiz"),
                ("handout.html", "handout"),
                ("facilitator.html", "facilitator"),
            ]);
        }
        views
            .into_iter()
            .map(|(template, sub)| {
                let html = self.entry_page(locale, entry, (&view, &view_value), template, sub)?;
                let path = match sub {
                    "" => format!("{folder}index.html"),
                    sub => format!("{folder}{sub}/index.html"),
                };
                Ok(OutputFile { path, bytes: html })
            })
            .collect()
    }

    /// One locale's search index, under `<locale>/search/`, from its
    /// documents made one after another (never all held at once).
    pub fn search_index(&self, locale: &Locale) -> Vec<OutputFile> {
        search_index_of(locale, self.search_documents(locale))
    }

    /// `graph.json`: every entry and relation, for tools.
    pub fn graph_file(&self) -> OutputFile {
        OutputFile {
            path: "graph.json".to_string(),
            bytes: graph::graph_json(self.base, self.links).into_bytes(),
        }
    }

    /// Every entry of one locale as search sees it: the text the entry's
    /// page shows, as plain text with `[[…]]` links as their titles.
    /// Facilitator notes and quiz answers are left out: they are not on
    /// the entry's page.
    fn search_documents<'s>(
        &'s self,
        locale: &'s Locale,
    ) -> impl Iterator<Item = crate::search::Document> + 's {
        self.base
            .entries
            .values()
            .filter_map(move |entry| self.search_document(locale, &entry.id))
    }

    /// Every entry's id, in order.
    pub fn entry_ids(&self) -> impl Iterator<Item = &'a EntryId> + '_ {
        self.entries.iter().map(|e| &e.id)
    }

    /// One entry as the search of `locale` sees it (see `search_documents`).
    pub fn search_document(
        &self,
        locale: &Locale,
        id: &EntryId,
    ) -> Option<crate::search::Document> {
        use crate::search::{Document, Field};
        let entry = self.base.entries.get(id)?;
        let links = PageLinks {
            renderer: self,
            locale,
        };
        let plain = |text: &Text| to_plain_text(&text.markdown, &links);
        let shown = self.shown(locale, entry.id.as_str())?;
        let text = &shown.text;
        let mut texts = vec![(Field::Summary, text.summary.clone())];
        for item in &entry.items {
            if let Some(item_text) = text.items.get(&item.id) {
                texts.push((Field::Items, plain(&item_text.text)));
                if let Some(hint) = &item_text.hint {
                    texts.push((Field::Items, plain(hint)));
                }
            }
        }
        for list in [&text.objectives, &text.questions] {
            texts.extend(list.iter().map(|t| (Field::Items, plain(t))));
        }
        let points = entry.source.iter().flat_map(|meta| &meta.points);
        texts.extend(
            points
                .filter_map(|p| text.points.get(p))
                .map(|t| (Field::Items, plain(t))),
        );
        texts.push((Field::Body, plain(&text.body)));
        texts.extend(text.handling.iter().map(|t| (Field::Body, plain(t))));
        texts.extend(
            entry
                .contrasts
                .iter()
                .filter_map(|id| text.contrasts.get(id.as_str()))
                .map(|t| (Field::Body, plain(t))),
        );
        Some(Document {
            url: self.entry_url(locale, entry),
            title: text.title.clone(),
            kind: entry.kind.name().to_string(),
            kind_label: self.t(locale, &format!("kind-{}", entry.kind.name())),
            fallback_lang: shown.fallback.then(|| shown.lang.to_string()),
            texts,
        })
    }

    fn t(&self, locale: &Locale, id: &str) -> String {
        self.label(locale, id).into_owned()
    }

    /// A UI string without arguments, borrowed when it was prepared.
    fn label(&self, locale: &Locale, id: &str) -> Cow<'_, str> {
        match self.prepared(locale).and_then(|p| p.labels.get(id)) {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned(self.localizer.message(locale, id, &[])),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base.site.base_url)
    }

    fn entry_url(&self, locale: &Locale, entry: &Entry) -> String {
        let prepared = self
            .ordinal
            .get(entry.id.as_str())
            .and_then(|ordinal| self.prepared(locale).map(|p| p.urls[*ordinal].clone()));
        prepared
            .unwrap_or_else(|| self.url(&format!("{locale}/{}/{}/", entry.kind.plural(), entry.id)))
    }

    fn title(&self, locale: &Locale, id: &EntryId) -> String {
        self.shown(locale, id.as_str())
            .map_or_else(|| id.to_string(), |s| s.text.title.clone())
    }

    /// A link to an entry known to exist.
    fn link(&self, locale: &Locale, id: &EntryId) -> Link<'_> {
        let (url, title, kind) = self.link_parts(locale, id);
        Link {
            url,
            title,
            kind: kind.name(),
            kind_label: self.label(locale, KIND_LABELS[kind as usize]),
        }
    }

    /// URL, title and kind of an entry known to exist.
    fn link_parts(&self, locale: &Locale, id: &EntryId) -> (Cow<'_, str>, Cow<'_, str>, Kind) {
        let ordinal = self.ordinal[id.as_str()];
        let entry = self.entries[ordinal];
        match self.prepared(locale) {
            Some(prepared) => (
                Cow::Borrowed(prepared.urls[ordinal].as_str()),
                prepared.shown[ordinal].map_or_else(
                    || Cow::Owned(id.to_string()),
                    |s| Cow::Borrowed(s.text.title.as_str()),
                ),
                entry.kind,
            ),
            None => (
                Cow::Owned(self.entry_url(locale, entry)),
                Cow::Owned(self.title(locale, id)),
                entry.kind,
            ),
        }
    }

    fn links_to(&self, locale: &Locale, ids: &[EntryId]) -> Vec<Link<'_>> {
        ids.iter()
            .filter(|id| self.ordinal.contains_key(id.as_str()))
            .map(|id| self.link(locale, id))
            .collect()
    }

    fn site_title(&self, locale: &Locale) -> String {
        if let Some(prepared) = self.prepared(locale) {
            return prepared.site_title.clone();
        }
        let site = &self.base.site;
        site.title
            .get(locale)
            .cloned()
            .or_else(|| {
                let from = site.locale(locale.as_str())?.derive_from.as_ref()?;
                site.title.get(from).map(|t| crate::l10n::transliterate(t))
            })
            .or_else(|| site.title.get(&site.reference_locale).cloned())
            .unwrap_or_default()
    }

    /// The layout of a page at `path_in_locale` (the part after `/<locale>/`).
    fn layout(
        &self,
        locale: &Locale,
        path_in_locale: &str,
        page_title: String,
        crumbs: Vec<Crumb>,
    ) -> Layout {
        let site = &self.base.site;
        let alternates = site
            .locales
            .iter()
            .map(|l| Alternate {
                code: l.code.to_string(),
                name: self.t(&l.code, "language-name"),
                url: self.url(&format!("{}/{path_in_locale}", l.code)),
                current: &l.code == locale,
            })
            .collect();
        let mut all_crumbs = vec![Crumb {
            url: self.url(&format!("{locale}/")),
            title: self.t(locale, "nav-home"),
        }];
        all_crumbs.extend(crumbs);
        Layout {
            lang: locale.to_string(),
            site_title: self.site_title(locale),
            base: site.base_url.clone(),
            page_title,
            home_url: self.url(&format!("{locale}/")),
            search_url: self.url(&format!("{locale}/search/")),
            print_url: self.url(&format!("{locale}/print/")),
            alternates,
            crumbs: all_crumbs,
            areas: self
                .prepared(locale)
                .map(|p| p.areas.clone())
                .unwrap_or_default(),
            kinds: self
                .prepared(locale)
                .map(|p| p.kinds.clone())
                .unwrap_or_default(),
            live_reload: self.options.live_reload,
        }
    }

    fn md(&self, locale: &Locale, text: &Text) -> String {
        to_html(
            &text.markdown,
            &PageLinks {
                renderer: self,
                locale,
            },
        )
    }

    fn inline(&self, locale: &Locale, text: &Text) -> String {
        to_inline_html(
            &text.markdown,
            &PageLinks {
                renderer: self,
                locale,
            },
        )
    }

    fn entry_view(&self, locale: &Locale, entry: &Entry, used_for: ViewFor) -> EntryView<'_> {
        // An entry with no text file at all (a warning) shows its id.
        let untitled;
        let shown = match self.shown(locale, entry.id.as_str()) {
            Some(shown) => shown,
            None => {
                untitled = Shown {
                    text: std::borrow::Cow::Owned(crate::model::EntryText {
                        title: entry.id.to_string(),
                        ..Default::default()
                    }),
                    lang: locale.clone(),
                    fallback: false,
                };
                &untitled
            }
        };
        let text = &shown.text;
        let url = self.entry_url(locale, entry);
        let item_principles = |ids: &[EntryId]| self.links_to(locale, ids);
        let items = entry
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let item_text = text.items.get(&item.id);
                ItemView {
                    id: item.id.clone(),
                    number: i + 1,
                    text: item_text
                        .map_or_else(|| item.id.clone(), |t| self.inline(locale, &t.text)),
                    hint: item_text
                        .and_then(|t| t.hint.as_ref())
                        .map(|h| self.inline(locale, h)),
                    principles: item_principles(&item.principles),
                }
            })
            .collect();
        let backlinks = self
            .links
            .backlinks
            .get(&entry.id)
            .map(|list| {
                let mut seen = std::collections::HashSet::new();
                list.iter()
                    .filter(|b| seen.insert(b.from.as_str()))
                    .map(|b| BacklinkView {
                        link: self.link(locale, &b.from),
                        relation: self.label(locale, RELATION_LABELS[b.relation as usize]),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let source = entry.source.as_ref().map(|meta| SourceView {
            author: text.author.clone().unwrap_or_else(|| meta.author.clone()),
            origin: text.origin.clone().unwrap_or_else(|| meta.origin.clone()),
            seed: meta.seed.clone(),
            published_title: meta.published_title.clone(),
            language: self.t(locale, &format!("language-{}", meta.language)),
            language_code: meta.language.clone(),
            points: meta
                .points
                .iter()
                .map(|p| PointView {
                    id: p.clone(),
                    text: text
                        .points
                        .get(p)
                        .map_or_else(|| p.clone(), |t| self.inline(locale, t)),
                    carriers: self
                        .links
                        .point_carriers
                        .get(&(entry.id.clone(), p.clone()))
                        .map(|ids| self.links_to(locale, ids))
                        .unwrap_or_default(),
                })
                .collect(),
        });
        // Option letters as the language writes them (А, Б, В… in Ukrainian).
        let letters: Vec<String> = self
            .t(locale, "quiz-letters")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let quiz = entry
            .quiz
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let q_text = text.quiz.get(&q.id);
                QuestionView {
                    id: q.id.clone(),
                    number: i + 1,
                    text: q_text.map_or_else(|| q.id.clone(), |t| self.inline(locale, &t.question)),
                    options: q
                        .options
                        .iter()
                        .enumerate()
                        .map(|(j, o)| {
                            let o_text = q_text.and_then(|t| t.options.get(o));
                            OptionView {
                                id: o.clone(),
                                letter: letters
                                    .get(j)
                                    .cloned()
                                    .unwrap_or_else(|| (j + 1).to_string()),
                                text: o_text
                                    .map_or_else(|| o.clone(), |t| self.inline(locale, &t.text)),
                                explanation: o_text
                                    .map(|t| self.inline(locale, &t.explanation))
                                    .unwrap_or_default(),
                                correct: *o == q.answer,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let scenarios = entry
            .scenarios
            .iter()
            .filter_map(|id| {
                let scenario = self.base.entries.get(id)?;
                let s_text = &self.shown(locale, id.as_str())?.text;
                Some(ScenarioView {
                    link: self.link(locale, id),
                    summary: s_text.summary.clone(),
                    body: self.md(locale, &s_text.body),
                    questions: s_text
                        .questions
                        .iter()
                        .map(|q| self.inline(locale, q))
                        .collect(),
                    handling: s_text
                        .handling
                        .as_ref()
                        .map(|h| self.md(locale, h))
                        .unwrap_or_default(),
                    notes: s_text
                        .notes
                        .as_ref()
                        .map(|n| self.md(locale, n))
                        .unwrap_or_default(),
                })
                .filter(|_| scenario.kind == Kind::Scenario)
            })
            .collect();
        // The foot of a print sheet: each source once, author and title in this locale.
        let mut source_titles: Vec<String> = Vec::new();
        for source in &entry.sources {
            let (Some(found), Some(shown)) = (
                self.base.entries.get(&source.source),
                self.shown(locale, source.source.as_str()),
            ) else {
                continue;
            };
            let author = shown
                .text
                .author
                .clone()
                .or_else(|| found.source.as_ref().map(|m| m.author.clone()))
                .unwrap_or_default();
            let line = format!("{author}, {}", shown.text.title);
            if !source_titles.contains(&line) {
                source_titles.push(line);
            }
        }
        EntryView {
            id: entry.id.to_string(),
            kind: entry.kind.name(),
            kind_label: self.t(locale, &format!("kind-{}", entry.kind.name())),
            url: url.clone(),
            title: text.title.clone(),
            summary: text.summary.clone(),
            body: self.md(locale, &text.body),
            text_lang: shown.lang.to_string(),
            fallback: shown.fallback.then(|| Fallback {
                lang: shown.lang.to_string(),
                name: self.t(locale, &format!("language-{}", shown.lang)),
            }),
            areas: entry
                .areas
                .iter()
                .map(|a| NavLink {
                    id: a.clone(),
                    url: self.url(&format!("{locale}/areas/{a}/")),
                    label: self.t(locale, &format!("area-{a}")),
                })
                .collect(),
            items,
            related: self.links_to(locale, &entry.related),
            contrasts: entry
                .contrasts
                .iter()
                .filter(|id| self.base.entries.contains_key(*id))
                .map(|id| ContrastView {
                    link: self.link(locale, id),
                    note: text
                        .contrasts
                        .get(id.as_str())
                        .map(|n| self.inline(locale, n))
                        .unwrap_or_default(),
                })
                .collect(),
            sources: self.source_lines(locale, entry),
            backlinks,
            principles: self.links_to(locale, &entry.principles),
            playbooks: self.links_to(locale, &entry.playbooks),
            material: entry
                .material
                .iter()
                .filter(|id| self.base.entries.contains_key(*id))
                .map(|id| self.list_entry(locale, id))
                .collect(),
            scenarios,
            questions: text
                .questions
                .iter()
                .map(|q| self.inline(locale, q))
                .collect(),
            handling: text
                .handling
                .as_ref()
                .map(|h| self.md(locale, h))
                .unwrap_or_default(),
            notes: text
                .notes
                .as_ref()
                .map(|n| self.md(locale, n))
                .unwrap_or_default(),
            objectives: text
                .objectives
                .iter()
                .map(|o| self.inline(locale, o))
                .collect(),
            quiz,
            minutes: entry.minutes,
            source,
            print_url: format!("{url}print/"),
            quiz_url: format!("{url}quiz/"),
            handout_url: format!("{url}handout/"),
            facilitator_url: format!("{url}facilitator/"),
            source_count: source_titles.len(),
            source_line: source_titles.join("; "),
            relation_map: match used_for {
                ViewFor::Pages => self.relation_map(locale, entry),
                ViewFor::Booklet => String::new(),
            },
        }
    }

    /// The entry's sources, each once, with the points taken from it.
    fn source_lines(&self, locale: &Locale, entry: &Entry) -> Vec<SourceLineView<'_>> {
        let mut lines: Vec<SourceLineView<'_>> = Vec::new();
        let mut order: Vec<&EntryId> = Vec::new();
        for source in entry
            .sources
            .iter()
            .filter(|s| self.base.entries.contains_key(&s.source))
        {
            if !order.contains(&&source.source) {
                order.push(&source.source);
                lines.push(SourceLineView {
                    link: self.link(locale, &source.source),
                    points: Vec::new(),
                });
            }
            let index = order
                .iter()
                .position(|id| *id == &source.source)
                .expect("just pushed");
            let point_text = source.point.as_ref().and_then(|p| {
                let source_text = &self.shown(locale, source.source.as_str())?.text;
                source_text.points.get(p).map(|t| self.inline(locale, t))
            });
            lines[index].points.extend(point_text);
        }
        lines
    }

    fn entry_page(
        &self,
        locale: &Locale,
        entry: &Entry,
        (view, view_value): (&EntryView, &tera::Value),
        template: &str,
        sub: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut path = format!("{}/{}/", entry.kind.plural(), entry.id);
        let mut crumbs = vec![Crumb {
            url: self.url(&format!("{locale}/{}/", entry.kind.plural())),
            title: self.t(locale, &format!("kinds-{}", entry.kind.name())),
        }];
        let mut title = view.title.clone();
        if !sub.is_empty() {
            path.push_str(&format!("{sub}/"));
            crumbs.push(Crumb {
                url: view.url.clone(),
                title: view.title.clone(),
            });
            title = format!(
                "{} — {}",
                self.t(locale, &format!("view-{sub}")),
                view.title
            );
        }
        let layout = self.layout(locale, &path, title, crumbs);
        // What the templates read: `lang`, `layout` and `entry`.
        let mut context = tera::Context::new();
        context.insert("lang", locale.as_str());
        context.insert("layout", &layout);
        context.insert_value("entry", view_value.clone());
        self.theme.render_bytes(template, &context)
    }

    fn list_entry(&self, locale: &Locale, id: &EntryId) -> ListEntry<'_> {
        ListEntry {
            link: self.link(locale, id),
            summary: self
                .shown(locale, id.as_str())
                .map(|s| s.text.summary.clone())
                .unwrap_or_default(),
        }
    }

    fn render_list(
        &self,
        locale: &Locale,
        template: &str,
        path: &str,
        heading: String,
        intro: String,
        groups: Vec<Group>,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.render_list_with_map(
            locale,
            template,
            path,
            (heading, intro),
            groups,
            String::new(),
        )
    }

    fn render_list_with_map(
        &self,
        locale: &Locale,
        template: &str,
        path: &str,
        (heading, intro): (String, String),
        groups: Vec<Group>,
        map: String,
    ) -> Result<Vec<u8>, Diagnostic> {
        let layout = self.layout(locale, path, heading.clone(), vec![]);
        let page = ListPage {
            lang: locale.as_str(),
            layout: &layout,
            heading,
            intro,
            groups,
            map,
        };
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render_bytes(template, &context)
    }

    fn home(&self, locale: &Locale) -> Result<Vec<u8>, Diagnostic> {
        let groups = self
            .base
            .site
            .areas
            .iter()
            .map(|area| Group {
                label: self.t(locale, &format!("area-{area}")),
                url: self.url(&format!("{locale}/areas/{area}/")),
                entries: self
                    .base
                    .entries
                    .values()
                    .filter(|e| {
                        e.areas.contains(area)
                            && matches!(e.kind, Kind::Checklist | Kind::Playbook | Kind::Module)
                    })
                    .map(|e| self.list_entry(locale, &e.id))
                    .collect(),
            })
            .collect();
        let heading = self.site_title(locale);
        self.render_list(
            locale,
            "home.html",
            "",
            heading,
            self.t(locale, "home-intro"),
            groups,
        )
    }

    fn area(&self, locale: &Locale, area: &str) -> Result<Vec<u8>, Diagnostic> {
        let groups = Kind::ALL
            .iter()
            .map(|kind| Group {
                label: self.t(locale, &format!("kinds-{}", kind.name())),
                url: self.url(&format!("{locale}/{}/", kind.plural())),
                entries: self
                    .base
                    .entries
                    .values()
                    .filter(|e| e.kind == *kind && e.areas.iter().any(|a| a == area))
                    .map(|e| self.list_entry(locale, &e.id))
                    .collect(),
            })
            .filter(|g| !g.entries.is_empty())
            .collect();
        let heading = self.t(locale, &format!("area-{area}"));
        let intro = self.t(locale, &format!("area-{area}-intro"));
        let map = self.cluster_map(locale, area, &heading);
        self.render_list_with_map(
            locale,
            "area.html",
            &format!("areas/{area}/"),
            (heading, intro),
            groups,
            map,
        )
    }

    fn map_node<'r>(&'r self, locale: &Locale, id: &'r EntryId) -> graph::MapNode<'r> {
        let (url, title, kind) = self.link_parts(locale, id);
        graph::MapNode {
            id: id.as_str(),
            title,
            url,
            kind,
        }
    }

    /// The map of an entry: who refers to it, and what it refers to.
    fn relation_map(&self, locale: &Locale, entry: &Entry) -> String {
        // The map draws 14 boxes a side and counts the rest: boxes past
        // the 15th are never drawn, so they are counted, not made.
        const DRAWN: usize = 15;
        let mut seen = std::collections::HashSet::new();
        let incoming_ids: Vec<_> = self
            .links
            .backlinks
            .get(&entry.id)
            .into_iter()
            .flatten()
            .filter(|b| seen.insert(b.from.as_str()))
            .collect();
        let incoming: Vec<_> = incoming_ids
            .iter()
            .take(DRAWN)
            .map(|b| (self.map_node(locale, &b.from), b.relation))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mentioned = self
            .links
            .mentions
            .get(&entry.id)
            .into_iter()
            .flatten()
            .map(|id| (RelationKind::Mention, id));
        let outgoing_ids: Vec<_> = entry
            .outgoing()
            .into_iter()
            .chain(mentioned)
            .filter(|(_, id)| {
                *id != &entry.id
                    && self.ordinal.contains_key(id.as_str())
                    && seen.insert(id.as_str())
            })
            .collect();
        let outgoing: Vec<_> = outgoing_ids
            .iter()
            .take(DRAWN)
            .map(|(relation, id)| (self.map_node(locale, id), *relation))
            .collect();
        if incoming.is_empty() && outgoing.is_empty() {
            return String::new();
        }
        let hidden = incoming_ids.len().saturating_sub(14) + outgoing_ids.len().saturating_sub(14);
        let more_label =
            self.localizer
                .message(locale, "map-more", &[("n", (hidden as i64).into())]);
        let map = graph::EntryMap {
            center: self.map_node(locale, &entry.id),
            incoming,
            outgoing,
            more_label,
        };
        graph::entry_map_svg(&map, &self.t(locale, "map-label"))
    }

    /// The cluster of an area: its entries by kind, and the relations among them.
    fn cluster_map(&self, locale: &Locale, area: &str, heading: &str) -> String {
        let members: Vec<&Entry> = self
            .base
            .entries
            .values()
            .filter(|e| e.areas.iter().any(|a| a == area))
            .collect();
        let ids: std::collections::BTreeSet<&EntryId> = members.iter().map(|e| &e.id).collect();
        let nodes: Vec<graph::MapNode> = members
            .iter()
            .map(|e| self.map_node(locale, &e.id))
            .collect();
        let mut edges = std::collections::BTreeSet::new();
        for entry in &members {
            for (relation, target) in entry.outgoing() {
                if relation != RelationKind::Source && target != &entry.id && ids.contains(target) {
                    edges.insert((entry.id.clone(), target.clone(), relation));
                }
            }
        }
        let edges: Vec<_> = edges.into_iter().collect();
        graph::cluster_svg(
            &nodes,
            &edges,
            &format!("{} — {heading}", self.t(locale, "map-label")),
        )
    }

    fn kind_index(&self, locale: &Locale, kind: Kind) -> Result<Vec<u8>, Diagnostic> {
        let groups = self
            .base
            .site
            .areas
            .iter()
            .map(|area| Group {
                label: self.t(locale, &format!("area-{area}")),
                url: self.url(&format!("{locale}/areas/{area}/")),
                entries: self
                    .base
                    .entries
                    .values()
                    .filter(|e| e.kind == kind && e.areas.first() == Some(area))
                    .map(|e| self.list_entry(locale, &e.id))
                    .collect(),
            })
            .filter(|g| !g.entries.is_empty())
            .collect();
        let heading = self.t(locale, &format!("kinds-{}", kind.name()));
        self.render_list(
            locale,
            "kind_index.html",
            &format!("{}/", kind.plural()),
            heading,
            String::new(),
            groups,
        )
    }

    fn search(&self, locale: &Locale) -> Result<Vec<u8>, Diagnostic> {
        let heading = self.t(locale, "search-title");
        self.render_list(
            locale,
            "search.html",
            "search/",
            heading,
            String::new(),
            vec![],
        )
    }

    /// The booklet: every checklist, then every playbook, each kind in the
    /// order of the site's areas (an entry counts under its first area),
    /// then by id; sheets numbered from 1 across the whole booklet.
    fn booklet(&self, locale: &Locale) -> Result<Vec<u8>, Diagnostic> {
        use rayon::prelude::*;
        let area_rank = |entry: &Entry| {
            entry
                .areas
                .first()
                .and_then(|a| self.base.site.areas.iter().position(|x| x == a))
                .unwrap_or(usize::MAX)
        };
        let layout = self.layout(locale, "print/", self.t(locale, "booklet-title"), vec![]);
        let mut number = 0;
        let mut groups = Vec::new();
        for kind in Kind::ALL.into_iter().filter(|kind| kind.has_items()) {
            let mut entries: Vec<&Entry> = self
                .base
                .entries
                .values()
                .filter(|e| e.kind == kind)
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_by_key(|e| (area_rank(e), e.id.clone()));
            let first = number + 1;
            number += entries.len();
            let sheets = entries
                .into_par_iter()
                .enumerate()
                .map(|(i, entry)| self.booklet_sheet(locale, &layout, entry, first + i))
                .collect::<Result<Vec<_>, _>>()?;
            groups.push(BookletGroup {
                label: self.t(locale, &format!("kinds-{}", kind.name())),
                sheets,
            });
        }
        let context = tera::Context::from_serialize(&BookletPage {
            lang: locale.as_str(),
            layout: &layout,
            groups,
            sheets: number,
        })
        .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render_bytes("booklet.html", &context)
    }

    /// One numbered sheet of the booklet: kept from an earlier render if
    /// there is a [`SheetCache`] holding it, rendered otherwise.
    fn booklet_sheet(
        &self,
        locale: &Locale,
        layout: &Layout,
        entry: &Entry,
        number: usize,
    ) -> Result<BookletSheet, Diagnostic> {
        let Some(cache) = self.sheets else {
            return self.render_sheet(locale, layout, entry, number);
        };
        if let Some(sheet) = cache.get(locale, &entry.id, number) {
            return Ok(sheet);
        }
        let sheet = self.render_sheet(locale, layout, entry, number)?;
        cache.put(locale, &entry.id, &sheet);
        Ok(sheet)
    }

    /// One numbered sheet of the booklet, rendered.
    fn render_sheet(
        &self,
        locale: &Locale,
        layout: &Layout,
        entry: &Entry,
        number: usize,
    ) -> Result<BookletSheet, Diagnostic> {
        let view = self.entry_view(locale, entry, ViewFor::Booklet);
        let context = tera::Context::from_serialize(&SheetContext {
            lang: locale.as_str(),
            layout,
            sheet: &view,
            sheet_number: number,
        })
        .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        Ok(BookletSheet {
            number,
            fallback_lang: view.fallback.is_some().then(|| view.text_lang.clone()),
            html: self.theme.render("partials/sheet.html", &context)?,
            id: view.id,
            title: view.title,
        })
    }

    fn chooser(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = &self.base.site;
        let page = ChooserPage {
            lang: site.reference_locale.to_string(),
            site_title: self.site_title(&site.reference_locale),
            base: site.base_url.clone(),
            locales: site
                .locales
                .iter()
                .map(|l| Alternate {
                    code: l.code.to_string(),
                    name: self.t(&l.code, "language-name"),
                    url: self.url(&format!("{}/", l.code)),
                    current: false,
                })
                .collect(),
        };
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render_bytes("chooser.html", &context)
    }

    /// The coverage grid (colour and text) and every missing or stale entry,
    /// linked to its page, in the reference locale's language.
    fn status(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = &self.base.site;
        let reference = &site.reference_locale;
        let report = crate::resolve::translations::coverage_report(self.base);
        let todo: Vec<StatusTodo> = report
            .todo
            .iter()
            .map(|cell| {
                let id = EntryId(cell.entry.clone());
                let url = self.entry_url(&Locale(cell.locale.clone()), &self.base.entries[&id]);
                StatusTodo {
                    locale: cell.locale.clone(),
                    status: format!("{:?}", cell.status).to_lowercase(),
                    entry: cell.entry.clone(),
                    title: self.title(reference, &id),
                    url,
                    file: cell.file.clone(),
                    details: cell.details.join("; "),
                }
            })
            .collect();
        let rows: Vec<StatusRow> = report
            .grid
            .iter()
            .map(|row| StatusRow {
                kind: self.t(reference, &format!("kinds-{}", row.kind.name())),
                cells: row
                    .counts
                    .iter()
                    .map(|c| {
                        let state = if c.total == 0 {
                            "empty"
                        } else if c.derived == c.total {
                            "derived"
                        } else if c.missing > 0 {
                            "missing"
                        } else if c.stale > 0 || c.unmarked > 0 {
                            "stale"
                        } else {
                            "current"
                        };
                        StatusCell {
                            state: state.to_string(),
                            current: c.current,
                            total: c.total,
                            stale: c.stale,
                            unmarked: c.unmarked,
                            missing: c.missing,
                            derived: c.derived,
                        }
                    })
                    .collect(),
            })
            .collect();
        let page = StatusPage {
            lang: reference.to_string(),
            site_title: self.site_title(reference),
            base: site.base_url.clone(),
            reference: reference.to_string(),
            locales: report.locales.iter().map(|l| l.code.clone()).collect(),
            rows,
            todo,
        };
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render_bytes("status.html", &context)
    }

    fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = &self.base.site;
        let page = ChooserPage {
            lang: site.reference_locale.to_string(),
            site_title: self.site_title(&site.reference_locale),
            base: site.base_url.clone(),
            locales: site
                .locales
                .iter()
                .map(|l| Alternate {
                    code: l.code.to_string(),
                    name: self.t(&l.code, "not-found"),
                    url: self.url(&format!("{}/", l.code)),
                    current: false,
                })
                .collect(),
        };
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render_bytes("404.html", &context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_labels_follow_the_order_of_kinds() {
        for kind in Kind::ALL {
            assert_eq!(KIND_LABELS[kind as usize], format!("kind-{}", kind.name()));
        }
    }

    #[test]
    fn relation_labels_follow_the_order_of_relations() {
        for relation in RelationKind::ALL {
            assert_eq!(
                RELATION_LABELS[relation as usize],
                format!("relation-{}", relation.name())
            );
        }
    }
}
