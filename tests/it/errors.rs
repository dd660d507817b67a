//! Bad input: each class gives one clear message naming the file, line and
//! code, exit code 1, and leaves the previous output byte-identical.

use crate::support::TestProject;

/// Builds the good site, breaks it with `breakage`, builds again, and checks
/// the message (`code`, `file:line:col`) and that `public/` is untouched.
#[track_caller]
fn check_bad_input(breakage: impl FnOnce(&TestProject), code: &str, location: &str) -> String {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let before = project.tree("public");
    breakage(&project);
    let run = project.run(&["build"]);
    run.failure(1);
    assert!(
        run.stderr.contains(&format!("error[{code}]")),
        "expected error[{code}] in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(location),
        "expected {location} in:\n{}",
        run.stderr
    );
    assert_eq!(
        before,
        project.tree("public"),
        "public/ changed after a failed build"
    );
    run.stderr
}

#[test]
fn unknown_xref_names_file_line_column_and_suggests() {
    let stderr = check_bad_input(
        |p| {
            p.edit(
                "content/principles/keep-in-touch/uk.md",
                "[[let-them-go]]",
                "[[let-them-goo]]",
            )
        },
        "unknown-id",
        "content/principles/keep-in-touch/uk.md:7:",
    );
    assert!(stderr.contains("did you mean `let-them-go`?"), "{stderr}");
}

#[test]
fn unknown_item_in_xref_is_an_error() {
    let stderr = check_bad_input(
        |p| {
            p.edit(
                "content/principles/keep-in-touch/en.md",
                "[[red-flags#pays-late",
                "[[red-flags#pays-lat",
            )
        },
        "unknown-item",
        "content/principles/keep-in-touch/en.md:7:",
    );
    assert!(stderr.contains("did you mean `pays-late`?"), "{stderr}");
}

#[test]
fn yaml_syntax_error_in_front_matter_is_placed_in_the_md_file() {
    check_bad_input(
        |p| {
            p.edit(
                "content/principles/let-them-go/en.md",
                "summary: Some",
                "summary: \"Some",
            )
        },
        "yaml-syntax",
        "content/principles/let-them-go/en.md:",
    );
}

#[test]
fn unknown_field_in_structure_is_an_error() {
    let stderr = check_bad_input(
        |p| {
            p.edit(
                "content/principles/let-them-go/entry.yaml",
                "contrasts:",
                "contrast:",
            )
        },
        "unknown-field",
        "content/principles/let-them-go/entry.yaml:6:1",
    );
    assert!(stderr.contains("did you mean `contrasts`?"), "{stderr}");
}

#[test]
fn several_errors_are_reported_in_one_run() {
    let project = TestProject::good();
    project.edit(
        "content/principles/keep-in-touch/uk.md",
        "[[let-them-go]]",
        "[[nope]]",
    );
    project.edit(
        "content/checklists/red-flags/entry.yaml",
        "kind: checklist",
        "kind: checklst",
    );
    let run = project.run(&["check"]);
    run.failure(1);
    assert!(run.stderr.contains("error[unknown-id]"), "{}", run.stderr);
    assert!(run.stderr.contains("error[unknown-kind]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `checklist`?"),
        "{}",
        run.stderr
    );
}
