//! Rebuilding over a previous output (issue #7): nothing changed → nothing
//! loaded or written; an edit → only the pages whose bytes change are
//! written, and the result is the tree a fresh build makes; pages that are
//! gone are removed; an output without a manifest or with missing pages is
//! repaired.

use std::collections::BTreeMap;

use crate::support::{Run, TestProject};

/// The output tree, after checking it has a manifest.
fn site(project: &TestProject, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let tree = project.tree(dir);
    assert!(
        tree.contains_key(".handbook-manifest"),
        "{dir} has no manifest"
    );
    tree
}

/// `(written, unchanged, removed)` from a build's summary line.
fn counts(run: &Run) -> (usize, usize, usize) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains(" written, "))
        .unwrap_or_else(|| panic!("no update summary in:\n{}", run.stderr));
    let numbers: Vec<usize> = line
        .split(['(', ','])
        .filter_map(|part| part.split_whitespace().next()?.parse().ok())
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

/// A fresh build of the same content into `fresh/`, to compare with.
fn fresh_build(project: &TestProject) -> BTreeMap<String, Vec<u8>> {
    let fresh = project.path("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    project
        .run(&["build", "--out", fresh.to_str().unwrap()])
        .success();
    site(project, "fresh")
}

#[test]
fn an_unchanged_rebuild_is_up_to_date_and_touches_nothing() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let before = project.tree("public");
    let again = project.run(&["build", "--timings"]);
    again.success();
    assert!(again.stderr.contains("is up to date"), "{}", again.stderr);
    assert!(!again.stderr.contains("render"), "{}", again.stderr);
    assert_eq!(before, project.tree("public"));
    // A file saved again with the same bytes changes nothing either.
    let text = project.read("content/principles/keep-in-touch/uk.md");
    project.write("content/principles/keep-in-touch/uk.md", text);
    assert!(project.run(&["build"]).stderr.contains("is up to date"));
}

#[test]
fn an_edit_rewrites_only_changed_pages_and_equals_a_fresh_build() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let before = site(&project, "public");
    project.edit(
        "content/principles/keep-in-touch/uk.md",
        "title: Тримайте звʼязок",
        "title: Будьте на звʼязку",
    );
    let run = project.run(&["build"]);
    run.success();
    let (written, unchanged, removed) = counts(&run);
    assert!(written > 0 && unchanged > written, "{}", run.stderr);
    assert_eq!(removed, 0);
    let after = site(&project, "public");
    assert_eq!(after, fresh_build(&project));
    // Pages that show the entry's title changed with it…
    let checklist = String::from_utf8_lossy(&after["uk/checklists/red-flags/index.html"]);
    assert!(checklist.contains("Будьте на звʼязку"));
    // …and pages in other locales did not.
    assert_eq!(
        before["ru/principles/keep-in-touch/index.html"],
        after["ru/principles/keep-in-touch/index.html"]
    );
}

#[test]
fn pages_of_a_removed_entry_are_removed() {
    let project = TestProject::good();
    let scratch = "content/principles/scratch-note";
    for file in ["entry.yaml", "uk.md", "ru.md", "sr.md", "en.md"] {
        let text = project.read(&format!("content/principles/keep-in-touch/{file}"));
        project.write(
            &format!("{scratch}/{file}"),
            text.replace("related: [let-them-go]\n", ""),
        );
    }
    project.run(&["build"]).success();
    assert!(project
        .path("public/uk/principles/scratch-note/index.html")
        .is_file());
    std::fs::remove_dir_all(project.path(scratch)).unwrap();
    let run = project.run(&["build"]);
    run.success();
    // Its page in each locale (and search data that held it).
    assert!(counts(&run).2 >= 5, "{}", run.stderr);
    assert!(!project.path("public/uk/principles/scratch-note").exists());
    assert_eq!(site(&project, "public"), fresh_build(&project));
}

#[test]
fn a_half_updated_or_damaged_output_is_repaired() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = "public/uk/principles/keep-in-touch/index.html";
    let good = project.read(page);

    // A page deleted by hand: the manifest no longer matches the output.
    std::fs::remove_file(project.path(page)).unwrap();
    project.run(&["build"]).success();
    assert_eq!(project.read(page), good);

    // An output without a manifest (damaged, or from an older handbook).
    project.write(page, "half-written");
    std::fs::remove_file(project.path("public/.handbook-manifest")).unwrap();
    project.run(&["build"]).success();
    assert_eq!(project.read(page), good);
    assert_eq!(site(&project, "public"), fresh_build(&project));
}
