//! Generated input over whole entries (issue #8): random bytes, random
//! YAML, random Markdown full of `[[`, and well-formed files with random
//! values, written over one file of a small project at a time. The library
//! (`handbook::render_site`) must never panic, every diagnostic must point
//! into a file it can show, whatever it renders must carry no script, and
//! its data files (search index, graph) must be valid JSON.
//!
//! `cargo test` runs 200 cases. The long run (100,000 cases; its
//! command and last result are in README.md, "Robustness"):
//!
//! ```sh
//! RAYON_NUM_THREADS=1 HANDBOOK_FUZZ_CASES=100000 \
//!   cargo test --release --test it fuzz::long -- --ignored --nocapture
//! ```
//!
//! Search folding has its property tests in `folding.rs`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use handbook::{BuildOptions, Project};

use crate::support::{assert_no_script_injection, TestProject};

/// The files a case may replace, and the entry each belongs to ("" for the
/// site config).
const TARGETS: &[(&str, &str)] = &[
    ("content/principles/keep-safe/en.md", "keep-safe"),
    ("content/principles/keep-safe/sr.md", "keep-safe"),
    ("content/principles/keep-safe/entry.yaml", "keep-safe"),
    ("content/checklists/gen-list/en.md", "gen-list"),
    ("content/checklists/gen-list/entry.yaml", "gen-list"),
    ("content/modules/gen-module/en.md", "gen-module"),
    ("content/sources/gen-source/en.md", "gen-source"),
    ("content/site.yaml", ""),
];

/// A small valid project: a source, a principle, a checklist, a module; en
/// and sr (with sr-Latn derived from it).
fn fuzz_project() -> TestProject {
    let project = TestProject::empty("fuzz");
    for part in ["locales", "themes"] {
        crate::support::copy_dir(
            &crate::support::repo_root().join(part),
            &project.root.join(part),
        );
    }
    let files: &[(&str, &str)] = &[
        (
            "content/site.yaml",
            "title: { en: Fuzz, sr: Фаз }\nreference_locale: en\nareas: [retention, dismissal]\n\
             locales:\n  - { code: sr, fallback: [en] }\n  - { code: sr-Latn, derive_from: sr }\n  - { code: en, fallback: [] }\n",
        ),
        (
            "content/sources/gen-source/entry.yaml",
            "kind: source\nareas: [retention]\nlanguage: en\nauthor: A\nseed: s.txt\npublished_title: T\npoints:\n  - id: p1\n",
        ),
        (
            "content/sources/gen-source/en.md",
            "---\ntitle: Source\nsummary: S.\npoints:\n  p1: Point [[keep-safe]].\n---\nBody.\n",
        ),
        (
            "content/principles/keep-safe/entry.yaml",
            "kind: principle\nareas: [retention]\nsources:\n  - source: gen-source\n    point: p1\nrelated: [gen-list]\n",
        ),
        (
            "content/principles/keep-safe/en.md",
            "---\ntitle: Keep safe\nsummary: Safe.\n---\nSee [[gen-list#first]] and [[gen-module]].\n",
        ),
        (
            "content/principles/keep-safe/sr.md",
            "---\ntitle: Чувајте\nsummary: Безбедно.\n---\nВиди [[gen-list|листу]].\n",
        ),
        (
            "content/checklists/gen-list/entry.yaml",
            "kind: checklist\nareas: [dismissal]\nsources:\n  - source: gen-source\nitems:\n  - id: first\n    principles: [keep-safe]\n  - id: second\n",
        ),
        (
            "content/checklists/gen-list/en.md",
            "---\ntitle: List\nsummary: L.\nitems:\n  first: { text: One, hint: H }\n  second: { text: Two }\n---\n",
        ),
        (
            "content/modules/gen-module/entry.yaml",
            "kind: module\nareas: [dismissal]\nsources:\n  - source: gen-source\nminutes: 5\nmaterial: [keep-safe, gen-list]\nquiz:\n  - id: q1\n    options: [a, b]\n    answer: a\n",
        ),
        (
            "content/modules/gen-module/en.md",
            "---\ntitle: Module\nsummary: M.\nobjectives: [Learn]\nquiz:\n  q1:\n    question: Q?\n    options:\n      a: { text: A, explanation: EA }\n      b: { text: B, explanation: EB }\n---\n",
        ),
    ];
    for (path, text) in files {
        project.write(path, text);
    }
    project
}

/// Markdown pieces that stress links, HTML, code, nesting and line ends.
#[rustfmt::skip]
const MARKDOWN_TOKENS: &[&str] = &[
    "[[", "]]", "|", "#", "keep-safe", "gen-list", "gen-module", "first", "nope", "[[keep-safe]]",
    "[[gen-list#first]]", "[[gen-list#nope]]", "[[keep-safe|text]]", "[[|]]", "[[#]]", "[", "]",
    "(", ")", "](", "![", "<", ">", "<script>", "</script>", "<b onclick=x>", "<!--",
    "javascript:alert(1)", "data:text/html,x", "&lt;", "&#x3C;", "&amp;", "`", "```\n", "~~~\n",
    "*", "**", "_", "~~", "\\", "> ", "- ", "1. ", "    ", "\t", "\n", "\n\n", "\r\n", "\r",
    "---\n", "...\n", "# ", "|---|\n", "[^1]", "[^1]: note\n", "http://x.org", "<http://x.org>",
    " ", "word", "Љубав", "ЊИВА", "џеп", "Ђ", "ё", "ї", "\u{feff}", "\u{2028}", "\u{0}", "\u{7f}",
    "\u{200b}", "e\u{301}", "🙂", "title:", "summary:", "{{ x }}", "{% if %}",
];

/// Tokens that are never an error by themselves, so that texts made of
/// them get through to rendering (where the output is checked).
#[rustfmt::skip]
const TAME_TOKENS: &[&str] = &[
    "[[keep-safe]]", "[[gen-list#first]]", "[[keep-safe|text]]", "[[gen-module|\\<b>]]", "[", "]",
    "(", ")", "](/x)", "](http://x.org)", "![", "&lt;", "&#x3C;", "&amp;", "\\<script>", "`",
    "`<script>`", "```\n", "*", "**", "_", "~~", "> ", "- ", "1. ", "\n", "\n\n", "\r\n", "# ",
    "|---|\n", "[^1]", "[^1]: note\n", "<http://x.org>", " ", "word", "Љубав", "ЊИВА", "\"", "'",
    "\" onclick=\"x", "javascript", ":", "{{ x }}", "🙂", "e\u{301}",
];

/// Markdown made of `tokens`.
fn markdown_of(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(tokens), 0..40).prop_map(|t| t.concat())
}

/// Markdown, hostile or tame.
fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![markdown_of(MARKDOWN_TOKENS), markdown_of(TAME_TOKENS)]
}

#[rustfmt::skip]
const YAML_KEYS: &[&str] = &[
    "title", "summary", "items", "steps", "quiz", "question", "options", "text", "hint",
    "explanation", "kind", "areas", "sources", "source", "point", "related", "contrasts", "id",
    "principles", "minutes", "material", "scenarios", "answer", "points", "language", "author",
    "seed", "published_title", "origin", "objectives", "notes", "handling", "questions", "first",
    "second", "q1", "a", "b", "p1", "keep-safe", "gen-list", "nope", "<<", "locales", "code",
    "fallback", "derive_from", "reference_locale", "base_url", "theme", "en", "sr",
];

#[rustfmt::skip]
const YAML_SCALARS: &[&str] = &[
    "~", "null", "true", "no", "0", "-1", "4294967296", "1e999", ".nan", "principle", "checklist",
    "module", "source", "retention", "dismissal", "keep-safe", "gen-list", "gen-source", "first",
    "a", "b", "en", "sr", "sr-Latn", "&anchor x", "*anchor", "*undefined", "!!binary aGk=",
    "!!str 5", "!custom x", "|\n  block\n", ">-\n  folded\n", "\"unclosed", "'it''s'", "[", "{",
    "? key", ": value", "- item", "'[[nope]]'", "\"\\u0000\"", "\"\\uD800\"", "@", "`", "%",
    "---", "...", "\t",
];

/// A YAML value as a tree, rendered with real indentation.
#[derive(Debug, Clone)]
enum Yaml {
    Scalar(String),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

fn yaml_value() -> impl Strategy<Value = Yaml> {
    let leaf = prop_oneof![
        prop::sample::select(YAML_SCALARS).prop_map(|s| Yaml::Scalar(s.to_string())),
        "[a-z -]{0,12}".prop_map(Yaml::Scalar),
        // A double-quoted string (JSON's escapes are YAML's) of Markdown.
        markdown().prop_map(|m| Yaml::Scalar(serde_json::to_string(&m).unwrap())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            3 => prop::sample::select(YAML_KEYS).prop_map(str::to_string),
            1 => "[a-z0-9-]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Yaml::List),
            prop::collection::vec((key, inner), 0..6).prop_map(Yaml::Map),
        ]
    })
}

fn render_yaml(value: &Yaml, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Yaml::Scalar(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Yaml::List(items) if items.is_empty() => out.push_str("[]\n"),
        Yaml::Map(entries) if entries.is_empty() => out.push_str("{}\n"),
        Yaml::List(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                render_yaml(item, indent + 2, out);
            }
        }
        Yaml::Map(entries) => {
            out.push('\n');
            for (key, value) in entries {
                out.push_str(&pad);
                out.push_str(key);
                out.push_str(": ");
                render_yaml(value, indent + 2, out);
            }
        }
    }
}

/// A top-level YAML document (a mapping, as every file here expects).
fn yaml_document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(YAML_KEYS).prop_map(str::to_string),
            yaml_value(),
        ),
        0..8,
    )
    .prop_map(|entries| {
        let mut out = String::new();
        for (key, value) in entries {
            out.push_str(&key);
            out.push_str(": ");
            render_yaml(&value, 2, &mut out);
        }
        out
    })
}

/// A YAML double-quoted string holding random Markdown (JSON's escapes
/// are YAML's).
fn quoted(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    markdown_of(tokens).prop_map(|m| serde_json::to_string(&m).unwrap())
}

/// Ids as a writer might use them: right, wrong, or not ids at all.
#[rustfmt::skip]
const IDS: &[&str] = &[
    "keep-safe", "gen-list", "gen-module", "gen-source", "first", "second", "q1", "a", "b", "p1",
    "nope", "Bad_Id", "../x", "", "x y",
];
/// Ids that exist in the project.
#[rustfmt::skip]
const TAME_IDS: &[&str] = &[
    "keep-safe", "gen-list", "gen-module", "first", "second", "p1",
];

/// A file that has the shape its target expects, hostile or tame.
fn well_formed(target: usize) -> BoxedStrategy<String> {
    prop_oneof![
        well_formed_of(target, MARKDOWN_TOKENS, IDS),
        well_formed_of(target, TAME_TOKENS, TAME_IDS),
    ]
    .boxed()
}

/// A file that has the shape its target expects (the right keys for the
/// kind), with Markdown of `tokens` and ids from `ids` as values: these get
/// past parsing into resolve and render.
fn well_formed_of(
    target: usize,
    tokens: &'static [&'static str],
    ids: &'static [&'static str],
) -> BoxedStrategy<String> {
    let path = TARGETS[target].0;
    let id = || prop::sample::select(ids);
    let quoted_markdown = || quoted(tokens);
    let markdown = || markdown_of(tokens);
    let tame = std::ptr::eq(ids, TAME_IDS);
    if tame && path.ends_with("entry.yaml") && path.contains("checklists") {
        // The items the texts have, each with or without its principle.
        (any::<bool>(), any::<bool>())
            .prop_map(|(first, second)| {
                let principles = |has: bool| if has { "[keep-safe]" } else { "[]" };
                format!(
                    "kind: checklist\nareas: [dismissal]\nsources:\n  - source: gen-source\nitems:\n  \
                     - id: first\n    principles: {}\n  - id: second\n    principles: {}\n",
                    principles(first),
                    principles(second)
                )
            })
            .boxed()
    } else if path.ends_with("entry.yaml") && path.contains("checklists") {
        prop::collection::vec((id(), prop::collection::vec(id(), 0..3)), 0..5)
            .prop_map(|items| {
                let items: String = items
                    .iter()
                    .map(|(id, principles)| format!("  - id: \"{id}\"\n    principles: {principles:?}\n"))
                    .collect();
                format!("kind: checklist\nareas: [dismissal]\nsources:\n  - source: gen-source\nitems:\n{items}")
            })
            .boxed()
    } else if tame && path.ends_with("entry.yaml") {
        prop::sample::subsequence(vec!["gen-list", "gen-module"], 0..=2)
            .prop_map(|related| {
                format!(
                    "kind: principle\nareas: [retention, dismissal]\nsources:\n  - source: gen-source\n    point: p1\nrelated: {related:?}\n"
                )
            })
            .boxed()
    } else if path.ends_with("entry.yaml") {
        (id(), id(), prop::collection::vec(id(), 0..3), prop::collection::vec(id(), 0..2))
            .prop_map(|(source, point, related, contrasts)| {
                format!(
                    "kind: principle\nareas: [retention]\nsources:\n  - source: \"{source}\"\n    point: \"{point}\"\n\
                     related: {related:?}\ncontrasts: {contrasts:?}\n"
                )
            })
            .boxed()
    } else if path.ends_with("site.yaml") {
        (quoted_markdown(), prop::sample::select(&["/", "/wiki/", "wiki", "//x/", "/a b/"][..]))
            .prop_map(|(title, base)| {
                format!(
                    "title: {{ en: {title}, sr: {title} }}\nbase_url: \"{base}\"\nreference_locale: en\n\
                     areas: [retention, dismissal]\nlocales:\n  - {{ code: sr, fallback: [en] }}\n  \
                     - {{ code: sr-Latn, derive_from: sr }}\n  - {{ code: en, fallback: [] }}\n"
                )
            })
            .boxed()
    } else {
        let extra: BoxedStrategy<String> = if path.contains("checklists") {
            let extra_id = if tame { Just("").boxed() } else { id().boxed() };
            (extra_id, quoted_markdown(), quoted_markdown())
                .prop_map(|(extra_id, text, hint)| {
                    let extra = if extra_id.is_empty() {
                        String::new()
                    } else {
                        format!("  \"{extra_id}\": {{ text: x }}\n")
                    };
                    format!("items:\n  first: {{ text: {text}, hint: {hint} }}\n  second: {{ text: {hint} }}\n{extra}")
                })
                .boxed()
        } else if path.contains("modules") {
            (quoted_markdown(), quoted_markdown(), quoted_markdown())
                .prop_map(|(question, option, explanation)| {
                    format!(
                        "objectives: [{option}]\nquiz:\n  q1:\n    question: {question}\n    options:\n      \
                         a: {{ text: {option}, explanation: {explanation} }}\n      b: {{ text: {explanation}, explanation: {option} }}\n"
                    )
                })
                .boxed()
        } else if path.contains("sources") {
            quoted_markdown()
                .prop_map(|point| format!("points:\n  p1: {point}\n"))
                .boxed()
        } else {
            Just(String::new()).boxed()
        };
        (quoted_markdown(), quoted_markdown(), extra, markdown())
            .prop_map(|(title, summary, extra, body)| {
                format!("---\ntitle: {title}\nsummary: {summary}\n{extra}---\n{body}")
            })
            .boxed()
    }
}

/// One generated file: which file it replaces, and its bytes.
fn case() -> impl Strategy<Value = (usize, Vec<u8>)> {
    (0..TARGETS.len()).prop_flat_map(|target| {
        let contents = prop_oneof![
            1 => prop::collection::vec(any::<u8>(), 0..300),
            2 => yaml_document().prop_map(String::into_bytes),
            2 => (yaml_document(), markdown())
                .prop_map(|(yaml, md)| format!("---\n{yaml}---\n{md}").into_bytes()),
            5 => well_formed(target).prop_map(String::into_bytes),
            1 => markdown().prop_map(String::into_bytes),
        ];
        (Just(target), contents)
    })
}

/// What the generated cases did, for the long run's report.
#[derive(Default, Debug)]
struct Tally {
    cases: u64,
    rendered: u64,
    with_errors: u64,
    pages_checked: u64,
}

/// Puts a replaced file back, even when the case panics.
struct Restore<'a> {
    path: PathBuf,
    bytes: &'a [u8],
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        std::fs::write(&self.path, self.bytes).unwrap();
    }
}

/// Runs the pipeline on the project with one file replaced; checks the
/// invariants. The file is put back afterwards.
fn check_case(
    project: &TestProject,
    originals: &[Vec<u8>],
    (target, bytes): &(usize, Vec<u8>),
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    let (path, entry_id) = TARGETS[*target];
    let _restore = Restore {
        path: project.path(path),
        bytes: &originals[*target],
    };
    std::fs::write(project.path(path), bytes).unwrap();
    let (report, rendered) =
        handbook::render_site(&Project::new(&project.root), &BuildOptions::default());

    tally.cases += 1;
    // The report is shown to a person and to tools: both must work.
    let human = report.to_human(false);
    let json: serde_json::Value = serde_json::from_str(&report.to_json())
        .map_err(|e| TestCaseError::fail(format!("report JSON: {e}")))?;
    prop_assert_eq!(json["errors"].as_u64(), Some(report.errors() as u64));
    for diagnostic in &report.list {
        if diagnostic.span.is_some() {
            prop_assert!(
                report.position(diagnostic).is_some(),
                "a span into a file the report cannot show: {:?}",
                diagnostic
            );
        }
        prop_assert!(!diagnostic.message.is_empty());
    }
    match rendered {
        None => {
            prop_assert!(report.errors() > 0, "nothing rendered, no error:\n{human}");
            tally.with_errors += 1;
        }
        Some(rendered) => {
            prop_assert_eq!(report.errors(), 0);
            tally.rendered += 1;
            for file in &rendered.files {
                let relative = Path::new(&file.path);
                prop_assert!(
                    relative
                        .components()
                        .all(|c| matches!(c, std::path::Component::Normal(_))),
                    "output path {:?}",
                    file.path
                );
                if file.path.ends_with(".json") {
                    serde_json::from_slice::<serde_json::Value>(&file.bytes).map_err(|e| {
                        TestCaseError::fail(format!("{} is not JSON: {e}", file.path))
                    })?;
                }
                let own_page = !entry_id.is_empty() && file.path.contains(&format!("/{entry_id}/"));
                if own_page && file.path.ends_with(".html") {
                    let text = std::str::from_utf8(&file.bytes)
                        .map_err(|e| TestCaseError::fail(format!("{}: {e}", file.path)))?;
                    assert_no_script_injection(text, &file.path);
                    tally.pages_checked += 1;
                }
            }
        }
    }
    Ok(())
}

/// Runs `cases` generated cases; panics with the smallest failing input.
fn run_generated(cases: u32) -> Tally {
    let project = fuzz_project();
    let (report, rendered) =
        handbook::render_site(&Project::new(&project.root), &BuildOptions::default());
    assert!(rendered.is_some(), "{}", report.to_human(false));
    let originals: Vec<Vec<u8>> = TARGETS
        .iter()
        .map(|(path, _)| std::fs::read(project.path(path)).unwrap())
        .collect();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new(Tally::default());
    let result = runner.run(&case(), |generated| {
        check_case(&project, &originals, &generated, &mut tally.borrow_mut())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    tally.into_inner()
}

#[test]
fn generated_entries_never_panic() {
    let tally = run_generated(200);
    eprintln!("{tally:?}");
    assert!(tally.rendered > 0, "no generated case rendered: {tally:?}");
    assert!(tally.with_errors > 0, "no generated case failed: {tally:?}");
}

/// The long run: `HANDBOOK_FUZZ_CASES` cases (default 100,000).
#[test]
#[ignore = "long: run by hand, see the module docs"]
fn long() {
    let cases = std::env::var("HANDBOOK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let started = Instant::now();
    let tally = run_generated(cases);
    eprintln!(
        "generated-input run: {} cases in {:.0} s — {} rendered ({} pages of the changed entry checked for script), {} stopped by errors, no panic",
        tally.cases,
        started.elapsed().as_secs_f64(),
        tally.rendered,
        tally.pages_checked,
        tally.with_errors
    );
}
