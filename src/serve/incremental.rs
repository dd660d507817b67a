//! `serve`'s rebuilds: the first one builds the whole site and keeps it in
//! memory; after an edit to entries, only what the edit can change is done
//! again.
//!
//! An edit inside existing entry folders reloads those entries, checks them
//! and the entries that refer to them ([`resolve::update`]), redoes their
//! derived texts, and renders the pages that show them: the entries' own
//! pages in every locale and the pages of the entries they link to or that
//! link to them (titles, backlinks, relation maps). Files whose bytes
//! changed are written in place, each through a temporary file, after the
//! whole update has validated; then the open pages reload. The lists the
//! entries appear in (home, areas, kind indexes, booklets, status page),
//! `graph.json`, the search indexes and the manifest, which depend on many
//! entries, are queued as tasks that [`Rebuilder::after_publish`] runs while
//! the editor pauses, one batch at a time, stopping when a change comes in;
//! each search index is made on a thread of its own. Anything else
//! (site.yaml, locales, themes, an entry added, removed, renamed or changing
//! kind, or a watcher that lost track) is a whole rebuild. A failed update
//! changes nothing and is retried with the next edit. Once the queue is
//! empty the directory is what a fresh `build` writes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

use super::{Rebuilder, Rebuilt};
use crate::diagnostics::{Diagnostics, Report};
use crate::model::{Entry, EntryId, Kind, Locale};
use crate::output::{FileStamp, Manifest, OutputError};
use crate::render::{Job, OutputFile, RenderOptions, Renderer, SheetCache};
use crate::search::Document;
use crate::{l10n, load, render, resolve, BuildOptions, Checked, Project, Timings};

/// Rebuilds the whole site once, then only what each edit changes.
pub struct Incremental {
    project: Project,
    state: Option<State>,
    /// Print how long each stage of an update took (`serve --timings`).
    print_timings: bool,
}

/// The last good site: in memory, and what its output holds.
struct State {
    checked: Checked,
    manifest: Manifest,
    /// Entry folders edited since the output was last updated (an update
    /// that failed is redone with the next edit).
    pending: BTreeSet<PathBuf>,
    /// What depends on every entry and is brought up to date after the
    /// open pages reloaded, in this order.
    behind: BTreeSet<Task>,
    search: Search,
    /// The booklets' sheets, so that a booklet after an edit renders only
    /// the sheets of the entries the edit touched.
    sheets: SheetCache,
}

/// The search documents of each locale, kept so that an index is remade
/// without reading every entry again, and the one index being made on a
/// thread of its own (at 10,000 entries a locale's takes seconds, which an
/// edit must not wait for).
#[derive(Default)]
struct Search {
    /// Per locale, the entries' documents made so far (`None`: the entry
    /// has none in that locale).
    documents: BTreeMap<Locale, BTreeMap<EntryId, Option<Arc<Document>>>>,
    /// Per locale, the entries whose documents must be made again.
    stale: BTreeMap<Locale, BTreeSet<EntryId>>,
    /// Per locale, counts the changes to its documents.
    generation: BTreeMap<Locale, u64>,
    /// The index being made: its locale, the generation of its documents
    /// and where its files arrive.
    making: Option<(Locale, u64, Receiver<Vec<OutputFile>>)>,
}
/// Work an update leaves for after the reload: the lists that show many
/// entries, the search indexes, `graph.json` and the manifest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Task {
    Page(Job),
    SearchIndex(Locale),
    Graph,
    Manifest,
}

/// What an edit touched, when it is an edit of existing entries only.
enum Plan {
    Entries(BTreeSet<PathBuf>),
    Everything,
}

impl Incremental {
    pub fn new(project: Project) -> Incremental {
        Incremental {
            project,
            state: None,
            print_timings: false,
        }
    }

    pub fn with_timings(self, print_timings: bool) -> Incremental {
        Incremental {
            print_timings,
            ..self
        }
    }

    fn whole(&mut self, out: &Path) -> Rebuilt {
        let options = BuildOptions {
            out: Some(out.to_path_buf()),
            ..BuildOptions::default()
        };
        self.state = None;
        match crate::build_and_keep(&self.project, &options) {
            Ok((report, Some((summary, checked)))) => {
                match Manifest::read(&summary.out) {
                    Some(manifest) => {
                        self.state = Some(State {
                            checked,
                            manifest,
                            pending: BTreeSet::new(),
                            behind: BTreeSet::new(),
                            search: Search::default(),
                            sheets: SheetCache::default(),
                        })
                    }
                    None => eprintln!(
                        "warning: cannot read the manifest of {}; every edit will rebuild the whole site",
                        summary.out.display()
                    ),
                }
                Rebuilt::Site {
                    files: summary.files,
                    warnings: report.warnings(),
                    base_url: summary.base_url,
                }
            }
            Ok((report, None)) => Rebuilt::Failed(report),
            Err(error) => environment_failure(&error),
        }
    }

    /// Which entry folders `changed` (files) lie in, if all of them lie in
    /// entries that exist and still hold `entry.yaml`.
    fn plan(&self, state: &State, changed: &[PathBuf]) -> Plan {
        if changed.is_empty() {
            return Plan::Everything;
        }
        // Compared as real paths: the watcher may name them either way.
        let Ok(root) = std::fs::canonicalize(&self.project.root) else {
            return Plan::Everything;
        };
        let known: BTreeSet<PathBuf> = state
            .checked
            .base
            .entries
            .values()
            .map(|e| root.join(&e.dir))
            .collect();
        let mut folders = state.pending.clone();
        for path in changed {
            let Some(folder) = path.parent().and_then(|f| std::fs::canonicalize(f).ok()) else {
                return Plan::Everything;
            };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let is_entry_file = name == "entry.yaml" || name.ends_with(".md");
            if !is_entry_file || !known.contains(&folder) || !folder.join("entry.yaml").is_file() {
                return Plan::Everything;
            }
            // Loaded under the project's own root, as the whole build does.
            let relative = folder.strip_prefix(&root).unwrap_or(&folder);
            folders.insert(self.project.root.join(relative));
        }
        Plan::Entries(folders)
    }
}

impl Rebuilder for Incremental {
    fn rebuild(&mut self, out: &Path, changed: &[PathBuf]) -> Rebuilt {
        let Some(mut state) = self.state.take() else {
            return self.whole(out);
        };
        let folders = match self.plan(&state, changed) {
            Plan::Everything => return self.whole(out),
            Plan::Entries(folders) => folders,
        };
        let mut timings = Timings::default();
        let updated = update(&self.project, &mut state, out, &folders, &mut timings);
        if self.print_timings {
            eprint!("{timings}");
        }
        match updated {
            Updated::Done(rebuilt) => {
                state.pending.clear();
                self.state = Some(state);
                rebuilt
            }
            Updated::Failed(report) => {
                state.pending = folders;
                self.state = Some(state);
                Rebuilt::Failed(report)
            }
            Updated::NeedsWhole => self.whole(out),
        }
    }

    fn has_work(&self) -> bool {
        self.state.as_ref().is_some_and(State::has_work)
    }

    fn after_publish(&mut self, out: &Path, stop: &dyn Fn() -> bool) {
        let Some(state) = self.state.as_mut().filter(|s| s.has_work()) else {
            return;
        };
        let started = std::time::Instant::now();
        let tasks = state.behind.len();
        match catch_up(&self.project, state, out, stop) {
            Ok(()) if self.print_timings && state.behind.len() != tasks => {
                let left = match (state.behind.len(), &state.search.making) {
                    (0, None) => String::new(),
                    (0, Some(_)) => " (a search index is still being made)".to_string(),
                    (n, _) => format!(" ({n} left for later)"),
                };
                eprintln!(
                    "{:>9.3} s  lists, search indexes and manifest{left}",
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(()) => {}
            Err(error) => {
                eprintln!("error: {error}; rebuilding the whole site");
                let _ = self.whole(out);
            }
        }
    }
}

impl State {
    fn has_work(&self) -> bool {
        !self.behind.is_empty() || self.search.making.is_some()
    }
}

enum Updated {
    Done(Rebuilt),
    Failed(Report),
    NeedsWhole,
}

/// Reloads the entries in `folders`, checks them, and writes the pages
/// that show them. On failure, `state` is as it was.
fn update(
    project: &Project,
    state: &mut State,
    out: &Path,
    folders: &BTreeSet<PathBuf>,
    timings: &mut Timings,
) -> Updated {
    let diagnostics = Diagnostics::reading(&project.root);
    let site = &state.checked.base.site;
    let reloaded: Vec<Option<Entry>> = timings.time("load the edited entries", || {
        folders
            .iter()
            .map(|dir| load::reload_entry(project, site, dir, &diagnostics))
            .collect()
    });
    if diagnostics.has_errors() {
        return Updated::Failed(diagnostics.into_report());
    }
    let reloaded: Vec<Entry> = reloaded.into_iter().flatten().collect();
    // A new kind moves the entry's pages and every link to it.
    let entries = &state.checked.base.entries;
    let moved = reloaded
        .iter()
        .any(|e| entries.get(&e.id).is_none_or(|old| old.kind != e.kind));
    if moved {
        return Updated::NeedsWhole;
    }
    let before = Neighbourhood::of(&state.checked, reloaded.iter().map(|e| &e.id));
    let mut previous = BTreeMap::new();
    for entry in reloaded {
        let slot = state
            .checked
            .base
            .entries
            .get_mut(&entry.id)
            .expect("checked above");
        previous.insert(entry.id.clone(), std::mem::replace(slot, entry));
    }
    let checked = &mut state.checked;
    timings.time("check them and their referrers", || {
        resolve::update(&checked.base, &mut checked.links, &previous, &diagnostics);
        l10n::check_computed_messages(&checked.localizer, &checked.base, &diagnostics);
    });
    let rendered = if diagnostics.has_errors() {
        None
    } else {
        timings.time("localize: derived texts", || {
            checked.derived.update(&checked.base, previous.keys())
        });
        let after = Neighbourhood::of(checked, previous.keys());
        let (jobs, later) = jobs_for(checked, &before.union(after));
        let shown = timings.time("localize: shown texts", || {
            l10n::localize(&checked.base, &checked.derived)
        });
        let options = RenderOptions::default();
        let renderer = checked.render_input(&shown, &options).renderer();
        timings.time("render the pages that show them", || {
            render::render_pages(&renderer, &jobs, &diagnostics).map(|files| (jobs, later, files))
        })
    };
    let Some((jobs, later, files)) = rendered else {
        undo(checked, previous);
        return Updated::Failed(diagnostics.into_report());
    };
    let warnings = diagnostics.into_report().warnings();
    match timings.time("write changed pages", || {
        write_pages(state, out, &jobs, files)
    }) {
        Ok(written) => {
            state.behind.extend(later);
            let near: Vec<EntryId> = jobs
                .iter()
                .filter_map(|job| match job {
                    Job::Entry(_, id) => Some(id.clone()),
                    _ => None,
                })
                .collect();
            for id in &near {
                state.sheets.forget(id);
            }
            for locale in state.checked.base.site.locales.iter().map(|l| &l.code) {
                let stale = state.search.stale.entry(locale.clone()).or_default();
                stale.extend(near.iter().cloned());
                *state.search.generation.entry(locale.clone()).or_default() += 1;
            }
            Updated::Done(Rebuilt::Site {
                files: written,
                warnings,
                base_url: state.checked.base.site.base_url.clone(),
            })
        }
        Err(error) => {
            eprintln!("error: {error}");
            Updated::NeedsWhole
        }
    }
}

/// Puts the previous versions of the entries back, links and derived texts
/// included.
fn undo(checked: &mut Checked, previous: BTreeMap<EntryId, Entry>) {
    let mut edited = BTreeMap::new();
    for (id, entry) in previous {
        let slot = checked.base.entries.get_mut(&id).expect("same ids");
        edited.insert(id, std::mem::replace(slot, entry));
    }
    let quiet = Diagnostics::default();
    resolve::update(&checked.base, &mut checked.links, &edited, &quiet);
    checked.derived.update(&checked.base, edited.keys());
}

/// The entries whose pages show something of the edited ones, and what
/// the edited ones are (kinds and areas, for the lists they appear in).
#[derive(Default)]
struct Neighbourhood {
    entries: BTreeSet<EntryId>,
    kinds: BTreeSet<Kind>,
    areas: BTreeSet<String>,
}

impl Neighbourhood {
    fn of<'i>(checked: &Checked, edited: impl Iterator<Item = &'i EntryId>) -> Neighbourhood {
        let mut near = Neighbourhood::default();
        for id in edited {
            near.entries.insert(id.clone());
            let Some(entry) = checked.base.entries.get(id) else {
                continue;
            };
            near.kinds.insert(entry.kind);
            near.areas.extend(entry.areas.iter().cloned());
            near.entries
                .extend(entry.outgoing().into_iter().map(|(_, t)| t.clone()));
            if let Some(mentioned) = checked.links.mentions.get(id) {
                near.entries.extend(mentioned.iter().cloned());
            }
            if let Some(list) = checked.links.backlinks.get(id) {
                near.entries.extend(list.iter().map(|b| b.from.clone()));
            }
        }
        near
    }

    fn union(mut self, other: Neighbourhood) -> Neighbourhood {
        self.entries.extend(other.entries);
        self.kinds.extend(other.kinds);
        self.areas.extend(other.areas);
        self
    }
}

/// What to do again after an edit of the entries in `near`: the pages of
/// those entries, at once; the lists they appear in and the data files,
/// after the reload.
fn jobs_for(checked: &Checked, near: &Neighbourhood) -> (Vec<Job>, Vec<Task>) {
    let base = &checked.base;
    let entries: Vec<&Entry> = near
        .entries
        .iter()
        .filter_map(|id| base.entries.get(id))
        .collect();
    let sheets = entries.iter().any(|e| e.kind.has_items());
    let mut now = Vec::new();
    let mut later = vec![Task::Page(Job::Status), Task::Graph, Task::Manifest];
    for locale in base.site.locales.iter().map(|l| &l.code) {
        for entry in &entries {
            now.push(Job::Entry(locale.clone(), entry.id.clone()));
        }
        later.push(Task::Page(Job::Home(locale.clone())));
        if sheets {
            later.push(Task::Page(Job::Booklet(locale.clone())));
        }
        for area in base.site.areas.iter().filter(|a| near.areas.contains(*a)) {
            later.push(Task::Page(Job::Area(locale.clone(), area.clone())));
        }
        for kind in Kind::ALL.into_iter().filter(|k| near.kinds.contains(k)) {
            later.push(Task::Page(Job::KindIndex(locale.clone(), kind)));
        }
        later.push(Task::SearchIndex(locale.clone()));
    }
    (now, later)
}

/// Writes the rendered files whose bytes changed, and removes the files an
/// entry's pages no longer have. Returns how many were written.
fn write_pages(
    state: &mut State,
    out: &Path,
    jobs: &[Job],
    files: Vec<OutputFile>,
) -> Result<usize, OutputError> {
    let mut removed = Vec::new();
    let made: HashMap<&str, ()> = files.iter().map(|f| (f.path.as_str(), ())).collect();
    for job in jobs {
        if let Job::Entry(locale, id) = job {
            let folder = entry_folder(&state.checked, locale, id);
            removed.extend(
                state
                    .manifest
                    .files
                    .range(folder.clone()..)
                    .take_while(|(path, _)| path.starts_with(&folder))
                    .filter(|(path, _)| !made.contains_key(path.as_str()))
                    .map(|(path, _)| path.clone()),
            );
        }
    }
    write_changed(&mut state.manifest, out, files, &removed)
}

/// Writes the files whose bytes differ from the manifest's, removes
/// `removed`, and records both in the manifest (in memory). Returns how
/// many files were written.
fn write_changed(
    manifest: &mut Manifest,
    out: &Path,
    files: Vec<OutputFile>,
    removed: &[String],
) -> Result<usize, OutputError> {
    let changed: Vec<OutputFile> = files
        .into_iter()
        .filter(|f| manifest.files.get(&f.path) != Some(&FileStamp::of(&f.bytes)))
        .collect();
    crate::output::update_in_place(out, &changed, removed)?;
    for file in &changed {
        manifest
            .files
            .insert(file.path.clone(), FileStamp::of(&file.bytes));
    }
    for path in removed {
        manifest.files.remove(path);
    }
    Ok(changed.len())
}

fn entry_folder(checked: &Checked, locale: &Locale, id: &EntryId) -> String {
    let page = render::page_path(locale, checked.base.entries[id].kind, id);
    page.trim_end_matches("index.html").to_string()
}

/// Does the work left behind by updates, one task at a time (as many in
/// parallel as there are threads), until it is done or `stop` says an edit
/// came in; what is left stays queued. A search index is made on its own
/// thread and written when it arrives, if no edit changed its documents
/// meanwhile.
fn catch_up(
    project: &Project,
    state: &mut State,
    out: &Path,
    stop: &dyn Fn() -> bool,
) -> Result<(), OutputError> {
    use rayon::prelude::*;
    receive_index(state, out)?;
    // Only a search index waiting for the one being made: nothing to do yet.
    let making = state.search.making.is_some();
    if state
        .behind
        .iter()
        .all(|task| making && matches!(task, Task::SearchIndex(_)))
    {
        return Ok(());
    }
    let tasks: Vec<Task> = std::mem::take(&mut state.behind).into_iter().collect();
    let checked = &state.checked;
    let shown = l10n::localize(&checked.base, &checked.derived);
    let options = RenderOptions::default();
    let renderer = checked
        .render_input(&shown, &options)
        .renderer()
        .with_sheet_cache(&state.sheets);
    let diagnostics = Diagnostics::reading(&project.root);
    let mut left = Vec::new();
    let mut tasks = tasks.into_iter().peekable();
    while tasks.peek().is_some() {
        if stop() {
            break;
        }
        // Up to one task per thread, the pages rendered in parallel; a
        // search index is only started (one at a time).
        let mut batch = Vec::new();
        while batch.len() < rayon::current_num_threads().max(1) {
            match tasks.next() {
                Some(Task::SearchIndex(locale)) if state.search.making.is_some() => {
                    left.push(Task::SearchIndex(locale));
                }
                Some(Task::SearchIndex(locale)) => {
                    if !start_index(&mut state.search, &renderer, &locale, stop) {
                        left.push(Task::SearchIndex(locale));
                    }
                }
                Some(task) => batch.push(task),
                None => break,
            }
        }
        let made: Vec<(Task, Vec<OutputFile>)> = batch
            .into_par_iter()
            .map(|task| {
                let files = match &task {
                    Task::Page(job) => renderer.render_job(job).unwrap_or_else(|diagnostic| {
                        diagnostics.push(diagnostic);
                        Vec::new()
                    }),
                    Task::Graph => vec![renderer.graph_file()],
                    Task::SearchIndex(_) | Task::Manifest => Vec::new(),
                };
                (task, files)
            })
            .collect();
        if diagnostics.has_errors() {
            let report = diagnostics.into_report();
            return Err(OutputError(format!(
                "a page failed to render after the update:\n{}",
                report.to_human(false)
            )));
        }
        for (task, files) in made {
            write_changed(&mut state.manifest, out, files, &[])?;
            if task == Task::Manifest {
                state.manifest.inputs = None;
                state.manifest.write(out)?;
            }
        }
    }
    state.behind.extend(left);
    state.behind.extend(tasks);
    Ok(())
}

/// Starts making the search index of `locale` on its own thread, from its
/// documents brought up to date. Making the documents of every entry the
/// first time takes seconds at 10,000 entries: it goes in steps, and stops
/// (returning `false`, to be resumed later) when `stop` says an edit came.
fn start_index(
    search: &mut Search,
    renderer: &Renderer,
    locale: &Locale,
    stop: &dyn Fn() -> bool,
) -> bool {
    use rayon::prelude::*;
    const STEP: usize = 256;
    let documents = search.documents.entry(locale.clone()).or_default();
    for id in search.stale.remove(locale).unwrap_or_default() {
        documents.remove(&id);
    }
    let missing: Vec<&EntryId> = renderer
        .entry_ids()
        .filter(|id| !documents.contains_key(*id))
        .collect();
    for step in missing.chunks(STEP) {
        if stop() {
            return false;
        }
        let made: Vec<(EntryId, Option<Arc<Document>>)> = step
            .par_iter()
            .map(|id| {
                let document = renderer.search_document(locale, id).map(Arc::new);
                ((*id).clone(), document)
            })
            .collect();
        documents.extend(made);
    }
    // The documents are shared with the thread, not copied.
    let snapshot: Vec<Arc<Document>> = documents.values().flatten().cloned().collect();
    let generation = search.generation.get(locale).copied().unwrap_or_default();
    let (sender, receiver) = mpsc::channel();
    let for_thread = locale.clone();
    std::thread::spawn(move || {
        yield_to_updates();
        let _ = sender.send(render::search_index_of(&for_thread, snapshot));
    });
    search.making = Some((locale.clone(), generation, receiver));
    true
}

/// Lowers the calling thread's priority (Linux: the nice value is per
/// thread), so that an index being made in the background takes the CPU
/// only when an update after an edit does not need it.
fn yield_to_updates() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes the calling thread's nice value;
    // a failure leaves it as it was, which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Writes the search index made on its thread, if it has arrived and its
/// documents are still current (otherwise a newer one is queued).
fn receive_index(state: &mut State, out: &Path) -> Result<(), OutputError> {
    let Some((locale, generation, receiver)) = state.search.making.take() else {
        return Ok(());
    };
    let files = match receiver.try_recv() {
        Ok(files) => files,
        Err(mpsc::TryRecvError::Empty) => {
            state.search.making = Some((locale, generation, receiver));
            return Ok(());
        }
        Err(mpsc::TryRecvError::Disconnected) => {
            state.behind.insert(Task::SearchIndex(locale));
            return Ok(());
        }
    };
    if state
        .search
        .generation
        .get(&locale)
        .copied()
        .unwrap_or_default()
        != generation
    {
        return Ok(());
    }
    // Shards are named by prefix: one that no word needs any more goes.
    let made: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let folder = format!("{locale}/search/");
    let removed: Vec<String> = state
        .manifest
        .files
        .keys()
        .filter(|p| p.starts_with(&folder) && !p.ends_with("/index.html"))
        .filter(|p| !made.contains(p.as_str()))
        .cloned()
        .collect();
    write_changed(&mut state.manifest, out, files, &removed)?;
    state.behind.insert(Task::Manifest);
    Ok(())
}

fn environment_failure(error: &OutputError) -> Rebuilt {
    let mut report = Report::default();
    report
        .list
        .push(crate::environment_error(error.to_string()));
    Rebuilt::Failed(report)
}
