//! Paths (issue #8): ids cannot escape the output directory, dangerous
//! `--out` values are refused, symbolic links in `content/` are not
//! followed, and the tool deletes nothing outside its own output (nor an
//! existing directory it did not make).
//!
//! Each test works in a sandbox folder holding the project, so that it can
//! check that nothing beside the project changed.

use std::path::{Path, PathBuf};

use crate::support::{copy_dir, repo_root, TestProject};

/// `<sandbox>/project` holding the good fixture.
struct Sandbox {
    outer: TestProject,
    project: TestProject,
}

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        let outer = TestProject::empty(name);
        let root = outer.root.join("project");
        copy_dir(&repo_root().join("tests/fixtures/site/good"), &root);
        for part in ["locales", "themes"] {
            copy_dir(&repo_root().join(part), &root.join(part));
        }
        Sandbox {
            project: TestProject { root },
            outer,
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.outer.path(relative)
    }
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

#[test]
fn dangerous_output_directories_are_refused_and_nothing_changes() {
    let sandbox = Sandbox::new("paths-out");
    let project = &sandbox.project;
    let home = sandbox.path("home");
    std::fs::create_dir_all(home.join("documents")).unwrap();
    std::fs::write(home.join("documents/keep.txt"), "mine").unwrap();
    let before = sandbox.outer.tree("");
    for (out, why) in [
        ("/".to_string(), "root of the file system"),
        (arg(&home).to_string(), "your home directory"),
        (arg(&project.root).to_string(), "project directory"),
        (arg(&sandbox.outer.root).to_string(), "project directory"),
        (
            arg(&project.root.join("content")).to_string(),
            "inside content/",
        ),
        (
            arg(&project.root.join("content/principles")).to_string(),
            "inside content/",
        ),
        (arg(&project.root.join("themes/out")).to_string(), "themes/"),
        // `..` is resolved before the checks.
        (
            format!("{}/public/../content", arg(&project.root)),
            "inside content/",
        ),
    ] {
        let run = project.run_with_env(&["build", "--out", &out], &[("HOME", arg(&home))]);
        run.failure(2);
        assert!(
            run.stderr.contains("refusing to write the site") && run.stderr.contains(why),
            "--out {out}: {}",
            run.stderr
        );
    }
    assert_eq!(
        before,
        sandbox.outer.tree(""),
        "a refused build changed files"
    );
}

#[test]
fn an_existing_directory_not_made_by_handbook_is_not_replaced() {
    let sandbox = Sandbox::new("paths-foreign");
    let foreign = sandbox.path("site");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "my notes").unwrap();
    let run = sandbox.project.run(&["build", "--out", arg(&foreign)]);
    run.failure(2);
    assert!(
        run.stderr.contains("was not made by handbook"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);

    // An empty directory may be used; once it is ours, it is replaced whole.
    let empty = sandbox.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    sandbox
        .project
        .run(&["build", "--out", arg(&empty)])
        .success();
    assert!(empty.join(handbook::output::MARKER).is_file());
    std::fs::write(empty.join("stray.txt"), "x").unwrap();
    sandbox
        .project
        .run(&["build", "--out", arg(&empty)])
        .success();
    assert!(!empty.join("stray.txt").exists());
}

/// Regression: a build of `public` removed `.handbook-staging-public-2-…`,
/// the staging directory of output `public-2`.
#[test]
fn only_leftovers_of_this_output_are_removed() {
    let sandbox = Sandbox::new("paths-leftovers");
    let out = sandbox.path("public");
    let dead_staging = sandbox.path(".handbook-staging-public-4194303");
    let other_output = sandbox.path(".handbook-staging-public-2-4194303");
    let users_folder = sandbox.path(".handbook-staging-public-notes");
    let outside = sandbox.path("outside");
    for dir in [&dead_staging, &other_output, &users_folder, &outside] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("file.txt"), "x").unwrap();
    }
    // A link named like a leftover: removing it must not reach its target.
    let linked = sandbox.path(".handbook-old-public-4194302");
    std::os::unix::fs::symlink(&outside, &linked).unwrap();

    sandbox
        .project
        .run(&["build", "--out", arg(&out)])
        .success();
    assert!(!dead_staging.exists(), "a dead build's staging dir is kept");
    assert!(other_output.join("file.txt").is_file());
    assert!(users_folder.join("file.txt").is_file());
    assert!(outside.join("file.txt").is_file());
    assert!(linked.is_symlink());
}

/// Regression: the walk warned about a linked text file inside an entry
/// folder, but the folder listing read it anyway.
#[test]
fn symlinks_in_content_are_not_followed() {
    let sandbox = Sandbox::new("paths-symlinks");
    let project = &sandbox.project;
    // An entry folder outside content/, linked in.
    let outside_entry = sandbox.path("outside-entry");
    std::fs::create_dir_all(&outside_entry).unwrap();
    std::fs::write(
        outside_entry.join("entry.yaml"),
        "kind: principle\nareas: [retention]\nsources:\n  - source: article\n",
    )
    .unwrap();
    std::fs::write(
        outside_entry.join("en.md"),
        "---\ntitle: OUTSIDE ENTRY\nsummary: x\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside_entry, project.path("content/principles/linked")).unwrap();
    // A text file of a real entry, linked to a file outside.
    let secret = sandbox.path("secret.md");
    std::fs::write(
        &secret,
        "---\ntitle: TOP SECRET\nsummary: TOP SECRET\n---\nTOP SECRET\n",
    )
    .unwrap();
    let ru = project.path("content/principles/keep-in-touch/ru.md");
    std::fs::remove_file(&ru).unwrap();
    std::os::unix::fs::symlink(&secret, &ru).unwrap();

    project.run(&["build"]).success();
    let run = project.run(&["check"]);
    run.success();
    for link in [
        "content/principles/linked",
        "content/principles/keep-in-touch/ru.md",
    ] {
        assert!(
            run.stderr.contains("warning[symlink-skipped]") && run.stderr.contains(link),
            "no warning for {link}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("it points to"),
        "the warning says where the link points:\n{}",
        run.stderr
    );
    let written = project.tree("public");
    assert!(!written.keys().any(|path| path.contains("/linked/")));
    for (path, bytes) in &written {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("TOP SECRET") && !text.contains("OUTSIDE ENTRY"),
            "{path} shows a linked file"
        );
    }
}

#[test]
fn names_that_would_leave_the_output_are_refused() {
    for (file, from, to, code) in [
        (
            "content/site.yaml",
            "areas: [retention, recovery, dismissal]",
            "areas: [retention, recovery, dismissal, ../../escape]",
            "bad-id",
        ),
        (
            "content/site.yaml",
            "theme: default",
            "theme: ../../../etc",
            "bad-id",
        ),
        (
            "content/site.yaml",
            "code: en,",
            "code: /tmp/x,",
            "bad-locale",
        ),
        (
            "content/site.yaml",
            "base_url: /",
            "base_url: \"//evil.example/\"",
            "bad-base-url",
        ),
        (
            "content/checklists/red-flags/entry.yaml",
            "id: pays-late",
            "id: ../../../escape",
            "bad-id",
        ),
        (
            "content/modules/dismissal-module/entry.yaml",
            "options: [a, b, c]",
            "options: [a, b, \"../c\"]",
            "bad-id",
        ),
    ] {
        let sandbox = Sandbox::new("paths-names");
        sandbox.project.edit(file, from, to);
        let before = sandbox.outer.tree("");
        let run = sandbox.project.run(&["build"]);
        run.failure(1);
        assert!(
            run.stderr.contains(&format!("error[{code}]")),
            "{to}: {}",
            run.stderr
        );
        assert_eq!(before, sandbox.outer.tree(""), "{to}: files changed");
    }
    // An entry folder whose name is not an id.
    let sandbox = Sandbox::new("paths-folder");
    std::fs::rename(
        sandbox.project.path("content/principles/let-them-go"),
        sandbox.project.path("content/principles/let-them..go"),
    )
    .unwrap();
    let run = sandbox.project.run(&["check"]);
    run.failure(1);
    assert!(run.stderr.contains("error[bad-id]"), "{}", run.stderr);
}
