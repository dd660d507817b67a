//! `handbook serve`: build, serve the output over HTTP, watch the sources,
//! rebuild on change and reload the open pages.
//!
//! Input: a [`Project`] and a [`Rebuilder`] (by default [`Incremental`]:
//! the normal `build` pipeline once, then only what each edit changes).
//! Output: the site, built by the rebuilder
//! into `.handbook-serve/site/` in the project (a directory only `serve`
//! uses, so `public/` is never touched), served on a loopback port.
//! Three threads share one `Status` (the generation of the last good build
//! and the last build error): the watcher's rebuild loop writes it, the
//! request loop and one thread per open page's event stream read it.
//!
//! Invariants: only regular files inside the served directory are served
//! (no `..`, no symlinks out of it); the files on disk are byte-identical to
//! `build`'s, because the live-reload script is injected into HTML responses
//! here, at serve time; a failed build leaves the last good site served and
//! shows its errors over the open pages until a build succeeds again.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use notify::event::EventKind;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use tiny_http::Server;

use crate::diagnostics::{Report, Severity};
use crate::Project;

mod http;
mod incremental;

pub use incremental::Incremental;

/// Editors write a file in several steps (temporary file, rename, metadata);
/// changes closer together than this are one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// After a batch of changes, how long to wait for the next one before
/// rebuilding: a few of the debouncer's ticks (a quarter of `DEBOUNCE` each).
const SETTLE: Duration = Duration::from_millis(40);
/// How often the rebuild loop looks in on work left for later (a search
/// index being made on its own thread) when nothing changes.
const IDLE_TICK: Duration = Duration::from_millis(100);
/// How long after the last change the work left for later (lists, search
/// indexes) starts: an editor saving again within this time never waits
/// for it; one saving while it runs waits for the task at hand (at 10,000
/// entries a booklet takes about a second).
const CATCH_UP_AFTER: Duration = Duration::from_millis(1500);

/// How `serve` listens and prints.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 picks a free port (it is printed).
    pub port: u16,
    /// Colours in terminal diagnostics.
    pub color: bool,
    /// Print nothing but errors (and the address).
    pub quiet: bool,
}

/// An environment failure that stops `serve` (a busy port, an unwatchable
/// directory): printed once by `main`, exit code 2.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// What one rebuild did.
pub enum Rebuilt {
    /// The served directory now holds the new site, whose links all start
    /// with `base_url` (`/` or `/wiki/`).
    Site {
        files: usize,
        warnings: usize,
        base_url: String,
    },
    /// Nothing was written (the last good site stays); the report says why.
    Failed(Report),
}

/// The rebuild step of `serve`: called once at start and then after every
/// burst of changes.
pub trait Rebuilder: Send {
    /// Builds the site into `out` (replacing it whole or in part, but never
    /// leaving it half-written). `changed` holds the files that changed
    /// since the previous call; it is empty for the first build and when the
    /// watcher lost track, which both mean "everything may have changed".
    fn rebuild(&mut self, out: &Path, changed: &[PathBuf]) -> Rebuilt;

    /// Work that can wait until the open pages were told to reload (lists
    /// of many entries, search indexes); called whenever no change is
    /// waiting, it should return soon after `stop` says one came in.
    fn after_publish(&mut self, _out: &Path, _stop: &dyn Fn() -> bool) {}

    /// Whether `after_publish` has work left (then it is called again soon
    /// even if nothing changes).
    fn has_work(&self) -> bool {
        false
    }
}

/// The directory `serve` builds into and serves from.
pub fn served_dir(project: &Project) -> PathBuf {
    project.root.join(".handbook-serve").join("site")
}

/// What the server and the open pages need to know: which build is live,
/// where it is mounted, and whether the latest build failed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Status {
    /// Counts successful builds; 0 until the first one.
    generation: u64,
    /// The live build's `base_url`: the URL path the served directory is at.
    base_url: Arc<str>,
    /// The errors of the latest build, as plain text, when it failed.
    error: Option<Arc<str>>,
}

impl Default for Status {
    fn default() -> Status {
        Status {
            generation: 0,
            base_url: "/".into(),
            error: None,
        }
    }
}

/// The status and a condition variable that wakes the event streams.
#[derive(Default)]
struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    fn status(&self) -> MutexGuard<'_, Status> {
        // A panicked holder cannot leave `Status` inconsistent (it is
        // replaced whole), so a poisoned lock is still good to read.
        self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, status: Status) {
        *self.status() = status;
        self.changed.notify_all();
    }
}

/// Builds, serves and rebuilds until the process is stopped. Returns only
/// on an environment failure (the port is taken, the sources cannot be
/// watched, the request loop fails).
pub fn serve(
    project: &Project,
    options: &ServeOptions,
    mut rebuilder: impl Rebuilder + 'static,
) -> Result<(), ServeError> {
    let out = served_dir(project);
    let out = crate::output::check_output_dir(&out, &project.root, &project.content_dir())
        .map_err(|e| ServeError(e.to_string()))?;
    let requested = SocketAddr::new(options.bind, options.port);
    // Listen before building: a busy port is reported at once.
    let server = Server::http(requested).map_err(|e| bind_error(requested, e.as_ref()))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| ServeError("the server has no IP address".into()))?;

    // Watch before the first build, so that nothing saved during it is lost.
    let (sender, changes) = mpsc::channel();
    let sent = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&sent);
    let handler = move |result: DebounceEventResult| {
        counted.fetch_add(1, Ordering::SeqCst);
        let _ = sender.send(result);
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler)
        .map_err(|e| ServeError(format!("cannot watch the project: {e}")))?;
    for dir in watched_dirs(project) {
        debouncer
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| ServeError(format!("cannot watch {}: {e}", dir.display())))?;
    }

    let shared = Arc::new(Shared::default());
    let printer = Printer {
        project: project.clone(),
        color: options.color,
        quiet: options.quiet,
    };
    let status = rebuild_and_report(&mut rebuilder, &out, &[], Status::default(), &printer);
    shared.set(status);
    {
        let shared = Arc::clone(&shared);
        let out = out.clone();
        let changes = Changes {
            receiver: changes,
            sent,
            received: 0,
        };
        std::thread::spawn(move || rebuild_on_change(changes, rebuilder, &out, &shared, &printer));
    }

    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this machine can read the site",
            options.bind
        );
    }
    // The one line on stdout, for scripts and tests to read the address.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "serving http://{address}/ (Ctrl-C to stop)");
    let _ = stdout.flush();

    for request in server.incoming_requests() {
        http::handle(request, &out, &shared);
    }
    drop(debouncer);
    Err(ServeError("the server stopped accepting requests".into()))
}

fn bind_error(address: SocketAddr, error: &(dyn std::error::Error + 'static)) -> ServeError {
    let kind = error
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind);
    let why = match kind {
        Some(std::io::ErrorKind::AddrInUse) => {
            "the port is in use (is another `handbook serve` running?); choose another with --port"
                .to_string()
        }
        Some(std::io::ErrorKind::PermissionDenied) => {
            "permission denied; ports below 1024 need privileges: choose another with --port"
                .to_string()
        }
        Some(std::io::ErrorKind::AddrNotAvailable) => {
            "this machine has no such address; check --bind".to_string()
        }
        _ => error.to_string(),
    };
    ServeError(format!("cannot serve on {address}: {why}"))
}

/// The sources a build reads: `content/` (with `site.yaml`, the config),
/// `locales/` and `themes/`, those that exist.
fn watched_dirs(project: &Project) -> Vec<PathBuf> {
    ["content", "locales", "themes"]
        .iter()
        .map(|dir| project.root.join(dir))
        .filter(|dir| dir.is_dir())
        .collect()
}

/// Terminal output of the rebuild loop.
struct Printer {
    project: Project,
    color: bool,
    quiet: bool,
}

/// Runs one rebuild, prints what happened, and returns the new status.
fn rebuild_and_report(
    rebuilder: &mut dyn Rebuilder,
    out: &Path,
    changed: &[PathBuf],
    previous: Status,
    printer: &Printer,
) -> Status {
    let started = Instant::now();
    let rebuilt = rebuilder.rebuild(out, changed);
    let seconds = started.elapsed().as_secs_f64();
    let cause = match changed {
        [] => String::new(),
        [one] => format!(
            " after a change to {}",
            printer.project.relative(one).display()
        ),
        [one, rest @ ..] => format!(
            " after changes to {} and {} more",
            printer.project.relative(one).display(),
            rest.len()
        ),
    };
    match rebuilt {
        Rebuilt::Site {
            files,
            warnings,
            base_url,
        } => {
            if !printer.quiet {
                let warnings = match warnings {
                    0 => String::new(),
                    n => format!(", {n} warning(s) (`handbook check` lists them)"),
                };
                eprintln!("built {files} files in {seconds:.2} s{cause}{warnings}");
            }
            Status {
                generation: previous.generation + 1,
                base_url: base_url.into(),
                error: None,
            }
        }
        Rebuilt::Failed(mut report) => {
            report.list.retain(|d| d.severity == Severity::Error);
            eprint!("{}", report.to_human(printer.color));
            let last_good = if previous.generation == 0 {
                "no site yet"
            } else {
                "still serving the last good site"
            };
            eprintln!(
                "build failed{cause}: {} error(s); {last_good} — fix and save to rebuild",
                report.errors()
            );
            Status {
                error: Some(report.to_human(false).into()),
                ..previous
            }
        }
    }
}

/// The rebuild loop: waits for changes, rebuilds, publishes the status.
fn rebuild_on_change(
    mut changes: Changes,
    mut rebuilder: impl Rebuilder,
    out: &Path,
    shared: &Shared,
    printer: &Printer,
) {
    let mut last_change = Instant::now();
    loop {
        let wait = rebuilder.has_work().then_some(IDLE_TICK);
        let first = match changes.next(wait) {
            Next::Batch(batch) => batch,
            // With the open pages reloaded and the editor pausing, the rest.
            Next::Quiet if last_change.elapsed() >= CATCH_UP_AFTER => {
                rebuilder.after_publish(out, &|| changes.waiting());
                continue;
            }
            Next::Quiet => continue,
            Next::Closed => return,
        };
        let mut changed = BTreeSet::new();
        let mut everything = false;
        // The debouncer settles each path on its own, so one save touching
        // several files can come in batches a tick apart; and batches queue
        // up during a build. All of them make one rebuild.
        let more = std::iter::from_fn(|| match changes.next(Some(SETTLE)) {
            Next::Batch(batch) => Some(batch),
            Next::Quiet | Next::Closed => None,
        });
        for result in std::iter::once(first).chain(more) {
            match result {
                Ok(events) => {
                    for event in events {
                        if event.need_rescan() {
                            everything = true;
                        }
                        // Reading files (the build does) is not a change.
                        if matches!(event.kind, EventKind::Access(_)) {
                            continue;
                        }
                        changed.extend(
                            event
                                .event
                                .paths
                                .into_iter()
                                .filter(|p| !is_editor_noise(p)),
                        );
                    }
                }
                Err(errors) => {
                    for error in errors {
                        eprintln!("warning: watching the sources: {error}");
                    }
                }
            }
        }
        if !changed.is_empty() || everything {
            let changed: Vec<PathBuf> = if everything {
                Vec::new()
            } else {
                changed.into_iter().collect()
            };
            let previous = shared.status().clone();
            let status = rebuild_and_report(&mut rebuilder, out, &changed, previous, printer);
            shared.set(status);
            last_change = Instant::now();
        }
    }
}

/// The watcher's batches of changes, counted, so that long work can tell
/// whether an edit is waiting.
struct Changes {
    receiver: Receiver<DebounceEventResult>,
    sent: Arc<AtomicUsize>,
    received: usize,
}

enum Next {
    Batch(DebounceEventResult),
    /// Nothing came within the time allowed.
    Quiet,
    /// The watcher is gone.
    Closed,
}

impl Changes {
    /// The next batch: waiting as long as it takes, or at most `timeout`.
    fn next(&mut self, timeout: Option<Duration>) -> Next {
        let next = match timeout {
            None => self.receiver.recv().map_or(Next::Closed, Next::Batch),
            Some(timeout) => match self.receiver.recv_timeout(timeout) {
                Ok(batch) => Next::Batch(batch),
                Err(mpsc::RecvTimeoutError::Timeout) => Next::Quiet,
                Err(mpsc::RecvTimeoutError::Disconnected) => Next::Closed,
            },
        };
        self.received += usize::from(matches!(next, Next::Batch(_)));
        next
    }

    fn waiting(&self) -> bool {
        self.sent.load(Ordering::SeqCst) > self.received
    }
}

/// Files editors write beside the real one (swap, backup and lock files),
/// and hidden files, which the build ignores too.
fn is_editor_noise(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        // Vim probes whether it may write in a directory with this file.
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_side_files_do_not_trigger_rebuilds() {
        for (name, noise) in [
            ("content/principles/x/en.md", false),
            ("content/site.yaml", false),
            ("locales/uk/main.ftl", false),
            ("content/principles/x/.en.md.swp", true),
            ("content/principles/x/en.md~", true),
            ("content/principles/x/#en.md#", true),
            ("content/principles/x/4913", true),
            ("content/principles/x/.#en.md", true),
        ] {
            assert_eq!(is_editor_noise(Path::new(name)), noise, "{name}");
        }
    }
}
