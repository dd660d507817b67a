//! Print sheets and the booklet (issue #5): the HTML a sheet is made of, and
//! what a browser prints from it — one A4 page per typical checklist or
//! playbook with the header and every item, page breaks only between items,
//! and a booklet of cover + contents + one page per sheet. The PDF checks run
//! on the good fixture and on the shipped content.

use std::path::{Path, PathBuf};

use crate::browser::{
    artifacts_dir, chromium_print_to_pdf, pdf_info, pdf_pages_text, squash, tools_or_skip, Browser,
    PdfInfo, StaticServer,
};
use crate::support::{
    entry_dirs, html, locales_with_text, select_attrs, select_texts, TestProject,
};

/// The visible text of every element matching `selector` in a built page.
fn texts(project: &TestProject, page: &str, selector: &str) -> Vec<String> {
    select_texts(&html(&project.read(&format!("public/{page}"))), selector)
}

/// Prints a page of the served site through the browser's own print path
/// and saves the PDF under `dir`.
fn print_page(browser: &Browser, server: &StaticServer, page: &str, dir: &Path) -> PathBuf {
    browser.goto(&server.url(page));
    let name = page.trim_matches('/').replace('/', "_");
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf, browser.print_pdf()).expect("write the PDF");
    pdf
}

/// Asserts that `pdf` is one A4 page showing the sheet `page` as built:
/// title, the header to fill in, a box and the text of every item, the hints.
#[track_caller]
fn assert_one_page_sheet(project: &TestProject, page: &str, pdf: &Path) {
    let info: PdfInfo = pdf_info(pdf);
    assert!(info.is_a4(), "{page}: not A4: {info:?}");
    assert_eq!(info.pages, 1, "{page} prints on {} pages", info.pages);
    let text = squash(&pdf_pages_text(pdf)[0]);
    let title = texts(project, page, ".sheet-title");
    assert!(
        text.contains(&title[0]),
        "{page}: no title {title:?} in {text}"
    );
    for label in texts(project, page, ".fill-in th") {
        assert!(text.contains(&label), "{page}: no header field {label:?}");
    }
    let items = texts(project, page, ".item-text");
    assert!(!items.is_empty(), "{page} has no items");
    for item in items.iter().chain(&texts(project, page, ".item-hint")) {
        assert!(
            text.contains(item.as_str()),
            "{page}: {item:?} not printed in:\n{text}"
        );
    }
    assert_eq!(
        text.matches('☐').count(),
        items.len(),
        "{page}: one tick box per item"
    );
    let footer = texts(project, page, ".sheet-footer");
    let source_words: Vec<&str> = footer[0].split_whitespace().take(3).collect();
    assert!(
        text.contains(&source_words.join(" ")),
        "{page}: no source line {footer:?}"
    );
}

#[test]
fn sheet_has_boxes_a_localized_header_hints_and_a_source_line_but_no_site_chrome() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/uk/checklists/red-flags/print/index.html"));
    assert_eq!(
        select_texts(&page, ".fill-in th"),
        vec!["Клієнт", "Дата", "Відповідальний"]
    );
    assert_eq!(select_texts(&page, ".sheet-item .box"), vec!["☐", "☐"]);
    assert_eq!(
        select_texts(&page, ".item-hint"),
        vec!["Два прострочені рахунки поспіль — уже сигнал."]
    );
    assert_eq!(
        select_texts(&page, ".sheet-footer"),
        vec!["Джерело: Rhonda Abrams, Як втратити клієнта · Тестовий довідник"]
    );
    assert_eq!(
        select_attrs(&page, "link[rel=stylesheet]", "href"),
        vec!["/static/print.css"]
    );
    // The only navigation is the screen-only toolbar; no site header, no
    // search, no footer menu.
    assert_eq!(
        select_texts(&page, ".site-header, .site-footer, form").len(),
        0
    );
    assert_eq!(
        select_attrs(&page, "nav", "class"),
        vec!["print-toolbar screen-only"]
    );

    let latin = html(&project.read("public/sr-Latn/playbooks/part-ways/print/index.html"));
    assert_eq!(
        select_texts(&latin, ".fill-in th"),
        vec!["Klijent", "Datum", "Odgovorna osoba"]
    );
    assert_eq!(select_texts(&latin, ".sheet-kind"), vec!["Plan postupanja"]);
    let english = html(&project.read("public/en/checklists/red-flags/print/index.html"));
    assert_eq!(
        select_texts(&english, ".sheet-footer"),
        vec!["Source: Rhonda Abrams, How to lose a client · Test handbook"]
    );
}

/// A sheet shown in a fallback language says so on the paper too.
#[test]
fn fallback_sheet_says_so_in_print() {
    let project = TestProject::good();
    std::fs::remove_file(project.path("content/checklists/red-flags/ru.md")).unwrap();
    project.run(&["build"]).success();
    let page = html(&project.read("public/ru/checklists/red-flags/print/index.html"));
    assert_eq!(select_attrs(&page, "section.sheet", "lang"), vec!["uk"]);
    let notice = select_texts(&page, ".sheet-fallback");
    assert_eq!(notice.len(), 1);
    assert!(notice[0].contains("украинский"), "{notice:?}");
    assert_eq!(select_attrs(&page, ".sheet-fallback", "lang"), vec!["ru"]);
    let booklet = html(&project.read("public/ru/print/index.html"));
    assert_eq!(select_texts(&booklet, ".sheet-fallback").len(), 1);
}

#[test]
fn booklet_has_a_cover_contents_and_every_sheet_numbered_checklists_first() {
    let project = TestProject::good();
    project.run(&["build"]).success();
    let page = html(&project.read("public/uk/print/index.html"));
    assert_eq!(
        select_texts(&page, ".cover-title"),
        vec!["Чек-листи для друку"]
    );
    assert_eq!(select_texts(&page, ".cover-count"), vec!["2 бланки"]);
    assert_eq!(
        select_texts(&page, ".contents h2"),
        vec!["Чек-листи", "Покрокові плани"]
    );
    assert_eq!(
        select_attrs(&page, ".toc a", "href"),
        vec!["#sheet-red-flags", "#sheet-part-ways"]
    );
    assert_eq!(select_attrs(&page, ".toc li", "value"), vec!["1", "2"]);
    assert_eq!(
        select_attrs(&page, "section.sheet", "id"),
        vec!["sheet-red-flags", "sheet-part-ways"]
    );
    assert_eq!(select_texts(&page, ".sheet-number"), vec!["1", "2"]);
    assert_eq!(select_texts(&page, "section.sheet").len(), 4);
    // Plurals: 1 бланк, 2 бланки; the English cover says "2 sheets".
    let english = html(&project.read("public/en/print/index.html"));
    assert_eq!(select_texts(&english, ".cover-count"), vec!["2 sheets"]);
}

#[test]
fn fixture_sheets_print_on_one_a4_page_with_header_and_every_item() {
    let Some(browser) = Browser::start("fixture_sheets_print_on_one_a4_page") else {
        return;
    };
    let project = TestProject::good();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    let dir = artifacts_dir("print-fixture");
    for locale in ["en", "uk", "ru", "sr", "sr-Latn"] {
        for sheet in ["checklists/red-flags", "playbooks/part-ways"] {
            let page = format!("{locale}/{sheet}/print/index.html");
            let pdf = print_page(
                &browser,
                &server,
                &format!("/{locale}/{sheet}/print/"),
                &dir,
            );
            browser.assert_clean(&server.origin());
            assert_one_page_sheet(&project, &page, &pdf);
        }
    }
}

/// What a reader's "Print" (headless Chromium's own `--print-to-pdf`, no
/// WebDriver) gives is the same one page as the WebDriver print the other
/// tests use.
#[test]
fn chromium_print_to_pdf_gives_the_same_sheet() {
    let Some(browser) = Browser::start("chromium_print_to_pdf_gives_the_same_sheet") else {
        return;
    };
    let project = TestProject::good();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    let dir = artifacts_dir("print-cli");
    let page = "uk/checklists/red-flags/print/index.html";
    let cli = dir.join("red-flags-cli.pdf");
    let _ = std::fs::remove_file(&cli);
    chromium_print_to_pdf(
        &browser.tools,
        &server.url("/uk/checklists/red-flags/print/"),
        &cli,
    );
    assert_one_page_sheet(&project, page, &cli);
    let webdriver = print_page(&browser, &server, "/uk/checklists/red-flags/print/", &dir);
    assert_eq!(
        squash(&pdf_pages_text(&cli)[0]),
        squash(&pdf_pages_text(&webdriver)[0])
    );
}

#[test]
fn booklet_pdf_is_cover_contents_and_one_page_per_sheet() {
    let Some(browser) = Browser::start("booklet_pdf_is_cover_contents_and_one_page_per_sheet")
    else {
        return;
    };
    let project = TestProject::good();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    let dir = artifacts_dir("print-booklet");
    for locale in ["en", "uk", "sr"] {
        let page = format!("{locale}/print/index.html");
        let pdf = print_page(&browser, &server, &format!("/{locale}/print/"), &dir);
        browser.assert_clean(&server.origin());
        assert_booklet(&project, &page, &pdf);
    }
}

/// A booklet PDF: page 1 the cover, page 2 the contents, then each sheet on
/// its own page, in the contents' order.
#[track_caller]
fn assert_booklet(project: &TestProject, page: &str, pdf: &Path) {
    let titles = texts(project, page, ".toc-title");
    let info = pdf_info(pdf);
    assert!(info.is_a4(), "{info:?}");
    assert_eq!(
        info.pages,
        2 + titles.len(),
        "{page}: cover + contents + {} sheets",
        titles.len()
    );
    let pages: Vec<String> = pdf_pages_text(pdf).iter().map(|p| squash(p)).collect();
    let cover = &texts(project, page, ".cover-title")[0];
    assert!(
        pages[0].contains(cover.as_str()),
        "{page}: cover is {:?}",
        pages[0]
    );
    let contents = &texts(project, page, ".contents h1")[0];
    assert!(
        pages[1].starts_with(contents.as_str()),
        "{page}: {:?}",
        pages[1]
    );
    for (n, title) in titles.iter().enumerate() {
        assert!(
            pages[1].contains(title.as_str()),
            "{title:?} not in the contents"
        );
        assert!(
            pages[n + 2].contains(title.as_str()),
            "{page}: page {} should be {title:?}: {:?}",
            n + 3,
            pages[n + 2]
        );
    }
}

/// A checklist far too long for one page: it continues on the next, and
/// every item (text and hint) is printed whole on one page.
#[test]
fn long_checklist_breaks_between_items_never_inside_one() {
    let Some(browser) = Browser::start("long_checklist_breaks_between_items") else {
        return;
    };
    let project = TestProject::good();
    let count = 40;
    let mut structure = String::from(
        "kind: checklist\nareas: [dismissal]\nsources:\n  - source: article\nitems:\n",
    );
    let mut text = String::from(
        "---\ntitle: A very long checklist\nsummary: Forty items with hints.\nitems:\n",
    );
    for n in 1..=count {
        structure.push_str(&format!("  - id: item-{n}\n"));
        text.push_str(&format!(
            "  item-{n}:\n    text: \"Item {n}: check that the client has received every document promised at the last meeting, signed\"\n    hint: \"Hint {n}: if anything is missing, send it today with a short note and a date for the next call\"\n"
        ));
    }
    text.push_str("---\nA long list.\n");
    project.write("content/checklists/long-list/entry.yaml", structure);
    project.write("content/checklists/long-list/en.md", text);
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    let dir = artifacts_dir("print-long");
    let pdf = print_page(&browser, &server, "/en/checklists/long-list/print/", &dir);
    let info = pdf_info(&pdf);
    assert!(info.pages >= 2, "{info:?}");
    let pages: Vec<String> = pdf_pages_text(&pdf).iter().map(|p| squash(p)).collect();
    assert!(pages[0].contains("A very long checklist") && pages[0].contains("Client"));
    for n in 1..=count {
        let item = format!("Item {n}: check that the client has received every document promised at the last meeting, signed");
        let hint = format!("Hint {n}: if anything is missing, send it today with a short note and a date for the next call");
        let holding: Vec<usize> = (0..pages.len())
            .filter(|&p| pages[p].contains(&item) && pages[p].contains(&hint))
            .collect();
        assert_eq!(
            holding.len(),
            1,
            "item {n} is split across pages or missing"
        );
    }
    assert!(pages.last().unwrap().contains("Source: Rhonda Abrams"));
    // The booklet counts the long sheet's pages too, and nothing else moves.
    let booklet = print_page(&browser, &server, "/en/print/", &dir);
    assert_eq!(pdf_info(&booklet).pages, 2 + 2 + info.pages);
}

/// The shipped checklists and playbooks (about a dozen items each) each fit
/// one A4 page, in English and in every locale whose text file exists (the
/// translations are being written; `sr-Latn` follows `sr`); each shipped
/// booklet is cover + contents + one page per sheet.
#[test]
fn shipped_sheets_fit_one_a4_page_each() {
    let Some(browser) = Browser::start("shipped_sheets_fit_one_a4_page_each") else {
        return;
    };
    let project = TestProject::shipped();
    project.run(&["build"]).success();
    let server = StaticServer::start(&project.path("public"));
    let dir = artifacts_dir("print-shipped");
    let mut printed = 0;
    for kind in ["checklists", "playbooks"] {
        for entry in entry_dirs(&project, kind) {
            let id = entry.file_name().unwrap().to_string_lossy().into_owned();
            for locale in locales_with_text(&entry) {
                let page = format!("{locale}/{kind}/{id}/print/index.html");
                let pdf = print_page(
                    &browser,
                    &server,
                    &format!("/{locale}/{kind}/{id}/print/"),
                    &dir,
                );
                assert_one_page_sheet(&project, &page, &pdf);
                printed += 1;
            }
        }
    }
    assert!(printed >= 9, "only {printed} shipped sheets printed");
    for locale in ["en", "uk", "ru", "sr", "sr-Latn"] {
        let booklet = print_page(&browser, &server, &format!("/{locale}/print/"), &dir);
        browser.assert_clean(&server.origin());
        assert_booklet(&project, &format!("{locale}/print/index.html"), &booklet);
    }
}

/// `handbook pdf` prints the booklets through Chromium into `pdf/`, from
/// memory: no `public/` is made, nothing else is written.
#[test]
fn pdf_command_writes_each_locales_booklet() {
    let Some(tools) = tools_or_skip("pdf_command_writes_each_locales_booklet") else {
        return;
    };
    let project = TestProject::good();
    let run = project.run(&[
        "pdf",
        "--chromium",
        tools.chromium.to_str().unwrap(),
        "--locale",
        "uk",
        "--locale",
        "sr-Latn",
    ]);
    run.success();
    assert!(run.stderr.contains("booklet-uk.pdf"), "{}", run.stderr);
    assert!(!project.path("public").exists());
    let written: Vec<String> = project.tree("pdf").into_keys().collect();
    assert_eq!(written, vec!["booklet-sr-Latn.pdf", "booklet-uk.pdf"]);
    let pdf = project.path("pdf/booklet-uk.pdf");
    let info = pdf_info(&pdf);
    assert!(info.is_a4() && info.pages == 4, "{info:?}");
    let pages: Vec<String> = pdf_pages_text(&pdf).iter().map(|p| squash(p)).collect();
    assert!(pages[0].contains("Чек-листи для друку"), "{}", pages[0]);
    assert!(pages[2].contains("Тривожні сигнали") && pages[2].contains("Відповідальний"));
    assert!(
        squash(&pdf_pages_text(&project.path("pdf/booklet-sr-Latn.pdf"))[1]).contains("Sadržaj")
    );
}

#[test]
fn pdf_command_without_chromium_says_how_to_get_one() {
    let project = TestProject::good();
    let run = project.run(&["pdf", "--chromium", "/nonexistent/chromium"]);
    run.failure(2);
    assert!(
        run.stderr.contains("no Chromium at /nonexistent/chromium"),
        "{}",
        run.stderr
    );
    let run = project.run(&[
        "pdf",
        "--locale",
        "xx",
        "--chromium",
        env!("CARGO_BIN_EXE_handbook"),
    ]);
    run.failure(2);
    assert!(run.stderr.contains("unknown locale `xx`"), "{}", run.stderr);
    assert!(!project.path("pdf").exists());
}
