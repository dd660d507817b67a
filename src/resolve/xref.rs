//! Cross-references in Markdown: `[[id]]`, `[[id|text]]`, `[[id#item]]`.
//!
//! pulldown-cmark parses wiki links natively; this module finds them (with
//! byte ranges for diagnostics) and the things Markdown may not contain:
//! raw HTML and script-bearing URLs.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// The Markdown options used everywhere, so scanning and rendering agree.
pub fn markdown_options() -> Options {
    Options::ENABLE_WIKILINKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
}

/// A parsed `[[target]]`: the entry id and the optional item id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xref {
    pub id: String,
    pub item: Option<String>,
}

/// Splits a wiki-link destination `id#item`.
pub fn parse_xref(destination: &str) -> Xref {
    let destination = destination.trim();
    match destination.split_once('#') {
        Some((id, item)) => Xref {
            id: id.trim().to_string(),
            item: Some(item.trim().to_string()),
        },
        None => Xref {
            id: destination.to_string(),
            item: None,
        },
    }
}

/// What a scan of one Markdown text found, with byte ranges in that text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub xrefs: Vec<(Xref, Range<usize>)>,
    pub raw_html: Vec<Range<usize>>,
    pub unsafe_urls: Vec<(String, Range<usize>)>,
    pub remote_images: Vec<(String, Range<usize>)>,
}

pub fn scan_markdown(markdown: &str) -> Scan {
    let mut scan = Scan::default();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => scan.xrefs.push((parse_xref(&dest_url), range)),
            Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(&dest_url) => {
                scan.unsafe_urls.push((dest_url.to_string(), range));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if !is_safe_url(&dest_url) {
                    scan.unsafe_urls.push((dest_url.to_string(), range));
                } else if is_remote(&dest_url) {
                    scan.remote_images.push((dest_url.to_string(), range));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => scan.raw_html.push(range),
            _ => {}
        }
    }
    scan
}

/// Links may be relative, http(s), mailto or tel; anything else (javascript:,
/// data:, vbscript:, …) could run script and is refused.
pub fn is_safe_url(url: &str) -> bool {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lowered.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a path or query character is not a scheme.
            if lowered[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lowered[..colon], "http" | "https" | "mailto" | "tel")
        }
    }
}

fn is_remote(url: &str) -> bool {
    let lowered = url.trim().to_ascii_lowercase();
    lowered.starts_with("http:") || lowered.starts_with("https:") || lowered.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(markdown: &str, expected: &[(&str, Option<&str>, &str)]) {
        let scan = scan_markdown(markdown);
        let got: Vec<(&str, Option<&str>, &str)> = scan
            .xrefs
            .iter()
            .map(|(x, r)| (x.id.as_str(), x.item.as_deref(), &markdown[r.clone()]))
            .collect();
        assert_eq!(got, expected, "in {markdown:?}");
    }

    #[test]
    fn finds_the_three_link_forms_with_their_ranges() {
        check(
            "See [[keep-in-touch]].",
            &[("keep-in-touch", None, "[[keep-in-touch]]")],
        );
        check(
            "Див. [[a|текст]] і [[b#item-1]]",
            &[
                ("a", None, "[[a|текст]]"),
                ("b", Some("item-1"), "[[b#item-1]]"),
            ],
        );
        check("`[[not-a-link]]` and [[x]]", &[("x", None, "[[x]]")]);
        check("no links [here]", &[]);
    }

    #[test]
    fn refuses_raw_html_and_script_urls() {
        assert_eq!(scan_markdown("a <b>bold</b>").raw_html.len(), 2);
        assert_eq!(scan_markdown("<script>x</script>\n").raw_html.len(), 1);
        assert_eq!(
            scan_markdown("[x](javascript:alert(1))").unsafe_urls.len(),
            1
        );
        assert_eq!(
            scan_markdown("[x](JaVaScRiPt:alert(1))").unsafe_urls.len(),
            1
        );
        assert_eq!(
            scan_markdown("![x](data:image/png;base64,AAA)")
                .unsafe_urls
                .len(),
            1
        );
        assert_eq!(
            scan_markdown("[x](https://example.org) [y](../a/) [z](mailto:a@b)")
                .unsafe_urls
                .len(),
            0
        );
        assert_eq!(
            scan_markdown("![x](https://example.org/a.png)")
                .remote_images
                .len(),
            1
        );
        assert!(is_safe_url("/uk/a/?q=b:c"));
    }

    proptest! {
        #[test]
        fn scanning_never_panics(text in "([\\[\\]|#a-zя -]|\\[\\[|\\]\\]){0,40}") {
            let scan = scan_markdown(&text);
            for (_, range) in scan.xrefs {
                prop_assert!(text.get(range).is_some());
            }
        }

        /// Any text (issue #8): every range found is a slice of it, and a
        /// parsed target never keeps the `#` in its id.
        #[test]
        fn any_text_scans_into_valid_ranges(text in any::<String>()) {
            let scan = scan_markdown(&text);
            let ranges = scan
                .xrefs
                .iter()
                .map(|(_, r)| r.clone())
                .chain(scan.raw_html.iter().cloned())
                .chain(scan.unsafe_urls.iter().map(|(_, r)| r.clone()))
                .chain(scan.remote_images.iter().map(|(_, r)| r.clone()));
            for range in ranges {
                prop_assert!(text.get(range).is_some());
            }
            for (xref, _) in &scan.xrefs {
                prop_assert!(!xref.id.contains('#'));
            }
        }

        #[test]
        fn any_destination_parses(destination in any::<String>()) {
            let xref = parse_xref(&destination);
            prop_assert!(!xref.id.contains('#'));
            prop_assert_eq!(xref.item.is_some(), destination.contains('#'));
        }

        /// A URL with a script scheme is never safe, however it is spelled.
        #[test]
        fn script_schemes_are_never_safe(
            scheme in "[jJ][aA][vV][aA][sS][cC][rR][iI][pP][tT]|[vV][bB][sS][cC][rR][iI][pP][tT]|[dD][aA][tT][aA]",
            noise in "[ \t\n\u{0}\u{1f}]{0,3}",
            rest in "[a-z(): ]{0,10}",
        ) {
            let split_at = scheme.len() / 2;
            let url = format!("{noise}{}{noise}{}:{rest}", &scheme[..split_at], &scheme[split_at..]);
            prop_assert!(!is_safe_url(&url), "{:?} passed", url);
        }
    }
}
