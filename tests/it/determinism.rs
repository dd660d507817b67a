//! Determinism (issue #8): the same input gives byte-identical output,
//! build after build and whatever the number of threads.

use crate::support::TestProject;

/// Builds into `out` (in the project) with `RAYON_NUM_THREADS` set to `threads` (or unset).
fn build(project: &TestProject, out: &str, threads: Option<&str>) {
    let env: Vec<(&str, &str)> = threads
        .map(|n| vec![("RAYON_NUM_THREADS", n)])
        .unwrap_or_default();
    let out = project.path(out);
    project
        .run_with_env(&["build", "--out", out.to_str().unwrap()], &env)
        .success();
}

#[test]
fn builds_with_one_two_and_default_threads_are_byte_identical() {
    for project in [
        TestProject::good(),
        TestProject::generated("determinism", 40),
    ] {
        build(&project, "one", Some("1"));
        build(&project, "two", Some("2"));
        build(&project, "default", None);
        build(&project, "again", None);
        let one = project.tree("one");
        assert!(one.len() > 100, "{} files", one.len());
        for other in ["two", "default", "again"] {
            let tree = project.tree(other);
            assert_eq!(
                one.keys().collect::<Vec<_>>(),
                tree.keys().collect::<Vec<_>>(),
                "file lists differ: one vs {other}"
            );
            for (path, bytes) in &one {
                assert!(tree[path] == *bytes, "{path} differs: one vs {other}");
            }
        }
    }
}

#[test]
fn diagnostics_come_in_the_same_order_whatever_the_threads() {
    let project = TestProject::generated("determinism-errors", 30);
    for i in [3, 7, 11, 19, 23] {
        project.edit(
            &format!("content/principles/principle-{i:05}/uk.md"),
            "See [[",
            "See [[missing-entry]] [[",
        );
    }
    let mut reports = Vec::new();
    for threads in ["1", "2", "4"] {
        let run = project.run_with_env(
            &["check", "--format", "json"],
            &[("RAYON_NUM_THREADS", threads)],
        );
        run.failure(1);
        reports.push(run.stdout);
    }
    assert!(reports[0].contains("missing-entry"));
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
}
