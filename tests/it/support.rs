//! Test projects made from fixtures, and helpers to run the binary on them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The repository root (holding the shipped content, locales and themes).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A throwaway project directory, removed when dropped.
pub struct TestProject {
    pub root: PathBuf,
}

/// Copies a directory tree (files and folders; no links in fixtures).
pub fn copy_dir(from: &Path, to: &Path) {
    for item in walkdir::WalkDir::new(from) {
        let item = item.expect("walk fixture");
        let target = to.join(item.path().strip_prefix(from).unwrap());
        if item.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

impl TestProject {
    /// An empty project folder.
    pub fn empty(name: &str) -> TestProject {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root =
            std::env::temp_dir().join(format!("handbook-test-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        TestProject { root }
    }

    /// Copies `tests/fixtures/<fixture>/` (its `content/`, and its own
    /// `locales/` and `themes/` or else the repository's).
    pub fn from_fixture(fixture: &str) -> TestProject {
        let source = repo_root().join("tests/fixtures").join(fixture);
        assert!(source.is_dir(), "no fixture {}", source.display());
        let project = TestProject::empty(&fixture.replace('/', "-"));
        copy_dir(&source, &project.root);
        for part in ["locales", "themes"] {
            if !project.root.join(part).exists() {
                copy_dir(&repo_root().join(part), &project.root.join(part));
            }
        }
        project
    }

    /// A copy of the repository's own project: the shipped `content/`,
    /// `locales/` and `themes/`.
    pub fn shipped() -> TestProject {
        let project = TestProject::empty("shipped");
        for part in ["content", "locales", "themes"] {
            copy_dir(&repo_root().join(part), &project.root.join(part));
        }
        project
    }

    /// The good multilingual fixture site.
    pub fn good() -> TestProject {
        TestProject::from_fixture("site/good")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("reading {relative}: {e}"))
    }

    /// Replaces the first occurrence of `from` in a file.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        self.write(relative, text.replacen(from, to, 1));
    }

    /// Runs `handbook --root <project> <args…>`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs the binary with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = self
            .command(args)
            .envs(env.iter().copied())
            .output()
            .expect("run handbook");
        Run::from(output)
    }

    /// The command `run` runs, for tests that manage the process themselves.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_handbook"));
        command
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .env_remove("RAYON_NUM_THREADS");
        command
    }

    /// A project with a generated knowledge base of `principles` principles
    /// (plus a source and a checklist), every text in en, uk, ru and sr,
    /// linked to each other: big enough for a build to take a while.
    pub fn generated(name: &str, principles: usize) -> TestProject {
        let project = TestProject::empty(name);
        for part in ["locales", "themes"] {
            copy_dir(&repo_root().join(part), &project.root.join(part));
        }
        project.write(
            "content/site.yaml",
            "title: { en: Generated, uk: Згенерований, ru: Сгенерированный, sr: Генерисани }\n\
             reference_locale: en\nareas: [retention, recovery, dismissal]\nlocales:\n  \
             - { code: uk, fallback: [ru, en] }\n  - { code: ru, fallback: [uk, en] }\n  \
             - { code: sr, fallback: [en] }\n  - { code: sr-Latn, derive_from: sr }\n  \
             - { code: en, fallback: [] }\n",
        );
        let words = [
            ("en", "Keep in touch with the client"),
            ("uk", "Тримайте звʼязок із клієнтом"),
            ("ru", "Держите связь с клиентом"),
            ("sr", "Одржавајте везу са клијентом"),
        ];
        project.write(
            "content/sources/gen-source/entry.yaml",
            "kind: source\nareas: [retention]\nlanguage: en\nauthor: A. Author\n\
             seed: 000_gen.txt\npublished_title: Generated\npoints:\n  - id: point\n",
        );
        for (locale, phrase) in words {
            project.write(
                &format!("content/sources/gen-source/{locale}.md"),
                format!("---\ntitle: {phrase}\nsummary: {phrase}.\npoints:\n  point: {phrase}.\n---\n{phrase}.\n"),
            );
        }
        let areas = ["retention", "recovery", "dismissal"];
        for i in 0..principles {
            let id = format!("principle-{i:05}");
            let next = format!("principle-{:05}", (i + 1) % principles);
            let related = if principles > 1 {
                format!("related: [{next}]\n")
            } else {
                String::new()
            };
            project.write(
                &format!("content/principles/{id}/entry.yaml"),
                format!(
                    "kind: principle\nareas: [{}]\nsources:\n  - source: gen-source\n    point: point\n{related}",
                    areas[i % 3]
                ),
            );
            for (locale, phrase) in words {
                let body = format!(
                    "## {phrase} {i}\n\n{phrase}, *{i}*. See [[{next}]] and [[gen-checklist#item-{}]].\n\n- {phrase}\n- {phrase}\n",
                    i % 10
                )
                .repeat(3);
                project.write(
                    &format!("content/principles/{id}/{locale}.md"),
                    format!("---\ntitle: {phrase} {i}\nsummary: {phrase} ({i}).\n---\n{body}"),
                );
            }
        }
        let items: String = (0..10)
            .map(|i| format!("  - id: item-{i}\n    principles: [principle-00000]\n"))
            .collect();
        project.write(
            "content/checklists/gen-checklist/entry.yaml",
            format!("kind: checklist\nareas: [retention]\nsources:\n  - source: gen-source\nitems:\n{items}"),
        );
        for (locale, phrase) in words {
            let texts: String = (0..10)
                .map(|i| format!("  item-{i}: {{ text: \"{phrase} {i}\", hint: \"{phrase}\" }}\n"))
                .collect();
            project.write(
                &format!("content/checklists/gen-checklist/{locale}.md"),
                format!(
                    "---\ntitle: {phrase}\nsummary: {phrase}.\nitems:\n{texts}---\n{phrase}.\n"
                ),
            );
        }
        project
    }

    /// Every file under `dir` (relative to the project) with its bytes.
    pub fn tree(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.path(dir);
        let mut files = BTreeMap::new();
        for item in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let item = item.unwrap();
            if item.file_type().is_file() {
                let name = item
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(name, std::fs::read(item.path()).unwrap());
            }
        }
        files
    }
}

impl Drop for TestProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The locales an entry of the shipped content can be tested in: `en`, and
/// each other written locale whose text file exists (translations are
/// written over time), `sr-Latn` with `sr`.
pub fn locales_with_text(entry_dir: &Path) -> Vec<&'static str> {
    let mut locales = vec!["en"];
    for written in ["uk", "ru", "sr"] {
        if entry_dir.join(format!("{written}.md")).is_file() {
            locales.push(written);
            if written == "sr" {
                locales.push("sr-Latn");
            }
        }
    }
    locales
}

/// The entry folders under `content/<kind_folder>/` of a project, sorted.
pub fn entry_dirs(project: &TestProject, kind_folder: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(project.path(&format!("content/{kind_folder}")))
        .map(|list| list.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.join("entry.yaml").is_file());
    dirs.sort();
    dirs
}

/// Parses a page for CSS-selector assertions.
pub fn html(text: &str) -> scraper::Html {
    scraper::Html::parse_document(text)
}

/// The text of every element matching `selector`.
pub fn select_texts(document: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    document
        .select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// An attribute of every element matching `selector`.
pub fn select_attrs(document: &scraper::Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    document
        .select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_string))
        .collect()
}

/// Fails if a page carries anything that could run script: an element
/// that the theme does not write (`script` without `src`, `iframe`, `object`,
/// `embed`, SVG `foreignObject` or `animate`…), an `on*` attribute, or a
/// `javascript:`, `data:` or
/// `vbscript:` URL; inline `<script type="application/json">` must parse.
#[track_caller]
pub fn assert_no_script_injection(page: &str, context: &str) {
    let document = html(page);
    let all = scraper::Selector::parse("*").unwrap();
    for element in document.select(&all) {
        let tag = element.value().name();
        // The theme draws relation maps as inline SVG: allowed, but not the
        // SVG elements that can run script or rewrite a link.
        assert!(
            !matches!(
                tag.to_ascii_lowercase().as_str(),
                "iframe"
                    | "object"
                    | "embed"
                    | "foreignobject"
                    | "animate"
                    | "set"
                    | "handler"
                    | "math"
                    | "base"
                    | "frame"
                    | "frameset"
                    | "applet"
            ),
            "{context}: injected <{tag}> element"
        );
        if tag == "script" {
            let inline = element.text().collect::<String>();
            let is_json = element.value().attr("type") == Some("application/json");
            assert!(
                element.value().attr("src").is_some() || is_json,
                "{context}: inline <script> {inline:?}"
            );
            if is_json {
                serde_json::from_str::<serde_json::Value>(&inline).unwrap_or_else(|e| {
                    panic!("{context}: JSON in <script> does not parse ({e}): {inline:?}")
                });
            }
        }
        for (name, value) in element.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{context}: <{tag} {name}=…> handler attribute"
            );
            let is_url = matches!(
                name,
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "poster"
                    | "srcset"
                    | "cite"
                    | "data"
                    | "background"
                    | "xlink:href"
            );
            if !is_url {
                continue;
            }
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(
                    !squeezed.starts_with(scheme),
                    "{context}: <{tag} {name}={value:?}> script URL"
                );
            }
        }
    }
}

/// Compares `actual` with `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites it.
#[track_caller]
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo_root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}: run with UPDATE_GOLDEN=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{} differs from the rendered page at line {}:\n  golden: {:?}\n  actual: {:?}\n(review, then UPDATE_GOLDEN=1 cargo test)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        );
    }
}
