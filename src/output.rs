//! Stage 5, output: the only code that writes the site to disk.
//!
//! Pages arrive one by one while they are rendered ([`SiteWriter::put`]) and
//! never all sit in memory. A first build writes them into a staging
//! directory beside the output and swaps it in when the build is complete.
//! The output then carries a manifest: the hash and size of every file it
//! holds and a fingerprint of the inputs it was built from. A later build
//! uses it twice: with unchanged inputs it stops before loading anything
//! ([`up_to_date`]); otherwise it writes only the files whose bytes changed,
//! each into the staging directory first, and moves them into place (and
//! removes pages that are gone) only once the whole build has validated.
//!
//! Invariants: a failed build leaves the previous output as it was; a build
//! killed while moving files leaves an output without a manifest, which the
//! next build replaces whole; the tool refuses output directories that would
//! put the user's work at risk, only ever replaces a directory that it made
//! itself (it carries a marker file), and only deletes files its manifest
//! lists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::hash::content_hash;

/// The file that marks a directory as handbook's output.
pub const MARKER: &str = ".handbook-output";
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

/// The manifest's file name, beside the marker.
pub const MANIFEST: &str = ".handbook-manifest";
const MANIFEST_HEADER: &str = "handbook-manifest 1";

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
    /// build had one it could trust (written `-` otherwise).
    pub inputs: Option<String>,
    /// How many warnings the build that wrote it reported.
    pub warnings: usize,
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
            files,
        })
    }

    fn to_text(&self) -> String {
        let mut text = format!(
            "{MANIFEST_HEADER}\ninputs {}\nwarnings {}\n",
            self.inputs.as_deref().unwrap_or("-"),
            self.warnings
        );
        for (path, stamp) in &self.files {
            text.push_str(&format!("{:016x} {} {path}\n", stamp.hash, stamp.size));
        }
        text
    }
}

/// The manifest of `out` when it was built from exactly `inputs` and still
/// holds every file it lists, at its size: then a build has nothing to do.
pub fn up_to_date(out: &Path, inputs: Option<&str>) -> Option<Manifest> {
    let inputs = inputs?;
    if !out.join(MARKER).is_file() {
        return None;
    }
    let manifest = Manifest::read(out)?;
    let unchanged = manifest.inputs.as_deref() == Some(inputs)
        && manifest
            .files
            .par_iter()
            .all(|(path, stamp)| is_intact(out, path, stamp));
    unchanged.then_some(manifest)
}

/// Whether a file the manifest lists is still there at its size (a page
/// edited by hand to the same size goes unnoticed until it changes).
fn is_intact(out: &Path, path: &str, stamp: &FileStamp) -> bool {
    std::fs::symlink_metadata(out.join(path))
        .is_ok_and(|meta| meta.is_file() && meta.len() == stamp.size)
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
    /// The manifest of the output being updated; `None` when the output is
    /// new or has no manifest, and is then staged whole and swapped in.
    previous: Option<Manifest>,
    /// Every file put so far, and whether its bytes went to staging.
    files: Mutex<Vec<(String, FileStamp, bool)>>,
    committed: bool,
}

impl SiteWriter {
    /// Starts a build's output in `out` (already checked with
    /// [`check_output_dir`]); writes nothing into `out` itself.
    pub fn begin(out: &Path) -> Result<SiteWriter, OutputError> {
        let parent = out
            .parent()
            .ok_or_else(|| OutputError("output directory has no parent".into()))?
            .to_path_buf();
        std::fs::create_dir_all(&parent)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
        let name = out
            .file_name()
            .ok_or_else(|| OutputError("output directory has no name".into()))?
            .to_string_lossy()
            .to_string();
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
        // Files missing or damaged since are written again.
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
            committed: false,
        })
    }

    /// Whether this build updates an output in place (it had a manifest).
    pub fn is_update(&self) -> bool {
        self.previous.is_some()
    }

    /// Takes one file of the new output; from any thread. Bytes equal to
    /// the previous output's are not written again.
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

    /// Makes the files put so far the output, recording `inputs` (the
    /// fingerprint) and the build's warning count in the manifest. Call only
    /// once the whole build has validated; dropping the writer instead
    /// leaves the previous output as it was.
    pub fn commit(
        mut self,
        inputs: Option<&str>,
        warnings: usize,
    ) -> Result<WriteSummary, OutputError> {
        let mut files = std::mem::take(&mut *self.files.lock().expect("output lock"));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(twice) = files.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(OutputError(format!(
                "two files were rendered to the same path: {}",
                twice[0].0
            )));
        }
        let manifest = Manifest {
            inputs: inputs.map(str::to_string),
            warnings,
            files: files
                .iter()
                .map(|(path, stamp, _)| (path.clone(), *stamp))
                .collect(),
        };
        let changed: Vec<&str> = files
            .iter()
            .filter(|(_, _, written)| *written)
            .map(|(path, _, _)| path.as_str())
            .collect();
        let removed = match self.previous.take() {
            None => {
                self.write_fresh(&manifest)?;
                0
            }
            Some(previous) => self.apply_update(&previous, &manifest, &changed)?,
        };
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.staging);
        Ok(WriteSummary {
            written: changed.len(),
            removed,
            files: files.into_iter().map(|(path, _, _)| path).collect(),
        })
    }

    /// A first build: the staging directory becomes the output.
    fn write_fresh(&self, manifest: &Manifest) -> Result<(), OutputError> {
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
        swap_in(&self.staging, &self.out, &self.parent, &self.name)
    }

    /// An update: changed files move from staging into place, pages that
    /// are gone are removed, then the new manifest is written. Returns how
    /// many files were removed.
    fn apply_update(
        &self,
        previous: &Manifest,
        manifest: &Manifest,
        changed: &[&str],
    ) -> Result<usize, OutputError> {
        let removed: Vec<&String> = previous
            .files
            .keys()
            .filter(|path| !manifest.files.contains_key(*path))
            .collect();
        if changed.is_empty() && removed.is_empty() && previous == manifest {
            return Ok(0);
        }
        // Without a manifest the output counts as incomplete: if this build
        // is killed while moving files, the next one rebuilds it whole.
        let manifest_path = self.out.join(MANIFEST);
        match std::fs::remove_file(&manifest_path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(OutputError(format!(
                    "cannot update {}: {e}",
                    manifest_path.display()
                )))
            }
        }
        changed.par_iter().try_for_each(|path| {
            let target = self.out.join(path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| OutputError(format!("cannot create {}: {e}", dir.display())))?;
            }
            std::fs::rename(self.staging.join(path), &target)
                .map_err(|e| OutputError(format!("cannot replace {}: {e}", target.display())))
        })?;
        let mut emptied: BTreeSet<PathBuf> = BTreeSet::new();
        for path in &removed {
            let target = self.out.join(path);
            match std::fs::remove_file(&target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(OutputError(format!(
                        "cannot remove {}: {e}",
                        target.display()
                    )))
                }
            }
            let mut dir = Path::new(path.as_str()).parent();
            while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                emptied.insert(d.to_path_buf());
                dir = d.parent();
            }
        }
        // Deepest first; a folder that still holds something stays.
        for dir in emptied.iter().rev() {
            let _ = std::fs::remove_dir(self.out.join(dir));
        }
        let temporary = self.out.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&temporary, manifest.to_text())
            .and_then(|()| std::fs::rename(&temporary, &manifest_path))
            .map_err(|e| OutputError(format!("cannot write {}: {e}", manifest_path.display())))?;
        Ok(removed.len())
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn is_our_output(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// Staging and old directories left by a build that was killed.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(read) = std::fs::read_dir(parent) else {
        return;
    };
    for item in read.filter_map(Result::ok) {
        let file_name = item.file_name().to_string_lossy().to_string();
        let ours = [STAGING_PREFIX, OLD_PREFIX].iter().any(|prefix| {
            file_name
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix(name))
                .is_some_and(|rest| rest.starts_with('-'))
        });
        if ours && item.path().is_dir() {
            let _ = std::fs::remove_dir_all(item.path());
        }
    }
}

fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), OutputError> {
    let old = parent.join(format!("{OLD_PREFIX}{name}-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)
            .map_err(|e| OutputError(format!("cannot move the old output aside: {e}")))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(OutputError(format!(
            "cannot move the new output into place: {e}"
        )));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
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
        writer.commit(Some("inputs"), 0).unwrap()
    }

    #[test]
    fn manifest_round_trips_and_rejects_other_text() {
        let mut manifest = Manifest {
            inputs: Some("00ff".into()),
            warnings: 3,
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
        assert_eq!(Manifest::parse("handbook-manifest 1\ninputs x\n"), None);
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
        // As a build killed while moving files leaves it.
        std::fs::remove_file(out.join(MANIFEST)).unwrap();
        let writer = SiteWriter::begin(&out).unwrap();
        assert!(!writer.is_update());
        writer.put("a/index.html", b"A").unwrap();
        let summary = writer.commit(Some("inputs"), 0).unwrap();
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
        assert!(writer.commit(Some("inputs"), 0).is_err());
        assert!(!out.exists());
        assert!(SiteWriter::begin(&out).unwrap().put("../x", b"").is_err());
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }
}
