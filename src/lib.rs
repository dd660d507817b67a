//! handbook: a static-site generator for a multilingual knowledge base.
//!
//! The pipeline, one stage per module, data flowing one way:
//!
//! ```text
//! load → resolve → localize → render → output
//! files   KnowledgeBase + Links   Shown texts   pages, one at a time   public/
//! ```
//!
//! [`check`] runs the pipeline up to rendering (templates included) and
//! writes nothing; [`build`] also writes, streaming each page to the output
//! stage as it is rendered, and stops early when nothing changed since the
//! last build. Content problems are collected as diagnostics and reported
//! together; environment failures are `Err`.

pub mod authoring;
pub mod diagnostics;
pub mod fingerprint;
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
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// Files in the output.
    pub files: usize,
    /// Files written by this build: all of them on a first build, only the
    /// changed ones when an output is updated, none when it was up to date.
    pub written: usize,
    /// Files of the previous output that this build removed.
    pub removed: usize,
    /// Nothing had changed since the last build: nothing was loaded,
    /// rendered or written.
    pub up_to_date: bool,
    /// Warnings of this build (of the last one, when up to date).
    pub warnings: usize,
    /// Pages (`.html`) per locale, in the configured order (empty when up
    /// to date: the content was not loaded).
    pub pages_per_locale: Vec<(String, usize)>,
    pub elapsed: Duration,
    pub timings: Timings,
}

/// How long each stage of a run took, in order (`build --timings`).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    stages: Vec<Stage>,
}

#[derive(Debug, Clone)]
struct Stage {
    name: &'static str,
    took: Duration,
    /// The process's resident memory after the stage, in MiB, where the
    /// system tells it (Linux).
    resident: Option<u64>,
}

impl Timings {
    /// Runs `stage` and records its wall time under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = stage();
        self.stages.push(Stage {
            name,
            took: started.elapsed(),
            resident: resident_mib(),
        });
        value
    }

    /// Records a figure that is part of the stage before it.
    fn part(&mut self, name: &'static str, took: Duration) {
        self.stages.push(Stage {
            name,
            took,
            resident: None,
        });
    }
}

/// One line per stage: seconds, resident memory after it, the stage's name.
impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for stage in &self.stages {
            let memory = stage
                .resident
                .map_or_else(String::new, |mib| format!("{mib} MiB"));
            let seconds = stage.took.as_secs_f64();
            writeln!(f, "{seconds:>9.3} s {memory:>9}  {}", stage.name)?;
        }
        Ok(())
    }
}

/// Resident memory now, in MiB (`VmRSS` in `/proc/self/status`).
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The loaded, checked and rendered site, held in memory.
pub struct Rendered {
    pub base: KnowledgeBase,
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
}

/// Runs load → resolve → localize → render and keeps every file in memory
/// (a build streams them to disk instead). `None` when any error (or, when
/// `strict`, any warning) was found; the report says what.
pub fn render_site(project: &Project, options: &BuildOptions) -> (Report, Option<Rendered>) {
    let diagnostics = Diagnostics::reading(&project.root);
    let files = render::Collector::default();
    let collect = |path: &str, bytes: &[u8]| files.put(path, bytes);
    let checked = run_pipeline(
        project,
        &diagnostics,
        options,
        &mut Timings::default(),
        &collect,
    )
    .unwrap_or_default();
    let report = diagnostics.into_report();
    let failed = report.errors() > 0 || (options.strict && report.warnings() > 0);
    let files = files.into_sorted();
    (
        report,
        checked.filter(|_| !failed).map(|checked| Rendered {
            base: checked.base,
            files,
        }),
    )
}

/// The site loaded, resolved and localized: what rendering reads, and what
/// `serve` keeps in memory to update the site after an edit.
pub struct Checked {
    pub base: KnowledgeBase,
    pub links: resolve::Links,
    pub derived: l10n::Derived,
    pub localizer: Arc<l10n::Localizer>,
    pub theme: render::Theme,
}

impl Checked {
    /// Rendering's view of the site, with the text each locale shows.
    pub fn render_input<'a>(
        &'a self,
        shown: &'a l10n::ShownTexts<'a>,
        options: &'a RenderOptions,
    ) -> render::Input<'a> {
        render::Input {
            base: &self.base,
            links: &self.links,
            localizer: &self.localizer,
            theme: &self.theme,
            shown,
            options,
        }
    }
}

/// The pipeline, handing each rendered file to `sink`. `Ok(None)` when the
/// content could not be loaded or has errors; `Err` when `sink` failed.
fn run_pipeline(
    project: &Project,
    diagnostics: &Diagnostics,
    options: &BuildOptions,
    timings: &mut Timings,
    sink: &render::Sink,
) -> Result<Option<Checked>, output::OutputError> {
    let Some(base) = timings.time("load", || load::load(project, diagnostics)) else {
        return Ok(None);
    };
    let links = timings.time("resolve", || resolve::resolve(&base, diagnostics));
    let localizer = timings.time("localize: UI strings", || {
        let localizer = l10n::Localizer::load(project, &base.site, diagnostics);
        l10n::check_computed_messages(&localizer, &base, diagnostics);
        Arc::new(localizer)
    });
    let Some(theme) = timings.time("theme", || {
        render::Theme::load(project, &base.site, Arc::clone(&localizer), diagnostics)
    }) else {
        return Ok(None);
    };
    if diagnostics.has_errors() {
        return Ok(None);
    }
    let derived = timings.time("localize: derived texts", || l10n::Derived::of(&base));
    let checked = Checked {
        base,
        links,
        derived,
        localizer,
        theme,
    };
    let shown = timings.time("localize: shown texts", || {
        l10n::localize(&checked.base, &checked.derived)
    });
    let writing = AtomicU64::new(0);
    let timed_sink = |path: &str, bytes: &[u8]| {
        let started = Instant::now();
        let result = sink(path, bytes);
        writing.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        result
    };
    timings.time("render and write", || {
        render::render(
            &checked.render_input(&shown, &options.render),
            diagnostics,
            &timed_sink,
        )
    })?;
    timings.part(
        "  of which writing (time summed over threads)",
        Duration::from_nanos(writing.into_inner()),
    );
    drop(shown);
    Ok(Some(checked))
}

/// `handbook check`: every validation, nothing written.
pub fn check(project: &Project, strict: bool) -> Report {
    let options = BuildOptions {
        strict,
        ..BuildOptions::default()
    };
    let diagnostics = Diagnostics::reading(&project.root);
    let discard = |_: &str, _: &[u8]| Ok(());
    // A sink that never fails cannot make the pipeline fail.
    let _ = run_pipeline(
        project,
        &diagnostics,
        &options,
        &mut Timings::default(),
        &discard,
    );
    diagnostics.into_report()
}

/// `handbook build`: check and render, streaming pages to the output stage,
/// which makes them the output only once the build has validated. With
/// nothing changed since the last build, stops before loading anything.
/// `Err` is an environment failure (a refused or unwritable output).
pub fn build(
    project: &Project,
    options: &BuildOptions,
) -> Result<(Report, Option<BuildSummary>), output::OutputError> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let out = prepare_output(project, options)?;
    let inputs = timings.time("fingerprint inputs", || {
        fingerprint::inputs(project, &options.render)
    });
    let unchanged = timings.time("compare with the output's manifest", || {
        output::up_to_date(&out, inputs.as_deref())
    });
    // A strict build must fail on the warnings, so it needs them listed.
    if let Some(manifest) = unchanged.filter(|m| !(options.strict && m.warnings > 0)) {
        let summary = BuildSummary {
            out,
            base_url: manifest.base_url.clone(),
            files: manifest.files.len(),
            written: 0,
            removed: 0,
            up_to_date: true,
            warnings: manifest.warnings,
            pages_per_locale: Vec::new(),
            elapsed: started.elapsed(),
            timings,
        };
        return Ok((Report::default(), Some(summary)));
    }
    let (report, built) = build_into(project, options, out, inputs.as_deref(), started, timings)?;
    Ok((report, built.map(|(summary, _)| summary)))
}

/// A build that always renders (no up-to-date check) and keeps the checked
/// site in memory: `serve` starts from it and then updates the output with
/// [`serve`]'s incremental rebuilds. The output is what `build` writes.
pub fn build_and_keep(
    project: &Project,
    options: &BuildOptions,
) -> Result<(Report, Option<(BuildSummary, Checked)>), output::OutputError> {
    let out = prepare_output(project, options)?;
    let inputs = fingerprint::inputs(project, &options.render);
    build_into(
        project,
        options,
        out,
        inputs.as_deref(),
        Instant::now(),
        Timings::default(),
    )
}

/// The checked output directory, with what killed builds left put right.
fn prepare_output(
    project: &Project,
    options: &BuildOptions,
) -> Result<PathBuf, output::OutputError> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| project.root.join("public"));
    let out = output::check_output_dir(&out, &project.root, &project.content_dir())?;
    // Before anything can fail: a previous build killed mid-swap left the
    // old site moved aside; put it back.
    output::recover(&out)?;
    output::remove_leftovers_of(&out);
    Ok(out)
}

fn build_into(
    project: &Project,
    options: &BuildOptions,
    out: PathBuf,
    inputs: Option<&str>,
    started: Instant,
    mut timings: Timings,
) -> Result<(Report, Option<(BuildSummary, Checked)>), output::OutputError> {
    let writer = output::SiteWriter::begin(&out)?;
    let diagnostics = Diagnostics::reading(&project.root);
    if let Some(report) = options.progress {
        report("rendering and writing pages");
    }
    let put = |path: &str, bytes: &[u8]| writer.put(path, bytes);
    let checked = run_pipeline(project, &diagnostics, options, &mut timings, &put)?;
    let report = diagnostics.into_report();
    let failed = report.errors() > 0 || (options.strict && report.warnings() > 0);
    let Some(checked) = checked.filter(|_| !failed) else {
        // Dropping the writer removes what it staged.
        return Ok((report, None));
    };
    let site = &checked.base.site;
    let written = timings.time("commit output", || {
        writer.commit(&output::Committed {
            inputs,
            warnings: report.warnings(),
            base_url: &site.base_url,
        })
    })?;
    let pages_per_locale = site
        .locales
        .iter()
        .map(|l| {
            let prefix = format!("{}/", l.code);
            let count = written
                .files
                .iter()
                .filter(|path| path.starts_with(&prefix) && path.ends_with(".html"))
                .count();
            (l.code.to_string(), count)
        })
        .collect();
    let summary = BuildSummary {
        out,
        base_url: site.base_url.clone(),
        files: written.files.len(),
        written: written.written,
        removed: written.removed,
        up_to_date: false,
        warnings: report.warnings(),
        pages_per_locale,
        elapsed: started.elapsed(),
        timings,
    };
    Ok((report, Some((summary, checked))))
}

/// `handbook coverage`: the translation grid and to-do list. `None` when
/// the content cannot be loaded (the report says why).
pub fn coverage(project: &Project) -> (Report, Option<resolve::translations::CoverageReport>) {
    let diagnostics = Diagnostics::reading(&project.root);
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
