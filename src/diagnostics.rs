//! Diagnostics: content problems as data.
//!
//! Every stage records what is wrong with the content as a [`Diagnostic`]
//! (severity, code, message, file, byte span, help) and keeps going, so one
//! run reports every problem. Spans are byte ranges into the file's real text
//! (front-matter YAML is offset into its `.md` file); lines and columns are
//! computed from them, counting from 1, columns in characters.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One content problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case: `unknown-id`, `yaml-syntax`, `missing-translation`…
    pub code: &'static str,
    pub message: String,
    /// Path relative to the project root, as shown to the user.
    pub file: Option<PathBuf>,
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            span: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, file: impl Into<PathBuf>, span: Range<usize>) -> Self {
        self.file = Some(file.into());
        self.span = Some(span);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Collects diagnostics from any thread, and the text of every file they
/// point into, so they can be shown with a snippet.
///
/// Texts are either remembered when read, or (with [`Diagnostics::reading`])
/// read again from the project when a diagnostic needs them: a build does
/// not keep a second copy of every content file for the few, if any, that
/// have problems.
#[derive(Default)]
pub struct Diagnostics {
    list: Mutex<Vec<Diagnostic>>,
    /// Shared, not copied: a diagnostic may look into a large file often.
    texts: Mutex<BTreeMap<PathBuf, Arc<str>>>,
    /// Where relative paths of files not remembered are read from.
    root: Option<PathBuf>,
}

/// At most this many diagnostics of one code are shown per file; the rest
/// are counted in one line. Hostile input (a file of 40,000 `<b>` tags)
/// must not turn into gigabytes of report (issue #8).
pub const MAX_SHOWN_PER_FILE_AND_CODE: usize = 20;

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// Diagnostics that read the text of a file under `root` when one of
    /// them points into it.
    pub fn reading(root: &Path) -> Self {
        Diagnostics {
            root: Some(root.to_path_buf()),
            ..Self::default()
        }
    }

    /// Whether texts are read on demand (so remembering them is not needed).
    pub fn reads_on_demand(&self) -> bool {
        self.root.is_some()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.list.lock().expect("diagnostics lock").push(diagnostic);
    }

    /// Remembers a file's text so that spans into it can be shown.
    pub fn remember_text(&self, file: &Path, text: &str) {
        self.texts
            .lock()
            .expect("diagnostics lock")
            .insert(file.to_path_buf(), Arc::from(text));
    }

    /// The text of a file read earlier in this run, or read now.
    pub fn text_of(&self, file: &Path) -> Option<Arc<str>> {
        if let Some(text) = self.texts.lock().expect("diagnostics lock").get(file) {
            return Some(Arc::clone(text));
        }
        let text: Arc<str> = Arc::from(read_source(&self.root.as_ref()?.join(file))?);
        self.texts
            .lock()
            .expect("diagnostics lock")
            .insert(file.to_path_buf(), Arc::clone(&text));
        Some(text)
    }

    pub fn has_errors(&self) -> bool {
        self.list
            .lock()
            .expect("diagnostics lock")
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Turns the collection into a sorted, de-duplicated report.
    pub fn into_report(self) -> Report {
        let mut list = self.list.into_inner().expect("diagnostics lock");
        let mut texts = self.texts.into_inner().expect("diagnostics lock");
        if let Some(root) = &self.root {
            for file in list
                .iter()
                .filter(|d| d.span.is_some())
                .filter_map(|d| d.file.as_ref())
            {
                if !texts.contains_key(file) {
                    if let Some(text) = read_source(&root.join(file)) {
                        texts.insert(file.clone(), Arc::from(text));
                    }
                }
            }
        }
        list.sort_by(|a, b| {
            (
                a.severity,
                &a.file,
                a.span.as_ref().map(|s| s.start),
                a.code,
                &a.message,
            )
                .cmp(&(
                    b.severity,
                    &b.file,
                    b.span.as_ref().map(|s| s.start),
                    b.code,
                    &b.message,
                ))
        });
        list.dedup();
        let errors = list
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = list.len() - errors;
        let list = cap_per_file_and_code(list);
        let texts = texts
            .into_iter()
            .map(|(path, text)| (path, text.to_string()))
            .collect();
        Report {
            list,
            texts,
            errors,
            warnings,
        }
    }
}

/// Keeps the first [`MAX_SHOWN_PER_FILE_AND_CODE`] diagnostics of each
/// (severity, file, code) of a sorted list; one diagnostic at the end says
/// how many more there are.
fn cap_per_file_and_code(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type Group = (Severity, Option<PathBuf>, &'static str);
    let mut shown: BTreeMap<Group, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(list.len().min(1024));
    for diagnostic in list {
        let group = (
            diagnostic.severity,
            diagnostic.file.clone(),
            diagnostic.code,
        );
        let count = shown.entry(group).or_default();
        *count += 1;
        if *count <= MAX_SHOWN_PER_FILE_AND_CODE {
            kept.push(diagnostic);
        }
    }
    for ((severity, file, code), count) in shown {
        if count <= MAX_SHOWN_PER_FILE_AND_CODE {
            continue;
        }
        let more = count - MAX_SHOWN_PER_FILE_AND_CODE;
        let mut summary = Diagnostic {
            severity,
            code,
            message: format!(
                "{more} more `{code}` {} not shown",
                match (severity, more) {
                    (Severity::Error, 1) => "error",
                    (Severity::Error, _) => "errors",
                    (Severity::Warning, 1) => "warning",
                    (Severity::Warning, _) => "warnings",
                }
            ),
            file: None,
            span: None,
            help: Some("fix the ones above and run again".into()),
        };
        if let Some(file) = file {
            summary = summary.in_file(file);
        }
        kept.push(summary);
    }
    kept
}

/// The diagnostics of one run, ready to be shown.
#[derive(Default)]
pub struct Report {
    /// Sorted; at most [`MAX_SHOWN_PER_FILE_AND_CODE`] per file and code.
    pub list: Vec<Diagnostic>,
    texts: BTreeMap<PathBuf, String>,
    /// Counted before capping.
    errors: usize,
    warnings: usize,
}

/// One diagnostic in the documented JSON shape (see README).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<&'a str>,
}

impl Report {
    /// Every error found, including those not listed.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// Every warning found, including those not listed.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Line and column (from 1, column in characters) of a diagnostic.
    pub fn position(&self, diagnostic: &Diagnostic) -> Option<(usize, usize)> {
        let text = self.texts.get(diagnostic.file.as_ref()?)?;
        Some(line_column(text, diagnostic.span.as_ref()?.start))
    }

    /// rustc-style text, with a snippet where the file's text is known.
    pub fn to_human(&self, color: bool) -> String {
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        for (path, text) in &self.texts {
            ids.insert(path.clone(), files.add(display(path), text.clone()));
        }
        let config = term::Config::default();
        let mut out = String::new();
        for d in &self.list {
            let mut shown = match d.severity {
                Severity::Error => cs::Diagnostic::error(),
                Severity::Warning => cs::Diagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(&d.message);
            let mut notes = Vec::new();
            match (&d.file, &d.span) {
                (Some(file), Some(span)) if ids.contains_key(file) => {
                    let text = &self.texts[file];
                    let span = clamp_span(text, span.clone());
                    shown = shown.with_labels(vec![cs::Label::primary(ids[file], span)]);
                }
                (Some(file), _) => notes.push(format!("in {}", display(file))),
                _ => {}
            }
            if let Some(help) = &d.help {
                notes.push(format!("help: {help}"));
            }
            shown = shown.with_notes(notes);
            let mut one = String::new();
            if term::emit_to_string(&mut one, &config, &files, &shown).is_err() {
                one = format!("{}[{}]: {}\n", severity_word(d.severity), d.code, d.message);
            }
            out.push_str(&one);
        }
        if !color {
            return out;
        }
        colorize(&out)
    }

    pub fn to_json(&self) -> String {
        let list: Vec<JsonDiagnostic> = self
            .list
            .iter()
            .map(|d| {
                let position = self.position(d);
                JsonDiagnostic {
                    code: d.code,
                    severity: d.severity,
                    message: &d.message,
                    file: d.file.as_deref().map(display),
                    line: position.map(|p| p.0),
                    column: position.map(|p| p.1),
                    help: d.help.as_deref(),
                }
            })
            .collect();
        let summary = serde_json::json!({
            "diagnostics": list,
            "errors": self.errors(),
            "warnings": self.warnings(),
        });
        serde_json::to_string_pretty(&summary).expect("diagnostics serialize") + "\n"
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A source file's text as diagnostics count it: UTF-8, without a BOM
/// (an editor shows none, so lines and columns are counted without it).
pub fn read_source(path: &Path) -> Option<String> {
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    Some(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Paths are shown with `/` on every platform.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Line and column from 1 for a byte offset; the column counts characters.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].trim_end_matches('\r').chars().count() + 1;
    (line, column)
}

/// Minimal ANSI colouring of the header words; the layout stays the same.
fn colorize(text: &str) -> String {
    text.lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("error") {
                format!("\x1b[1;31merror\x1b[0m{rest}")
            } else if let Some(rest) = line.strip_prefix("warning") {
                format!("\x1b[1;33mwarning\x1b[0m{rest}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, offset: usize, expected: (usize, usize)) {
        assert_eq!(
            line_column(text, offset),
            expected,
            "offset {offset} in {text:?}"
        );
    }

    #[test]
    fn line_column_counts_characters_from_one() {
        check("abc", 0, (1, 1));
        check("abc\ndef", 5, (2, 2));
        check("Див. [[x]]", "Див. ".len(), (1, 6));
        check("a\r\nb", 3, (2, 1));
        // An offset inside a multi-byte character snaps back to its start.
        check("ї", 1, (1, 1));
        check("abc", 99, (1, 4));
    }

    proptest::proptest! {
        /// Any offset into any text (issue #8): a position inside the text,
        /// and a span the snippet renderer accepts.
        #[test]
        fn any_offset_has_a_position(text in proptest::prelude::any::<String>(), offset in 0usize..400, len in 0usize..10) {
            let (line, column) = line_column(&text, offset);
            proptest::prop_assert!(line >= 1 && line <= text.matches('\n').count() + 1);
            proptest::prop_assert!(column >= 1 && column <= text.chars().count() + 1);
            let span = clamp_span(&text, offset..offset + len);
            proptest::prop_assert!(text.get(span).is_some());
        }
    }

    #[test]
    fn human_report_names_file_line_and_help() {
        let diagnostics = Diagnostics::new();
        let file = Path::new("content/a/uk.md");
        let text = "---\ntitle: x\n---\nДив. [[red-flag]].\n";
        diagnostics.remember_text(file, text);
        let start = text.find("[[").unwrap();
        diagnostics.push(
            Diagnostic::error("unknown-id", "unknown entry `red-flag`")
                .at(file, start..start + "[[red-flag]]".len())
                .with_help("did you mean `red-flags`?"),
        );
        let report = diagnostics.into_report();
        let text = report.to_human(false);
        assert!(
            text.contains("error[unknown-id]: unknown entry `red-flag`"),
            "{text}"
        );
        assert!(text.contains("content/a/uk.md:4:6"), "{text}");
        assert!(text.contains("help: did you mean `red-flags`?"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["diagnostics"][0]["line"], 4);
        assert_eq!(json["diagnostics"][0]["column"], 6);
        assert_eq!(json["errors"], 1);
    }
}
