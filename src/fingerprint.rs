//! The build's inputs as one hash, so that a rebuild with nothing changed
//! can stop before loading anything.
//!
//! Input: every file under `content/`, `locales/` and `themes/`, the running
//! executable and the render options. Output: a hex string that differs
//! whenever any of them may differ, or `None` when it cannot be trusted. Files are known by their metadata, as
//! git's index and make know them: path, size, modification and change
//! times and inode (the change time cannot be set back by tools that restore
//! modification times). Reading every byte again would double the build's
//! reading. A file changed within the last two seconds could change again
//! within the file system's clock tick without its times moving, so such a
//! file leaves the build without a fingerprint, as does a file or folder
//! that cannot be read: the next build then never skips. Reads metadata
//! only, writes nothing.

use std::path::Path;

use rayon::prelude::*;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::hash::content_hash;
use crate::render::RenderOptions;
use crate::Project;

/// Files modified this recently leave the build without a fingerprint.
const RACY_WINDOW: Duration = Duration::from_secs(2);

/// The fingerprint of everything a build of `project` reads.
pub fn inputs(project: &Project, options: &RenderOptions) -> Option<String> {
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
                Err(_) => return None,
            }
        }
    }
    let settled_before = SystemTime::now() - RACY_WINDOW;
    let lines: Vec<Option<String>> = files
        .par_iter()
        .map(|path| {
            let stamp = file_stamp(path, settled_before)?;
            Some(format!("{}\t{stamp}\n", project.relative(path).display()))
        })
        .collect();
    let mut text = format!(
        "handbook {}\nexe {}\noptions {options:?}\n",
        env!("CARGO_PKG_VERSION"),
        executable_stamp()?
    );
    for line in lines {
        match line {
            Some(line) => text.push_str(&line),
            None => return None,
        }
    }
    Some(format!("{:016x}", content_hash(text.as_bytes())))
}

/// A file's metadata as one line, or `None` when it cannot be read or was
/// modified after `settled_before`.
fn file_stamp(path: &Path, settled_before: SystemTime) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    if modified > settled_before {
        return None;
    }
    let since_epoch = |time: SystemTime| time.duration_since(UNIX_EPOCH).ok().map(|d| d.as_nanos());
    let mut stamp = format!("{} {}", meta.len(), since_epoch(modified)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let changed =
            UNIX_EPOCH + Duration::new(meta.ctime().max(0) as u64, meta.ctime_nsec().max(0) as u32);
        if changed > settled_before {
            return None;
        }
        stamp.push_str(&format!(" {} {}", since_epoch(changed)?, meta.ino()));
    }
    if meta.file_type().is_symlink() {
        stamp.push_str(&format!(" -> {}", std::fs::read_link(path).ok()?.display()));
    }
    Some(stamp)
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

    /// Writes a file and dates it a minute back, past the racy window.
    fn write_settled(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
        let minute_ago = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(minute_ago)
            .unwrap();
    }

    #[test]
    fn any_input_change_changes_the_fingerprint() {
        let root = std::env::temp_dir().join(format!("handbook-fp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["content/principles/a", "locales/en", "themes/default"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        let text = root.join("content/principles/a/en.md");
        write_settled(&text, "one");
        write_settled(&root.join("locales/en/main.ftl"), "a = b");
        let project = Project::new(&root);
        let options = RenderOptions::default();
        // The change time of a file just written is now: not to be trusted.
        assert_eq!(inputs(&project, &options), None);
        std::thread::sleep(RACY_WINDOW + Duration::from_millis(100));
        let first = inputs(&project, &options).expect("settled files");
        assert_eq!(Some(&first), inputs(&project, &options).as_ref(), "stable");
        let live = RenderOptions { live_reload: true };
        assert_ne!(inputs(&project, &live), Some(first.clone()), "options");
        // Same size, modification time set back: the change time moved.
        write_settled(&text, "two");
        std::thread::sleep(RACY_WINDOW + Duration::from_millis(100));
        assert_ne!(inputs(&project, &options), Some(first), "content edit");
        let _ = std::fs::remove_dir_all(&root);
    }
}
