//! `handbook new <kind> <id>`: writes a new entry's `entry.yaml` with the
//! kind's fields and one text file per written locale, holding placeholders
//! that `check --strict` reports until a person replaces them.

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::model::{is_valid_id, Kind, MAX_ID_LEN};
use crate::resolve::translations::PLACEHOLDER;
use crate::Project;

pub fn new_entry(project: &Project, kind: &str, id: &str) -> Result<Vec<PathBuf>, String> {
    let kind = Kind::parse(kind).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown kind `{kind}`; kinds: {}", names.join(", "))
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
            "{common}language: en\nauthor: {PLACEHOLDER}\norigin: {PLACEHOLDER}\nseed: {PLACEHOLDER}\npublished_title: {PLACEHOLDER}\npoints:\n  - id: first-point\n"
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
