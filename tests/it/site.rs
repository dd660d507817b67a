//! The good multilingual fixture built end to end: pages, links, locales,
//! fallbacks, determinism, and a golden snapshot of an entry page per kind.

use crate::support::{html, select_attrs, select_texts, TestProject};

#[test]
fn builds_every_page_in_every_locale() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    for locale in ["uk", "ru", "sr", "sr-Latn", "en"] {
        for page in [
            "index.html",
            "areas/retention/index.html",
            "principles/index.html",
            "principles/keep-in-touch/index.html",
            "checklists/red-flags/index.html",
            "checklists/red-flags/print/index.html",
            "playbooks/part-ways/print/index.html",
            "scenarios/the-late-payer/index.html",
            "modules/dismissal-module/index.html",
            "modules/dismissal-module/quiz/index.html",
            "modules/dismissal-module/handout/index.html",
            "modules/dismissal-module/facilitator/index.html",
            "sources/article/index.html",
            "print/index.html",
            "search/index.html",
        ] {
            let path = format!("public/{locale}/{page}");
            assert!(project.path(&path).is_file(), "missing {path}");
        }
    }
    assert!(project.path("public/index.html").is_file());
    assert!(project.path("public/404.html").is_file());
    assert!(project.path("public/static/style.css").is_file());
}

#[test]
fn xref_text_is_the_target_title_in_the_page_locale() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let uk = html(&project.read("public/uk/principles/keep-in-touch/index.html"));
    let links = select_texts(&uk, ".prose a");
    assert_eq!(
        links,
        vec!["Відпустіть «не свого» клієнта", "прапорець про оплату"]
    );
    let hrefs = select_attrs(&uk, ".prose a", "href");
    assert_eq!(
        hrefs,
        vec![
            "/uk/principles/let-them-go/",
            "/uk/checklists/red-flags/#item-pays-late"
        ]
    );
}

#[test]
fn page_has_lang_alternates_switcher_and_crumbs() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/ru/checklists/red-flags/index.html"));
    assert_eq!(select_attrs(&page, "html", "lang"), vec!["ru"]);
    let alternates = select_attrs(&page, "link[rel=alternate]", "hreflang");
    assert_eq!(alternates, vec!["uk", "ru", "sr", "sr-Latn", "en"]);
    let switcher = select_attrs(&page, ".languages a", "href");
    assert!(
        switcher.contains(&"/sr-Latn/checklists/red-flags/".to_string()),
        "{switcher:?}"
    );
    assert_eq!(select_texts(&page, ".crumbs li").len(), 3);
    assert_eq!(select_texts(&page, ".item-text").len(), 2);
}

#[test]
fn missing_translation_falls_back_visibly_with_lang() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    // let-them-go has no ru text: ru falls back to uk (site.yaml), marked.
    let page = html(&project.read("public/ru/principles/let-them-go/index.html"));
    assert_eq!(select_attrs(&page, "html", "lang"), vec!["ru"]);
    assert_eq!(select_attrs(&page, "article.entry", "lang"), vec!["uk"]);
    let notice = select_texts(&page, ".fallback-notice").join(" ");
    assert!(
        notice.contains("не переведена") && notice.contains("украинский"),
        "{notice}"
    );
    assert_eq!(
        select_texts(&page, "h1"),
        vec!["Відпустіть «не свого» клієнта"]
    );
}

#[test]
fn serbian_latin_is_transliterated_but_code_and_ids_are_not() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let text = project.read("public/sr-Latn/principles/keep-in-touch/index.html");
    let page = html(&text);
    assert_eq!(select_texts(&page, "h1"), vec!["Održavajte vezu"]);
    let prose = select_texts(&page, ".prose p").join(" ");
    assert!(prose.starts_with("LJUDI koji ništa ne čuju"), "{prose}");
    assert!(prose.contains("Džep"), "{prose}");
    assert!(
        text.contains("<code>код</code>"),
        "code must stay as written"
    );
    assert!(
        text.contains("href=\"/sr-Latn/principles/let-them-go/\">Pustite pogrešnog klijenta</a>")
    );
    assert_eq!(select_attrs(&page, "html", "lang"), vec!["sr-Latn"]);
}

#[test]
fn relations_backlinks_and_source_points_are_shown() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/en/principles/let-them-go/index.html"));
    assert_eq!(select_texts(&page, ".contrasts a"), vec!["Keep in touch"]);
    assert!(select_texts(&page, ".contrast-note")[0]
        .starts_with("Keep in touch with clients worth keeping"));
    let backlinks = select_texts(&page, ".backlinks li a");
    assert!(
        backlinks.contains(&"Red flags".to_string()),
        "{backlinks:?}"
    );
    assert!(
        backlinks.contains(&"Keep in touch".to_string()),
        "{backlinks:?}"
    );
    let source = html(&project.read("public/en/sources/article/index.html"));
    let carried = select_texts(&source, "#point-part-well .carriers a");
    assert_eq!(carried, vec!["Let the wrong client go", "Part ways"]);
}

#[test]
fn check_json_is_valid_and_clean_for_the_good_site() {
    let project = TestProject::good();
    let run = project.run(&["check", "--format", "json"]);
    run.success();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(report["errors"], 0);
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "warning"));
}

#[test]
fn two_builds_are_byte_identical() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let first = project.tree("public");
    let second = project.path("public2");
    project
        .run(&["build", "--out", second.to_str().unwrap()])
        .success();
    assert_eq!(first, project.tree("public2"));
}

/// Golden snapshots of one page per kind: review the diff by eye, then
/// refresh with `UPDATE_GOLDEN=1 cargo test`.
#[test]
fn entry_pages_match_their_golden_snapshots() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    for (name, page) in [
        ("principle", "uk/principles/keep-in-touch/index.html"),
        ("checklist", "uk/checklists/red-flags/index.html"),
        ("playbook", "sr/playbooks/part-ways/index.html"),
        ("scenario", "ru/scenarios/the-late-payer/index.html"),
        ("module", "en/modules/dismissal-module/index.html"),
        ("source", "sr-Latn/sources/article/index.html"),
        ("print", "uk/checklists/red-flags/print/index.html"),
    ] {
        let actual = project.read(&format!("public/{page}"));
        crate::support::assert_golden(&format!("site/{name}.html"), &actual);
    }
}
