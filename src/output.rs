//! Stage 5, output: the only code that writes the site to disk.
//!
//! Pages arrive one by one while they are rendered ([`SiteWriter::put`])
//! and never all sit in memory. They go to a staging directory beside the
//! output; only when the whole build has validated is the staging directory
//! exchanged with the old output, which is then removed. The output carries
//! a manifest: the size and hash of every file and a fingerprint of the
//! inputs it was built from. A later build uses it twice: with unchanged
//! inputs it stops before loading anything ([`up_to_date`]); otherwise only
//! files whose bytes changed are written, and the unchanged ones are
//! hard-linked from the old output into the staging directory, so the
//! exchange still replaces the whole site in one step.
//!
//! A failed or killed build leaves the previous output as it was, and the
//! next build removes what a killed one left behind. The tool refuses output
//! directories that would put the user's work at risk, and only ever
//! replaces a directory that it made itself (it carries a marker file).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::hash::content_hash;
use crate::render::OutputFile;

/// The file that marks a directory as handbook's output.
pub const MARKER: &str = ".handbook-output";
/// The manifest's file name, beside the marker.
pub const MANIFEST: &str = ".handbook-manifest";
const MANIFEST_HEADER: &str = "handbook-manifest 1";
const STAGING_PREFIX: &str = ".handbook-staging-";
const OLD_PREFIX: &str = ".handbook-old-";

#[derive(Debug)]
pub struct OutputError(pub String);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutputError {}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Lexical normalisation: the directory may not exist yet.
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    match std::fs::canonicalize(&out) {
        Ok(real) => real,
        Err(_) => out,
    }
}

/// Refuses an output directory that is `/`, the home directory, the project
/// root or one of its ancestors, or that is or holds or lies inside `content/`.
pub fn check_output_dir(
    out: &Path,
    project_root: &Path,
    content: &Path,
) -> Result<PathBuf, OutputError> {
    let out = absolute(out);
    let root = absolute(project_root);
    let content = absolute(content);
    let refuse = |why: &str| {
        Err(OutputError(format!(
            "refusing to write the site to {}: {why}; choose another --out",
            out.display()
        )))
    };
    if out.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if absolute(&home) == out {
            return refuse("it is your home directory");
        }
    }
    if out == root || root.starts_with(&out) {
        return refuse("it is the project directory or contains it");
    }
    if out.starts_with(&content) || content.starts_with(&out) {
        return refuse("it is, holds or lies inside content/");
    }
    for dir in ["locales", "themes", "src", ".git"] {
        if out.starts_with(root.join(dir)) {
            return refuse(&format!("it lies inside {dir}/"));
        }
    }
    Ok(out)
}

/// A relative output path that cannot leave the output directory.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = Path::new(path);
    let ok = !path.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| relative.to_path_buf())
}

/// The size and content hash of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub hash: u64,
}

impl FileStamp {
    pub fn of(bytes: &[u8]) -> FileStamp {
        FileStamp {
            size: bytes.len() as u64,
            hash: content_hash(bytes),
        }
    }
}

/// What an output directory holds and what it was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The fingerprint of the inputs (see [`crate::fingerprint`]), if the
    /// build had one (written `-` otherwise).
    pub inputs: Option<String>,
    /// How many warnings the build that wrote it reported.
    pub warnings: usize,
    /// The site's `base_url` (a build that stops early still reports it).
    pub base_url: String,
    /// Every file the build wrote, by path relative to the output.
    pub files: BTreeMap<String, FileStamp>,
}

impl Manifest {
    /// The manifest of `out`, if it has a readable one.
    pub fn read(out: &Path) -> Option<Manifest> {
        Manifest::parse(&std::fs::read_to_string(out.join(MANIFEST)).ok()?)
    }

    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != MANIFEST_HEADER {
            return None;
        }
        let inputs = match lines.next()?.strip_prefix("inputs ")? {
            "-" => None,
            inputs => Some(inputs.to_string()),
        };
        let warnings = lines.next()?.strip_prefix("warnings ")?.parse().ok()?;
        let base_url = lines.next()?.strip_prefix("base_url ")?.to_string();
        let mut files = BTreeMap::new();
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            files.insert(parts.next()?.to_string(), FileStamp { size, hash });
        }
        Some(Manifest {
            inputs,
            warnings,
            base_url,
            files,
        })
    }

    fn to_text(&self) -> String {
        let mut text = format!(
            "{MANIFEST_HEADER}\ninputs {}\nwarnings {}\nbase_url {}\n",
            self.inputs.as_deref().unwrap_or("-"),
            self.warnings,
            self.base_url
        );
        for (path, stamp) in &self.files {
            text.push_str(&format!("{:016x} {} {path}\n", stamp.hash, stamp.size));
        }
        text
    }
}

/// The manifest of `out` when it was built from exactly `inputs` and holds
/// exactly the files it lists, at their sizes (nothing missing, nothing
/// added): then a build has nothing to do.
pub fn up_to_date(out: &Path, inputs: Option<&str>) -> Option<Manifest> {
    let inputs = inputs?;
    if !out.join(MARKER).is_file() {
        return None;
    }
    let manifest = Manifest::read(out).filter(|m| m.inputs.as_deref() == Some(inputs))?;
    let mut found = 0;
    for item in walkdir::WalkDir::new(out).min_depth(1).follow_links(false) {
        let item = item.ok()?;
        if item.file_type().is_dir() {
            continue;
        }
        let relative = item
            .path()
            .strip_prefix(out)
            .ok()?
            .to_str()?
            .replace('\\', "/");
        if relative == MARKER || relative == MANIFEST {
            continue;
        }
        let stamp = manifest.files.get(&relative)?;
        let meta = item.metadata().ok()?;
        if !meta.is_file() || meta.len() != stamp.size {
            return None;
        }
        found += 1;
    }
    (found == manifest.files.len()).then_some(manifest)
}

/// Whether a file the manifest lists is still there at its size (a page
/// edited by hand to the same size goes unnoticed until it changes).
fn is_intact(out: &Path, path: &str, stamp: &FileStamp) -> bool {
    std::fs::symlink_metadata(out.join(path))
        .is_ok_and(|meta| meta.is_file() && meta.len() == stamp.size)
}

/// What a validated build records in the manifest.
#[derive(Debug, Clone, Copy, Default)]
pub struct Committed<'a> {
    pub inputs: Option<&'a str>,
    pub warnings: usize,
    pub base_url: &'a str,
}

/// What committing a build did.
#[derive(Debug, Clone, Default)]
pub struct WriteSummary {
    /// Every file of the new output, sorted.
    pub files: Vec<String>,
    /// Files whose bytes were written (all of them on a first build).
    pub written: usize,
    /// Files of the previous output that the new one no longer has.
    pub removed: usize,
}

/// One build's output in progress: see the module documentation.
pub struct SiteWriter {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    staging: PathBuf,
    /// The manifest of the output being replaced, less any file missing or
    /// damaged since: its files with unchanged bytes are not written again.
    previous: Option<Manifest>,
    /// Every file put so far, and whether its bytes went to staging.
    files: Mutex<Vec<(String, FileStamp, bool)>>,
}

impl SiteWriter {
    /// Starts a build's output in `out` (already checked with
    /// [`check_output_dir`] and [`recover`]ed); writes nothing into `out`.
    pub fn begin(out: &Path) -> Result<SiteWriter, OutputError> {
        let parent = out
            .parent()
            .ok_or_else(|| OutputError("output directory has no parent".into()))?
            .to_path_buf();
        std::fs::create_dir_all(&parent)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
        let name = output_name(out)?;
        if out.exists() && !is_our_output(out) {
            return Err(OutputError(format!(
                "{} exists and was not made by handbook (no {MARKER} file); move it away or choose another --out",
                out.display()
            )));
        }
        remove_leftovers(&parent, &name);
        let mut previous = if out.join(MARKER).is_file() {
            Manifest::read(out)
        } else {
            None
        };
        if let Some(manifest) = previous.as_mut() {
            let damaged: Vec<String> = manifest
                .files
                .par_iter()
                .filter(|(path, stamp)| !is_intact(out, path, stamp))
                .map(|(path, _)| path.clone())
                .collect();
            for path in damaged {
                manifest.files.remove(&path);
            }
        }
        let staging = parent.join(format!("{STAGING_PREFIX}{name}-{}", std::process::id()));
        std::fs::create_dir_all(&staging)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", staging.display())))?;
        Ok(SiteWriter {
            out: out.to_path_buf(),
            parent,
            name,
            staging,
            previous,
            files: Mutex::new(Vec::new()),
        })
    }

    /// Takes one file of the new output; from any thread. Bytes equal to
    /// the previous output's are not written (they are linked at commit).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let relative = safe_relative(path)
            .filter(|_| !path.contains(['\n', '\r']))
            .ok_or_else(|| {
                OutputError(format!("refusing to write outside the output: {path:?}"))
            })?;
        let stamp = FileStamp::of(bytes);
        let unchanged = self
            .previous
            .as_ref()
            .is_some_and(|m| m.files.get(path) == Some(&stamp));
        if !unchanged {
            let target = self.staging.join(relative);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| OutputError(format!("cannot create {}: {e}", dir.display())))?;
            }
            std::fs::write(&target, bytes)
                .map_err(|e| OutputError(format!("cannot write {}: {e}", target.display())))?;
        }
        self.files
            .lock()
            .expect("output lock")
            .push((path.to_string(), stamp, !unchanged));
        Ok(())
    }

    /// Makes the files put so far the output and records `committed` in
    /// its manifest. Call only once the whole build has validated; dropping
    /// the writer instead leaves the previous output as it was.
    pub fn commit(self, committed: &Committed) -> Result<WriteSummary, OutputError> {
        let mut files = std::mem::take(&mut *self.files.lock().expect("output lock"));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(twice) = files.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(OutputError(format!(
                "two files were rendered to the same path: {}",
                twice[0].0
            )));
        }
        let manifest = Manifest {
            inputs: committed.inputs.map(str::to_string),
            warnings: committed.warnings,
            base_url: committed.base_url.to_string(),
            files: files
                .iter()
                .map(|(path, stamp, _)| (path.clone(), *stamp))
                .collect(),
        };
        // The files kept from the previous output join the staged ones.
        let kept: Vec<&str> = files
            .iter()
            .filter(|(_, _, written)| !written)
            .map(|(path, _, _)| path.as_str())
            .collect();
        kept.par_iter()
            .try_for_each(|path| self.keep_from_previous(path))?;
        let write = |name: &str, text: &str| {
            std::fs::write(self.staging.join(name), text).map_err(|e| {
                OutputError(format!("cannot write in {}: {e}", self.staging.display()))
            })
        };
        write(
            MARKER,
            "This directory is written by handbook; it is replaced on every build.\n",
        )?;
        write(MANIFEST, &manifest.to_text())?;
        swap_in(&self.staging, &self.out, &self.parent, &self.name)?;
        let removed = self.previous.as_ref().map_or(0, |previous| {
            previous
                .files
                .keys()
                .filter(|path| !manifest.files.contains_key(*path))
                .count()
        });
        Ok(WriteSummary {
            written: files.len() - kept.len(),
            removed,
            files: files.into_iter().map(|(path, _, _)| path).collect(),
        })
    }

    /// Puts an unchanged file of the previous output into staging: a hard
    /// link (no bytes copied), or a copy where links are not possible.
    fn keep_from_previous(&self, path: &str) -> Result<(), OutputError> {
        let (from, to) = (self.out.join(path), self.staging.join(path));
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| OutputError(format!("cannot create {}: {e}", dir.display())))?;
        }
        if std::fs::hard_link(&from, &to).is_ok() {
            return Ok(());
        }
        std::fs::copy(&from, &to)
            .map(|_| ())
            .map_err(|e| OutputError(format!("cannot keep {}: {e}", from.display())))
    }
}

impl Drop for SiteWriter {
    /// Whatever is left in staging (all of it, if the build was not
    /// committed; the old site, if it was) goes.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// Writes `files` as the new content of `out`, atomically as seen from
/// outside: the old output stays complete until the new one is.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    recover(out)?;
    let writer = SiteWriter::begin(out)?;
    for file in files {
        writer.put(&file.path, &file.bytes)?;
    }
    writer.commit(&Committed::default()).map(|_| ())
}

/// Changes single files of an output in place: each new version is written
/// to a temporary file beside it and renamed over the old one (a reader
/// sees the old file or the new one, never half of one); `removed` files
/// go; then the manifest is rewritten. Only for `serve`'s private output,
/// after an update has validated: a plain build always replaces the whole
/// directory.
pub fn update_in_place(
    out: &Path,
    changed: &[OutputFile],
    removed: &[String],
) -> Result<(), OutputError> {
    changed.par_iter().try_for_each(|file| {
        let relative = safe_relative(&file.path).ok_or_else(|| {
            OutputError(format!(
                "refusing to write outside the output: {:?}",
                file.path
            ))
        })?;
        let target = out.join(relative);
        let dir = target.parent().unwrap_or(out);
        std::fs::create_dir_all(dir)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", dir.display())))?;
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let temporary = dir.join(format!(".{name}.handbook-{}", std::process::id()));
        std::fs::write(&temporary, &file.bytes)
            .and_then(|()| std::fs::rename(&temporary, &target))
            .map_err(|e| {
                let _ = std::fs::remove_file(&temporary);
                OutputError(format!("cannot write {}: {e}", target.display()))
            })
    })?;
    for path in removed {
        if let Some(relative) = safe_relative(path) {
            let _ = std::fs::remove_file(out.join(relative));
        }
    }
    Ok(())
}

impl Manifest {
    /// Writes the manifest into `out` (through a temporary file).
    pub fn write(&self, out: &Path) -> Result<(), OutputError> {
        let temporary = out.join(format!("{MANIFEST}.{}", std::process::id()));
        std::fs::write(&temporary, self.to_text())
            .and_then(|()| std::fs::rename(&temporary, out.join(MANIFEST)))
            .map_err(|e| {
                OutputError(format!(
                    "cannot write the manifest in {}: {e}",
                    out.display()
                ))
            })
    }
}

fn output_name(out: &Path) -> Result<String, OutputError> {
    Ok(out
        .file_name()
        .ok_or_else(|| OutputError("output directory has no name".into()))?
        .to_string_lossy()
        .to_string())
}

/// Puts back the previous output if a build was killed after moving it
/// aside and before moving the new one in (only possible where the swap is
/// two renames, see [`swap_in`]). Called before anything else, so even a
/// build that then fails on content errors leaves the output in place.
pub fn recover(out: &Path) -> Result<(), OutputError> {
    let (Some(parent), Ok(name)) = (out.parent(), output_name(out)) else {
        return Ok(());
    };
    if out.exists() {
        return Ok(());
    }
    let Ok(read) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut moved_aside: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|item| {
            leftover_pid(&item.file_name().to_string_lossy(), OLD_PREFIX, &name)
                .is_some_and(|pid| !process_is_running(pid))
        })
        .map(|item| item.path())
        .filter(|path| path.join(MARKER).is_file())
        .collect();
    moved_aside.sort();
    match moved_aside.pop() {
        Some(previous) => std::fs::rename(&previous, out).map_err(|e| {
            OutputError(format!(
                "cannot restore the previous output from {}: {e}",
                previous.display()
            ))
        }),
        None => Ok(()),
    }
}

fn is_our_output(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// The process id in `<prefix><name>-<pid>`, the name of a staging or
/// moved-aside directory of output `name`.
fn leftover_pid(file_name: &str, prefix: &str, name: &str) -> Option<u32> {
    let pid = file_name
        .strip_prefix(prefix)?
        .strip_prefix(name)?
        .strip_prefix('-')?;
    // Digits only: `.handbook-staging-public-2-7` belongs to `public-2`.
    pid.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether another process with this id is alive (then its staging
/// directory is a build in progress, not a leftover). Only Linux can tell
/// cheaply; elsewhere every leftover is removed.
fn process_is_running(pid: u32) -> bool {
    pid != std::process::id()
        && cfg!(target_os = "linux")
        && Path::new("/proc").join(pid.to_string()).exists()
}

/// Removes what builds of `out` that were killed left beside it (a build
/// that finds nothing to do still tidies up).
pub fn remove_leftovers_of(out: &Path) {
    if let (Some(parent), Ok(name)) = (out.parent(), output_name(out)) {
        remove_leftovers(parent, &name);
    }
}

/// Staging and moved-aside directories left by builds that were killed.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(read) = std::fs::read_dir(parent) else {
        return;
    };
    for item in read.filter_map(Result::ok) {
        let file_name = item.file_name().to_string_lossy().to_string();
        let leftover = [STAGING_PREFIX, OLD_PREFIX].iter().any(|prefix| {
            leftover_pid(&file_name, prefix, name).is_some_and(|pid| !process_is_running(pid))
        });
        // `file_type` does not follow links: a link is never a leftover.
        if leftover && item.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(item.path());
        }
    }
}

/// Moves the complete staging directory to `out`. Where the system can
/// exchange two directories in one step (Linux `renameat2`), `out` is at
/// every moment either the whole old or the whole new site, even if the
/// build is killed; elsewhere the old output is moved aside first and
/// [`recover`] puts it back if the build dies in between.
fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), OutputError> {
    if out.exists() {
        if exchange(staging, out).is_ok() {
            // `staging` now holds the old site.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
        let old = parent.join(format!("{OLD_PREFIX}{name}-{}", std::process::id()));
        std::fs::rename(out, &old)
            .map_err(|e| OutputError(format!("cannot move the old output aside: {e}")))?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(OutputError(format!(
                "cannot move the new output into place: {e}"
            )));
        }
        let _ = std::fs::remove_dir_all(&old);
        return Ok(());
    }
    std::fs::rename(staging, out)
        .map_err(|e| OutputError(format!("cannot move the new output into place: {e}")))
}

/// Swaps two directories atomically (Linux 3.15+, most local filesystems).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let to_c = |path: &Path| {
        CString::new(path.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (to_c(a)?, to_c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the
    // call; renameat2 reads them and touches no other memory.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_cannot_escape() {
        assert!(safe_relative("uk/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("uk/../../x").is_none());
        assert!(safe_relative("").is_none());
    }

    #[test]
    fn leftovers_are_recognised_by_output_name_and_pid() {
        let pid = |name| leftover_pid(name, STAGING_PREFIX, "public");
        assert_eq!(pid(".handbook-staging-public-123"), Some(123));
        assert_eq!(pid(".handbook-staging-public-2-123"), None);
        assert_eq!(pid(".handbook-staging-public-"), None);
        assert_eq!(pid(".handbook-staging-public-x"), None);
        assert_eq!(pid(".handbook-staging-publicity-1"), None);
        assert_eq!(pid(".handbook-old-public-1"), None);
        assert!(!process_is_running(std::process::id()));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_directories_in_one_step() {
        let root = std::env::temp_dir().join(format!("handbook-exchange-{}", std::process::id()));
        let (a, b) = (root.join("a"), root.join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        std::fs::write(b.join("from-b"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(a.join("from-b").is_file() && b.join("from-a").is_file());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn rewriting_a_site_leaves_only_the_new_site() {
        let root = std::env::temp_dir().join(format!("handbook-rewrite-{}", std::process::id()));
        let out = root.join("public");
        let file = |path: &str, text: &str| OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        write_site(&out, &[file("a/index.html", "old"), file("gone.html", "x")]).unwrap();
        write_site(&out, &[file("a/index.html", "new")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("gone.html").exists());
        let names: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, vec!["public"]);
        assert!(write_site(&out, &[file("../escape.html", "x")]).is_err());
        assert!(!root.join("escape.html").exists());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn dangerous_output_dirs_are_refused() {
        let root = std::env::temp_dir().join("handbook-out-test");
        let content = root.join("content");
        assert!(check_output_dir(Path::new("/"), &root, &content).is_err());
        assert!(check_output_dir(&root, &root, &content).is_err());
        assert!(check_output_dir(&content, &root, &content).is_err());
        assert!(check_output_dir(&content.join("x"), &root, &content).is_err());
        assert!(check_output_dir(&root.join(".."), &root, &content).is_err());
        assert!(check_output_dir(&root.join("public"), &root, &content).is_ok());
    }

    const COMMITTED: Committed = Committed {
        inputs: Some("inputs"),
        warnings: 0,
        base_url: "/",
    };

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("handbook-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("public")
    }

    fn build(out: &Path, files: &[(&str, &str)]) -> WriteSummary {
        let writer = SiteWriter::begin(out).unwrap();
        for (path, text) in files {
            writer.put(path, text.as_bytes()).unwrap();
        }
        writer.commit(&COMMITTED).unwrap()
    }

    #[test]
    fn manifest_round_trips_and_rejects_other_text() {
        let mut manifest = Manifest {
            inputs: Some("00ff".into()),
            warnings: 3,
            base_url: "/wiki/".into(),
            ..Manifest::default()
        };
        manifest
            .files
            .insert("static/my file.css".into(), FileStamp::of(b"a{}"));
        manifest
            .files
            .insert("uk/index.html".into(), FileStamp::of(b"<p>"));
        assert_eq!(Manifest::parse(&manifest.to_text()), Some(manifest.clone()));
        manifest.inputs = None;
        assert!(manifest.to_text().contains("\ninputs -\n"));
        assert_eq!(Manifest::parse(&manifest.to_text()), Some(manifest));
        assert_eq!(Manifest::parse("something else\n"), None);
        assert_eq!(
            Manifest::parse("handbook-manifest 1\ninputs x\nwarnings 0\n"),
            None
        );
    }

    #[test]
    fn an_update_writes_only_what_changed_and_removes_what_is_gone() {
        let out = scratch("update");
        let first = build(
            &out,
            &[
                ("a/index.html", "A"),
                ("b/index.html", "B"),
                ("c/x/index.html", "C"),
            ],
        );
        assert_eq!(first.written, 3);
        assert!(out.join(MARKER).is_file());
        let second = build(
            &out,
            &[
                ("a/index.html", "A"),
                ("b/index.html", "B2"),
                ("d/index.html", "D"),
            ],
        );
        assert_eq!((second.written, second.removed), (2, 1));
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "B2"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("d/index.html")).unwrap(),
            "D"
        );
        assert!(!out.join("c").exists(), "emptied folders are removed");
        let manifest = Manifest::read(&out).unwrap();
        assert_eq!(
            manifest.files.keys().collect::<Vec<_>>(),
            ["a/index.html", "b/index.html", "d/index.html"]
        );
        assert!(up_to_date(&out, Some("inputs")).is_some());
        assert!(up_to_date(&out, Some("other inputs")).is_none());
        std::fs::write(out.join("d/stray.txt"), "x").unwrap();
        assert!(
            up_to_date(&out, Some("inputs")).is_none(),
            "a stray file is noticed"
        );
        std::fs::remove_file(out.join("d/stray.txt")).unwrap();
        let files = [
            ("a/index.html", "A"),
            ("b/index.html", "B2"),
            ("d/index.html", "D"),
        ];
        assert_eq!(
            build(&out, &files).written,
            0,
            "unchanged bytes are not rewritten"
        );
        std::fs::remove_file(out.join("a/index.html")).unwrap();
        assert!(
            up_to_date(&out, Some("inputs")).is_none(),
            "a deleted page is noticed"
        );
        assert_eq!(build(&out, &files).written, 1, "and written again");
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A"
        );
        let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging directory is left behind");
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }

    #[test]
    fn an_abandoned_build_leaves_the_output_as_it_was() {
        let out = scratch("abandon");
        build(&out, &[("a/index.html", "A")]);
        let before = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        let writer = SiteWriter::begin(&out).unwrap();
        writer.put("a/index.html", b"changed").unwrap();
        writer.put("new/index.html", b"new").unwrap();
        drop(writer);
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A"
        );
        assert!(!out.join("new").exists());
        assert_eq!(std::fs::read_to_string(out.join(MANIFEST)).unwrap(), before);
        assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }

    #[test]
    fn an_output_without_manifest_is_replaced_whole() {
        let out = scratch("no-manifest");
        build(&out, &[("a/index.html", "A"), ("b/index.html", "B")]);
        // As an older handbook, or a damaged output, leaves it.
        std::fs::remove_file(out.join(MANIFEST)).unwrap();
        let writer = SiteWriter::begin(&out).unwrap();
        writer.put("a/index.html", b"A").unwrap();
        let summary = writer.commit(&COMMITTED).unwrap();
        assert_eq!(summary.written, 1);
        assert!(!out.join("b").exists());
        assert!(out.join(MANIFEST).is_file());
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }

    #[test]
    fn the_same_path_twice_is_refused() {
        let out = scratch("twice");
        let writer = SiteWriter::begin(&out).unwrap();
        writer.put("a.html", b"1").unwrap();
        writer.put("a.html", b"2").unwrap();
        assert!(writer.commit(&COMMITTED).is_err());
        assert!(!out.exists());
        assert!(SiteWriter::begin(&out).unwrap().put("../x", b"").is_err());
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }
}
