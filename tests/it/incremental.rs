//! Rebuilding over a previous output (issue #7): nothing changed → nothing
//! loaded or written; an edit → only the pages whose bytes change are
//! written, and the result is the tree a fresh build makes; pages that are
//! gone are removed; an output left half-updated or damaged is repaired.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::support::{Run, TestProject};

/// Files just written are too recent for the input fingerprint to trust
/// (see src/fingerprint.rs): wait until they have settled.
fn let_files_settle() {
    std::thread::sleep(Duration::from_millis(2100));
}

/// The output tree without the manifest, whose input fingerprint depends on
/// when the files were written.
fn site(project: &TestProject, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let mut tree = project.tree(dir);
    assert!(
        tree.remove(".handbook-manifest").is_some(),
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
    let_files_settle();
    // The first build could not trust the fresh files: this one renders,
    // finds every page unchanged and writes none.
    let second = project.run(&["build"]);
    second.success();
    assert_eq!(counts(&second).0, 0, "{}", second.stderr);
    let before = project.tree("public");
    let third = project.run(&["build", "--timings"]);
    third.success();
    assert!(third.stderr.contains("is up to date"), "{}", third.stderr);
    assert!(!third.stderr.contains("render"), "{}", third.stderr);
    assert_eq!(before, project.tree("public"));
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
    assert_eq!(counts(&run).2, 5, "one page per locale: {}", run.stderr);
    assert!(!project.path("public/uk/principles/scratch-note").exists());
    assert_eq!(site(&project, "public"), fresh_build(&project));
}

#[test]
fn a_half_updated_or_damaged_output_is_repaired() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let_files_settle();
    project.run(&["build"]).success();
    let page = "public/uk/principles/keep-in-touch/index.html";
    let good = project.read(page);

    // A page deleted by hand: the manifest no longer matches the output.
    std::fs::remove_file(project.path(page)).unwrap();
    project.run(&["build"]).success();
    assert_eq!(project.read(page), good);

    // A build killed while moving files leaves no manifest behind.
    project.write(page, "half-written");
    std::fs::remove_file(project.path("public/.handbook-manifest")).unwrap();
    project.run(&["build"]).success();
    assert_eq!(project.read(page), good);
    assert_eq!(site(&project, "public"), fresh_build(&project));
}
