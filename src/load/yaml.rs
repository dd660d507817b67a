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
            let raw_message = error.to_string();
            let control = raw_message
                .contains("control characters are not allowed")
                .then(|| first_control_character(yaml))
                .flatten();
            let message = match control {
                Some((_, c)) => format!(
                    "YAML does not allow the invisible control character U+{:04X}",
                    u32::from(c)
                ),
                None => clean_message(&raw_message),
            };
            let (code, mut help) = classify(&message);
            let unclosed = unclosed_construct(&raw_message, yaml);
            let unknown = unknown_field(&message);
            let duplicate = duplicate_field(&message);
            let span = match (error.location(), &unknown) {
                _ if control.is_some() => control.map_or(0..1, |(at, c)| at..at + c.len_utf8()),
                // A list, mapping or quote left open: libyaml notices where
                // it gave up, the writer needs to see where it opened.
                _ if unclosed.is_some() => unclosed.as_ref().map_or(0..1, |u| u.0.clone()),
                // serde_yaml places a duplicate key at the mapping's start:
                // point at the second one instead.
                _ if duplicate.is_some() => duplicate
                    .as_deref()
                    .and_then(|key| find_key(yaml, 0, key))
                    .and_then(|first| find_key(yaml, first.end, duplicate.as_deref()?))
                    .unwrap_or(0..1),
                (Some(location), _) => {
                    let start = location.index().min(yaml.len());
                    start..start + 1
                }
                // serde_yaml gives no position for an unknown field: find the key.
                (None, Some((field, _))) => find_key(yaml, 0, field).unwrap_or(0..1),
                (None, None) if message.contains("more than one document") => {
                    yaml.find("\n---").map_or(0..1, |i| i + 1..i + 4)
                }
                (None, None) => 0..1,
            };
            if control.is_some() {
                help = Some("delete it (editors often show it as a box or not at all)");
            }
            if let Some((_, unclosed_help)) = unclosed {
                help = Some(unclosed_help);
            }
            if yaml[span.start.min(yaml.len())..].starts_with('\t') {
                help = Some("YAML indents with spaces, not tabs: replace the tab with spaces");
            }
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

/// serde_yaml's message in words a content writer knows: its own position
/// (" at line N column M") goes, since the snippet shows it; the position of
/// the construct being parsed stays ("while parsing a flow sequence that
/// starts at line 2, column 8"); Rust type names become YAML words.
fn clean_message(message: &str) -> String {
    let (main, context) = match message.split_once(", while ") {
        Some((main, context)) => (main, Some(context)),
        None => (message, None),
    };
    let mut cleaned = match main.find(" at line ") {
        Some(i) => main[..i].to_string(),
        None => main.to_string(),
    };
    if let Some(context) = context {
        cleaned.push_str(" while ");
        cleaned.push_str(
            &context
                .replace(" at line ", " that starts at line ")
                .replace(" column ", ", column "),
        );
    }
    for (rust, yaml) in [
        ("expected u32", "expected a whole number (0 or more)"),
        ("expected u64", "expected a whole number (0 or more)"),
        (
            "expected a sequence",
            "expected a list (`[a, b]` or `- a` lines)",
        ),
        ("expected a map", "expected a mapping (`key: value` lines)"),
        (
            "deserializing from YAML containing more than one document is not supported",
            "the YAML holds more than one document (a second `---` line)",
        ),
    ] {
        cleaned = cleaned.replace(rust, yaml);
    }
    // "expected struct RawText" names a Rust type: say what YAML it wants.
    if let Some(i) = cleaned.find("expected struct ") {
        let rest = &cleaned[i + "expected struct ".len()..];
        let name_end = rest
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        cleaned = format!(
            "{}expected a mapping (`key: value` lines){}",
            &cleaned[..i],
            &rest[name_end..]
        );
    }
    cleaned
}

/// For "…, while parsing a flow sequence at line 2 column 8" (and flow
/// mappings, quoted scalars): the span of the opening character in `yaml`
/// and what to do.
fn unclosed_construct(raw_message: &str, yaml: &str) -> Option<(Range<usize>, &'static str)> {
    let context = raw_message.split_once(", while ")?.1;
    let help = if context.starts_with("parsing a flow sequence") {
        "close the list with `]` (or write one `- item` per line)"
    } else if context.starts_with("parsing a flow mapping") {
        "close the mapping with `}`"
    } else if context.starts_with("scanning a quoted scalar") {
        "close the quote; inside \"…\" write a quote mark as \\\""
    } else {
        return None;
    };
    let position = context.split_once(" at line ")?.1;
    let (line, column) = position.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    let line_start: usize = yaml
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let start = line_start
        + yaml
            .get(line_start..)?
            .char_indices()
            .nth(column.checked_sub(1)?)?
            .0;
    Some((start..start + 1, help))
}

/// The first character YAML refuses as a control character, and where.
fn first_control_character(yaml: &str) -> Option<(usize, char)> {
    yaml.char_indices().find(|(_, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    })
}

/// `duplicate field `x`` → "x".
fn duplicate_field(message: &str) -> Option<String> {
    let rest = message.split("duplicate field `").nth(1)?;
    Some(rest.split_once('`')?.0.to_string())
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
    } else if message.contains("duplicate field") {
        (
            "duplicate-field",
            Some("a key may appear once: keep one and delete the other"),
        )
    } else if message.contains("invalid type") || message.contains("invalid value") {
        (
            "wrong-type",
            if message.contains("expected a string") {
                Some("put text that YAML reads as a number, list or mapping in quotes: `title: \"2024\"`")
            } else if message.contains("expected a list") {
                Some("write a list: `areas: [retention]`, or one `- item` per line")
            } else {
                None
            },
        )
    } else if message.contains("more than one document") {
        (
            "yaml-syntax",
            Some("end the front matter with one `---` line; there is no second document"),
        )
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
    fn messages_speak_yaml_not_rust() {
        for (raw, expected) in [
            (
                "minutes: invalid type: string \"x\", expected u32 at line 5 column 10",
                "minutes: invalid type: string \"x\", expected a whole number (0 or more)",
            ),
            (
                "did not find expected ',' or ']' at line 3 column 8, while parsing a flow sequence at line 2 column 8",
                "did not find expected ',' or ']' while parsing a flow sequence that starts at line 2, column 8",
            ),
            (
                "invalid type: sequence, expected struct RawText",
                "invalid type: sequence, expected a mapping (`key: value` lines)",
            ),
        ] {
            assert_eq!(clean_message(raw), expected);
        }
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        areas: Vec<String>,
    }

    /// The (line, column) and help of the one diagnostic for `yaml`.
    fn placed(yaml: &str) -> ((usize, usize), String) {
        let diagnostics = Diagnostics::new();
        let file = Path::new("x.yaml");
        diagnostics.remember_text(file, yaml);
        assert!(parse_yaml::<Sample>(yaml, 0, file, &diagnostics).is_none());
        let report = diagnostics.into_report();
        let d = &report.list[0];
        (
            report.position(d).unwrap(),
            d.help.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn unclosed_lists_quotes_and_control_characters_are_pointed_at() {
        let (at, help) = placed("title: a\nareas: [retention\nother: b\n");
        assert_eq!(at, (2, 8));
        assert!(help.contains("close the list"), "{help}");
        let (at, help) = placed("title: \"a\nareas: []\n");
        assert_eq!(at, (1, 8));
        assert!(help.contains("close the quote"), "{help}");
        let (at, help) = placed("title: a\u{7f}b\n");
        assert_eq!(at, (1, 9));
        assert!(help.contains("delete it"), "{help}");
        let (at, _) = placed("title: a\ntitle: b\n");
        assert_eq!(at, (2, 1));
    }

    proptest::proptest! {
        /// Whatever the text, one diagnostic, placed inside it (issue #8).
        #[test]
        fn any_text_gives_a_value_or_one_placed_diagnostic(
            yaml in "([a-z:\\[\\]{},'\"&*!|>#@`%-]|\n|\t| |\u{7f}|я){0,60}"
        ) {
            let diagnostics = Diagnostics::new();
            let file = Path::new("x.yaml");
            diagnostics.remember_text(file, &yaml);
            if parse_yaml::<Sample>(&yaml, 0, file, &diagnostics).is_none() {
                let report = diagnostics.into_report();
                proptest::prop_assert_eq!(report.list.len(), 1);
                let span = report.list[0].span.clone().unwrap();
                proptest::prop_assert!(span.start <= yaml.len().max(1));
                report.to_human(false);
            }
        }
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
