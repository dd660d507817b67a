//! Bad input (issue #8): each class of broken input gives one clear message
//! naming the file, line and column, exit code 1, and leaves the previous
//! output byte-identical. The table below has one test per class; each
//! breaks the good fixture in one way and says what `build` must report.

use crate::support::TestProject;

/// Builds the good site, breaks it with `breakage`, builds again, and checks
/// the message (`code`, `location`), the exit code, and that `public/` is
/// untouched. Returns stderr for further checks.
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
    assert!(
        run.stderr.contains("the previous output is unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(
        before,
        project.tree("public"),
        "public/ changed after a failed build"
    );
    run.stderr
}

/// `name: breakage => "code" at "file:line:col" [, "more text"…];` becomes
/// a test that runs [`check_bad_input`] and looks for each extra text.
macro_rules! bad_input {
    ($($(#[$doc:meta])* $name:ident: $breakage:expr => $code:literal at $location:literal $(, $also:literal)*;)*) => {
        $(
            $(#[$doc])*
            #[test]
            fn $name() {
                let _stderr = check_bad_input($breakage, $code, $location);
                $(assert!(_stderr.contains($also), "expected {:?} in:\n{_stderr}", $also);)*
            }
        )*
    };
}

const KEEP_EN: &str = "content/principles/keep-in-touch/en.md";
const KEEP_STRUCTURE: &str = "content/principles/keep-in-touch/entry.yaml";

/// The file with its lines ended by CRLF.
fn to_crlf(project: &TestProject, file: &str) {
    let text = project.read(file).replace('\n', "\r\n");
    project.write(file, text);
}

/// A Fluent message with an unclosed `{` on line 1 of `file`.
fn prepend_broken_message(project: &TestProject, file: &str) {
    let text = project.read(file);
    project.write(file, format!("broken-message = {{ $x\n\n{text}"));
}

fn prepend_bom(project: &TestProject, file: &str) {
    let text = project.read(file);
    project.write(file, format!("\u{feff}{text}"));
}

bad_input! {
    yaml_syntax_error_in_front_matter_points_at_the_open_quote:
        |p| p.edit("content/principles/let-them-go/en.md", "summary: Some", "summary: \"Some")
        => "yaml-syntax" at "content/principles/let-them-go/en.md:3:10", "close the quote";

    yaml_syntax_error_in_structure_points_at_the_open_list:
        |p| p.edit(KEEP_STRUCTURE, "areas: [retention]", "areas: [retention")
        => "yaml-syntax" at "keep-in-touch/entry.yaml:2:8", "close the list with `]`";

    tab_indentation_says_to_use_spaces:
        |p| p.edit(KEEP_STRUCTURE, "areas:", "\tareas:")
        => "yaml-syntax" at "keep-in-touch/entry.yaml:2:1", "not tabs";

    control_character_in_yaml_is_named_and_placed:
        |p| p.edit(KEEP_EN, "title: Keep in touch", "title: Keep\u{7f} in touch")
        => "yaml-syntax" at "keep-in-touch/en.md:2:12", "U+007F";

    wrong_type_in_structure_says_what_was_expected:
        |p| p.edit("content/modules/dismissal-module/entry.yaml", "minutes: 45", "minutes: lots")
        => "wrong-type" at "dismissal-module/entry.yaml:5:10", "expected a whole number";

    wrong_type_in_front_matter:
        |p| p.edit(KEEP_EN, "title: Keep in touch", "title: [Keep, in, touch]")
        => "wrong-type" at "keep-in-touch/en.md:2:8", "expected a string";

    list_written_as_text_is_a_wrong_type:
        |p| p.edit(KEEP_STRUCTURE, "areas: [retention]", "areas: retention")
        => "wrong-type" at "keep-in-touch/entry.yaml:2:8", "write a list";

    missing_field_in_front_matter:
        |p| p.edit("content/principles/let-them-go/en.md", "summary: Some clients cost more than they bring.\n", "")
        => "missing-field" at "let-them-go/en.md:2:1", "missing field `summary`";

    missing_field_in_structure:
        |p| p.edit("content/sources/article/entry.yaml", "author: Rhonda Abrams\n", "")
        => "missing-field" at "sources/article/entry.yaml:1:1", "a source needs the field `author`";

    unknown_field_in_structure_suggests_the_right_one:
        |p| p.edit("content/principles/let-them-go/entry.yaml", "contrasts:", "contrast:")
        => "unknown-field" at "let-them-go/entry.yaml:6:1", "did you mean `contrasts`?";

    unknown_field_in_front_matter_suggests_the_right_one:
        |p| p.edit(KEEP_EN, "summary:", "titel: Keep\nsummary:")
        => "unknown-field" at "keep-in-touch/en.md:3:1", "did you mean `title`?";

    field_of_another_kind_is_unknown:
        |p| p.edit(KEEP_STRUCTURE, "related:", "minutes: 3\nrelated:")
        => "unknown-field" at "keep-in-touch/entry.yaml:6:1", "not used by a principle";

    duplicate_key_points_at_the_second_one:
        |p| p.edit(KEEP_STRUCTURE, "areas:", "kind: checklist\nareas:")
        => "duplicate-field" at "keep-in-touch/entry.yaml:2:1";

    unknown_kind_suggests_the_right_one:
        |p| p.edit("content/checklists/red-flags/entry.yaml", "kind: checklist", "kind: checklst")
        => "unknown-kind" at "red-flags/entry.yaml:1:7", "did you mean `checklist`?";

    unknown_area_suggests_the_right_one:
        |p| p.edit(KEEP_STRUCTURE, "areas: [retention]", "areas: [retension]")
        => "unknown-area" at "keep-in-touch/entry.yaml:2:9", "did you mean `retention`?";

    text_file_for_an_unknown_locale_lists_the_known_ones:
        |p| p.write("content/principles/keep-in-touch/pl.md", p.read(KEEP_EN))
        => "unknown-locale" at "content/principles/keep-in-touch/pl.md", "uk.md, ru.md, sr.md";

    unknown_locale_in_a_fallback_chain:
        |p| p.edit("content/site.yaml", "fallback: [ru, en]", "fallback: [ru, pl]")
        => "unknown-locale" at "content/site.yaml:7:", "configured locales: uk, ru, sr";

    locale_code_that_is_a_path_is_refused:
        |p| p.edit("content/site.yaml", "code: uk,", "code: \"../uk\",")
        => "bad-locale" at "content/site.yaml:7:", "`../uk` is not a locale code";

    /// A folder-level problem: the message names both folders.
    same_id_in_two_folders:
        |p| {
            for locale in ["entry.yaml", "en.md", "uk.md", "ru.md", "sr.md"] {
                let from = format!("content/principles/keep-in-touch/{locale}");
                p.write(&format!("content/checklists/keep-in-touch/{locale}"), p.read(&from));
            }
        }
        => "duplicate-id" at "content/checklists/keep-in-touch and content/principles/keep-in-touch";

    unknown_xref_suggests_the_right_id:
        |p| p.edit("content/principles/keep-in-touch/uk.md", "[[let-them-go]]", "[[let-them-goo]]")
        => "unknown-id" at "content/principles/keep-in-touch/uk.md:7:", "did you mean `let-them-go`?";

    unknown_item_in_xref_suggests_the_right_item:
        |p| p.edit(KEEP_EN, "[[red-flags#pays-late", "[[red-flags#pays-lat")
        => "unknown-item" at "keep-in-touch/en.md:7:", "did you mean `pays-late`?";

    unknown_xref_in_a_front_matter_string:
        |p| p.edit("content/checklists/red-flags/en.md", "[[keep-in-touch]]", "[[keep-in-tuch]]")
        => "unknown-id" at "content/checklists/red-flags/en.md:6:57", "did you mean `keep-in-touch`?";

    relation_to_itself:
        |p| p.edit(KEEP_STRUCTURE, "related: [let-them-go]", "related: [keep-in-touch]")
        => "self-relation" at "keep-in-touch/entry.yaml:6:11";

    relation_to_a_missing_entry:
        |p| p.edit(KEEP_STRUCTURE, "related: [let-them-go]", "related: [let-them-og]")
        => "unknown-id" at "keep-in-touch/entry.yaml:6:11", "did you mean `let-them-go`?";

    relation_to_the_wrong_kind:
        |p| p.edit("content/scenarios/the-late-payer/entry.yaml", "playbooks: [part-ways]", "playbooks: [red-flags]")
        => "wrong-kind" at "the-late-payer/entry.yaml:6:13", "`playbooks:` takes only playbooks";

    invalid_utf8_points_at_the_first_bad_byte:
        |p| p.write(KEEP_EN, b"---\ntitle: Keep\nsummary: \xcf\xe0\xf0\xee\xeb\xfc\n---\n".as_slice())
        => "invalid-utf8" at "keep-in-touch/en.md:3:10", "byte 0xCF";

    /// The BOM is accepted, and columns are counted as an editor shows them.
    utf8_bom_is_accepted_and_positions_stay_right:
        |p| {
            prepend_bom(p, KEEP_EN);
            p.edit(KEEP_EN, "[[let-them-go]]", "[[let-them-goo]]");
        }
        => "unknown-id" at "keep-in-touch/en.md:7:53";

    crlf_line_endings_are_accepted_and_positions_stay_right:
        |p| {
            to_crlf(p, KEEP_EN);
            p.edit(KEEP_EN, "[[let-them-go]]", "[[let-them-goo]]");
        }
        => "unknown-id" at "keep-in-touch/en.md:7:53";

    crlf_front_matter_errors_are_placed_right:
        |p| {
            to_crlf(p, KEEP_STRUCTURE);
            p.edit(KEEP_STRUCTURE, "[retention]", "[retension]");
        }
        => "unknown-area" at "keep-in-touch/entry.yaml:2:9";

    empty_text_file:
        |p| p.write(KEEP_EN, "")
        => "missing-front-matter" at "keep-in-touch/en.md:1:1", "start the file with a `---` line";

    empty_structure_file:
        |p| p.write(KEEP_STRUCTURE, "")
        => "missing-field" at "keep-in-touch/entry.yaml:1:1", "missing field `kind`";

    front_matter_never_closed:
        |p| p.write(KEEP_EN, "---\ntitle: Keep\nsummary: In touch.\n\nBody.\n")
        => "unclosed-front-matter" at "keep-in-touch/en.md:1:1", "a line holding only `---`";

    two_yaml_documents_in_a_structure_file:
        |p| p.edit(KEEP_STRUCTURE, "related:", "---\nrelated:")
        => "yaml-syntax" at "keep-in-touch/entry.yaml:6:1", "more than one document";

    /// The parser stops on the next line; the message points at the
    /// line that lacks the `}`.
    fluent_syntax_error_is_placed_on_its_line:
        |p| prepend_broken_message(p, "locales/uk/main.ftl")
        => "fluent-syntax" at "locales/uk/main.ftl:1:21";

    missing_fluent_message_names_where_the_reference_defines_it:
        |p| p.edit("locales/ru/main.ftl", "nav-home = Главная\n", "")
        => "missing-message" at "locales/ru/main.ftl", "translated from locales/en/main.ftl:11";

    new_area_without_ui_strings:
        |p| p.edit("content/site.yaml", "areas: [retention, recovery, dismissal]", "areas: [retention, recovery, dismissal, growth]")
        => "missing-message" at "content/site.yaml:5:41", "add `area-growth = …`";

    source_language_without_ui_strings:
        |p| p.edit("content/sources/article/entry.yaml", "language: uk", "language: de")
        => "missing-message" at "content/sources/article/entry.yaml:3:11", "`language-de`";

    template_syntax_error_in_the_theme:
        |p| p.edit("themes/default/templates/entry.html", "{% endblock %}", "{% endblok %}")
        => "template" at "themes/default/templates/entry.html:2:63", "the content is fine";

    template_rendering_error_in_the_theme:
        |p| p.edit("themes/default/templates/entry.html", "{{ entry.title }}", "{{ entry.titel }}")
        => "template" at "themes/default/templates/entry.html:9:18", "`titel` is not defined";

    raw_html_in_markdown_is_rejected:
        |p| p.edit(KEEP_EN, "## Why it matters", "## Why <b onclick=\"x\">it</b> matters")
        => "raw-html" at "keep-in-touch/en.md:5:8", "write it in Markdown";

    javascript_url_in_markdown_is_rejected:
        |p| p.edit(KEEP_EN, "## Why it matters", "## Why [it](javascript:alert(1)) matters")
        => "unsafe-url" at "keep-in-touch/en.md:5:8", "link to `javascript:alert(1)` is not allowed";

    javascript_autolink_is_rejected:
        |p| p.edit(KEEP_EN, "## Why it matters", "## Why <javascript:alert(1)> matters")
        => "unsafe-url" at "keep-in-touch/en.md:5:8";

    entity_encoded_javascript_url_is_rejected:
        |p| p.edit(KEEP_EN, "## Why it matters", "## Why [it](jav&#x61;script:alert(1)) matters")
        => "unsafe-url" at "keep-in-touch/en.md:5:8";

    data_url_image_is_rejected:
        |p| p.edit(KEEP_EN, "## Why it matters", "## Why ![x](data:image/svg+xml;base64,PHN2Zz4=)")
        => "unsafe-url" at "keep-in-touch/en.md:5:8";

    raw_html_in_an_item_text_is_rejected:
        |p| p.edit("content/checklists/red-flags/en.md", "Check whether", "<img src=x onerror=alert(1)> Check whether")
        => "raw-html" at "content/checklists/red-flags/en.md:5:";

    text_files_without_entry_yaml_are_not_silently_dropped:
        |p| p.write("content/principles/forgotten/en.md", p.read(KEEP_EN))
        => "missing-structure" at "content/principles/forgotten", "add an entry.yaml";

    misspelt_entry_yaml_is_named:
        |p| std::fs::rename(
            p.path("content/principles/let-them-go/entry.yaml"),
            p.path("content/principles/let-them-go/entry.yml"),
        ).unwrap()
        => "missing-structure" at "content/principles/let-them-go/entry.yml", "rename `entry.yml` to `entry.yaml`";

    folder_name_that_is_not_an_id_says_why:
        |p| std::fs::rename(
            p.path("content/principles/let-them-go"),
            p.path("content/principles/Let_Them.Go"),
        ).unwrap()
        => "bad-id" at "content/principles/Let_Them.Go/entry.yaml", "it has `.`, `G`, `L`, `T`, `_`";

    item_id_that_is_not_an_id_says_why:
        |p| p.edit("content/checklists/red-flags/entry.yaml", "id: pays-late", "id: Pays_Late")
        => "bad-id" at "red-flags/entry.yaml:6:9", "only lowercase ASCII letters";
}

#[test]
fn crlf_and_bom_files_build_like_lf_files() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let lf = project.tree("public");
    for file in [KEEP_EN, KEEP_STRUCTURE, "content/site.yaml"] {
        to_crlf(&project, file);
        prepend_bom(&project, file);
    }
    project.run(&["build"]).success();
    // The manifest records a fingerprint of the inputs, which did change.
    let pages = |mut tree: std::collections::BTreeMap<String, Vec<u8>>| {
        tree.remove(handbook::output::MANIFEST);
        tree
    };
    assert_eq!(
        pages(lf),
        pages(project.tree("public")),
        "CRLF/BOM changed the output"
    );
}

#[test]
fn several_errors_in_several_files_are_reported_in_one_run() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let before = project.tree("public");
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
    project.edit(
        "content/principles/let-them-go/en.md",
        "summary: Some",
        "summary: \"Some",
    );
    prepend_broken_message(&project, "locales/sr/main.ftl");
    project.edit(
        "themes/default/templates/entry.html",
        "{{ entry.title }}",
        "{{ entry.titel }}",
    );
    let run = project.run(&["build"]);
    run.failure(1);
    for expected in [
        "error[unknown-id]",
        "error[unknown-kind]",
        "error[yaml-syntax]",
        "error[fluent-syntax]",
        "keep-in-touch/uk.md:7:",
        "red-flags/entry.yaml:1:7",
        "let-them-go/en.md:3:10",
        "locales/sr/main.ftl:1:21",
    ] {
        assert!(
            run.stderr.contains(expected),
            "expected {expected}:\n{}",
            run.stderr
        );
    }
    assert_eq!(before, project.tree("public"));
}

/// Regression: a Fluent error stopped the run before the theme was
/// checked, and sr-Latn repeated sr's syntax errors at shifted offsets.
#[test]
fn fluent_and_template_errors_are_reported_together() {
    let project = TestProject::good();
    project.edit("locales/sr/main.ftl", "nav-home = Почетна", "nav-home = {");
    project.edit(
        "themes/default/templates/entry.html",
        "{% endblock %}",
        "{% endblok %}",
    );
    let run = project.run(&["check"]);
    run.failure(1);
    assert_eq!(
        run.stderr.matches("error[fluent-syntax]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
    // The broken message is the syntax error, not also a "missing" one.
    assert!(!run.stderr.contains("missing-message"), "{}", run.stderr);
}

/// Regression: 40,000 `[[a]]` in one file made a report of gigabytes (each
/// snippet repeats the whole line) and the run never finished.
#[test]
fn thousands_of_identical_errors_are_summarized() {
    let project = TestProject::good();
    let flood = "[[nope]] ".repeat(5_000);
    project.write(
        KEEP_EN,
        format!("---\ntitle: Keep\nsummary: In touch.\n---\n{flood}\n"),
    );
    let run = project.run(&["build"]);
    run.failure(1);
    let shown = run
        .stderr
        .matches("error[unknown-id]: unknown entry")
        .count();
    assert_eq!(shown, handbook::diagnostics::MAX_SHOWN_PER_FILE_AND_CODE);
    let more = 5_000 - handbook::diagnostics::MAX_SHOWN_PER_FILE_AND_CODE;
    assert!(
        run.stderr
            .contains(&format!("{more} more `unknown-id` errors not shown")),
        "{}",
        run.stderr
            .lines()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        run.stderr.contains("build failed: 5000 error(s)"),
        "the count includes the ones not shown"
    );
}

#[test]
fn new_with_a_misspelt_kind_suggests_the_right_one() {
    let project = TestProject::good();
    let run = project.run(&["new", "checklst", "my-list"]);
    run.failure(1);
    assert!(
        run.stderr.contains("did you mean `checklist`?"),
        "{}",
        run.stderr
    );
    assert!(!project.path("content/checklists/my-list").exists());
}

/// A message broken in the reference locale is one error, not also a
/// "missing" one for every place that uses it.
#[test]
fn a_syntax_error_in_the_reference_locale_is_reported_once() {
    let project = TestProject::good();
    project.edit("locales/en/main.ftl", "nav-home = Home", "nav-home = { $x");
    let run = project.run(&["check", "--format", "json"]);
    run.failure(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 1, "{}", run.stdout);
    let error = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(error["code"], "fluent-syntax");
    assert_eq!(error["file"], "locales/en/main.ftl");
}
