//! Stage 5, output: the only code that writes the site to disk.
//!
//! Files go to a staging directory beside the output; only when every file
//! is written is it exchanged with the old output, which is then removed. A
//! failed or killed build leaves the previous output as it was, and the
//! next build removes what a killed one left behind. The tool refuses output
//! directories that would put the user's work at risk, and only ever
//! replaces a directory that it made itself (it carries a marker file).

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

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

/// Writes `files` as the new content of `out`, atomically as seen from
/// outside: the old output stays complete until the new one is.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let parent = out
        .parent()
        .ok_or_else(|| OutputError("output directory has no parent".into()))?;
    std::fs::create_dir_all(parent)
        .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
    let name = output_name(out)?;
    recover(out)?;
    if out.exists() && !is_our_output(out) {
        return Err(OutputError(format!(
            "{} exists and was not made by handbook (no {MARKER} file); move it away or choose another --out",
            out.display()
        )));
    }
    remove_leftovers(parent, &name);

    let staging = parent.join(format!("{STAGING_PREFIX}{name}-{}", std::process::id()));
    std::fs::create_dir_all(&staging)
        .map_err(|e| OutputError(format!("cannot create {}: {e}", staging.display())))?;
    let result = write_files(&staging, files).and_then(|()| swap_in(&staging, out, parent, &name));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
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

fn write_files(staging: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    std::fs::write(
        staging.join(MARKER),
        b"This directory is written by handbook; it is replaced on every build.\n",
    )
    .map_err(|e| OutputError(format!("cannot write in {}: {e}", staging.display())))?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for file in files {
        let relative = safe_relative(&file.path).ok_or_else(|| {
            OutputError(format!(
                "refusing to write outside the output: {:?}",
                file.path
            ))
        })?;
        if let Some(dir) = relative.parent() {
            dirs.push(dir.to_path_buf());
        }
    }
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(staging.join(dir)).map_err(|e| {
            OutputError(format!(
                "cannot create {}: {e}",
                staging.join(dir).display()
            ))
        })?;
    }
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        std::fs::write(&path, &file.bytes)
            .map_err(|e| OutputError(format!("cannot write {}: {e}", path.display())))
    })
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
}
