//! The editors' workflow: coverage, staleness, `translated`, `new`, and
//! the relation graph.

use crate::browser::{Browser, StaticServer};
use crate::support::{html, select_texts, TestProject};

fn diagnostics(project: &TestProject) -> Vec<serde_json::Value> {
    let run = project.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("check --format json");
    report["diagnostics"].as_array().unwrap().clone()
}

fn messages_with(project: &TestProject, code: &str, entry: &str) -> Vec<String> {
    diagnostics(project)
        .into_iter()
        .filter(|d| {
            d["code"] == code
                && d["message"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("`{entry}`"))
        })
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

/// Issue #9's editor loop, with Ukrainian as the reference locale.
#[test]
fn editing_the_reference_marks_translations_stale_until_marked() {
    let project = TestProject::good();
    project.edit(
        "content/site.yaml",
        "reference_locale: en",
        "reference_locale: uk",
    );
    project.run(&["translated", "--all"]).success();
    assert!(messages_with(&project, "unmarked-translation", "red-flags").is_empty());
    assert!(messages_with(&project, "stale-translation", "red-flags").is_empty());
    assert!(project
        .read("content/checklists/red-flags/en.md")
        .contains("translated_from:"));

    // Change one item's Ukrainian text and add a new item.
    project.edit(
        "content/checklists/red-flags/uk.md",
        "Перевірте, чи платить",
        "Зʼясуйте, чи платить",
    );
    project.edit(
        "content/checklists/red-flags/entry.yaml",
        "  - id: ignores-advice",
        "  - id: no-brief\n  - id: ignores-advice",
    );
    project.edit(
        "content/checklists/red-flags/uk.md",
        "items:\n",
        "items:\n  no-brief: { text: Попросіть письмове завдання }\n",
    );

    for locale in ["en", "ru", "sr"] {
        let messages: Vec<String> = messages_with(&project, "missing-translation", "red-flags")
            .into_iter()
            .filter(|m| m.contains(&format!(" in {locale}:")))
            .collect();
        assert_eq!(messages.len(), 1, "{locale}: {messages:?}");
        assert!(
            messages[0].contains("lacks item `no-brief`"),
            "{}",
            messages[0]
        );
        assert!(
            messages[0].contains("item pays-late changed"),
            "{}",
            messages[0]
        );
        assert!(messages[0].contains("structure changed"), "{}", messages[0]);
    }
    assert!(diagnostics(&project)
        .iter()
        .all(|d| !d["message"].as_str().unwrap().contains("in uk:")));

    // Bring English up to date and mark it; the others stay behind.
    project.edit(
        "content/checklists/red-flags/en.md",
        "items:\n",
        "items:\n  no-brief: { text: Ask for a written brief }\n",
    );
    project.run(&["translated", "red-flags", "en"]).success();
    let still: Vec<String> = messages_with(&project, "missing-translation", "red-flags");
    assert_eq!(still.len(), 2, "{still:?}");
    assert!(still.iter().all(|m| !m.contains(" in en:")));

    let run = project.run(&["coverage", "--format", "json"]);
    run.success();
    let coverage: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let todo = coverage["todo"].as_array().unwrap();
    assert!(todo
        .iter()
        .any(|c| c["entry"] == "red-flags" && c["locale"] == "ru" && c["status"] == "missing"));
    assert!(!todo
        .iter()
        .any(|c| c["entry"] == "red-flags" && c["locale"] == "en"));
}

#[test]
fn marking_refuses_incomplete_translations_and_unknown_ids() {
    let project = TestProject::good();
    project.edit(
        "content/checklists/red-flags/uk.md",
        "  ignores-advice:",
        "  ignored:",
    );
    let run = project.run(&["check"]);
    assert!(run.stderr.contains("error[unknown-item]"), "{}", run.stderr);
    let run = project.run(&["translated", "red-flag", "uk"]);
    run.failure(1);
    assert!(run.stderr.contains("fix them first"), "{}", run.stderr);

    let project = TestProject::good();
    let run = project.run(&["translated", "red-flag", "uk"]);
    run.failure(1);
    assert!(
        run.stderr.contains("did you mean `red-flags`?"),
        "{}",
        run.stderr
    );
    project
        .run(&["translated", "red-flags", "sr-Latn"])
        .failure(1);
}

#[test]
fn coverage_reports_derived_and_missing_locales() {
    let project = TestProject::good();
    let run = project.run(&["coverage"]);
    run.success();
    assert!(run.stdout.contains("derived"), "{}", run.stdout);
    assert!(run.stdout.contains("let-them-go"), "{}", run.stdout);
    let run = project.run(&["coverage", "--format", "json"]);
    let coverage: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let principle_ru = &coverage["grid"][0]["counts"][1];
    assert_eq!(principle_ru["locale"], "ru");
    assert_eq!(principle_ru["missing"], 1);
    assert_eq!(coverage["locales"][3]["derived_from"], "sr");
}

#[test]
fn status_page_lists_missing_entries_with_links() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/status/index.html"));
    let missing = select_texts(&page, ".status-todo tbody tr.status-missing td a");
    assert_eq!(missing, vec!["Let the wrong client go"]);
    let links = crate::support::select_attrs(&page, ".status-todo tr.status-missing a", "href");
    assert_eq!(links, vec!["/ru/principles/let-them-go/"]);
    assert!(!select_texts(&page, ".status-grid td.status-missing").is_empty());
    // Kept out of the readers' navigation.
    assert!(!project.read("public/en/index.html").contains("status/"));
}

#[test]
fn new_scaffolds_placeholders_that_strict_check_reports() {
    let project = TestProject::good();
    project.run(&["new", "checklist", "first-call"]).success();
    for file in ["entry.yaml", "en.md", "uk.md", "ru.md", "sr.md"] {
        assert!(
            project
                .path(&format!("content/checklists/first-call/{file}"))
                .is_file(),
            "{file}"
        );
    }
    assert!(!project
        .path("content/checklists/first-call/sr-Latn.md")
        .exists());
    project.edit(
        "content/checklists/first-call/entry.yaml",
        "SOURCE-ID",
        "article",
    );
    let run = project.run(&["check", "--strict"]);
    run.failure(1);
    assert!(run.stderr.contains("FILL IN"), "{}", run.stderr);
    let run = project.run(&["new", "principle", "keep-in-touch"]);
    run.failure(1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    let run = project.run(&["new", "principle", "Keep_In_Touch"]);
    run.failure(1);
    assert!(run.stderr.contains("not a valid id"), "{}", run.stderr);
    project.run(&["new", "lesson", "x"]).failure(1);
}

/// `graph.json` follows the shape documented in the README.
#[test]
fn graph_json_has_entries_edges_and_backlinks() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let graph: serde_json::Value =
        serde_json::from_str(&project.read("public/graph.json")).unwrap();
    assert_eq!(graph["version"], 1);
    let entries = graph["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 7);
    for entry in entries {
        for key in ["id", "kind", "areas", "locales", "backlinks"] {
            assert!(!entry[key].is_null(), "{key} missing in {entry}");
        }
    }
    let let_them_go = entries.iter().find(|e| e["id"] == "let-them-go").unwrap();
    assert_eq!(
        let_them_go["locales"],
        serde_json::json!(["en", "sr", "uk"])
    );
    assert!(let_them_go["backlinks"]
        .as_array()
        .unwrap()
        .contains(&"red-flags".into()));
    let edges = graph["edges"].as_array().unwrap();
    assert!(edges.contains(
        &serde_json::json!({"from": "let-them-go", "to": "keep-in-touch", "relation": "contrasts"})
    ));
    assert!(edges.contains(
        &serde_json::json!({"from": "keep-in-touch", "to": "let-them-go", "relation": "related"})
    ));
    assert!(edges.contains(
        &serde_json::json!({"from": "keep-in-touch", "to": "red-flags", "relation": "mention"})
    ));
}

#[test]
fn entry_and_area_pages_draw_relation_maps() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/uk/principles/let-them-go/index.html"));
    let nodes = select_texts(&page, "svg.relation-map a text");
    assert!(nodes.contains(&"Тримайте звʼязок".to_string()), "{nodes:?}");
    assert_eq!(
        select_texts(&page, "svg.relation-map path.map-contrasts").len(),
        1
    );
    let area = html(&project.read("public/en/areas/dismissal/index.html"));
    assert!(select_texts(&area, "svg.cluster-map a text").contains(&"Red flags".to_string()));
}

/// Every title in the shipped relation maps stays inside its box as
/// Chromium draws it, in every locale: titles are cut by their width, and
/// Cyrillic letters are wider than Latin ones. The area pages' cluster maps
/// hold every entry of their area, so they cover every title.
#[test]
fn map_titles_fit_their_boxes_in_a_browser() {
    let Some(browser) = Browser::start("map_titles_fit_their_boxes_in_a_browser") else {
        return;
    };
    let project = TestProject::shipped();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    let mut measured = 0;
    for locale in ["uk", "ru", "sr", "sr-Latn", "en"] {
        for area in ["retention", "recovery", "dismissal"] {
            browser.goto(&server.url(&format!("/{locale}/areas/{area}/")));
            let overflowing = browser.execute_script(
                r#"const out = []; let n = 0;
                for (const node of document.querySelectorAll('svg .map-node')) {
                  const box = node.querySelector('rect').getBBox();
                  const text = node.querySelector('text');
                  const end = text.getBBox().x + text.getComputedTextLength();
                  n += 1;
                  if (end > box.x + box.width - 2) out.push(text.textContent + ' ' + (end - box.x));
                }
                return [n, out];"#,
                vec![],
            );
            let count = overflowing[0].as_u64().unwrap_or(0);
            assert!(count > 5, "{locale} {area}: only {count} map nodes");
            measured += count;
            assert_eq!(
                overflowing[1],
                serde_json::json!([]),
                "{locale} {area}: titles past their boxes"
            );
        }
    }
    assert!(measured > 300, "only {measured} titles measured");
}
