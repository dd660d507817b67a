//! Which pages the site has, and the context each page's template gets.

use std::collections::BTreeMap;

use serde::Serialize;

use super::markdown::{to_html, to_inline_html, to_plain_text, LinkTarget};
use super::{OutputFile, RenderOptions, Theme};
use crate::diagnostics::Diagnostic;
use crate::l10n::{Localizer, Shown};
use crate::model::{Entry, EntryId, Kind, KnowledgeBase, Locale, Text};
use crate::resolve::Links;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Job {
    Chooser,
    NotFound,
    Home(Locale),
    Area(Locale, String),
    KindIndex(Locale, Kind),
    Entry(Locale, EntryId),
    Print(Locale, EntryId),
    Booklet(Locale),
    Quiz(Locale, EntryId),
    Handout(Locale, EntryId),
    Facilitator(Locale, EntryId),
    Search(Locale),
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
    shown: &'a BTreeMap<Locale, BTreeMap<EntryId, Shown<'a>>>,
    options: &'a RenderOptions,
}

#[derive(Serialize)]
struct Link {
    url: String,
    title: String,
    kind: &'static str,
    kind_label: String,
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

#[derive(Serialize)]
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
struct ItemView {
    id: String,
    number: usize,
    text: String,
    hint: Option<String>,
    principles: Vec<Link>,
}

#[derive(Serialize)]
struct ContrastView {
    link: Link,
    note: String,
}

#[derive(Serialize)]
struct SourceLineView {
    link: Link,
    point: Option<String>,
}

#[derive(Serialize)]
struct BacklinkView {
    link: Link,
    relation: String,
}

#[derive(Serialize)]
struct PointView {
    id: String,
    text: String,
    carriers: Vec<Link>,
}

#[derive(Serialize)]
struct SourceView {
    author: String,
    origin: String,
    seed: String,
    published_title: String,
    language: String,
    language_code: String,
    points: Vec<PointView>,
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
struct ScenarioView {
    link: Link,
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
struct EntryView {
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
    items: Vec<ItemView>,
    related: Vec<Link>,
    contrasts: Vec<ContrastView>,
    sources: Vec<SourceLineView>,
    backlinks: Vec<BacklinkView>,
    principles: Vec<Link>,
    playbooks: Vec<Link>,
    material: Vec<ListEntry>,
    scenarios: Vec<ScenarioView>,
    questions: Vec<String>,
    handling: String,
    notes: String,
    objectives: Vec<String>,
    quiz: Vec<QuestionView>,
    minutes: u32,
    source: Option<SourceView>,
    print_url: String,
    quiz_url: String,
    handout_url: String,
    facilitator_url: String,
    source_line: String,
}

#[derive(Serialize)]
struct EntryPage<'v> {
    lang: &'v str,
    layout: &'v Layout,
    entry: &'v EntryView,
}

#[derive(Serialize)]
struct ListPage<'v> {
    lang: &'v str,
    layout: &'v Layout,
    heading: String,
    intro: String,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    label: String,
    url: String,
    entries: Vec<ListEntry>,
}

#[derive(Serialize)]
struct ListEntry {
    link: Link,
    summary: String,
}

#[derive(Serialize)]
struct BookletPage<'v> {
    lang: &'v str,
    layout: &'v Layout,
    sheets: Vec<EntryView>,
}

#[derive(Serialize)]
struct ChooserPage {
    lang: String,
    site_title: String,
    base: String,
    locales: Vec<Alternate>,
}

/// Resolves `[[…]]` for pages in one locale.
struct PageLinks<'r, 'a> {
    renderer: &'r Renderer<'a>,
    locale: &'r Locale,
}

impl LinkTarget for PageLinks<'_, '_> {
    fn resolve(&self, id: &str, item: Option<&str>) -> Option<(String, String)> {
        let id = EntryId(id.to_string());
        let entry = self.renderer.base.entries.get(&id)?;
        let mut url = self.renderer.entry_url(self.locale, entry);
        if let Some(item) = item {
            url.push_str(&format!("#item-{item}"));
        }
        Some((url, self.renderer.title(self.locale, &id)))
    }
}

impl<'a> Renderer<'a> {
    pub fn new(
        base: &'a KnowledgeBase,
        links: &'a Links,
        localizer: &'a Localizer,
        theme: &'a Theme,
        shown: &'a BTreeMap<Locale, BTreeMap<EntryId, Shown<'a>>>,
        options: &'a RenderOptions,
    ) -> Self {
        Renderer {
            base,
            links,
            localizer,
            theme,
            shown,
            options,
        }
    }

    /// Every page of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Chooser, Job::NotFound];
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
                if entry.kind.has_items() {
                    jobs.push(Job::Print(locale.clone(), entry.id.clone()));
                }
                if entry.kind == Kind::Module {
                    jobs.push(Job::Quiz(locale.clone(), entry.id.clone()));
                    jobs.push(Job::Handout(locale.clone(), entry.id.clone()));
                    jobs.push(Job::Facilitator(locale.clone(), entry.id.clone()));
                }
            }
        }
        jobs
    }

    pub fn render_job(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
        let (path, html) = match job {
            Job::Chooser => ("index.html".to_string(), self.chooser()?),
            Job::NotFound => ("404.html".to_string(), self.not_found()?),
            Job::Home(l) => (format!("{l}/index.html"), self.home(l)?),
            Job::Search(l) => (format!("{l}/search/index.html"), self.search(l)?),
            Job::Booklet(l) => (format!("{l}/print/index.html"), self.booklet(l)?),
            Job::Area(l, area) => (format!("{l}/areas/{area}/index.html"), self.area(l, area)?),
            Job::KindIndex(l, kind) => (
                format!("{l}/{}/index.html", kind.plural()),
                self.kind_index(l, *kind)?,
            ),
            Job::Entry(l, id) => {
                let entry = &self.base.entries[id];
                (
                    page_path(l, entry.kind, id),
                    self.entry_page(l, entry, "entry.html", "")?,
                )
            }
            Job::Print(l, id) => {
                let entry = &self.base.entries[id];
                (
                    format!("{l}/{}/{id}/print/index.html", entry.kind.plural()),
                    self.entry_page(l, entry, "print.html", "print")?,
                )
            }
            Job::Quiz(l, id) => (
                format!("{l}/modules/{id}/quiz/index.html"),
                self.entry_page(l, &self.base.entries[id], "quiz.html", "quiz")?,
            ),
            Job::Handout(l, id) => (
                format!("{l}/modules/{id}/handout/index.html"),
                self.entry_page(l, &self.base.entries[id], "handout.html", "handout")?,
            ),
            Job::Facilitator(l, id) => (
                format!("{l}/modules/{id}/facilitator/index.html"),
                self.entry_page(l, &self.base.entries[id], "facilitator.html", "facilitator")?,
            ),
        };
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
        })
    }

    /// Data files written beside the pages: each locale's search index
    /// under `<locale>/search/`.
    pub fn data_files(&self) -> Vec<OutputFile> {
        use rayon::prelude::*;
        self.base
            .site
            .locales
            .par_iter()
            .map(|l| {
                crate::search::build_index(
                    &l.code,
                    &self.search_documents(&l.code),
                    &format!("{}/search", l.code),
                    crate::search::IndexSettings::default(),
                )
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// Every entry of one locale as search sees it: the text the entry's
    /// page shows, as plain text with `[[…]]` links as their titles.
    /// Facilitator notes and quiz answers are left out: they are not on
    /// the entry's page.
    fn search_documents(&self, locale: &Locale) -> Vec<crate::search::Document> {
        use crate::search::{Document, Field};
        let links = PageLinks {
            renderer: self,
            locale,
        };
        let plain = |text: &Text| to_plain_text(&text.markdown, &links);
        self.base
            .entries
            .values()
            .filter_map(|entry| {
                let shown = self.shown[locale].get(&entry.id)?;
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
            })
            .collect()
    }

    fn t(&self, locale: &Locale, id: &str) -> String {
        self.localizer.message(locale, id, &[])
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base.site.base_url)
    }

    fn entry_url(&self, locale: &Locale, entry: &Entry) -> String {
        self.url(&format!("{locale}/{}/{}/", entry.kind.plural(), entry.id))
    }

    fn title(&self, locale: &Locale, id: &EntryId) -> String {
        self.shown[locale]
            .get(id)
            .map_or_else(|| id.to_string(), |s| s.text.title.clone())
    }

    fn link(&self, locale: &Locale, id: &EntryId) -> Link {
        let entry = &self.base.entries[id];
        Link {
            url: self.entry_url(locale, entry),
            title: self.title(locale, id),
            kind: entry.kind.name(),
            kind_label: self.t(locale, &format!("kind-{}", entry.kind.name())),
        }
    }

    fn links_to(&self, locale: &Locale, ids: &[EntryId]) -> Vec<Link> {
        ids.iter()
            .filter(|id| self.base.entries.contains_key(*id))
            .map(|id| self.link(locale, id))
            .collect()
    }

    fn site_title(&self, locale: &Locale) -> String {
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
            areas: site
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

    fn entry_view(&self, locale: &Locale, entry: &Entry) -> EntryView {
        let shown = &self.shown[locale][&entry.id];
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
                let mut seen = std::collections::BTreeSet::new();
                list.iter()
                    .filter(|b| seen.insert(b.from.clone()))
                    .map(|b| BacklinkView {
                        link: self.link(locale, &b.from),
                        relation: self.t(locale, &format!("relation-{}", b.relation.name())),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let source = entry.source.as_ref().map(|meta| SourceView {
            author: meta.author.clone(),
            origin: meta.origin.clone(),
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
                                letter: char::from(b'A' + (j as u8).min(25)).to_string(),
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
                let s_text = &self.shown[locale].get(id)?.text;
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
        let source_titles: Vec<String> = entry
            .sources
            .iter()
            .filter_map(|s| self.base.entries.get(&s.source))
            .filter_map(|s| {
                s.source
                    .as_ref()
                    .map(|m| format!("{} — «{}»", m.author, m.published_title))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
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
            sources: entry
                .sources
                .iter()
                .filter(|s| self.base.entries.contains_key(&s.source))
                .map(|s| SourceLineView {
                    link: self.link(locale, &s.source),
                    point: s.point.as_ref().and_then(|p| {
                        let source_text = &self.shown[locale].get(&s.source)?.text;
                        source_text.points.get(p).map(|t| self.inline(locale, t))
                    }),
                })
                .collect(),
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
            source_line: source_titles.join("; "),
        }
    }

    fn entry_page(
        &self,
        locale: &Locale,
        entry: &Entry,
        template: &str,
        sub: &str,
    ) -> Result<String, Diagnostic> {
        let view = self.entry_view(locale, entry);
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
        let context = tera::Context::from_serialize(&EntryPage {
            lang: locale.as_str(),
            layout: &layout,
            entry: &view,
        })
        .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render(template, &context)
    }

    fn list_entry(&self, locale: &Locale, id: &EntryId) -> ListEntry {
        ListEntry {
            link: self.link(locale, id),
            summary: self.shown[locale]
                .get(id)
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
    ) -> Result<String, Diagnostic> {
        let layout = self.layout(locale, path, heading.clone(), vec![]);
        let page = ListPage {
            lang: locale.as_str(),
            layout: &layout,
            heading,
            intro,
            groups,
        };
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render(template, &context)
    }

    fn home(&self, locale: &Locale) -> Result<String, Diagnostic> {
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

    fn area(&self, locale: &Locale, area: &str) -> Result<String, Diagnostic> {
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
        self.render_list(
            locale,
            "area.html",
            &format!("areas/{area}/"),
            heading.clone(),
            intro,
            groups,
        )
    }

    fn kind_index(&self, locale: &Locale, kind: Kind) -> Result<String, Diagnostic> {
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

    fn search(&self, locale: &Locale) -> Result<String, Diagnostic> {
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

    fn booklet(&self, locale: &Locale) -> Result<String, Diagnostic> {
        let sheets: Vec<EntryView> = self
            .base
            .entries
            .values()
            .filter(|e| e.kind.has_items())
            .map(|e| self.entry_view(locale, e))
            .collect();
        let layout = self.layout(locale, "print/", self.t(locale, "booklet-title"), vec![]);
        let context = tera::Context::from_serialize(&BookletPage {
            lang: locale.as_str(),
            layout: &layout,
            sheets,
        })
        .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        self.theme.render("booklet.html", &context)
    }

    fn chooser(&self) -> Result<String, Diagnostic> {
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
        self.theme.render("chooser.html", &context)
    }

    fn not_found(&self) -> Result<String, Diagnostic> {
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
        self.theme.render("404.html", &context)
    }
}
