//! `serve`'s incremental rebuilds (issues #6 and #7): after each edit the
//! served directory must hold exactly what a fresh `build` of the same
//! content makes, while only the pages the edit changes are rendered and
//! written; a broken edit changes nothing, and fixing it catches up.

use std::collections::BTreeMap;
use std::path::PathBuf;

use handbook::serve::{Incremental, Rebuilder, Rebuilt};
use handbook::Project;

use crate::support::TestProject;

/// A served site and the rebuilder that keeps it.
struct Served {
    project: TestProject,
    rebuilder: Incremental,
    out: PathBuf,
}

impl Served {
    fn start() -> Served {
        let project = TestProject::shipped();
        let mut rebuilder = Incremental::new(Project::new(&project.root));
        let out = project.path("served");
        let first = rebuilder.rebuild(&out, &[]);
        assert!(matches!(first, Rebuilt::Site { .. }), "first build failed");
        Served {
            project,
            rebuilder,
            out,
        }
    }

    /// Tells the rebuilder these files changed, as the watcher would, and
    /// lets it finish the deferred work too.
    fn changed(&mut self, files: &[&str]) -> Rebuilt {
        let paths: Vec<PathBuf> = files.iter().map(|f| self.project.path(f)).collect();
        let rebuilt = self.rebuilder.rebuild(&self.out, &paths);
        self.catch_up();
        rebuilt
    }

    /// Lets the deferred work run to the end, as `serve` does while no
    /// edit comes in (a search index is made on a thread of its own).
    fn catch_up(&mut self) {
        while self.rebuilder.has_work() {
            self.rebuilder.after_publish(&self.out, &|| false);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    fn written(&mut self, files: &[&str]) -> usize {
        match self.changed(files) {
            Rebuilt::Site { files, .. } => files,
            Rebuilt::Failed(report) => panic!("update failed:\n{}", report.to_human(false)),
        }
    }

    /// The served tree with two lines of the manifest blanked: `serve`
    /// records no input fingerprint, and leaves counting translation
    /// warnings to `check` (a plain build records both).
    fn tree(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let mut tree = self.project.tree(dir);
        let manifest = tree.get_mut(".handbook-manifest").expect("a manifest");
        let text = String::from_utf8_lossy(manifest).to_string();
        let lines: Vec<&str> = text
            .lines()
            .map(|l| match l.split_once(' ') {
                Some(("inputs" | "warnings", _)) => "-",
                _ => l,
            })
            .collect();
        *manifest = lines.join("\n").into_bytes();
        tree
    }

    fn assert_same_as_fresh_build(&self, after: &str) {
        let fresh = self.project.path("fresh");
        let _ = std::fs::remove_dir_all(&fresh);
        self.project
            .run(&["build", "--out", fresh.to_str().unwrap()])
            .success();
        let served = self.tree("served");
        let built = self.tree("fresh");
        let differing: Vec<&String> = served
            .keys()
            .chain(built.keys())
            .filter(|path| served.get(*path) != built.get(*path))
            .collect();
        assert!(
            differing.is_empty(),
            "after {after}, the served site differs from a fresh build in {} file(s), e.g. {:?}",
            differing.len(),
            differing.iter().take(5).collect::<Vec<_>>()
        );
    }
}

#[test]
fn each_kind_of_edit_updates_the_served_site_to_what_a_fresh_build_makes() {
    let mut served = Served::start();
    let total = served.project.tree("served").len();

    // A title: shown on its own pages, its referrers', lists and maps.
    served.project.edit(
        "content/principles/dont-burn-bridges/uk.md",
        "title: \"Розлучаючись, не паліть мостів\"",
        "title: \"Розлучаючись, не спалюйте мостів\"",
    );
    let written = served.written(&["content/principles/dont-burn-bridges/uk.md"]);
    assert!(
        written > 0 && written < total / 4,
        "{written} of {total} files written"
    );
    served.assert_same_as_fresh_build("a title edit");
    let referrer = served
        .project
        .read("served/uk/principles/make-the-exit-easy/index.html");
    assert!(referrer.contains("не спалюйте мостів"));

    // A new `[[link]]` in Serbian: a mention (backlink) and its sr-Latn twin.
    let sr = "content/principles/dont-burn-bridges/sr.md";
    let text = served.project.read(sr);
    served
        .project
        .write(sr, format!("{text}\nВидети и [[keep-in-touch]].\n"));
    served.written(&[sr]);
    served.assert_same_as_fresh_build("a new link in Serbian");
    let latin = served
        .project
        .read("served/sr-Latn/principles/dont-burn-bridges/index.html");
    assert!(latin.contains("Videti i"));

    // A relation added in entry.yaml, and one taken away.
    let structure = "content/principles/dont-burn-bridges/entry.yaml";
    served.project.edit(
        structure,
        "related: [make-the-exit-easy, ",
        "related: [keep-in-touch, ",
    );
    served.written(&[structure]);
    served.assert_same_as_fresh_build("a relation changed");

    // A checklist item (sheets, the booklet, search) and a scenario that a
    // module shows in full.
    served.project.edit(
        "content/checklists/before-you-let-a-client-go/en.md",
        "Confirm that this is a repeated pattern, not one bad incident.",
        "Confirm that this is a pattern that repeats, not one bad day.",
    );
    served.project.edit(
        "content/scenarios/the-discount-hunter/uk.md",
        "вилаяв адміністраторку",
        "накричав на адміністраторку",
    );
    served.written(&[
        "content/checklists/before-you-let-a-client-go/en.md",
        "content/scenarios/the-discount-hunter/uk.md",
    ]);
    served.assert_same_as_fresh_build("a checklist item and a scenario");

    // A source's key point, shown on the pages that carry it.
    served.project.edit(
        "content/sources/abrams-how-to-lose-a-client/en.md",
        "stay-in-touch: Stop contacting a client",
        "stay-in-touch: Go quiet on a client",
    );
    served.written(&["content/sources/abrams-how-to-lose-a-client/en.md"]);
    served.assert_same_as_fresh_build("a key point");

    // A translation removed: the page falls back, the status page says so.
    std::fs::remove_file(
        served
            .project
            .path("content/principles/keep-in-touch/ru.md"),
    )
    .unwrap();
    served.written(&["content/principles/keep-in-touch/ru.md"]);
    served.assert_same_as_fresh_build("a removed translation");
}

#[test]
fn a_broken_edit_changes_nothing_and_fixing_it_catches_up() {
    let mut served = Served::start();
    let before = served.project.tree("served");
    let file = "content/principles/dont-burn-bridges/en.md";
    let good = served.project.read(file);

    // A link to an entry that does not exist: an error, nothing written.
    served
        .project
        .write(file, format!("{good}\nSee [[no-such-entry]].\n"));
    match served.changed(&[file]) {
        Rebuilt::Failed(report) => {
            let text = report.to_human(false);
            assert!(text.contains("no-such-entry"), "{text}");
            assert!(text.contains("dont-burn-bridges/en.md"), "{text}");
        }
        Rebuilt::Site { .. } => panic!("a broken link was accepted"),
    }
    assert_eq!(served.project.tree("served"), before);

    // Broken front matter, saved while another entry is edited too.
    served
        .project
        .write(file, good.replacen("title:", "title: [", 1));
    served.project.edit(
        "content/principles/keep-in-touch/en.md",
        "title:",
        "title: Always",
    );
    assert!(matches!(
        served.changed(&[file, "content/principles/keep-in-touch/en.md"]),
        Rebuilt::Failed(_)
    ));
    assert_eq!(served.project.tree("served"), before);

    // Fixed: both edits land, the one saved while the other was broken too.
    served
        .project
        .write(file, good.replacen("title: ", "title: Part well, ", 1));
    served.written(&[file]);
    served.assert_same_as_fresh_build("fixing a broken edit");
    let page = served
        .project
        .read("served/en/principles/keep-in-touch/index.html");
    assert!(
        page.contains("<h1>Always"),
        "the edit saved while broken is missing"
    );
}

#[test]
fn structural_changes_rebuild_the_whole_site() {
    let mut served = Served::start();
    let total = served.project.tree("served").len();

    // A new entry: a new page in every locale, and in the lists.
    for file in ["entry.yaml", "uk.md", "ru.md", "sr.md", "en.md"] {
        let text = served
            .project
            .read(&format!("content/principles/keep-in-touch/{file}"));
        served.project.write(
            &format!("content/principles/keep-in-touch-too/{file}"),
            text,
        );
    }
    let written = served.written(&["content/principles/keep-in-touch-too/entry.yaml"]);
    assert!(written >= total, "{written} of {total}: not a whole build");
    assert!(served
        .project
        .path("served/uk/principles/keep-in-touch-too/index.html")
        .is_file());
    served.assert_same_as_fresh_build("a new entry");

    // A UI string.
    served
        .project
        .edit("locales/en/main.ftl", "nav-home = ", "nav-home = The ");
    served.written(&["locales/en/main.ftl"]);
    served.assert_same_as_fresh_build("a UI string edit");
}

#[test]
fn the_edited_page_comes_first_and_the_lists_catch_up_when_no_edit_waits() {
    let mut served = Served::start();
    let file = "content/principles/keep-in-touch/en.md";
    served
        .project
        .edit(file, "title: Stay in touch", "title: Keep in touch");
    let path = served.project.path(file);
    assert!(matches!(
        served.rebuilder.rebuild(&served.out, &[path]),
        Rebuilt::Site { .. }
    ));
    // The entry's page (and its referrers') are new at once…
    let page = served
        .project
        .read("served/en/principles/keep-in-touch/index.html");
    assert!(page.contains("<h1>Keep in touch"));
    // …the lists wait while another edit is coming in…
    served.rebuilder.after_publish(&served.out, &|| true);
    let list = served.project.read("served/en/principles/index.html");
    assert!(list.contains("Stay in touch") && !list.contains("Keep in touch"));
    // …and catch up when nothing waits.
    served.catch_up();
    let list = served.project.read("served/en/principles/index.html");
    assert!(list.contains("Keep in touch"));
    served.assert_same_as_fresh_build("an edit whose lists waited");
}
