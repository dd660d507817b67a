//! Search: the index files of the good fixture site (present, small,
//! holding the folded and stemmed words, the same for `sr` and `sr-Latn`,
//! the same with one or two threads), and search.js in headless Chromium
//! (a query per locale, Latin and Cyrillic Serbian, prefixes, folding that
//! matches the Rust side, marked snippets, keyboard navigation).

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Duration;

use handbook::model::Locale;
use handbook::search::fold::{fold_words, Language};
use handbook::search::{decode_documents, decode_shard, ShardKey};
use serde_json::{json, Value};

use crate::browser::{artifacts_dir, keys, Browser, StaticServer};
use crate::support::TestProject;

const LOCALES: [&str; 5] = ["uk", "ru", "sr", "sr-Latn", "en"];
/// The fixture's entries: every locale's index has them all.
const ENTRIES: usize = 7;

fn built() -> TestProject {
    let project = TestProject::good();
    project.run(&["build"]).success();
    project
}

/// Every document of one locale's index, from its compressed files.
fn documents(project: &TestProject, locale: &str) -> Vec<Value> {
    project
        .tree(&format!("public/{locale}/search/docs"))
        .values()
        .flat_map(|bytes| decode_documents(bytes).unwrap())
        .collect()
}

/// The manifest and every key of every shard of one locale.
fn read_index(project: &TestProject, locale: &str) -> (Value, BTreeMap<String, ShardKey>) {
    let dir = format!("public/{locale}/search");
    let manifest: Value = serde_json::from_str(&project.read(&format!("{dir}/manifest.json")))
        .expect("manifest is JSON");
    let shards = manifest["shards"].as_array().expect("shard names").len();
    let mut keys = BTreeMap::new();
    for n in 0..shards {
        let shard = project.read(&format!("{dir}/shards/{n}.json"));
        for key in decode_shard(&shard).unwrap_or_else(|e| panic!("{dir}/shards/{n}: {e}")) {
            keys.insert(key.key.clone(), key);
        }
    }
    (manifest, keys)
}

#[test]
fn every_locale_has_a_small_index_of_its_entries() {
    let project = built();
    for locale in LOCALES {
        let dir = format!("public/{locale}/search");
        let manifest_bytes = project.read(&format!("{dir}/manifest.json")).len();
        assert!(
            manifest_bytes < 8 * 1024,
            "{locale}: manifest of {manifest_bytes} bytes"
        );
        let (manifest, keys) = read_index(&project, locale);
        assert_eq!(manifest["locale"], locale);
        assert_eq!(manifest["documents"], ENTRIES);
        for (name, bytes) in project.tree(&format!("{dir}/shards")) {
            assert!(bytes.len() <= 16 * 1024, "{locale} shard {name}");
        }
        let docs = documents(&project, locale);
        assert_eq!(docs.len(), ENTRIES, "{locale}: {docs:?}");
        assert!(keys.len() > 50, "{locale}: {} keys", keys.len());
    }
}

#[test]
fn indexes_hold_folded_words_and_their_stems() {
    let project = built();
    // (locale, folded word as it appears in the fixture, its stem)
    let cases = [
        // Items and hints are indexed; Ukrainian stems come from our endings.
        ("uk", "запізненням", "запізне"),
        ("uk", "рахунки", "рахунк"),
        ("uk", "звязок", "звязк"),
        // ё folds to е, after the Russian stemmer saw it.
        ("ru", "счета", "счет"),
        // Ukrainian fallback text in the Russian index, with Russian letters.
        ("ru", "клиента", "клиент"),
        // Serbian in Latin letters without diacritics, in both scripts.
        ("sr", "zakasnjenjem", "zakasnen"),
        ("sr-Latn", "zakasnjenjem", "zakasnen"),
        ("en", "invoices", "invoic"),
    ];
    let mut indexes = BTreeMap::new();
    for (locale, word, stem) in cases {
        let (_, keys) = indexes
            .entry(locale)
            .or_insert_with(|| read_index(&project, locale));
        let key = keys
            .get(word)
            .unwrap_or_else(|| panic!("{locale}: no word {word}"));
        assert_eq!(key.stem.as_deref(), Some(stem), "{locale}: {word}");
        assert!(
            keys.get(stem).is_some_and(|s| s.postings.is_some()),
            "{locale}: stem {stem} has no postings"
        );
    }
    // Nothing unfolded reaches the index.
    for (locale, word) in [("ru", "счёта"), ("uk", "звʼязок"), ("sr", "закашњењем")]
    {
        let (_, keys) = &indexes[locale];
        assert!(!keys.contains_key(word), "{locale}: {word} is not folded");
    }
}

#[test]
fn serbian_scripts_share_one_index_but_not_their_documents() {
    let project = built();
    let cyrillic = project.tree("public/sr/search/shards");
    let latin = project.tree("public/sr-Latn/search/shards");
    assert_eq!(cyrillic, latin);
    let doc = |locale: &str| documents(&project, locale);
    let titles = |docs: Vec<Value>| -> Vec<String> {
        docs.iter()
            .map(|d| d["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(titles(doc("sr")).contains(&"Знаци упозорења".to_string()));
    assert!(titles(doc("sr-Latn")).contains(&"Znaci upozorenja".to_string()));
}

#[test]
fn fallback_documents_carry_their_language() {
    let project = built();
    let docs = documents(&project, "ru");
    let fallback = docs
        .iter()
        .find(|d| d["url"] == "/ru/principles/let-them-go/")
        .expect("let-them-go in the ru index");
    assert_eq!(fallback["lang"], "uk");
    assert_eq!(fallback["title"], "Відпустіть «не свого» клієнта");
    let own = docs
        .iter()
        .find(|d| d["url"] == "/ru/checklists/red-flags/")
        .unwrap();
    assert!(own.get("lang").is_none());
    assert_eq!(own["label"], "Чек-лист");
}

#[test]
fn index_is_the_same_with_one_or_two_threads() {
    let project = TestProject::good();
    for threads in ["1", "2"] {
        let status = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .arg("--root")
            .arg(&project.root)
            .args(["--quiet", "build", "--out"])
            .arg(project.path(&format!("out-{threads}")))
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .expect("run handbook");
        assert!(status.success());
    }
    for locale in LOCALES {
        let one = project.tree(&format!("out-1/{locale}/search"));
        assert!(one.contains_key("manifest.json"));
        assert!(
            one == project.tree(&format!("out-2/{locale}/search")),
            "{locale} differs"
        );
    }
}

// ---- in the browser ------------------------------------------------------

/// `text` percent-encoded for a query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Waits until the search page shows results or says it found none.
fn wait_for_results(browser: &Browser) {
    browser.wait_until("search results", Duration::from_secs(10), |b| {
        let status = b.find("[data-search-status]");
        !b.find_all(".search-results .search-result").is_empty()
            || b.attribute(&status, "data-msg-none") == Some(b.text(&status))
    });
}

/// (title, kind label, marked words) of each result shown.
fn results(browser: &Browser) -> Vec<(String, String, Vec<String>)> {
    browser
        .find_all(".search-results .search-result")
        .iter()
        .map(|item| {
            let title = browser.text(&browser.find_in(item, ".search-result__title")[0]);
            let kind = browser.text(&browser.find_in(item, ".search-result__kind")[0]);
            let marks = browser
                .find_in(item, "mark")
                .iter()
                .map(|m| browser.text(m))
                .collect();
            (title, kind, marks)
        })
        .collect()
}

#[test]
fn a_query_in_each_locale_finds_its_entry_with_the_match_marked() {
    let Some(browser) = Browser::start("search_query_per_locale") else {
        return;
    };
    let project = built();
    let server = StaticServer::start(&project.path("public"));
    let artifacts = artifacts_dir("search");
    // (locale, query, an expected result, its kind, a word marked in it)
    let cases = [
        // An inflected form: the hint says "рахунки" (uk endings, fleeting о).
        ("uk", "рахунок", "Тривожні сигнали", "Чек-лист", "рахунки"),
        // A word prefix, in an item.
        (
            "uk",
            "запізн",
            "Тривожні сигнали",
            "Чек-лист",
            "запізненням",
        ),
        // No apostrophe typed: звʼязок is found.
        ("uk", "звязок", "Тримайте звʼязок", "Принцип", "звʼязок"),
        // Case, ё and an inflection at once.
        ("ru", "СЧЕТ", "Тревожные сигналы", "Чек-лист", "счёта"),
        // A Russian query finds the Ukrainian text shown as a fallback.
        (
            "ru",
            "клиентов",
            "Відпустіть «не свого» клієнта",
            "Принцип",
            "клієнта",
        ),
        // Latin without diacritics on the Cyrillic site…
        (
            "sr",
            "zakasnjenjem",
            "Знаци упозорења",
            "Контролна листа",
            "закашњењем",
        ),
        // … and Cyrillic on the Latin one.
        (
            "sr-Latn",
            "закашњењем",
            "Znaci upozorenja",
            "Kontrolna lista",
            "zakašnjenjem",
        ),
        ("sr-Latn", "đuzel", "", "", ""),
        ("en", "invoice", "Red flags", "Checklist", "invoices"),
    ];
    for (n, (locale, query, title, kind, mark)) in cases.into_iter().enumerate() {
        browser.goto(&server.url(&format!("/{locale}/search/?q={}", encode(query))));
        wait_for_results(&browser);
        let found = results(&browser);
        if title.is_empty() {
            assert!(found.is_empty(), "{locale} {query}: {found:?}");
            continue;
        }
        let (_, found_kind, marks) = found
            .iter()
            .find(|(t, _, _)| t == title)
            .unwrap_or_else(|| panic!("{locale} {query}: {title} not in {found:?}"));
        // The kind is shown in capitals (CSS), and WebDriver reads what is shown.
        assert_eq!(
            found_kind.to_lowercase(),
            kind.to_lowercase(),
            "{locale} {query}"
        );
        assert!(
            marks.iter().any(|m| m == mark),
            "{locale} {query}: marks {marks:?}, expected {mark}"
        );
        // The query from the address is in the field.
        let field = browser.execute_script(
            "return document.getElementById('search-input').value;",
            vec![],
        );
        assert_eq!(field, json!(query));
        browser.screenshot(&artifacts.join(format!("{n}-{locale}.png")));
        browser.assert_clean(&server.origin());
    }
}

#[test]
fn a_fallback_result_is_marked_with_its_language() {
    let Some(browser) = Browser::start("search_fallback_lang") else {
        return;
    };
    let project = built();
    let server = StaticServer::start(&project.path("public"));
    browser.goto(&server.url(&format!("/ru/search/?q={}", encode("клиентов"))));
    wait_for_results(&browser);
    let langs: Vec<(String, Option<String>)> = browser
        .find_all(".search-results .search-result__title")
        .iter()
        .map(|t| (browser.text(t), browser.attribute(t, "lang")))
        .collect();
    assert!(
        langs.contains(&("Відпустіть «не свого» клієнта".into(), Some("uk".into()))),
        "{langs:?}"
    );
    assert!(
        langs.contains(&("Тревожные сигналы".into(), None)),
        "{langs:?}"
    );
    // Ranking: every entry with the word in its title comes before those
    // with it only in their text.
    let title_marked: Vec<bool> = browser
        .find_all(".search-results .search-result__title")
        .iter()
        .map(|t| !browser.find_in(t, "mark").is_empty())
        .collect();
    assert!(title_marked.contains(&false), "{title_marked:?}");
    assert!(
        title_marked.windows(2).all(|w| w[0] || !w[1]),
        "titles first: {title_marked:?}"
    );
}

#[test]
fn browser_folding_is_the_rust_folding() {
    let Some(browser) = Browser::start("search_browser_folding") else {
        return;
    };
    let project = built();
    let server = StaticServer::start(&project.path("public"));
    let samples = [
        "Клієнт ЇЖАК йосип ґанок звʼязок зв'язок зв’язок",
        "Ещё ЁЛКА новый за\u{301}мок и\u{306}ого",
        "Ђорђе ће љубазно џепом ЉУДИ Đorđe će DŽEP",
        "Café NAÏVE Straße Œuvre Łódź don't 2024-й",
    ];
    for locale in LOCALES {
        browser.goto(&server.url(&format!("/{locale}/")));
        browser.execute_script("handbookSearch.index.load();", vec![]);
        browser.wait_until("the manifest", Duration::from_secs(10), |b| {
            b.execute_script("return !!handbookSearch.index.manifest;", vec![]) == json!(true)
        });
        let folded = browser.execute_script(
            "return arguments[0].map(function (t) { return handbookSearch.index.tokenize(t).map(function (x) { return x.folded; }).join(' '); });",
            vec![json!(samples)],
        );
        let language = Language::of(&Locale(locale.to_string()));
        let expected: Vec<String> = samples.iter().map(|s| fold_words(language, s)).collect();
        assert_eq!(folded, json!(expected), "{locale}");
    }
}

#[test]
fn header_box_shows_instant_results_that_arrow_keys_move_through() {
    let Some(browser) = Browser::start("search_header_box") else {
        return;
    };
    let project = built();
    let server = StaticServer::start(&project.path("public"));
    browser.goto(&server.url("/uk/"));
    let input = browser.find("[data-search-box]");
    // Nothing is fetched before the reader types.
    assert!(!browser
        .loaded_urls()
        .iter()
        .any(|u| u.contains("/search/manifest.json")));
    browser.send_keys(&input, "клієн");
    browser.wait_until("instant results", Duration::from_secs(10), |b| {
        b.find_all(".search-instant [role=option]").len() >= 2
    });
    let panel = browser.find(".search-instant");
    assert!(browser.is_displayed(&panel));
    assert_eq!(
        browser.attribute(&input, "aria-expanded").as_deref(),
        Some("true")
    );
    let status = browser.text(&browser.find(".search-instant__status"));
    assert!(status.starts_with("Знайдено "), "{status}");
    browser.screenshot(&artifacts_dir("search").join("instant-uk.png"));

    let selected = |b: &Browser| -> Vec<String> {
        b.find_all(".search-instant [role=option][aria-selected=true]")
            .iter()
            .filter_map(|o| b.attribute(o, "id"))
            .collect()
    };
    assert!(selected(&browser).is_empty());
    browser.press(&[keys::ARROW_DOWN]);
    assert_eq!(selected(&browser), vec!["search-instant-0"]);
    assert_eq!(
        browser
            .attribute(&input, "aria-activedescendant")
            .as_deref(),
        Some("search-instant-0")
    );
    browser.press(&[keys::ARROW_DOWN, keys::ARROW_DOWN, keys::ARROW_UP]);
    assert_eq!(selected(&browser), vec!["search-instant-1"]);
    // Focus stays in the box the whole time.
    assert_eq!(browser.active_element(), input);
    let target = browser
        .attribute(&browser.find("#search-instant-1 a"), "href")
        .expect("result link");
    browser.press(&[keys::ENTER]);
    browser.wait_until("the chosen entry", Duration::from_secs(10), |b| {
        !b.current_url().ends_with("/uk/")
    });
    assert_eq!(browser.current_url(), server.url(&target));
    browser.assert_clean(&server.origin());

    // On a phone-sized window the results stay on screen. Escape closes
    // them; Enter with nothing chosen opens the search page.
    browser.set_window_size(400, 800);
    browser.goto(&server.url("/en/"));
    let input = browser.find("[data-search-box]");
    browser.send_keys(&input, "red");
    browser.wait_until("instant results", Duration::from_secs(10), |b| {
        !b.find_all(".search-instant [role=option]").is_empty()
    });
    browser.screenshot(&artifacts_dir("search").join("instant-narrow-en.png"));
    let inside = browser.execute_script(
        "var r = document.querySelector('.search-instant').getBoundingClientRect();
         return r.left >= 0 && r.right <= document.documentElement.clientWidth;",
        vec![],
    );
    assert_eq!(
        inside,
        json!(true),
        "instant results overflow a narrow window"
    );
    browser.press(&[keys::ESCAPE]);
    assert!(!browser.is_displayed(&browser.find(".search-instant")));
    browser.press(&[keys::ENTER]);
    browser.wait_until("the search page", Duration::from_secs(10), |b| {
        b.current_url().ends_with("/en/search/?q=red")
    });
    wait_for_results(&browser);
    assert_eq!(results(&browser)[0].0, "Red flags");
    browser.assert_clean(&server.origin());
}

#[test]
fn search_page_results_are_reached_with_arrow_keys_and_counted() {
    let Some(browser) = Browser::start("search_page_keyboard") else {
        return;
    };
    let project = built();
    let server = StaticServer::start(&project.path("public"));
    browser.goto(&server.url("/ru/search/"));
    // "/" focuses the search field.
    browser.press(&["/"]);
    let input = browser.find("#search-input");
    assert_eq!(browser.active_element(), input);
    browser.send_keys(&input, "клиент");
    browser.wait_until("results", Duration::from_secs(10), |b| {
        b.find_all(".search-results .search-result").len() >= 3
    });
    let count = browser.find_all(".search-results .search-result").len();
    // Russian plurals: 2–4 "материала", 5+ "материалов" (1 and 21: "материал").
    let expected = match count {
        1 => format!("Найден {count} материал"),
        2..=4 => format!("Найдено {count} материала"),
        _ => format!("Найдено {count} материалов"),
    };
    assert_eq!(
        browser.text(&browser.find("[data-search-status]")),
        expected
    );
    assert!(browser
        .current_url()
        .ends_with(&format!("?q={}", encode("клиент"))));
    let links = browser.find_all(".search-results a");
    browser.press(&[keys::ARROW_DOWN]);
    assert_eq!(browser.active_element(), links[0]);
    browser.press(&[keys::ARROW_DOWN]);
    assert_eq!(browser.active_element(), links[1]);
    browser.press(&[keys::ARROW_UP, keys::ARROW_UP]);
    assert_eq!(browser.active_element(), input);
    browser.press(&[keys::ARROW_DOWN]);
    let target = browser.attribute(&links[0], "href").unwrap();
    browser.press(&[keys::ENTER]);
    browser.wait_until("the entry", Duration::from_secs(10), |b| {
        !b.current_url().contains("/search/")
    });
    assert_eq!(browser.current_url(), server.url(&target));
    browser.assert_clean(&server.origin());
}

/// Runs one query twice and fetches the entries of its first ten results;
/// sets `window.__bench` to {hits, manifest, fetched, first, again} (ms):
/// when the manifest arrived, when the last shard the first query needed
/// arrived, when the first query answered, how long the second took.
const BENCH_SCRIPT: &str = "window.__bench = null;
var query = arguments[0], t0 = performance.now(), manifest = 0, fetched = 0;
var index = handbookSearch.index, fetchJson = index.fetchJson;
index.fetchJson = function (url) {
  return fetchJson(url).then(function (json) {
    if (url.indexOf('/docs/') < 0) fetched = performance.now() - t0;
    return json;
  });
};
index.load().then(function () {
  manifest = performance.now() - t0;
  return handbookSearch.search(query);
}).then(function (r) {
  var first = performance.now() - t0, t1 = performance.now();
  return handbookSearch.search(query).then(function () {
    var again = performance.now() - t1;
    var shown = Array.from(r.hits.subarray(0, 10)).map(function (n) { return index.doc(n); });
    return Promise.all(shown).then(function () {
      window.__bench = { hits: r.hits.length, manifest: manifest, fetched: fetched, first: first, again: again };
    });
  });
});";

/// Bytes of the search files the current page fetched: (index bytes,
/// index files, entry bytes).
fn search_bytes(browser: &Browser) -> (u64, usize, u64) {
    let sizes = browser.execute_script(
        "return performance.getEntriesByType('resource')
           .filter(function (e) { return e.name.indexOf('/search/') >= 0; })
           .map(function (e) { return [e.name, e.encodedBodySize]; });",
        vec![],
    );
    let (mut index_bytes, mut index_files, mut doc_bytes) = (0, 0, 0);
    for entry in sizes.as_array().expect("resource entries") {
        let bytes = entry[1].as_u64().unwrap_or(0);
        if entry[0].as_str().unwrap_or("").contains("/docs/") {
            doc_bytes += bytes;
        } else {
            index_bytes += bytes;
            index_files += 1;
        }
    }
    (index_bytes, index_files, doc_bytes)
}

/// Fresh page loads per query; the table shows medians.
const RUNS: usize = 5;

/// The search benchmark (ignored: it needs a large built site). For each
/// query, on fresh pages: the bytes fetched (manifest + shards, then the
/// entries of the first ten results); the time of the first query, split
/// into waiting for the manifest and shards (from the local test server)
/// and computing after the last one arrived; and the same query again with
/// the index in memory.
///
/// ```sh
/// python3 benches/search_corpus.py 10000 /tmp/synth
/// cargo run -- --root /tmp/synth build
/// HANDBOOK_SEARCH_BENCH_SITE=/tmp/synth/public \
///   cargo test --test it search_benchmark -- --ignored --nocapture
/// ```
#[test]
#[ignore]
fn search_benchmark() {
    let Ok(site) = std::env::var("HANDBOOK_SEARCH_BENCH_SITE") else {
        panic!("set HANDBOOK_SEARCH_BENCH_SITE to a built site (see the doc comment)");
    };
    let locale = std::env::var("HANDBOOK_SEARCH_BENCH_LOCALE").unwrap_or_else(|_| "uk".into());
    let Some(browser) = Browser::start("search_benchmark") else {
        return;
    };
    let server = StaticServer::start(std::path::Path::new(&site));
    let queries = [
        "клієнт",
        "клієн",
        "клієнтами",
        "рахунок",
        "звязок",
        "перш ніж",
        "по",
        "забопена",
    ];
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    println!("| query | results | index bytes (files) | 10 entries bytes | first query ms | of which waiting for files ms | of which computing ms | again ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut worst_bytes = 0;
    for query in queries {
        let mut runs: Vec<Value> = Vec::new();
        let (mut hits, mut bytes) = (Value::Null, (0, 0, 0));
        for _ in 0..RUNS {
            browser.goto(&server.url(&format!("/{locale}/")));
            browser.execute_script(BENCH_SCRIPT, vec![json!(query)]);
            browser.wait_until("the query", Duration::from_secs(30), |b| {
                b.execute_script("return window.__bench !== null;", vec![]) == json!(true)
            });
            let result = browser.execute_script("return window.__bench;", vec![]);
            hits = result["hits"].clone();
            bytes = search_bytes(&browser);
            runs.push(result);
        }
        let column = |f: &dyn Fn(&Value) -> f64| median(runs.iter().map(f).collect());
        let number = |v: &Value, key: &str| v[key].as_f64().unwrap_or(f64::NAN);
        let (index_bytes, index_files, doc_bytes) = bytes;
        worst_bytes = worst_bytes.max(index_bytes);
        println!(
            "| `{query}` | {hits} | {index_bytes} ({index_files}) | {doc_bytes} | {:.1} | {:.1} | {:.1} | {:.1} |",
            column(&|r| number(r, "first")),
            column(&|r| number(r, "fetched")),
            column(&|r| number(r, "first") - number(r, "fetched")),
            column(&|r| number(r, "again")),
        );
    }
    assert!(
        worst_bytes <= 150 * 1024,
        "a first query loaded {worst_bytes} bytes"
    );
}
