//! Safe output (issue #8): script-bearing text in every field that reaches
//! a page comes out as text. The fixture `tests/fixtures/safety/payloads/`
//! puts a payload in every content field (titles, summaries, item texts,
//! hints, quiz options, source metadata, the site title); the tests add
//! payloads to Fluent strings, then check every page with a real HTML
//! parser: no injected element, no `on*` attribute, no script URL, and the
//! payload readable as text where it belongs.

use crate::support::{assert_no_script_injection, html, select_attrs, select_texts, TestProject};

/// The payload fixture with script payloads in UI strings too.
fn payload_project() -> TestProject {
    let project = TestProject::from_fixture("safety/payloads");
    for (locale, nav_home, language) in [
        ("en", "nav-home = Home", "language-name = English"),
        ("sr", "nav-home = Почетна", "language-name = Српски"),
    ] {
        let file = format!("locales/{locale}/main.ftl");
        project.edit(
            &file,
            nav_home,
            "nav-home = <script>alert(\"nav\")</script>",
        );
        project.edit(
            &file,
            language,
            "language-name = <img src=x onerror=alert(\"lang\")>",
        );
    }
    let en = "locales/en/main.ftl";
    project.edit(
        en,
        "quiz-right = Right.",
        "quiz-right = \"><script>alert(\"quiz-right\")</script>",
    );
    project.edit(
        en,
        "search-placeholder = Search…",
        "search-placeholder = \" onfocus=\"alert(1)",
    );
    project.edit(
        en,
        "area-retention = Retention",
        "area-retention = </a><script>alert(\"area\")</script>",
    );
    project
}

/// The text inside the first element matching `selector`, unchanged.
fn raw_text(page: &scraper::Html, selector: &str) -> String {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.select(&selector)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

#[test]
fn no_page_of_the_payload_site_carries_script() {
    let project = payload_project();
    project.run(&["build"]).success();
    let tree = project.tree("public");
    let pages: Vec<&String> = tree.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 60, "only {} pages", pages.len());
    for page in pages {
        let text = String::from_utf8(tree[page].clone()).expect("UTF-8 page");
        assert_no_script_injection(&text, page);
    }
}

#[test]
fn payloads_are_shown_as_text_where_they_belong() {
    let project = payload_project();
    project.run(&["build"]).success();
    let page = html(&project.read("public/en/principles/payload-principle/index.html"));
    assert_eq!(
        select_texts(&page, "h1"),
        vec![r#"<script>alert("title")</script>"#]
    );
    assert_eq!(
        select_texts(&page, ".lead"),
        vec![r#"</p><script>alert("summary")</script><p>"#]
    );
    assert_eq!(
        select_texts(&page, ".brand"),
        vec![r#"</title><script>alert("site")</script>"#]
    );
    assert_eq!(
        select_texts(&page, ".crumbs li a")[0],
        r#"<script>alert("nav")</script>"#
    );
    assert_eq!(
        select_texts(&page, ".nav-areas a")[0],
        r#"</a><script>alert("area")</script>"#
    );
    // `[[other-principle]]` takes the target's title as link text.
    let prose_links = select_texts(&page, ".prose a");
    assert!(
        prose_links.contains(&r#""><svg onload=alert("other")>"#.to_string()),
        "{prose_links:?}"
    );
    assert!(select_texts(&page, ".prose h2")[0].contains(r#"<script>alert("heading")</script>"#));
    assert!(
        select_texts(&page, ".prose code")[0].contains(r#"<script>alert("code")</script>"#),
        "code spans stay readable"
    );
    // Attributes round-trip: the value is the payload, not a broken-out tag.
    assert_eq!(
        select_attrs(&page, "input[data-search-box]", "placeholder"),
        vec![r#"" onfocus="alert(1)"#]
    );

    let source = html(&project.read("public/en/sources/payload-source/index.html"));
    let facts = select_texts(&source, ".source-facts dd");
    assert_eq!(
        facts,
        vec![
            r#"' onmouseover='alert("published")"#,
            r#"<script>alert("author")</script>"#,
            r#""><img src=x onerror=alert("origin")>"#,
            "English",
            r#""><svg onload=alert(1)>.txt"#,
        ]
    );

    let checklist = html(&project.read("public/en/checklists/payload-checklist/index.html"));
    let items = select_texts(&checklist, ".item-text");
    assert!(
        items[0].starts_with(r#"Item <script>alert("item")</script> see"#),
        "{items:?}"
    );
    let hints = select_texts(&checklist, ".item-hint");
    assert_eq!(hints[0], r#"Hint <img src=x onerror=alert("hint")>"#);

    let quiz = html(&project.read("public/en/modules/payload-module/quiz/index.html"));
    assert_eq!(
        select_texts(&quiz, ".option-text"),
        vec![
            r#"Option <script>alert("option")</script>"#,
            r#"Option "><svg onload=alert("b")>"#
        ]
    );
    assert_eq!(
        select_attrs(&quiz, "form[data-quiz]", "data-msg-right"),
        vec![r#""><script>alert("quiz-right")</script>"#]
    );

    // The Serbian Latin page is transliterated from payload text, still text.
    let latin = html(&project.read("public/sr-Latn/principles/payload-principle/index.html"));
    assert_eq!(
        select_texts(&latin, "h1"),
        vec![r#"Načelo <script>alert("title")</script>"#]
    );
}

#[test]
fn fluent_markup_in_a_fallback_notice_is_escaped() {
    let project = payload_project();
    // No sr text for this entry: sr pages fall back to en, with the notice.
    std::fs::remove_file(project.path("content/principles/other-principle/sr.md")).unwrap();
    project.edit(
        "locales/sr/main.ftl",
        "текст испод је на језику: { $name }.",
        "текст испод је на језику: <b>{ $name }</b>.",
    );
    project.run(&["build"]).success();
    let text = project.read("public/sr/principles/other-principle/index.html");
    assert_no_script_injection(&text, "sr fallback page");
    let notice = select_texts(&html(&text), ".fallback-notice").join(" ");
    assert!(notice.contains("<b>"), "{notice}");
}

/// A theme that embeds page data as JSON in a `<script>` element must use
/// the `json_script` filter; then no payload can end the element early.
#[test]
fn json_embedded_with_json_script_cannot_break_out_of_its_script() {
    let project = payload_project();
    project.edit(
        "themes/default/templates/base.html",
        "{% block scripts %}{% endblock %}",
        "<script type=\"application/json\" id=\"page-data\">{{ layout | json_script }}</script>\n{% block scripts %}{% endblock %}",
    );
    project.run(&["build"]).success();
    let text = project.read("public/en/principles/payload-principle/index.html");
    assert!(
        !text.contains("</script><script>alert"),
        "a payload closed the data element"
    );
    assert_no_script_injection(&text, "page with embedded JSON");
    let page = html(&text);
    let data = raw_text(&page, "script#page-data");
    let value: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(value["page_title"], r#"<script>alert("title")</script>"#);
    assert_eq!(
        value["site_title"],
        r#"</title><script>alert("site")</script>"#
    );
}
