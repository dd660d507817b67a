//! The build's inputs as one hash, so that a rebuild with nothing changed
//! can stop before loading anything.
//!
//! Input: every file under `content/`, `locales/` and `themes/` (path and
//! bytes), the running executable (size and modification time) and the
//! render options. Output: a hex string that differs whenever any of them
//! may differ. Reads files, writes nothing; a file it cannot read makes the
//! fingerprint unique to this run, so it never matches a previous one.

use std::path::Path;

use rayon::prelude::*;

use crate::hash::content_hash;
use crate::render::RenderOptions;
use crate::Project;

/// The fingerprint of everything a build of `project` reads.
pub fn inputs(project: &Project, options: &RenderOptions) -> String {
    let mut files = Vec::new();
    for dir in ["content", "locales", "themes"] {
        let walker = walkdir::WalkDir::new(project.root.join(dir))
            .sort_by_file_name()
            .follow_links(false);
        for item in walker {
            match item {
                Ok(item) if item.file_type().is_dir() => {}
                Ok(item) => files.push(item.into_path()),
                // A folder that cannot be listed: never reuse the output.
                Err(_) => return unique(),
            }
        }
    }
    let lines: Vec<Option<String>> = files
        .par_iter()
        .map(|path| {
            let relative = project.relative(path);
            let stamp = file_stamp(path)?;
            Some(format!("{}\t{stamp}\n", relative.display()))
        })
        .collect();
    let mut text = format!(
        "handbook {}\nexe {}\noptions {options:?}\n",
        env!("CARGO_PKG_VERSION"),
        executable_stamp().unwrap_or_else(unique)
    );
    for line in lines {
        match line {
            Some(line) => text.push_str(&line),
            None => return unique(),
        }
    }
    format!("{:016x}", content_hash(text.as_bytes()))
}

/// Size and hash of a file, or where a symbolic link points.
fn file_stamp(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.file_type().is_symlink() {
        return Some(format!("-> {}", std::fs::read_link(path).ok()?.display()));
    }
    let bytes = std::fs::read(path).ok()?;
    Some(format!("{} {:016x}", bytes.len(), content_hash(&bytes)))
}

/// A new build of handbook may render differently: its size and time stand
/// for its code (hashing ~25 MB on every build would cost more).
fn executable_stamp() -> Option<String> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{} {}", meta.len(), modified.as_nanos()))
}

/// A value no other run produces.
fn unique() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("unique {} {}", std::process::id(), now.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_input_change_changes_the_fingerprint() {
        let root = std::env::temp_dir().join(format!("handbook-fp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["content/principles/a", "locales/en", "themes/default"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::fs::write(root.join("content/principles/a/en.md"), "one").unwrap();
        std::fs::write(root.join("locales/en/main.ftl"), "a = b").unwrap();
        let project = Project::new(&root);
        let options = RenderOptions::default();
        let first = inputs(&project, &options);
        assert_eq!(first, inputs(&project, &options), "stable when unchanged");
        std::fs::write(root.join("content/principles/a/en.md"), "two").unwrap();
        let second = inputs(&project, &options);
        assert_ne!(first, second, "content edit");
        std::fs::write(root.join("themes/default/x.html"), "").unwrap();
        assert_ne!(second, inputs(&project, &options), "new theme file");
        let live = RenderOptions { live_reload: true };
        assert_ne!(
            inputs(&project, &live),
            inputs(&project, &options),
            "options"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
