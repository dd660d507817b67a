//! Stage 4, render: the resolved, localized base → output files in memory.
//!
//! Templates (Tera) are compiled once per build in [`Theme::load`]; every
//! page is rendered in parallel from a small context of its own (no
//! site-wide data copied into each page). Text reaches HTML only through
//! the templates' escaping or [`markdown`], which escapes raw HTML.

pub mod graph;
pub mod markdown;
mod pages;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Kwargs, State, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::{Localizer, ShownTexts};
use crate::model::{KnowledgeBase, Site};
use crate::resolve::Links;
use crate::Project;

pub use pages::{page_path, search_index_of, Job, Renderer, SheetCache};

/// One file of the site: a path relative to the output root, with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Options that change what is rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `serve` injects its live-reload script; a plain build never does.
    pub live_reload: bool,
}

/// The compiled templates and the static files of a theme.
pub struct Theme {
    tera: Tera,
    /// Static files: path under `static/`, bytes.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template name → file, relative to the project root (for diagnostics).
    template_files: BTreeMap<String, PathBuf>,
}

impl Theme {
    /// Loads and compiles `themes/<theme>/templates/*.html` once, and reads
    /// `themes/<theme>/static/`. Template errors are diagnostics at their
    /// file and line.
    pub fn load(
        project: &Project,
        site: &Site,
        localizer: Arc<Localizer>,
        diagnostics: &Diagnostics,
    ) -> Option<Theme> {
        let dir = project.root.join("themes").join(&site.theme);
        let templates_dir = dir.join("templates");
        let mut sources = Vec::new();
        let mut template_files = BTreeMap::new();
        for item in walkdir::WalkDir::new(&templates_dir)
            .sort_by_file_name()
            .follow_links(false)
        {
            let Ok(item) = item else { continue };
            if !item.file_type().is_file() {
                continue;
            }
            let name = diagnostics_path(
                item.path()
                    .strip_prefix(&templates_dir)
                    .unwrap_or(item.path()),
            );
            let relative = project.relative(item.path());
            match std::fs::read_to_string(item.path()) {
                Ok(text) => {
                    diagnostics.remember_text(&relative, &text);
                    template_files.insert(name.clone(), relative.clone());
                    sources.push((name, relative, text));
                }
                Err(error) => diagnostics.push(
                    Diagnostic::error("io", format!("cannot read template: {error}"))
                        .in_file(relative),
                ),
            }
        }
        if sources.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "missing-theme",
                    format!("theme `{}` has no templates", site.theme),
                )
                .in_file(project.relative(&templates_dir))
                .with_help("set `theme:` in site.yaml to a folder under themes/"),
            );
            return None;
        }
        crate::l10n::check_template_messages(
            &localizer,
            &sources
                .iter()
                .map(|(_, f, t)| (f.clone(), t.clone()))
                .collect::<Vec<_>>(),
            diagnostics,
        );

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.set_escape_fn(write_escaped);
        // Every page asks for the same UI strings without arguments (labels,
        // headings): formatted once per locale here, not once per page.
        // Kept as template values, so that each use shares the text.
        let mut plain: HashMap<String, HashMap<String, tera::Value>> = HashMap::new();
        for locale in &site.locales {
            let messages = plain.entry(locale.code.to_string()).or_default();
            for (_, _, source) in &sources {
                for key in crate::l10n::template_message_ids(source) {
                    let text = localizer.message(&locale.code, &key, &[]);
                    messages.insert(key, tera::Value::from(text));
                }
            }
        }
        let for_t = Arc::clone(&localizer);
        tera.register_function(
            "t",
            move |kwargs: Kwargs, state: &State| -> tera::TeraResult<tera::Value> {
                let key: &str = kwargs.must_get("key")?;
                let lang: String = state.get("lang")?.unwrap_or_default();
                let has_arguments = ["n", "total", "name"]
                    .iter()
                    .any(|name| kwargs.get::<&tera::Value>(name).is_ok_and(|v| v.is_some()));
                if !has_arguments {
                    if let Some(text) = plain.get(&lang).and_then(|m| m.get(key)) {
                        return Ok(text.clone());
                    }
                }
                let mut args: Vec<(&str, fluent_bundle::FluentValue)> = Vec::new();
                let n: Option<i64> = kwargs.get("n")?;
                if let Some(n) = n {
                    args.push(("n", n.into()));
                }
                let total: Option<i64> = kwargs.get("total")?;
                if let Some(total) = total {
                    args.push(("total", total.into()));
                }
                let name: Option<String> = kwargs.get("name")?;
                if let Some(name) = name.as_deref() {
                    args.push(("name", name.into()));
                }
                Ok(for_t
                    .message(&crate::model::Locale(lang), key, &args)
                    .into())
            },
        );
        tera.register_filter(
            "json_script",
            |value: tera::Value, _: Kwargs, _: &State| -> tera::TeraResult<tera::Value> {
                let json = serde_json::to_string(&value)
                    .map_err(|e| tera::Error::message(e.to_string()))?;
                Ok(tera::Value::safe_string(&escape_json_for_script(&json)))
            },
        );
        let added = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, _, text)| (name.as_str(), text.as_str())),
        );
        if let Err(error) = added {
            diagnostics.push(template_diagnostic(&error, &template_files));
            return None;
        }

        let mut static_files = Vec::new();
        let static_dir = dir.join("static");
        for item in walkdir::WalkDir::new(&static_dir)
            .sort_by_file_name()
            .follow_links(false)
        {
            let Ok(item) = item else { continue };
            if !item.file_type().is_file() {
                continue;
            }
            let name =
                diagnostics_path(item.path().strip_prefix(&static_dir).unwrap_or(item.path()));
            match std::fs::read(item.path()) {
                Ok(bytes) => static_files.push((name, bytes)),
                Err(error) => diagnostics.push(
                    Diagnostic::error("io", format!("cannot read static file: {error}"))
                        .in_file(project.relative(item.path())),
                ),
            }
        }
        Some(Theme {
            tera,
            static_files,
            template_files,
        })
    }

    /// Renders one template; a rendering error becomes a diagnostic.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|error| template_diagnostic(&error, &self.template_files))
    }

    /// Renders one template to bytes: what is written to disk, without
    /// checking again that the UTF-8 Tera wrote is UTF-8.
    pub fn render_bytes(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|error| template_diagnostic(&error, &self.template_files))?;
        Ok(bytes)
    }
}

/// Writes `text` escaped for HTML and XML text and attribute values: the
/// same five escapes as Tera's default, but the runs between them written
/// whole instead of byte by byte (Tera's loop was a tenth of a build).
fn write_escaped(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_in_runs(text, |run| out.write_all(run.as_bytes()))
}

/// Appends `text` to `out`, escaped as [`write_escaped`] writes it.
fn push_escaped(out: &mut String, text: &str) {
    let pushed: Result<(), std::convert::Infallible> = escape_in_runs(text, |run| {
        out.push_str(run);
        Ok(())
    });
    let Ok(()) = pushed;
}

/// Gives `put` the pieces of `text` escaped: runs that need no escape,
/// whole, and the escapes between them.
fn escape_in_runs<E>(text: &str, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // `at` is an ASCII byte, so the run ends on a char boundary.
        put(&text[start..at])?;
        put(escape)?;
        start = at + 1;
    }
    put(&text[start..])
}

/// JSON that is safe inside `<script>…</script>`: `<`, `>` and `&` (which
/// could close the element or open a comment) and the line separators
/// U+2028/9 become `\uXXXX` escapes, which mean the same in JSON. Templates
/// embed data with `{{ value | json_script }}`, never `| safe`.
pub fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn diagnostics_path(path: &Path) -> String {
    crate::diagnostics::display(path)
}

fn template_diagnostic(error: &tera::Error, files: &BTreeMap<String, PathBuf>) -> Diagnostic {
    use tera::ErrorKind;
    let report = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let mut message = report.map_or_else(|| error.to_string(), |r| r.message().to_string());
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    let diagnostic = Diagnostic::error("template", format!("template error: {message}"))
        .with_help("fix the theme's template; the content is fine");
    match report.and_then(|r| files.get(r.filename()).map(|f| (f, r.span().range.clone()))) {
        Some((file, range)) => diagnostic.at(file, range),
        None => diagnostic,
    }
}

/// Receives each rendered file (path relative to the output root, bytes):
/// the output stage's writer, a collector, or nothing at all for `check`.
pub type Sink<'s> = dyn Fn(&str, &[u8]) -> Result<(), crate::output::OutputError> + Sync + 's;

/// A sink that keeps every file in memory.
#[derive(Default)]
pub struct Collector(std::sync::Mutex<Vec<OutputFile>>);

impl Collector {
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), crate::output::OutputError> {
        self.0.lock().expect("files lock").push(OutputFile {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        });
        Ok(())
    }

    /// The files, sorted by path.
    pub fn into_sorted(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().expect("files lock");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// What rendering reads: the checked base and what was made from it.
pub struct Input<'a> {
    pub base: &'a KnowledgeBase,
    pub links: &'a Links,
    pub localizer: &'a Localizer,
    pub theme: &'a Theme,
    /// The text each locale shows for each entry ([`crate::l10n::localize`]).
    pub shown: &'a ShownTexts<'a>,
    pub options: &'a RenderOptions,
}

/// Renders every page of the site in parallel and hands each to `sink` as
/// soon as it is rendered, so that no more than a page per thread is held
/// in memory; beside them the static and data files, and each locale's
/// search index (made alongside the pages, so that no thread waits for the
/// last locale's index at the end). A page that fails to render is a
/// diagnostic; `Err` is the sink's own failure (a file that cannot be
/// written), which stops the rendering.
pub fn render(
    input: &Input,
    diagnostics: &Diagnostics,
    sink: &Sink,
) -> Result<(), crate::output::OutputError> {
    let renderer = input.renderer();
    for (name, bytes) in &input.theme.static_files {
        sink(&format!("static/{name}"), bytes)?;
    }
    let graph = renderer.graph_file();
    sink(&graph.path, &graph.bytes)?;
    let search_indexes = || {
        input.base.site.locales.par_iter().try_for_each(|locale| {
            renderer
                .search_index(&locale.code)
                .iter()
                .try_for_each(|file| sink(&file.path, &file.bytes))
        })
    };
    let pages = || render_jobs(&renderer, &renderer.jobs(), diagnostics, sink);
    let (pages, search) = rayon::join(pages, search_indexes);
    pages.and(search)
}

/// Renders only `jobs` (an update after an edit), in parallel, in memory:
/// `None` when any failed (the diagnostics say why).
pub fn render_pages(
    renderer: &Renderer,
    jobs: &[Job],
    diagnostics: &Diagnostics,
) -> Option<Vec<OutputFile>> {
    let files = Collector::default();
    render_jobs(renderer, jobs, diagnostics, &|path, bytes| {
        files.put(path, bytes)
    })
    .ok()?;
    (!diagnostics.has_errors()).then(|| files.into_sorted())
}

impl<'a> Input<'a> {
    /// The renderer of this input's pages and data files.
    pub fn renderer(&self) -> Renderer<'a> {
        Renderer::new(
            self.base,
            self.links,
            self.localizer,
            self.theme,
            self.shown,
            self.options,
        )
    }
}

fn render_jobs(
    renderer: &Renderer,
    jobs: &[Job],
    diagnostics: &Diagnostics,
    sink: &Sink,
) -> Result<(), crate::output::OutputError> {
    jobs.par_iter()
        .try_for_each(|job| match renderer.render_job(job) {
            Ok(files) => files
                .iter()
                .try_for_each(|file| sink(&file.path, &file.bytes)),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                Ok(())
            }
        })
}

#[cfg(test)]
mod tests {
    use super::{escape_json_for_script, write_escaped};

    proptest::proptest! {
        /// Pages escape exactly as Tera's own escaping would.
        #[test]
        fn escaping_matches_teras(text in "[a-zа-я&<>\"' ]{0,40}") {
            let mut ours = Vec::new();
            write_escaped(&text, &mut ours).unwrap();
            let mut teras = Vec::new();
            tera::escape_html(&text, &mut teras).unwrap();
            proptest::prop_assert_eq!(&ours, &teras);
            let mut pushed = String::new();
            super::push_escaped(&mut pushed, &text);
            proptest::prop_assert_eq!(pushed.as_bytes(), &teras[..]);
        }

        /// Escaped JSON means the same data and cannot end a `<script>`
        /// element or open a comment in it, whatever the text (issue #8).
        #[test]
        fn json_for_script_round_trips_and_has_no_markup(text in proptest::prelude::any::<String>()) {
            let json = serde_json::to_string(&serde_json::json!({ "title": text })).unwrap();
            let escaped = escape_json_for_script(&json);
            let markup = ['<', '>', '&', '\u{2028}', '\u{2029}'];
            proptest::prop_assert!(!escaped.contains(markup), "{}", escaped);
            let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
            proptest::prop_assert_eq!(back["title"].as_str(), Some(text.as_str()));
        }
    }

    #[test]
    fn a_closing_script_tag_is_escaped() {
        assert_eq!(
            escape_json_for_script(r#"{"t":"</script><script>"}"#),
            r#"{"t":"\u003c/script\u003e\u003cscript\u003e"}"#
        );
    }
}
