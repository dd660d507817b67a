//! Stage 1, load: files on disk → [`KnowledgeBase`] (structure and text).
//!
//! Reads `content/site.yaml`, finds every entry folder (one holding
//! `entry.yaml`), parses its structure and its `<locale>.md` texts, and checks
//! each file's own schema. Cross-entry checks (ids that exist, links) belong
//! to `resolve`. Knows nothing of HTML. Every problem becomes a diagnostic
//! with the file and position; invalid files are skipped, never half-used.

mod front_matter;
mod site;
mod structure;
mod text;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{is_valid_id, Entry, EntryId, KnowledgeBase, Locale, Site};
use crate::Project;

pub use front_matter::{split_front_matter, Split, SplitError};
pub use site::parse_site;
pub use structure::{parse_structure, structure_keys};
pub use text::{locate_value, parse_text};

/// Largest file read: bigger ones are refused with a diagnostic.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Loads the site config and every entry. `None` when the config itself is
/// unusable; otherwise the entries that parsed (the rest are diagnostics).
pub fn load(project: &Project, diagnostics: &Diagnostics) -> Option<KnowledgeBase> {
    let site_file = project.content_dir().join("site.yaml");
    let site_text = read_text(project, &site_file, diagnostics)?;
    let site = parse_site(&site_text, &project.relative(&site_file), diagnostics)?;
    let folders = discover(project, &site, diagnostics);
    let loaded: Vec<(String, Option<Entry>)> = folders
        .par_iter()
        .map(|folder| {
            (
                folder.id.clone(),
                load_entry(project, &site, folder, diagnostics),
            )
        })
        .collect();
    let broken = loaded
        .iter()
        .filter(|(_, entry)| entry.is_none())
        .map(|(id, _)| EntryId(id.clone()))
        .collect();
    let entries = loaded.into_iter().filter_map(|(_, entry)| entry);

    let mut by_id: BTreeMap<EntryId, Entry> = BTreeMap::new();
    for entry in entries {
        if let Some(first) = by_id.get(&entry.id) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!(
                        "entry id `{}` is used twice: {} and {}",
                        entry.id,
                        crate::diagnostics::display(&first.dir),
                        crate::diagnostics::display(&entry.dir)
                    ),
                )
                .in_file(entry.structure_file.clone())
                .with_help("ids are unique across the whole base: rename one of the folders"),
            );
            continue;
        }
        by_id.insert(entry.id.clone(), entry);
    }
    Some(KnowledgeBase {
        site,
        entries: by_id,
        broken,
    })
}

/// An entry folder and the files found in it.
struct EntryFolder {
    dir: PathBuf,
    id: String,
    texts: Vec<(Locale, PathBuf)>,
}

/// Walks `content/` in file-name order. A folder holding `entry.yaml` is an
/// entry; symlinks are not followed (a warning says so).
fn discover(project: &Project, site: &Site, diagnostics: &Diagnostics) -> Vec<EntryFolder> {
    let content = project.content_dir();
    let mut folders = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        let item = match item {
            Ok(item) => item,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| project.relative(p))
                    .unwrap_or_default();
                diagnostics
                    .push(Diagnostic::error("io", format!("cannot read: {error}")).in_file(path));
                continue;
            }
        };
        let path = item.path();
        if item.path_is_symlink() {
            let target = std::fs::read_link(path)
                .map(|t| format!(" (it points to {})", t.display()))
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::warning(
                    "symlink-skipped",
                    format!("symbolic link in content/ is not followed{target}"),
                )
                .in_file(project.relative(path))
                .with_help("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        if !item.file_type().is_dir() {
            continue;
        }
        // `symlink_metadata`: a linked `entry.yaml` is not followed either
        // (the walk reports it).
        let has_structure = std::fs::symlink_metadata(path.join("entry.yaml"))
            .is_ok_and(|meta| meta.file_type().is_file());
        if !has_structure {
            if item.depth() > 0 {
                check_folder_without_structure(project, site, path, diagnostics);
            }
            continue;
        }
        if let Some(folder) = entry_folder(project, site, path, diagnostics) {
            folders.push(folder);
        }
    }
    folders
}

/// The entry folder at `path` (which holds `entry.yaml`) and its text
/// files, one per configured locale; a Markdown file named after no locale
/// is an error.
fn entry_folder(
    project: &Project,
    site: &Site,
    path: &Path,
    diagnostics: &Diagnostics,
) -> Option<EntryFolder> {
    let id = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let mut texts = Vec::new();
    let mut names: Vec<_> = match std::fs::read_dir(path) {
        // Linked text files are skipped like every link (the walk warns).
        Ok(read) => read
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_symlink()))
            .map(|e| e.path())
            .collect(),
        Err(error) => {
            diagnostics.push(
                Diagnostic::error("io", format!("cannot list folder: {error}"))
                    .in_file(project.relative(path)),
            );
            return None;
        }
    };
    names.sort();
    for file in names {
        if file.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let stem = file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        match site.locale(&stem) {
            Some(locale) => texts.push((locale.code.clone(), file)),
            None => diagnostics.push(
                Diagnostic::error("unknown-locale", format!("unknown locale `{stem}`"))
                    .in_file(project.relative(&file))
                    .with_help(format!(
                        "text files are named after a locale in site.yaml: {}",
                        site.locales
                            .iter()
                            .map(|l| format!("{}.md", l.code))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
            ),
        }
    }
    Some(EntryFolder {
        dir: path.to_path_buf(),
        id,
        texts,
    })
}

/// Loads the entry in folder `dir` again after an edit, with the checks
/// [`load`] makes of each entry. `None` when it does not load (the
/// diagnostics say why).
pub fn reload_entry(
    project: &Project,
    site: &Site,
    dir: &Path,
    diagnostics: &Diagnostics,
) -> Option<Entry> {
    let folder = entry_folder(project, site, dir, diagnostics)?;
    load_entry(project, site, &folder, diagnostics)
}

/// A folder with text files but no `entry.yaml` (forgotten, or misspelt
/// as `entry.yml`) would vanish from the site without a word: say so.
fn check_folder_without_structure(
    project: &Project,
    site: &Site,
    dir: &Path,
    diagnostics: &Diagnostics,
) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let misspelt = names.iter().find(|name| {
        let lower = name.to_ascii_lowercase();
        lower != "entry.yaml" && (lower.starts_with("entry.") || lower == "entry")
    });
    let has_texts = names.iter().any(|name| {
        name.strip_suffix(".md")
            .is_some_and(|stem| site.locale(stem).is_some())
    });
    let (file, help) = match (misspelt, has_texts) {
        (Some(name), _) => (
            dir.join(name),
            format!("rename `{name}` to `entry.yaml`"),
        ),
        (None, true) => (
            dir.to_path_buf(),
            "add an entry.yaml (`handbook new <kind> <id>` makes one), or move the text files out of content/".to_string(),
        ),
        (None, false) => return,
    };
    diagnostics.push(
        Diagnostic::error(
            "missing-structure",
            format!(
                "folder {} has no entry.yaml, so it is not an entry and its texts are not used",
                crate::diagnostics::display(&project.relative(dir))
            ),
        )
        .in_file(project.relative(&file))
        .with_help(help),
    );
}

fn load_entry(
    project: &Project,
    site: &Site,
    folder: &EntryFolder,
    diagnostics: &Diagnostics,
) -> Option<Entry> {
    let structure_path = folder.dir.join("entry.yaml");
    let structure_file = project.relative(&structure_path);
    if !is_valid_id(&folder.id) {
        diagnostics.push(
            Diagnostic::error(
                "bad-id",
                format!(
                    "folder name `{}` is not a valid entry id: {}",
                    folder.id.escape_debug(),
                    crate::model::id_problem(&folder.id).unwrap_or_default()
                ),
            )
            .in_file(structure_file.clone())
            .with_help(format!(
                "an id is the folder's name: lowercase ASCII letters, digits and `-`, at most {} characters",
                crate::model::MAX_ID_LEN
            )),
        );
        return None;
    }
    let structure_text = read_text(project, &structure_path, diagnostics)?;
    let mut entry = parse_structure(
        &structure_text,
        EntryId(folder.id.clone()),
        project.relative(&folder.dir),
        structure_file,
        site,
        diagnostics,
    )?;
    for (locale, path) in &folder.texts {
        let Some(text) = read_text(project, path, diagnostics) else {
            continue;
        };
        if let Some(parsed) = parse_text(&text, project.relative(path), &entry, diagnostics) {
            entry.texts.insert(locale.clone(), parsed);
        }
    }
    Some(entry)
}

/// Reads a file as UTF-8 text (a BOM is dropped, and positions count from
/// after it, as an editor shows them),
/// recording its text for diagnostics. Invalid UTF-8 is an error at the
/// first bad byte.
fn read_text(project: &Project, path: &Path, diagnostics: &Diagnostics) -> Option<String> {
    let relative = project.relative(path);
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            diagnostics.push(
                Diagnostic::error(
                    "file-too-large",
                    format!(
                        "file is {} MiB; the limit is {} MiB",
                        meta.len() / (1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                )
                .in_file(relative)
                .with_help("split the entry into several entries"),
            );
            return None;
        }
        Ok(_) => {}
        Err(error) => {
            diagnostics.push(
                Diagnostic::error("io", format!("cannot read file: {error}")).in_file(relative),
            );
            return None;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.push(
                Diagnostic::error("io", format!("cannot read file: {error}")).in_file(relative),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            // An editor shows no BOM, so lines and columns are counted without it.
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            if !diagnostics.reads_on_demand() {
                diagnostics.remember_text(&relative, &text);
            }
            Some(text)
        }
        Err(error) => {
            // Everything before the first bad byte is valid, so its offset
            // is the same in the lossy text shown in the snippet.
            let bad = error.utf8_error().valid_up_to();
            let bad_byte = error.as_bytes()[bad];
            let lossy = String::from_utf8_lossy(error.as_bytes()).to_string();
            diagnostics.remember_text(&relative, &lossy);
            diagnostics.push(
                Diagnostic::error(
                    "invalid-utf8",
                    format!("file is not valid UTF-8: byte 0x{bad_byte:02X} at offset {bad}"),
                )
                .at(&relative, bad..bad + 1)
                .with_help(
                    "save the file as UTF-8 (it may be in Windows-1251 or Latin-1); \
                     the bad byte is shown as �",
                ),
            );
            None
        }
    }
}
