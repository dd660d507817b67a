//! The browser test harness: headless Chromium driven through ChromeDriver's
//! WebDriver protocol (JSON over a tiny HTTP/1.1 client on
//! `std::net::TcpStream`), a static server for a built site, and PDF helpers
//! over poppler (`pdfinfo`, `pdftotext`).
//!
//! Every browser test starts with [`Browser::start`] (or [`tools_or_skip`]
//! for PDF-only checks), which returns `None` after a visible notice when
//! Chromium, ChromeDriver or poppler is missing — unless `CI` is set, where
//! a missing tool fails the test. Chromium runs with every host name but
//! 127.0.0.1 mapped to nowhere, so a request to an outside host fails and
//! shows up in [`Browser::console_errors`]. Browser tests take turns: one
//! browser at a time keeps the shared machine responsive.
//!
//! ```ignore
//! let Some(browser) = Browser::start("quiz_scores") else { return };
//! let project = TestProject::good();
//! project.run(&["build"]).success();
//! let server = StaticServer::start(&project.path("public"));
//! browser.goto(&server.url("/uk/modules/dismissal-module/quiz/"));
//! browser.click(&browser.find("[data-check]"));
//! browser.assert_clean(&server.origin());
//! ```

// A toolbox shared by every feature's browser tests: not each of them uses
// every helper.
#![allow(dead_code)]

pub mod server;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub use server::StaticServer;

/// WebDriver key codes for [`Browser::press`].
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const SPACE: &str = " ";
    pub const ARROW_UP: &str = "\u{E013}";
    pub const ARROW_DOWN: &str = "\u{E015}";
}

/// The W3C WebDriver key under which an element reference travels.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One browser at a time (see the module comment).
static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::new(());
static PROFILE_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The command-line tools the browser tests use.
#[derive(Debug, Clone)]
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// Finds an executable on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The tools, or `None` after an `eprintln!` notice naming the skipped
/// test. Under `CI` a missing tool panics: CI must run every browser test.
pub fn tools_or_skip(test: &str) -> Option<Tools> {
    let chromium = std::env::var_os("HANDBOOK_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which("chromium"))
        .or_else(|| which("chromium-browser"));
    let chromedriver = which("chromedriver");
    let mut missing = Vec::new();
    if chromium.is_none() {
        missing.push("chromium");
    }
    if chromedriver.is_none() {
        missing.push("chromedriver");
    }
    for tool in ["pdfinfo", "pdftotext"] {
        if which(tool).is_none() {
            missing.push(tool);
        }
    }
    if missing.is_empty() {
        return Some(Tools {
            chromium: chromium?,
            chromedriver: chromedriver?,
        });
    }
    let what = missing.join(", ");
    if std::env::var_os("CI").is_some() {
        panic!("{test}: CI is set but {what} is not installed (apt-get install chromium chromium-driver poppler-utils)");
    }
    eprintln!("SKIPPED browser test {test}: {what} not installed (install chromium, chromium-driver and poppler-utils to run it)");
    None
}

/// The Chromium flags every browser test uses: headless, no sandbox (root
/// in containers), nothing phoning home, and no host but 127.0.0.1.
pub fn chromium_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--lang=en-US",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// A fresh, empty Chromium profile directory, removed when dropped.
struct Profile(PathBuf);

impl Profile {
    fn new() -> Profile {
        let n = PROFILE_COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("handbook-chromium-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a Chromium profile directory");
        Profile(dir)
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A headless Chromium session through a ChromeDriver of its own.
pub struct Browser {
    driver: Child,
    driver_port: u16,
    session: String,
    pub tools: Tools,
    _profile: Profile,
    _turn: MutexGuard<'static, ()>,
}

/// An element found on the current page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(String);

/// A WebDriver error answer, or a transport failure.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Browser {
    /// Starts ChromeDriver on an ephemeral loopback port and a headless
    /// Chromium session; `None` (after a notice) when the tools are missing
    /// outside CI.
    pub fn start(test: &str) -> Option<Browser> {
        Browser::launch(test, true)
    }

    /// Like [`Browser::start`], with JavaScript turned off.
    pub fn start_without_javascript(test: &str) -> Option<Browser> {
        Browser::launch(test, false)
    }

    fn launch(test: &str, javascript: bool) -> Option<Browser> {
        let tools = tools_or_skip(test)?;
        let turn = ONE_BROWSER_AT_A_TIME
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let profile = Profile::new();
        let mut driver = Command::new(&tools.chromedriver)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let stdout = driver.stdout.take().expect("chromedriver stdout");
        let mut lines = BufReader::new(stdout).lines();
        let driver_port = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = driver.kill();
                panic!("chromedriver ended without saying its port");
            };
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                break rest
                    .trim_end_matches('.')
                    .trim()
                    .parse::<u16>()
                    .expect("chromedriver port");
            }
        };
        // Keep draining its output so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": tools.chromium,
                    "args": chromium_args(&profile.0),
                    // 1 allows, 2 blocks scripts on every site.
                    "prefs": { "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 } },
                },
                "goog:loggingPrefs": { "browser": "ALL" },
                "timeouts": { "implicit": 0, "pageLoad": 30000, "script": 30000 },
            }}
        });
        let mut browser = Browser {
            driver,
            driver_port,
            session: String::new(),
            tools,
            _profile: profile,
            _turn: turn,
        };
        let created = browser
            .http("POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("cannot start a Chromium session: {e}"));
        browser.session = created["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        browser.set_window_size(1200, 1000);
        Some(browser)
    }

    /// One WebDriver command: `path` is relative to the driver root.
    fn http(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, WebDriverError> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.driver_port))
            .map_err(|e| WebDriverError(format!("connect to chromedriver: {e}")))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .map_err(|e| WebDriverError(e.to_string()))?;
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.driver_port,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| WebDriverError(format!("send to chromedriver: {e}")))?;
        // ChromeDriver keeps the connection open despite `Connection:
        // close`: read the head, then exactly `Content-Length` bytes.
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| WebDriverError(format!("read from chromedriver: {e}")))?;
            if read == 0 || line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let length = head.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        });
        let mut bytes = Vec::new();
        match length {
            Some(length) => {
                bytes.resize(length, 0);
                reader.read_exact(&mut bytes)
            }
            None => reader.read_to_end(&mut bytes).map(|_| ()),
        }
        .map_err(|e| WebDriverError(format!("read from chromedriver: {e}")))?;
        let body = String::from_utf8_lossy(&bytes);
        let value: Value = serde_json::from_str(&body)
            .map_err(|e| WebDriverError(format!("bad JSON from chromedriver ({e}): {body}")))?;
        let value = value.get("value").cloned().unwrap_or(Value::Null);
        if status != 200 {
            return Err(WebDriverError(format!(
                "{method} {path} → {status}: {} {}",
                value["error"].as_str().unwrap_or(""),
                value["message"].as_str().unwrap_or("")
            )));
        }
        Ok(value)
    }

    /// A command in this session; a WebDriver error fails the test.
    #[track_caller]
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_command(method, path, body)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn try_command(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        let full = format!("/session/{}{path}", self.session);
        let body = match (method, body) {
            ("POST", None) => Some(json!({})),
            (_, body) => body,
        };
        self.http(method, &full, body.as_ref())
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.command(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Opens `url` and waits for it to load.
    #[track_caller]
    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn current_url(&self) -> String {
        self.command("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The first element matching a CSS selector; fails the test if none.
    #[track_caller]
    pub fn find(&self, css: &str) -> Element {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element matches `{css}` on {}", self.current_url()))
    }

    /// The first element matching a CSS selector, `None` if there is none;
    /// any other WebDriver error fails the test.
    #[track_caller]
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let found = self.try_command(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        match found {
            Ok(found) => Some(Element(found[ELEMENT_KEY].as_str()?.to_string())),
            Err(error) if error.0.contains("no such element") => None,
            Err(error) => panic!("finding `{css}`: {error}"),
        }
    }

    /// Every element matching a CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.command(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element(id.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every element matching `css` inside `parent`.
    pub fn find_in(&self, parent: &Element, css: &str) -> Vec<Element> {
        let found = self.command(
            "POST",
            &format!("/element/{}/elements", parent.0),
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element(id.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[track_caller]
    pub fn click(&self, element: &Element) {
        self.command("POST", &format!("/element/{}/click", element.0), None);
    }

    /// Types `text` into an element (WebDriver key codes allowed, see [`keys`]).
    #[track_caller]
    pub fn send_keys(&self, element: &Element, text: &str) {
        self.command(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        );
    }

    /// Presses keys one after another on whatever has focus, as a user
    /// would: each is pressed and released (see [`keys`]).
    #[track_caller]
    pub fn press(&self, sequence: &[&str]) {
        let actions: Vec<Value> = sequence
            .iter()
            .flat_map(|key| {
                [
                    json!({ "type": "keyDown", "value": key }),
                    json!({ "type": "keyUp", "value": key }),
                ]
            })
            .collect();
        self.command(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
        self.command("DELETE", "/actions", None);
    }

    /// Shift+Tab: focus moves backwards.
    pub fn press_shift_tab(&self) {
        let actions = json!([
            { "type": "keyDown", "value": keys::SHIFT },
            { "type": "keyDown", "value": keys::TAB },
            { "type": "keyUp", "value": keys::TAB },
            { "type": "keyUp", "value": keys::SHIFT },
        ]);
        self.command(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
        self.command("DELETE", "/actions", None);
    }

    /// The rendered (visible) text of an element.
    #[track_caller]
    pub fn text(&self, element: &Element) -> String {
        self.command("GET", &format!("/element/{}/text", element.0), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// An attribute's value, `None` when absent.
    pub fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        self.command(
            "GET",
            &format!("/element/{}/attribute/{name}", element.0),
            None,
        )
        .as_str()
        .map(str::to_string)
    }

    pub fn is_displayed(&self, element: &Element) -> bool {
        self.command("GET", &format!("/element/{}/displayed", element.0), None)
            .as_bool()
            .unwrap_or(false)
    }

    /// The element that has keyboard focus.
    pub fn active_element(&self) -> Element {
        let found = self.command("GET", "/element/active", None);
        Element(found[ELEMENT_KEY].as_str().unwrap_or_default().to_string())
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns
    /// its result. Elements pass as [`Browser::element_arg`].
    #[track_caller]
    pub fn execute_script(&self, script: &str, args: Vec<Value>) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// An element as a script argument.
    pub fn element_arg(element: &Element) -> Value {
        json!({ ELEMENT_KEY: element.0 })
    }

    /// Polls `condition` every 50 ms until it holds; fails after `timeout`.
    #[track_caller]
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut condition: impl FnMut(&Browser) -> bool,
    ) {
        let started = Instant::now();
        while !condition(self) {
            if started.elapsed() > timeout {
                panic!("timed out after {timeout:?} waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the viewport, written to `path` (keep it out of the repository).
    #[track_caller]
    pub fn screenshot(&self, path: &Path) {
        let data = self.command("GET", "/screenshot", None);
        let bytes = base64_decode(data.as_str().unwrap_or_default()).expect("screenshot base64");
        std::fs::write(path, bytes).expect("write screenshot");
    }

    /// A PNG of the whole page, however long: the window grows to the
    /// page's height for the shot, then returns to its size.
    #[track_caller]
    pub fn screenshot_full_page(&self, path: &Path) {
        let size = self.command("GET", "/window/rect", None);
        let height = self
            .execute_script("return document.documentElement.scrollHeight;", vec![])
            .as_u64()
            .unwrap_or(1000)
            .clamp(200, 16000);
        let width = size["width"].as_u64().unwrap_or(1200);
        self.set_window_size(width as u32, height as u32 + 140);
        self.screenshot(path);
        self.set_window_size(width as u32, size["height"].as_u64().unwrap_or(1000) as u32);
    }

    /// The current page printed to PDF through WebDriver: A4, no margins
    /// added (the page's `@page` rule sets them), no shrinking, no
    /// backgrounds — what a reader's "Print" gives.
    #[track_caller]
    pub fn print_pdf(&self) -> Vec<u8> {
        let data = self.command(
            "POST",
            "/print",
            Some(json!({
                "page": { "width": 21.0, "height": 29.7 },
                "margin": { "top": 0, "bottom": 0, "left": 0, "right": 0 },
                "background": false,
                "shrinkToFit": false,
            })),
        );
        base64_decode(data.as_str().unwrap_or_default()).expect("PDF base64")
    }

    /// Browser console entries logged since the last call.
    pub fn console(&self) -> Vec<ConsoleEntry> {
        let logs = self
            .try_command("POST", "/se/log", Some(json!({ "type": "browser" })))
            .unwrap_or(Value::Null);
        logs.as_array()
            .map(|list| {
                list.iter()
                    .map(|e| ConsoleEntry {
                        level: e["level"].as_str().unwrap_or_default().to_string(),
                        message: e["message"].as_str().unwrap_or_default().to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Console errors (failed loads included) since the last call.
    pub fn console_errors(&self) -> Vec<String> {
        self.console()
            .into_iter()
            .filter(|e| e.level == "SEVERE")
            .map(|e| e.message)
            .collect()
    }

    /// Every resource the current page loaded (Performance resource
    /// entries), with the page itself first.
    pub fn loaded_urls(&self) -> Vec<String> {
        let urls = self.execute_script(
            "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }));",
            vec![],
        );
        urls.as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|u| u.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails the test if the current page logged a console error or loaded
    /// anything from outside `origin`.
    #[track_caller]
    pub fn assert_clean(&self, origin: &str) {
        // Chromium asks for /favicon.ico on its own; that is not the page's doing.
        let errors: Vec<String> = self
            .console_errors()
            .into_iter()
            .filter(|e| !e.contains("/favicon.ico"))
            .collect();
        assert!(
            errors.is_empty(),
            "console errors on {}: {errors:#?}",
            self.current_url()
        );
        let outside: Vec<String> = self
            .loaded_urls()
            .into_iter()
            .filter(|u| !u.starts_with(&format!("{origin}/")))
            .collect();
        assert!(
            outside.is_empty(),
            "{} loaded from outside {origin}: {outside:#?}",
            self.current_url()
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.http("DELETE", &format!("/session/{}", self.session), None);
        }
        // `/shutdown` also ends any Chromium a failed session left behind,
        // which killing ChromeDriver alone would orphan.
        let _ = self.http("GET", "/shutdown", None);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.driver.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// One browser console message.
#[derive(Debug, Clone)]
pub struct ConsoleEntry {
    pub level: String,
    pub message: String,
}

/// Standard base64 (what WebDriver returns for screenshots and PDFs).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Prints `url` to a PDF at `out` with Chromium's own `--print-to-pdf`:
/// exactly what "Print → Save as PDF" gives, `@page` size and margins
/// included, no header or footer.
#[track_caller]
pub fn chromium_print_to_pdf(tools: &Tools, url: &str, out: &Path) {
    let profile = Profile::new();
    let output = Command::new(&tools.chromium)
        .args(chromium_args(&profile.0))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .expect("run chromium --print-to-pdf");
    assert!(
        out.is_file(),
        "chromium wrote no PDF for {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// What `pdfinfo` says about a PDF.
#[derive(Debug, Clone)]
pub struct PdfInfo {
    pub pages: usize,
    /// Page size in points, as (width, height).
    pub page_size: (f64, f64),
}

impl PdfInfo {
    /// A4 is 595.28 × 841.89 pt; allow rounding.
    pub fn is_a4(&self) -> bool {
        (self.page_size.0 - 595.28).abs() < 1.5 && (self.page_size.1 - 841.89).abs() < 1.5
    }
}

/// Runs `pdfinfo` on a PDF file.
#[track_caller]
pub fn pdf_info(pdf: &Path) -> PdfInfo {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo gave no {name} for {}: {text}", pdf.display()))
            .to_string()
    };
    let pages = field("Pages:").parse().expect("page count");
    // "595.276 x 841.89 pts (A4)"
    let size = field("Page size:");
    let mut numbers = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    let page_size = (
        numbers.next().expect("page width"),
        numbers.next().expect("page height"),
    );
    PdfInfo { pages, page_size }
}

/// The text of every page (`pdftotext -layout`), one string per page.
#[track_caller]
pub fn pdf_pages_text(pdf: &Path) -> Vec<String> {
    pdftotext(pdf, &[])
}

/// The text inside a rectangle of every page, in points from the top left
/// (A4 is 595 × 842): read a two-column layout one column at a time.
#[track_caller]
pub fn pdf_pages_text_in(pdf: &Path, x: u32, y: u32, width: u32, height: u32) -> Vec<String> {
    let area = [x, y, width, height].map(|n| n.to_string());
    pdftotext(
        pdf,
        &[
            "-x", &area[0], "-y", &area[1], "-W", &area[2], "-H", &area[3],
        ],
    )
}

#[track_caller]
fn pdftotext(pdf: &Path, extra: &[&str]) -> Vec<String> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .args(extra)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Collapses runs of whitespace, so text wrapped across lines still matches.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A scratch directory under the system temp dir for PDFs and screenshots,
/// kept after the test (so they can be looked at), never in the repository.
pub fn artifacts_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join("handbook-browser-artifacts")
        .join(test);
    std::fs::create_dir_all(&dir).expect("create the artifacts directory");
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_padded_and_unpadded_text() {
        assert_eq!(base64_decode("aGFuZGJvb2s=").unwrap(), b"handbook");
        assert_eq!(
            base64_decode("0L/RgNC40LLRltGC").unwrap(),
            "привіт".as_bytes()
        );
        assert_eq!(base64_decode("YQ").unwrap(), b"a");
        assert!(base64_decode("not base64!").is_none());
    }

    /// The harness itself: a page served from a temporary directory, a
    /// click that changes text, a key press, a script, a screenshot, a PDF,
    /// a missing file the server reports, and an outside request the
    /// browser cannot make.
    #[test]
    fn harness_drives_a_served_page() {
        let Some(browser) = Browser::start("harness_drives_a_served_page") else {
            return;
        };
        let site = std::env::temp_dir().join(format!("handbook-harness-{}", std::process::id()));
        std::fs::create_dir_all(site.join("sub")).unwrap();
        std::fs::write(
            site.join("sub/index.html"),
            r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page { size: A4; margin: 10mm }</style></head><body>
<p id="out">before</p><button id="go" onclick="document.getElementById('out').textContent='clicked'">Go</button>
<input id="field" onkeydown="if (event.key === 'Enter') document.getElementById('out').textContent = this.value">
</body></html>"#,
        )
        .unwrap();
        let server = StaticServer::start(&site);
        browser.goto(&server.url("/sub/"));
        assert_eq!(browser.text(&browser.find("#out")), "before");
        browser.click(&browser.find("#go"));
        assert_eq!(browser.text(&browser.find("#out")), "clicked");
        let field = browser.find("#field");
        browser.send_keys(&field, "привіт");
        browser.press(&[keys::ENTER]);
        assert_eq!(browser.text(&browser.find("#out")), "привіт");
        assert_eq!(
            browser.execute_script("return 6 * 7;", vec![]),
            serde_json::json!(42)
        );
        browser.assert_clean(&server.origin());

        let artifacts = artifacts_dir("harness");
        browser.screenshot(&artifacts.join("page.png"));
        assert!(std::fs::read(artifacts.join("page.png"))
            .unwrap()
            .starts_with(b"\x89PNG"));
        let pdf = artifacts.join("page.pdf");
        std::fs::write(&pdf, browser.print_pdf()).unwrap();
        let info = pdf_info(&pdf);
        assert_eq!(info.pages, 1);
        assert!(info.is_a4(), "{info:?}");
        assert!(squash(&pdf_pages_text(&pdf)[0]).contains("привіт"));
        // The same page through Chromium's own print-to-PDF.
        let printed = artifacts.join("page-cli.pdf");
        let _ = std::fs::remove_file(&printed);
        chromium_print_to_pdf(&browser.tools, &server.url("/sub/"), &printed);
        let info = pdf_info(&printed);
        assert!(info.pages == 1 && info.is_a4(), "{info:?}");
        assert!(squash(&pdf_pages_text(&printed)[0]).contains("before"));

        // A missing file is logged by the server and the console.
        browser.goto(&server.url("/missing.css"));
        let failed: Vec<_> = server
            .failed()
            .into_iter()
            .filter(|s| s.path != "/favicon.ico")
            .collect();
        assert_eq!(
            failed,
            vec![server::Served {
                path: "/missing.css".into(),
                status: 404
            }]
        );
        let _ = browser.console();
        // An outside host is unreachable: the load fails visibly.
        browser.execute_script(
            "var s = document.createElement('img'); s.src = 'http://example.com/x.png'; document.body.appendChild(s);",
            vec![],
        );
        browser.wait_until(
            "the outside request to fail",
            Duration::from_secs(10),
            |b| !b.console_errors().is_empty(),
        );
        let _ = std::fs::remove_dir_all(&site);
    }
}
