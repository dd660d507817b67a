//! The build's inputs as one hash, so that a rebuild with nothing changed
//! can stop before loading anything.
//!
//! Input: every file under `content/`, `locales/` and `themes/` (path and
//! bytes), the running executable (size and modification time) and the
//! render options. Output: a hex string that differs whenever any of them
//! differ, or `None` when a file or folder cannot be read (then the next
//! build never skips). Content is hashed rather than trusted by its times,
//! so the same inputs give the same fingerprint wherever and whenever they
//! are built: the manifest that records it stays deterministic. Reads
//! files, writes nothing.

use std::path::Path;

use rayon::prelude::*;

use crate::hash::content_hash;
use crate::render::RenderOptions;
use crate::Project;

/// The fingerprint of everything a build of `project` reads.
pub fn inputs(project: &Project, options: &RenderOptions) -> Option<String> {
    let mut files = Vec::new();
    for dir in ["content", "locales", "themes"] {
        let walker = walkdir::WalkDir::new(project.root.join(dir))
            .sort_by_file_name()
            .follow_links(false);
        for item in walker {
            match item.ok()? {
                item if item.file_type().is_dir() => {}
                item => files.push(item.into_path()),
            }
        }
    }
    let lines: Vec<Option<String>> = files
        .par_iter()
        .map(|path| {
            let stamp = file_stamp(path)?;
            Some(format!("{}\t{stamp}\n", project.relative(path).display()))
        })
        .collect();
    let mut text = format!(
        "handbook {}\nexe {}\noptions {options:?}\n",
        env!("CARGO_PKG_VERSION"),
        executable_stamp()?
    );
    for line in lines {
        text.push_str(&line?);
    }
    Some(format!("{:016x}", content_hash(text.as_bytes())))
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
        let text = root.join("content/principles/a/en.md");
        std::fs::write(&text, "one").unwrap();
        std::fs::write(root.join("locales/en/main.ftl"), "a = b").unwrap();
        let project = Project::new(&root);
        let options = RenderOptions::default();
        let first = inputs(&project, &options).expect("readable inputs");
        assert_eq!(Some(&first), inputs(&project, &options).as_ref(), "stable");
        let live = RenderOptions { live_reload: true };
        assert_ne!(inputs(&project, &live), Some(first.clone()), "options");
        // Same size, same second: only the bytes differ.
        std::fs::write(&text, "two").unwrap();
        let second = inputs(&project, &options);
        assert_ne!(second, Some(first), "content edit");
        std::fs::write(root.join("themes/default/x.html"), "").unwrap();
        assert_ne!(inputs(&project, &options), second, "new theme file");
        let _ = std::fs::remove_dir_all(&root);
    }
}
