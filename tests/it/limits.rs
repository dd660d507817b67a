//! Big and odd input (issue #8): a 5 MB body, 10,000 items in one
//! checklist, a 200-level nested list, deep YAML, a 200-character id. Each
//! is handled in bounded time and memory, or refused with a clear message.
//!
//! Builds run under `ulimit -v` (address space, so a runaway allocation
//! fails instead of swapping) and with a wall-clock bound far above what
//! they need, so that only quadratic behaviour trips them. The bounds are
//! for the debug build on a busy two-core machine.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{html, select_texts, Run, TestProject};

/// Address-space limit for one build, in MiB.
const MEMORY_LIMIT_MIB: u64 = 1536;
/// Wall-clock limit for one build.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// Runs the binary under the memory limit, with two threads (thread stacks
/// and allocator arenas count against the address space), and checks the
/// time it took.
#[track_caller]
fn run_bounded(project: &TestProject, args: &[&str]) -> Run {
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" \"$@\"",
            MEMORY_LIMIT_MIB * 1024
        ))
        .arg(env!("CARGO_BIN_EXE_handbook"))
        .arg("--root")
        .arg(&project.root)
        .args(args)
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .expect("run handbook under ulimit");
    let elapsed = started.elapsed();
    assert!(
        elapsed < TIME_LIMIT,
        "{args:?} took {elapsed:?} (limit {TIME_LIMIT:?})"
    );
    Run::from(output)
}

fn front_matter(title: &str) -> String {
    format!("---\ntitle: {title}\nsummary: A summary.\n---\n")
}

#[test]
fn a_five_megabyte_body_is_rendered() {
    let project = TestProject::good();
    let paragraph = "Clients who hear nothing assume you don't care; see [[keep-in-touch]], *stress* and `code`.\n\n";
    let body = paragraph.repeat(5 * 1024 * 1024 / paragraph.len() + 1);
    assert!(body.len() >= 5 * 1024 * 1024);
    project.write(
        "content/principles/let-them-go/en.md",
        front_matter("Big") + &body,
    );
    run_bounded(&project, &["build"]).success();
    let page = project.read("public/en/principles/let-them-go/index.html");
    assert!(page.len() > 5 * 1024 * 1024);
    assert!(page.ends_with("</html>\n"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_a_message() {
    let project = TestProject::good();
    let limit = handbook::load::MAX_FILE_BYTES as usize;
    project.write(
        "content/principles/let-them-go/en.md",
        front_matter("Too big") + &"x".repeat(limit),
    );
    let run = run_bounded(&project, &["build"]);
    run.failure(1);
    assert!(
        run.stderr.contains("error[file-too-large]")
            && run.stderr.contains("content/principles/let-them-go/en.md")
            && run.stderr.contains("the limit is 8 MiB"),
        "{}",
        run.stderr
    );
}

/// Regression: every front-matter string was searched for in its file
/// when loaded, quadratic in the number of items (4 min 52 s here).
#[test]
fn ten_thousand_items_in_one_checklist() {
    let project = TestProject::good();
    const ITEMS: usize = 10_000;
    let structure: String = (0..ITEMS).map(|i| format!("  - id: item-{i}\n")).collect();
    project.write(
        "content/checklists/red-flags/entry.yaml",
        format!("kind: checklist\nareas: [dismissal]\nsources:\n  - source: article\nitems:\n{structure}"),
    );
    for locale in ["en", "uk", "ru", "sr"] {
        let texts: String = (0..ITEMS)
            .map(|i| format!("  item-{i}: {{ text: \"Item {i}, see [[let-them-go]]\", hint: \"Hint {i}\" }}\n"))
            .collect();
        project.write(
            &format!("content/checklists/red-flags/{locale}.md"),
            format!("---\ntitle: Many\nsummary: Many items.\nitems:\n{texts}---\nBody.\n"),
        );
    }
    // Links to items that no longer exist.
    for locale in ["en", "uk", "ru", "sr"] {
        let file = format!("content/principles/keep-in-touch/{locale}.md");
        let text = project.read(&file).replace("#pays-late", "#item-9999");
        project.write(&file, text);
    }
    run_bounded(&project, &["build"]).success();
    let page = html(&project.read("public/en/checklists/red-flags/index.html"));
    let items = select_texts(&page, ".item-text");
    assert_eq!(items.len(), ITEMS);
    assert_eq!(items[ITEMS - 1], "Item 9999, see Let the wrong client go");
    let print = html(&project.read("public/en/checklists/red-flags/print/index.html"));
    assert_eq!(select_texts(&print, ".sheet-item").len(), ITEMS);
}

#[test]
fn a_200_level_nested_list() {
    let project = TestProject::good();
    let list: String = (0..200)
        .map(|level| format!("{}- level {level}\n", "  ".repeat(level)))
        .collect();
    project.write(
        "content/principles/let-them-go/en.md",
        front_matter("Deep") + &list,
    );
    run_bounded(&project, &["build"]).success();
    let page = project.read("public/en/principles/let-them-go/index.html");
    assert_eq!(page.matches("<ul>\n<li>level ").count(), 200);
    assert!(page.contains("level 199"));
}

#[test]
fn deeply_nested_markdown_of_other_kinds() {
    let project = TestProject::good();
    let depth = 5_000;
    let body = format!(
        "{quotes} quoted\n\n{brackets}x{closing}\n\n{stars}a{stars}\n\n{wiki}\n",
        quotes = ">".repeat(depth),
        brackets = "[".repeat(depth),
        closing = "]".repeat(depth),
        stars = "*".repeat(depth),
        wiki = "[[let-them-go|".repeat(depth),
    );
    project.write(
        "content/principles/keep-in-touch/en.md",
        front_matter("Odd") + &body,
    );
    let run = run_bounded(&project, &["build"]);
    // Whatever it decides, it decides quickly and says why.
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
}

#[test]
fn deeply_nested_yaml_is_refused_with_a_message() {
    let project = TestProject::good();
    let depth = 10_000;
    project.edit(
        "content/principles/keep-in-touch/entry.yaml",
        "related: [let-them-go]",
        &format!(
            "related: {}let-them-go{}",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let run = run_bounded(&project, &["build"]);
    run.failure(1);
    assert!(
        run.stderr.contains("keep-in-touch/entry.yaml:6:"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_id_of_200_characters_is_refused_with_its_length() {
    let project = TestProject::good();
    let long = "a".repeat(200);
    std::fs::rename(
        project.path("content/principles/let-them-go"),
        project.path(&format!("content/principles/{long}")),
    )
    .unwrap();
    let run = run_bounded(&project, &["check"]);
    run.failure(1);
    assert!(
        run.stderr.contains("error[bad-id]")
            && run
                .stderr
                .contains("it is 200 characters long (at most 80)"),
        "{}",
        run.stderr
    );
    // And a 200-character id in a link is only an unknown id.
    let project = TestProject::good();
    project.edit(
        "content/principles/keep-in-touch/en.md",
        "[[let-them-go]]",
        &format!("[[{long}]]"),
    );
    let run = run_bounded(&project, &["check"]);
    run.failure(1);
    assert!(run.stderr.contains("error[unknown-id]"), "{}", run.stderr);
}
