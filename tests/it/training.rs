//! Training modules (issue #5): the module page, the quiz (HTML without
//! JavaScript, then clicked through and keyboard-driven in headless
//! Chromium, with plural-correct scores in uk and sr), the handout (one or
//! two A4 pages) and the facilitator's view; no console errors and nothing
//! loaded from outside on any of these pages.

use std::time::Duration;

use crate::browser::{
    artifacts_dir, keys, pdf_info, pdf_pages_text, pdf_pages_text_in, squash, Browser, Element,
    StaticServer,
};
use crate::support::{
    entry_dirs, html, locales_with_text, select_attrs, select_texts, TestProject,
};

/// The right answer of question `n` (1-based) in [`add_eight_question_module`].
fn answer_of(n: usize) -> &'static str {
    ["a", "b", "c"][n % 3]
}

/// A wrong answer of question `n`.
fn wrong_answer_of(n: usize) -> &'static str {
    ["b", "c", "a"][n % 3]
}

/// Adds `modules/eight-questions` to a project: 8 questions of three options
/// each, answers spread over a, b and c, text in en, uk and sr. Question `n`
/// reads "Question n (loc)?", and option `x` explains itself as
/// "Explanation n-x (loc)".
fn add_eight_question_module(project: &TestProject) {
    let mut structure = String::from(
        "kind: module\nareas: [dismissal]\nsources:\n  - source: article\nminutes: 30\nmaterial: [let-them-go, red-flags]\nscenarios: [the-late-payer]\nquiz:\n",
    );
    for n in 1..=8 {
        structure.push_str(&format!(
            "  - id: q{n}\n    options: [a, b, c]\n    answer: {}\n",
            answer_of(n)
        ));
    }
    project.write("content/modules/eight-questions/entry.yaml", structure);
    for locale in ["en", "uk", "sr"] {
        let mut text = format!(
            "---\ntitle: Eight questions ({locale})\nsummary: A quiz of eight.\nobjectives:\n  - Answer eight questions.\nquiz:\n"
        );
        for n in 1..=8 {
            text.push_str(&format!(
                "  q{n}:\n    question: \"Question {n} ({locale})?\"\n    options:\n"
            ));
            for option in ["a", "b", "c"] {
                text.push_str(&format!(
                    "      {option}: {{ text: \"Option {n}-{option} ({locale})\", explanation: \"Explanation {n}-{option} ({locale})\" }}\n"
                ));
            }
        }
        text.push_str("---\nEight questions.\n");
        project.write(
            &format!("content/modules/eight-questions/{locale}.md"),
            text,
        );
    }
}

/// A project with the eight-question module, built.
fn built_with_eight_questions() -> TestProject {
    let project = TestProject::good();
    add_eight_question_module(&project);
    project.run(&["build"]).success();
    project
}

#[test]
fn module_page_has_objectives_ordered_material_scenarios_and_the_three_views() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/uk/modules/dismissal-module/index.html"));
    assert_eq!(
        select_texts(&page, ".objectives li"),
        vec!["Коли і як розходитися."]
    );
    assert_eq!(
        select_attrs(&page, ".material a", "href"),
        vec![
            "/uk/principles/let-them-go/",
            "/uk/checklists/red-flags/",
            "/uk/playbooks/part-ways/"
        ]
    );
    assert_eq!(
        select_attrs(&page, ".scenarios a", "href"),
        vec!["/uk/scenarios/the-late-payer/"]
    );
    let actions = select_attrs(&page, ".entry-actions a", "href");
    for view in ["quiz", "handout", "facilitator"] {
        let url = format!("/uk/modules/dismissal-module/{view}/");
        assert!(actions.contains(&url), "no link to {url}: {actions:?}");
    }
    assert_eq!(
        select_texts(&page, ".module-overview .button"),
        vec!["Пройти тест (2 запитання)"]
    );
}

#[test]
fn quiz_html_shows_every_question_without_javascript_and_carries_plural_scores() {
    let project = built_with_eight_questions();
    let page = html(&project.read("public/uk/modules/eight-questions/quiz/index.html"));
    // Nothing hides a question in the HTML; only JavaScript ever does.
    assert_eq!(select_texts(&page, "fieldset[data-question]").len(), 8);
    assert_eq!(
        select_texts(&page, "fieldset[data-question][hidden]").len(),
        0
    );
    assert_eq!(select_texts(&page, "input[type=radio]").len(), 24);
    assert_eq!(select_texts(&page, "noscript").len(), 1);
    assert_eq!(
        select_texts(&page, ".lead")[0],
        "8 запитань. Оберіть відповідь, перевірте її й прочитайте пояснення."
    );
    let scores = select_texts(&page, "[data-score-for]");
    assert_eq!(scores.len(), 9);
    assert_eq!(scores[7], "Правильних відповідей: 7 з 8");
    let serbian = html(&project.read("public/sr/modules/eight-questions/quiz/index.html"));
    assert_eq!(
        select_texts(&serbian, "[data-score-for]")[5],
        "Тачно 5 од 8"
    );
    assert!(select_texts(&serbian, ".lead")[0].starts_with("8 питања."));
    let latin = html(&project.read("public/sr-Latn/modules/eight-questions/quiz/index.html"));
    assert_eq!(select_texts(&latin, "[data-score-for]")[5], "Tačno 5 od 8");
    // Two questions: the "few" form.
    let two = html(&project.read("public/uk/modules/dismissal-module/quiz/index.html"));
    assert!(select_texts(&two, ".lead")[0].starts_with("2 запитання."));
    let russian = html(&project.read("public/ru/modules/dismissal-module/quiz/index.html"));
    assert!(select_texts(&russian, ".lead")[0].starts_with("2 вопроса."));
}

#[test]
fn facilitator_view_has_the_answer_key_every_explanation_notes_and_timing() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/en/modules/dismissal-module/facilitator/index.html"));
    assert_eq!(
        select_texts(&page, ".module-minutes"),
        vec!["Suggested length: 45 minutes"]
    );
    assert_eq!(
        select_texts(&page, ".facilitator-notes .prose"),
        vec!["Spend 10 minutes on the case."]
    );
    assert_eq!(
        select_texts(&page, ".answer-summary li"),
        vec!["1. B", "2. A"]
    );
    let correct = select_texts(&page, ".answer-options li.correct p");
    assert_eq!(correct, vec!["Right (en-b)", "Right (en-2a)"]);
    let wrong = select_texts(&page, ".answer-options li.wrong p");
    assert_eq!(wrong, vec!["Wrong (en-a)", "Wrong (en-c)", "Wrong (en-2b)"]);
    // Each scenario: its questions, the recommended handling, discussion notes.
    assert_eq!(
        select_texts(&page, ".facilitator-case ol li"),
        vec!["What would you do?"]
    );
    assert_eq!(
        select_texts(&page, ".facilitator-case .case-notes"),
        vec!["Discuss."]
    );
    assert!(select_texts(&page, ".facilitator-case .case-handling")[0].starts_with("Follow"));
}

#[test]
fn handout_has_objectives_key_points_and_scenario_questions() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/sr/modules/dismissal-module/handout/index.html"));
    assert_eq!(
        select_texts(&page, ".handout-objectives li"),
        vec!["Када и како се растати."]
    );
    assert_eq!(select_texts(&page, ".handout-points li strong").len(), 3);
    assert_eq!(select_texts(&page, ".handout-case ol li").len(), 1);
    assert_eq!(
        select_attrs(&page, "link[rel=stylesheet]", "href"),
        vec!["/static/print.css"]
    );
    assert_eq!(select_texts(&page, ".site-header").len(), 0);
}

/// The question fieldset for question `n`.
fn question(browser: &Browser, n: usize) -> Element {
    browser.find(&format!("#question-q{n}"))
}

fn displayed_questions(browser: &Browser) -> Vec<usize> {
    (1..=8)
        .filter(|&n| browser.is_displayed(&question(browser, n)))
        .collect()
}

/// Clicks through the eight-question quiz one question at a time, answering
/// the first `right` questions correctly and the rest wrongly, checking
/// after each answer that every option's explanation shows and the right
/// option is marked; returns the final score text.
fn click_through(browser: &Browser, locale: &str, right: usize, feedback: (&str, &str)) -> String {
    for n in 1..=8 {
        assert_eq!(
            displayed_questions(browser),
            vec![n],
            "one question at a time"
        );
        let q = question(browser, n);
        let pick = if n <= right {
            answer_of(n)
        } else {
            wrong_answer_of(n)
        };
        browser.click(&browser.find(&format!("#question-q{n} input[value={pick}]")));
        browser.click(&browser.find_in(&q, "[data-check]")[0]);
        let explanations: Vec<String> = browser
            .find_in(&q, "[data-explanation]")
            .iter()
            .map(|e| browser.text(e))
            .collect();
        assert_eq!(
            explanations,
            ["a", "b", "c"]
                .iter()
                .map(|o| format!("Explanation {n}-{o} ({locale})"))
                .collect::<Vec<_>>(),
            "question {n}: every explanation shows after the answer"
        );
        let marked = browser.find_in(&q, ".is-correct input");
        assert_eq!(marked.len(), 1);
        assert_eq!(
            browser.attribute(&marked[0], "value").as_deref(),
            Some(answer_of(n))
        );
        assert!(
            !browser.is_displayed(&browser.find_in(&q, "[data-check]")[0]),
            "question {n}: \"Check\" goes once the answer is checked"
        );
        let expected = if n <= right { feedback.0 } else { feedback.1 };
        assert_eq!(
            browser.text(&browser.find_in(&q, "[data-feedback]")[0]),
            expected
        );
        if n == 4 {
            browser.screenshot(&artifacts_dir("quiz").join(format!("{locale}-q4.png")));
        }
        if n < 8 {
            assert!(!browser.is_displayed(&browser.find("[data-result]")));
            browser.click(&browser.find_in(&q, "[data-next]")[0]);
        }
    }
    let result = browser.find("[data-result]");
    assert!(browser.is_displayed(&result), "the score shows at the end");
    browser.screenshot(&artifacts_dir("quiz").join(format!("{locale}-result.png")));
    browser.text(&browser.find("[data-score]"))
}

#[test]
fn quiz_clicked_through_explains_every_answer_and_scores_with_correct_plurals() {
    let Some(browser) = Browser::start("quiz_clicked_through") else {
        return;
    };
    let project = built_with_eight_questions();
    let server = StaticServer::start(&project.path("public"));
    browser.set_window_size(1000, 1400);
    for (locale, right, feedback, score) in [
        (
            "uk",
            7,
            ("Правильно.", "Не зовсім."),
            "Правильних відповідей: 7 з 8",
        ),
        ("sr", 5, ("Тачно.", "Није баш тако."), "Тачно 5 од 8"),
        ("en", 8, ("Right.", "Not quite."), "8 out of 8 correct"),
    ] {
        browser.goto(&server.url(&format!("/{locale}/modules/eight-questions/quiz/")));
        assert_eq!(click_through(&browser, locale, right, feedback), score);
        browser.assert_clean(&server.origin());
    }
}

#[test]
fn quiz_all_at_once_answers_in_any_order_and_switching_modes_never_strands_the_reader() {
    let Some(browser) = Browser::start("quiz_all_at_once") else {
        return;
    };
    let project = built_with_eight_questions();
    let server = StaticServer::start(&project.path("public"));
    browser.goto(&server.url("/uk/modules/eight-questions/quiz/"));
    browser.click(&browser.find("[data-mode=all]"));
    assert_eq!(displayed_questions(&browser), (1..=8).collect::<Vec<_>>());
    // Answer the last question first, then go back to one at a time: the
    // quiz shows the first open question and moves on past answered ones.
    browser.click(&browser.find(&format!("#question-q8 input[value={}]", answer_of(8))));
    browser.click(&browser.find_in(&question(&browser, 8), "[data-check]")[0]);
    browser.click(&browser.find("[data-mode=one]"));
    assert_eq!(displayed_questions(&browser), vec![1]);
    for n in 1..=7 {
        let q = question(&browser, n);
        browser.click(&browser.find(&format!(
            "#question-q{n} input[value={}]",
            wrong_answer_of(n)
        )));
        browser.click(&browser.find_in(&q, "[data-check]")[0]);
        if n < 7 {
            browser.click(&browser.find_in(&q, "[data-next]")[0]);
            assert_eq!(displayed_questions(&browser), vec![n + 1]);
        }
    }
    assert_eq!(
        browser.text(&browser.find("[data-score]")),
        "Правильних відповідей: 1 з 8"
    );
    // Checking without choosing asks for a choice and counts nothing.
    browser.click(&browser.find("[data-restart]"));
    assert_eq!(displayed_questions(&browser), vec![1]);
    browser.click(&browser.find_in(&question(&browser, 1), "[data-check]")[0]);
    assert_eq!(
        browser.text(&browser.find("#question-q1 [data-feedback]")),
        "Спершу оберіть відповідь."
    );
    assert!(!browser.is_displayed(&browser.find("#question-q1 [data-explanation]")));
    browser.assert_clean(&server.origin());
}

#[test]
fn quiz_works_by_keyboard_alone() {
    let Some(browser) = Browser::start("quiz_works_by_keyboard_alone") else {
        return;
    };
    let project = TestProject::good();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    browser.goto(&server.url("/uk/modules/dismissal-module/quiz/"));
    let focused_is = |b: &Browser, css: &str| {
        b.execute_script(
            "return document.activeElement.matches(arguments[0]);",
            vec![serde_json::json!(css)],
        ) == serde_json::json!(true)
    };
    // From the top of the page, Tab reaches the first answer.
    let mut tabs = 0;
    while !focused_is(&browser, "#question-q1 input") {
        browser.press(&[keys::TAB]);
        tabs += 1;
        assert!(tabs < 60, "Tab never reaches the first question");
    }
    // Arrow keys choose (b is right), Enter checks.
    browser.press(&[keys::ARROW_DOWN]);
    assert!(focused_is(&browser, "#question-q1 input[value=b]:checked"));
    browser.press(&[keys::ENTER]);
    assert_eq!(
        browser.text(&browser.find("#question-q1 [data-feedback]")),
        "Правильно."
    );
    assert_eq!(
        browser
            .find_all("#question-q1 [data-explanation]")
            .iter()
            .filter(|e| browser.is_displayed(e))
            .count(),
        3
    );
    // Focus waits on "Next"; Enter moves on and focuses the next question.
    assert!(focused_is(&browser, "#question-q1 [data-next]"));
    browser.press(&[keys::ENTER]);
    assert!(focused_is(&browser, "#question-q2 input[value=a]"));
    // Space chooses the focused answer (wrong: a is right, so pick b), Tab
    // reaches "Check", Enter presses it.
    browser.press(&[keys::ARROW_DOWN]);
    browser.press(&[keys::TAB]);
    assert!(focused_is(&browser, "#question-q2 [data-check]"));
    browser.press(&[keys::ENTER]);
    browser.wait_until("the result", Duration::from_secs(5), |b| {
        b.is_displayed(&b.find("[data-result]"))
    });
    assert!(
        focused_is(&browser, "[data-result]"),
        "focus moves to the result"
    );
    assert_eq!(
        browser.text(&browser.find("[data-score]")),
        "Правильних відповідей: 1 з 2"
    );
    browser.screenshot(&artifacts_dir("quiz").join("uk-keyboard-result.png"));
    // Tab to "Start again", Enter: back to the first question, focused.
    browser.press(&[keys::TAB]);
    assert!(focused_is(&browser, "[data-restart]"));
    browser.press(&[keys::ENTER]);
    assert!(focused_is(&browser, "#question-q1 input[value=a]"));
    assert!(!browser.is_displayed(&browser.find("[data-result]")));
    browser.assert_clean(&server.origin());
}

#[test]
fn quiz_without_javascript_still_shows_every_question() {
    let Some(browser) = Browser::start_without_javascript("quiz_without_javascript") else {
        return;
    };
    let project = TestProject::good();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    browser.goto(&server.url("/sr/modules/dismissal-module/quiz/"));
    let questions = browser.find_all("fieldset[data-question]");
    assert_eq!(questions.len(), 2);
    assert!(questions.iter().all(|q| browser.is_displayed(q)));
    assert!(browser.text(&questions[0]).contains("Q1 (sr)?"));
    assert!(browser.text(&questions[0]).contains("Part ways (sr)"));
    let note = browser.find(".quiz-noscript");
    assert!(browser.is_displayed(&note));
    assert!(browser.text(&note).contains("JavaScript"));
    // Answers and controls that need a script stay out of the way.
    assert!(!browser.is_displayed(&browser.find("[data-explanation]")));
    assert!(!browser.is_displayed(&browser.find("[data-quiz-modes]")));
    browser.screenshot(&artifacts_dir("quiz").join("sr-no-javascript.png"));
}

/// The module's pages in every locale: no console error, no failed load,
/// nothing from another host.
#[test]
fn training_and_print_pages_load_nothing_from_outside_and_log_no_errors() {
    let Some(browser) = Browser::start("training_pages_are_clean") else {
        return;
    };
    let project = TestProject::good();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    for locale in ["uk", "ru", "sr", "sr-Latn", "en"] {
        for page in [
            "modules/dismissal-module/",
            "modules/dismissal-module/quiz/",
            "modules/dismissal-module/handout/",
            "modules/dismissal-module/facilitator/",
            "checklists/red-flags/print/",
            "print/",
        ] {
            browser.goto(&server.url(&format!("/{locale}/{page}")));
            browser.assert_clean(&server.origin());
        }
    }
    let failed: Vec<_> = server
        .failed()
        .into_iter()
        .filter(|s| s.path != "/favicon.ico")
        .collect();
    assert!(failed.is_empty(), "failed requests: {failed:?}");
    browser.goto(&server.url("/en/modules/dismissal-module/facilitator/"));
    browser.screenshot_full_page(&artifacts_dir("training").join("en-facilitator.png"));
}

/// Handouts print on one or two A4 pages: the fixture's, and the shipped
/// modules' in every locale their text exists in (the longest has 21
/// pieces of material and three cases).
#[test]
fn handouts_print_on_one_or_two_a4_pages() {
    let Some(browser) = Browser::start("handouts_print_on_one_or_two_a4_pages") else {
        return;
    };
    let dir = artifacts_dir("handout");
    let fixture = TestProject::good();
    fixture.run(&["build"]).success();
    let shipped = TestProject::shipped();
    shipped.run(&["build"]).success();
    let mut pages = vec![(&fixture, "uk/modules/dismissal-module/handout/".to_string())];
    for module in entry_dirs(&shipped, "modules") {
        let id = module.file_name().unwrap().to_string_lossy().into_owned();
        for locale in locales_with_text(&module) {
            pages.push((&shipped, format!("{locale}/modules/{id}/handout/")));
        }
    }
    assert!(pages.len() >= 4, "only {} handouts found", pages.len());
    for (project, page) in pages {
        let server = StaticServer::start(&project.path("public"));
        browser.goto(&server.url(&page));
        browser.assert_clean(&server.origin());
        let pdf = dir.join(format!("{}.pdf", page.trim_matches('/').replace('/', "_")));
        std::fs::write(&pdf, browser.print_pdf()).unwrap();
        let info = pdf_info(&pdf);
        assert!(
            info.is_a4() && (1..=2).contains(&info.pages),
            "{page}: {info:?}"
        );
        // Key points run in two columns: read each half page on its own too.
        let text = squash(
            &[
                pdf_pages_text(&pdf),
                pdf_pages_text_in(&pdf, 0, 0, 298, 842),
                pdf_pages_text_in(&pdf, 297, 0, 298, 842),
            ]
            .concat()
            .join(" "),
        );
        let built = html(&project.read(&format!("public/{page}index.html")));
        for wanted in select_texts(
            &built,
            ".handout-objectives li, .handout-points strong, .handout-case li",
        ) {
            assert!(text.contains(&wanted), "{page}: {wanted:?} not printed");
        }
    }
}
