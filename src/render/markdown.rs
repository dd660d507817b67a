//! Markdown → HTML for one page locale, with `[[…]]` links resolved.
//!
//! Link text of `[[id]]` is the target's title in the page's locale. Raw
//! HTML (already an error in `resolve`) is escaped, never passed through,
//! and unsafe URLs become `#`, so a page is safe whatever reached here.

use pulldown_cmark::{html, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use crate::resolve::{is_safe_url, markdown_options, parse_xref};

/// Resolves a wiki link to its URL and default link text.
pub trait LinkTarget {
    /// `(url, title)` for `id` (and `#item`), or `None` if unknown.
    fn resolve(&self, id: &str, item: Option<&str>) -> Option<(String, String)>;
}

/// Renders a block of Markdown.
pub fn to_html(markdown: &str, links: &dyn LinkTarget) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let events = rewrite(Parser::new_ext(markdown, markdown_options()), links);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Renders a short text (an item, a hint, an option) without the wrapping
/// paragraph.
pub fn to_inline_html(markdown: &str, links: &dyn LinkTarget) -> String {
    let html = to_html(markdown.trim(), links);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Plain text of Markdown (for search and summaries), links as their text.
pub fn to_plain_text(markdown: &str, links: &dyn LinkTarget) -> String {
    let mut out = String::new();
    for event in rewrite(Parser::new_ext(markdown, markdown_options()), links) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn rewrite<'a>(parser: Parser<'a>, links: &dyn LinkTarget) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    // Inside a `[[id]]` without text, the parser's text (the id) is replaced.
    let mut replacing_text = false;
    for event in parser {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                title,
                id,
            }) => {
                let xref = parse_xref(&dest_url);
                let (url, target_title) = links
                    .resolve(&xref.id, xref.item.as_deref())
                    .unwrap_or_else(|| ("#".to_string(), xref.id.clone()));
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }));
                if !has_pothole {
                    events.push(Event::Text(CowStr::from(target_title)));
                    replacing_text = true;
                }
            }
            Event::End(TagEnd::Link) if replacing_text => {
                replacing_text = false;
                events.push(Event::End(TagEnd::Link));
            }
            _ if replacing_text => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from("#"),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                link_type,
            }) if !is_safe_url(&dest_url) => events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from("#"),
                title,
                id,
            })),
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            other => events.push(other),
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture;
    impl LinkTarget for Fixture {
        fn resolve(&self, id: &str, item: Option<&str>) -> Option<(String, String)> {
            (id == "keep-in-touch").then(|| {
                let anchor = item.map(|i| format!("#item-{i}")).unwrap_or_default();
                (
                    format!("/uk/principles/keep-in-touch/{anchor}"),
                    "Тримайте зв'язок".to_string(),
                )
            })
        }
    }

    fn check(markdown: &str, expected: &str) {
        assert_eq!(
            to_inline_html(markdown, &Fixture),
            expected,
            "rendering {markdown:?}"
        );
    }

    #[test]
    fn wiki_links_get_the_title_in_the_page_locale() {
        check(
            "Див. [[keep-in-touch]].",
            "Див. <a href=\"/uk/principles/keep-in-touch/\">Тримайте зв'язок</a>.",
        );
        check(
            "[[keep-in-touch|тут]]",
            "<a href=\"/uk/principles/keep-in-touch/\">тут</a>",
        );
        check(
            "[[keep-in-touch#call]]",
            "<a href=\"/uk/principles/keep-in-touch/#item-call\">Тримайте зв'язок</a>",
        );
    }

    #[test]
    fn raw_html_and_script_urls_never_pass() {
        check("a <b onclick=x>b</b>", "a &lt;b onclick=x&gt;b&lt;/b&gt;");
        check("[x](javascript:alert(1))", "<a href=\"#\">x</a>");
        assert!(!to_html("<script>alert(1)</script>\n", &Fixture).contains("<script"));
    }

    #[test]
    fn script_urls_in_every_link_form_become_inert() {
        for markdown in [
            "<javascript:alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[x](jav&#x61;script:alert(1))",
            "[x](<javascript:alert(1)>)",
            "![x](data:image/svg+xml;base64,PHN2Zz4=)",
            "[x](java\tscript:alert(1))",
            "[[javascript:alert(1)]]",
        ] {
            let html = to_html(markdown, &Fixture);
            for url in attribute_values(&html, "href").chain(attribute_values(&html, "src")) {
                assert!(
                    is_safe_url(url) && !url.contains("script:"),
                    "{markdown:?} gave {html}"
                );
            }
        }
    }

    /// The values of `name="…"` attributes in rendered HTML.
    fn attribute_values<'h>(html: &'h str, name: &str) -> std::vec::IntoIter<&'h str> {
        let opening = format!(" {name}=\"");
        let values: Vec<&str> = html
            .match_indices(&opening)
            .map(|(i, _)| {
                let rest = &html[i + opening.len()..];
                &rest[..rest.find('"').unwrap_or(rest.len())]
            })
            .collect();
        values.into_iter()
    }

    /// Titles of link targets are text, whatever they hold.
    struct HostileTitles;
    impl LinkTarget for HostileTitles {
        fn resolve(&self, _: &str, _: Option<&str>) -> Option<(String, String)> {
            Some(("/x/".into(), "<script>alert(1)</script>".into()))
        }
    }

    proptest::proptest! {
        /// Whatever the Markdown (issue #8), the HTML has no element or
        /// attribute it did not make itself: every `<` of the input is escaped.
        #[test]
        fn rendered_html_never_carries_markup_from_the_input(
            tokens in proptest::collection::vec(proptest::sample::select(&[
                "<script>", "</script>", "<img src=x onerror=alert(1)>", "<b onclick=x>", "<!--", "-->",
                "<", ">", "\"", "'", "&", "&lt;", "&#60;", "`", "[[a]]", "[[a|<b>]]", "[x](", ")",
                "javascript:alert(1)", "\\", "\n", "\n\n", "- ", "> ", "*", "[", "]", " ", "x",
            ][..]), 0..30)
        ) {
            let markdown = tokens.concat();
            let html = to_html(&markdown, &HostileTitles);
            let lowered = html.to_ascii_lowercase();
            for bad in ["<script", "<img", "<b ", "<!--"] {
                proptest::prop_assert!(!lowered.contains(bad), "{:?} gave {}", markdown, html);
            }
            for url in attribute_values(&html, "href") {
                proptest::prop_assert!(is_safe_url(url), "{:?} gave {}", markdown, html);
            }
        }
    }

    #[test]
    fn plain_text_keeps_words_only() {
        assert_eq!(
            to_plain_text("**Див.** [[keep-in-touch]]", &Fixture).trim(),
            "Див. Тримайте зв'язок"
        );
    }
}
