//! YAML parsing with positions in the real file.
//!
//! serde_yaml reports where a syntax or type error is; values that parse but
//! are wrong later (an unknown id, say) are found again in the text by
//! [`find_token`], which is exact for the plain and quoted scalars content uses.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Parses `yaml`, which starts at byte `offset` of `file`. A syntax or type
/// error becomes one diagnostic at its position.
pub fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    offset: usize,
    file: &Path,
    diagnostics: &Diagnostics,
) -> Option<T> {
    // An empty document is an empty mapping, so "missing field" names the field.
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    match serde_yaml::from_str::<T>(source) {
        Ok(value) => Some(value),
        Err(error) => {
            let message = clean_message(&error.to_string());
            let (code, help) = classify(&message);
            let unknown = unknown_field(&message);
            let span = match (error.location(), &unknown) {
                (Some(location), _) => {
                    let start = location.index().min(yaml.len());
                    start..start + 1
                }
                // serde_yaml gives no position for an unknown field: find the key.
                (None, Some((field, _))) => find_key(yaml, 0, field).unwrap_or(0..1),
                (None, None) => 0..1,
            };
            let mut diagnostic =
                Diagnostic::error(code, message).at(file, offset + span.start..offset + span.end);
            let suggestion = unknown.and_then(|(field, expected)| {
                crate::resolve::did_you_mean(&field, expected.iter().map(String::as_str))
                    .map(str::to_string)
            });
            match (suggestion, help) {
                (Some(close), _) => {
                    diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"))
                }
                (None, Some(help)) => diagnostic = diagnostic.with_help(help),
                (None, None) => {}
            }
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// serde_yaml appends " at line N column M": we show the position ourselves.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// `unknown field `x`, expected one of `a`, `b`` → ("x", ["a", "b"]).
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((field.to_string(), expected))
}

fn classify(message: &str) -> (&'static str, Option<&'static str>) {
    if message.contains("unknown field") {
        (
            "unknown-field",
            Some("check the spelling; docs/CONTENT.md lists the keys of each kind"),
        )
    } else if message.contains("missing field") {
        (
            "missing-field",
            Some("add the field; docs/CONTENT.md lists what each kind needs"),
        )
    } else if message.contains("invalid type") || message.contains("invalid value") {
        ("wrong-type", None)
    } else {
        (
            "yaml-syntax",
            Some("check indentation, colons and quotes on this line"),
        )
    }
}

/// The span of `token` in `text[from..]` where it stands alone (not part of
/// a longer id), or `None`.
pub fn find_token(text: &str, from: usize, token: &str) -> Option<Range<usize>> {
    if token.is_empty() || from > text.len() {
        return None;
    }
    let is_id_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let bytes = text.as_bytes();
    let mut search = from;
    while let Some(found) = text.get(search..)?.find(token) {
        let start = search + found;
        let end = start + token.len();
        let before_ok = start == 0 || !is_id_byte(bytes[start - 1]);
        let after_ok = end >= bytes.len() || !is_id_byte(bytes[end]);
        if before_ok && after_ok {
            return Some(start..end);
        }
        search = end;
    }
    None
}

/// Where a key (`key:`) starts in the text, for "this field is wrong" spans.
pub fn find_key(text: &str, from: usize, key: &str) -> Option<Range<usize>> {
    let mut search = from;
    while let Some(span) = find_token(text, search, key) {
        if text[span.end..].starts_with(':') {
            return Some(span);
        }
        search = span.end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_token_skips_longer_ids() {
        let text = "related: [red-flags, red]\n";
        assert_eq!(find_token(text, 0, "red").map(|r| &text[r]), Some("red"));
        assert_eq!(find_token(text, 0, "red").unwrap().start, 21);
        assert_eq!(find_token(text, 0, "flags"), None);
        assert_eq!(find_token(text, 0, ""), None);
        assert_eq!(find_token(text, 99, "red"), None);
    }

    #[test]
    fn find_key_needs_a_colon() {
        let text = "summary: items matter\nitems:\n";
        assert_eq!(find_key(text, 0, "items").unwrap().start, 22);
    }

    #[test]
    fn yaml_errors_are_placed_in_the_file() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let diagnostics = Diagnostics::new();
        let file = Path::new("x.md");
        let text = "---\ntitle: a\ntitel: b\n---\n";
        diagnostics.remember_text(file, text);
        assert!(parse_yaml::<T>(&text[4..22], 4, file, &diagnostics).is_none());
        let report = diagnostics.into_report();
        assert_eq!(report.list[0].code, "unknown-field");
        assert_eq!(report.position(&report.list[0]), Some((3, 1)));
    }
}
