//! Commands that write content files for authors (the build never does):
//! `handbook new <kind> <id>` scaffolds an entry with placeholders that
//! `check --strict` reports until replaced; `handbook translated` records in
//! a translation which version of the reference text it matches.

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::model::{is_valid_id, Kind, MAX_ID_LEN};
use crate::resolve::translations::PLACEHOLDER;
use crate::Project;

pub fn new_entry(project: &Project, kind: &str, id: &str) -> Result<Vec<PathBuf>, String> {
    let kind = Kind::parse(kind).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        match crate::resolve::did_you_mean(kind, names.iter().copied()) {
            Some(close) => format!("unknown kind `{kind}`: did you mean `{close}`?"),
            None => format!("unknown kind `{kind}`; kinds: {}", names.join(", ")),
        }
    })?;
    if !is_valid_id(id) {
        return Err(format!(
            "`{id}` is not a valid id: use lowercase ASCII letters, digits and `-`, at most {MAX_ID_LEN} characters (e.g. `keep-in-touch`)"
        ));
    }
    let diagnostics = Diagnostics::new();
    let site_text = std::fs::read_to_string(project.content_dir().join("site.yaml"))
        .map_err(|e| format!("cannot read content/site.yaml: {e}"))?;
    let site = crate::load::parse_site(
        &site_text,
        &PathBuf::from("content/site.yaml"),
        &diagnostics,
    )
    .ok_or("content/site.yaml has errors: run `handbook check`")?;
    for item in walkdir::WalkDir::new(project.content_dir()).follow_links(false) {
        let Ok(item) = item else { continue };
        if item.file_type().is_dir()
            && item.file_name() == id
            && item.path().join("entry.yaml").exists()
        {
            return Err(format!(
                "an entry `{id}` already exists: {}",
                project.relative(item.path()).display()
            ));
        }
    }
    let dir = project.content_dir().join(kind.plural()).join(id);
    if dir.exists() {
        return Err(format!(
            "{} already exists",
            project.relative(&dir).display()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let area = site.areas.first().cloned().unwrap_or_default();
    let mut created = Vec::new();
    let structure = structure_template(kind, &area);
    let path = dir.join("entry.yaml");
    std::fs::write(&path, structure)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    created.push(project.relative(&path));
    for locale in site.written_locales() {
        let path = dir.join(format!("{locale}.md"));
        std::fs::write(&path, text_template(kind))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        created.push(project.relative(&path));
    }
    Ok(created)
}

fn structure_template(kind: Kind, area: &str) -> String {
    let common = format!("kind: {}\nareas: [{area}]\n", kind.name());
    let sources = "sources:\n  - source: SOURCE-ID   # a source entry's id; optionally `point: POINT-ID`\nrelated: []\ncontrasts: []\n";
    let extra = match kind {
        Kind::Principle => String::new(),
        Kind::Checklist => "items:\n  - id: first-item\n    principles: []\n".into(),
        Kind::Playbook => "steps:\n  - id: first-step\n    principles: []\n".into(),
        Kind::Scenario => "principles: []\nplaybooks: []\n".into(),
        Kind::Module => "minutes: 60\nmaterial: []\nscenarios: []\nquiz:\n  - id: q1\n    options: [a, b, c]\n    answer: a\n".into(),
        Kind::Source => return format!(
            "{common}language: en\nauthor: {PLACEHOLDER}\norigin: {PLACEHOLDER}\nseed: {PLACEHOLDER}\npublished_title: {PLACEHOLDER}   # omit for an untitled article\npoints:\n  - id: first-point\n"
        ),
    };
    format!("{common}{sources}{extra}")
}

fn text_template(kind: Kind) -> String {
    let placeholder = PLACEHOLDER;
    let extra = match kind {
        Kind::Principle => String::new(),
        Kind::Checklist => format!("items:\n  first-item:\n    text: {placeholder}\n    hint: {placeholder}\n"),
        Kind::Playbook => format!("steps:\n  first-step:\n    text: {placeholder}\n"),
        Kind::Scenario => format!("questions:\n  - {placeholder}\nhandling: {placeholder}\n"),
        Kind::Module => format!(
            "objectives:\n  - {placeholder}\nquiz:\n  q1:\n    question: {placeholder}\n    options:\n      a: {{ text: {placeholder}, explanation: {placeholder} }}\n      b: {{ text: {placeholder}, explanation: {placeholder} }}\n      c: {{ text: {placeholder}, explanation: {placeholder} }}\n"
        ),
        Kind::Source => format!("points:\n  first-point: {placeholder}\n"),
    };
    format!("---\ntitle: {placeholder}\nsummary: {placeholder}\n{extra}---\n{placeholder}\n")
}

/// Marks translations as up to date with the reference locale: writes the
/// reference text's field hashes into each one's `translated_from`.
/// `id` and `locale` narrow the selection; `None` means all. Refuses while the
/// content has errors, or for a translation still missing parts.
pub fn mark_translated(
    project: &Project,
    id: Option<&str>,
    locale: Option<&str>,
) -> Result<Vec<PathBuf>, String> {
    use crate::resolve::translations::{field_hashes, has_placeholder, missing_parts};
    let diagnostics = Diagnostics::new();
    let base = crate::load::load(project, &diagnostics)
        .ok_or("content/site.yaml has errors: run `handbook check`")?;
    let _ = crate::resolve::resolve(&base, &diagnostics);
    if diagnostics.has_errors() {
        return Err("the content has errors: run `handbook check` and fix them first".into());
    }
    let reference = &base.site.reference_locale;
    if let Some(locale) = locale {
        match base.site.locale(locale) {
            None => return Err(format!("unknown locale `{locale}`")),
            Some(config) if config.derive_from.is_some() => {
                return Err(format!(
                    "`{locale}` is derived at build time; mark its source locale instead"
                ))
            }
            Some(_) if locale == reference.as_str() => {
                return Err(format!(
                    "`{locale}` is the reference locale; translations are marked against it"
                ))
            }
            Some(_) => {}
        }
    }
    if let Some(id) = id {
        if !base
            .entries
            .contains_key(&crate::model::EntryId(id.to_string()))
        {
            let ids = base.entries.keys().map(|k| k.as_str());
            return Err(match crate::resolve::did_you_mean(id, ids) {
                Some(close) => format!("unknown entry `{id}`; did you mean `{close}`?"),
                None => format!("unknown entry `{id}`"),
            });
        }
    }
    let mut written = Vec::new();
    let mut refused = Vec::new();
    for entry in base
        .entries
        .values()
        .filter(|e| id.is_none_or(|id| e.id.as_str() == id))
    {
        let Some(reference_text) = entry.texts.get(reference) else {
            continue;
        };
        let hashes = field_hashes(entry, reference_text);
        for (text_locale, text) in &entry.texts {
            if text_locale == reference || locale.is_some_and(|l| l != text_locale.as_str()) {
                continue;
            }
            let missing = missing_parts(entry, text);
            if !missing.is_empty() || has_placeholder(text) {
                refused.push(format!(
                    "{} {text_locale}: {}",
                    entry.id,
                    if missing.is_empty() {
                        "placeholders left".to_string()
                    } else {
                        format!("missing {}", missing.join(", "))
                    }
                ));
                continue;
            }
            if text.translated_from.as_ref() == Some(&hashes) {
                continue;
            }
            let path = project.root.join(&text.file);
            let original = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", text.file.display()))?;
            let updated = with_translated_from(&original, &hashes)
                .ok_or_else(|| format!("{}: front matter not found", text.file.display()))?;
            std::fs::write(&path, updated)
                .map_err(|e| format!("cannot write {}: {e}", text.file.display()))?;
            written.push(text.file.clone());
        }
    }
    if written.is_empty() && !refused.is_empty() {
        return Err(format!(
            "nothing marked; incomplete translations:\n  {}",
            refused.join("\n  ")
        ));
    }
    Ok(written)
}

/// The file's text with its `translated_from:` block replaced by `hashes`
/// (appended at the end of the front matter). Everything else is kept byte
/// for byte.
fn with_translated_from(
    text: &str,
    hashes: &std::collections::BTreeMap<String, String>,
) -> Option<String> {
    // The loader accepts a UTF-8 BOM; so must this, and keep it (issue #8).
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let split = crate::load::split_front_matter(text).ok()?;
    let newline = if split.front_matter.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut kept = String::new();
    let mut skipping = false;
    for line in split.front_matter.split_inclusive('\n') {
        if line.starts_with("translated_from:") {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('\t')) {
            continue;
        }
        skipping = false;
        kept.push_str(line);
    }
    if !kept.is_empty() && !kept.ends_with('\n') {
        kept.push_str(newline);
    }
    kept.push_str(&format!("translated_from:{newline}"));
    for (field, hash) in hashes {
        kept.push_str(&format!("  \"{field}\": {hash}{newline}"));
    }
    let closing_start = split.front_matter_offset + split.front_matter.len();
    Some(format!(
        "{bom}{}{kept}{}",
        &text[..split.front_matter_offset],
        &text[closing_start..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_from_block_is_replaced_and_the_rest_kept() {
        let hashes: std::collections::BTreeMap<String, String> = [
            ("title".to_string(), "aa".to_string()),
            ("item x".to_string(), "bb".to_string()),
        ]
        .into();
        let text = "---\ntitle: Т\ntranslated_from:\n  title: old\nsummary: С\n---\nТіло\n";
        let updated = with_translated_from(text, &hashes).unwrap();
        assert_eq!(
            updated,
            "---\ntitle: Т\nsummary: С\ntranslated_from:\n  \"item x\": bb\n  \"title\": aa\n---\nТіло\n"
        );
        // Marking twice gives the same file.
        assert_eq!(with_translated_from(&updated, &hashes).unwrap(), updated);
    }

    /// Regression (issue #8): a file saved with a BOM and CRLF line ends,
    /// which the build accepts, was refused with "front matter not found".
    #[test]
    fn a_bom_and_crlf_file_is_marked_and_keeps_both() {
        let hashes: std::collections::BTreeMap<String, String> =
            [("title".to_string(), "aa".to_string())].into();
        let text = "\u{feff}---\r\ntitle: Т\r\nsummary: С\r\n---\r\nТіло\r\n";
        let updated = with_translated_from(text, &hashes).unwrap();
        assert_eq!(
            updated,
            "\u{feff}---\r\ntitle: Т\r\nsummary: С\r\ntranslated_from:\r\n  \"title\": aa\r\n---\r\nТіло\r\n"
        );
    }
}
