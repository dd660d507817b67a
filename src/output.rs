//! Stage 5, output: the only code that writes the site to disk.
//!
//! Files go to a staging directory beside the output; only when every file
//! is written is the old output swapped out and removed. A failed or killed
//! build leaves the previous output as it was. The tool refuses output
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
}
