//! handbook: a static-site generator for a multilingual knowledge base.
//!
//! The pipeline, one stage per module, data flowing one way:
//!
//! ```text
//! load → resolve → localize → render → output
//! files   KnowledgeBase + Links   Shown texts   Vec<OutputFile>   public/
//! ```
//!
//! [`check`] runs the pipeline up to rendering (templates included) and
//! writes nothing; [`build`] also writes. Content problems are collected as
//! diagnostics and reported together; environment failures are `Err`.

pub mod authoring;
pub mod diagnostics;
pub mod hash;
pub mod l10n;
pub mod load;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics, Report};
use model::KnowledgeBase;
use render::{OutputFile, RenderOptions};

/// Where a project's parts are.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Project { root: root.into() }
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// A path as shown in messages: relative to the project root.
    pub fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}

/// Everything that changes what a build does.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The output directory (default `public/` in the project).
    pub out: Option<PathBuf>,
    /// Warnings (missing translations, orphans…) fail the build.
    pub strict: bool,
    pub render: RenderOptions,
    /// Called with a short note as each stage starts (the CLI shows it on
    /// a terminal); `None` is silent.
    pub progress: Option<fn(&str)>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub out: PathBuf,
    /// The site's `base_url`: every link starts with it.
    pub base_url: String,
    pub files: usize,
    /// Pages (`.html`) per locale, in the configured order.
    pub pages_per_locale: Vec<(String, usize)>,
    pub elapsed: Duration,
}

/// The loaded, checked and rendered site, before anything is written.
pub struct Rendered {
    pub base: KnowledgeBase,
    pub files: Vec<OutputFile>,
}

/// Runs load → resolve → localize → render. `None` when any error (or, when
/// `strict`, any warning) was found; the report says what.
pub fn render_site(project: &Project, options: &BuildOptions) -> (Report, Option<Rendered>) {
    let diagnostics = Diagnostics::new();
    let rendered = run_pipeline(project, options, &diagnostics);
    let report = diagnostics.into_report();
    let failed = report.errors() > 0 || (options.strict && report.warnings() > 0);
    (report, rendered.filter(|_| !failed))
}

fn run_pipeline(
    project: &Project,
    options: &BuildOptions,
    diagnostics: &Diagnostics,
) -> Option<Rendered> {
    let base = load::load(project, diagnostics)?;
    let links = resolve::resolve(&base, diagnostics);
    let localizer = Arc::new(l10n::Localizer::load(project, &base.site, diagnostics));
    l10n::check_computed_messages(&localizer, &base, diagnostics);
    let theme = render::Theme::load(project, &base.site, Arc::clone(&localizer), diagnostics)?;
    if diagnostics.has_errors() {
        return None;
    }
    let files = render::render(
        &base,
        &links,
        &localizer,
        &theme,
        &options.render,
        diagnostics,
    );
    Some(Rendered { base, files })
}

/// `handbook check`: every validation, nothing written.
pub fn check(project: &Project, strict: bool) -> Report {
    let options = BuildOptions {
        strict,
        ..BuildOptions::default()
    };
    render_site(project, &options).0
}

/// `handbook build`: check, render, then replace the output directory.
/// `Err` is an environment failure (a refused or unwritable output).
pub fn build(
    project: &Project,
    options: &BuildOptions,
) -> Result<(Report, Option<BuildSummary>), output::OutputError> {
    let started = Instant::now();
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| project.root.join("public"));
    let out = output::check_output_dir(&out, &project.root, &project.content_dir())?;
    // Before anything can fail: a previous build killed mid-swap left the
    // old site moved aside; put it back.
    output::recover(&out)?;
    let (report, rendered) = render_site(project, options);
    let Some(rendered) = rendered else {
        return Ok((report, None));
    };
    if let Some(report) = options.progress {
        report(&format!("writing {} files", rendered.files.len()));
    }
    output::write_site(&out, &rendered.files)?;
    let pages_per_locale = rendered
        .base
        .site
        .locales
        .iter()
        .map(|l| {
            let prefix = format!("{}/", l.code);
            let count = rendered
                .files
                .iter()
                .filter(|f| f.path.starts_with(&prefix) && f.path.ends_with(".html"))
                .count();
            (l.code.to_string(), count)
        })
        .collect();
    Ok((
        report,
        Some(BuildSummary {
            out,
            base_url: rendered.base.site.base_url.clone(),
            files: rendered.files.len(),
            pages_per_locale,
            elapsed: started.elapsed(),
        }),
    ))
}

/// `handbook coverage`: the translation grid and to-do list. `None` when
/// the content cannot be loaded (the report says why).
pub fn coverage(project: &Project) -> (Report, Option<resolve::translations::CoverageReport>) {
    let diagnostics = Diagnostics::new();
    let coverage = load::load(project, &diagnostics).map(|base| {
        let _ = resolve::resolve(&base, &diagnostics);
        resolve::translations::coverage_report(&base)
    });
    (diagnostics.into_report(), coverage)
}

/// A diagnostic for an environment failure, for uniform printing.
pub fn environment_error(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("environment", message)
}
