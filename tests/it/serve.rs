//! `handbook serve` as a user meets it: the real binary on an ephemeral
//! loopback port, driven over raw HTTP. Every wait has a deadline and the
//! child is killed when a test ends, pass or fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::TestProject;

/// Long enough for a debug build of the fixture on a busy machine.
const STARTUP: Duration = Duration::from_secs(120);
const REBUILD: Duration = Duration::from_secs(60);
const IO: Duration = Duration::from_secs(20);

const PAGE: &str = "/en/principles/keep-in-touch/";
const PAGE_FILE: &str = ".handbook-serve/site/en/principles/keep-in-touch/index.html";

/// A running `handbook serve`, killed on drop.
struct Served {
    child: Child,
    address: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    /// Starts `handbook --root <project> serve --port 0` and waits for the
    /// address it prints.
    fn start(project: &TestProject) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .arg("--root")
            .arg(&project.root)
            .args(["serve", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start handbook serve");
        let stderr = collect(child.stderr.take().unwrap());
        let lines = lines_of(child.stdout.take().unwrap());
        let deadline = Instant::now() + STARTUP;
        let address = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("serving http://") {
                        let address = rest.split('/').next().unwrap();
                        break address.parse().expect("a socket address");
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!(
                        "serve printed no address\nstderr:\n{}",
                        stderr.lock().unwrap()
                    );
                }
            }
        };
        Served {
            child,
            address,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends `GET <target>` exactly as given (no normalisation of `..`).
    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    fn request(&self, method: &str, target: &str) -> Reply {
        let mut stream = self.connect();
        // HTTP/1.0: the reply ends when the server closes the connection.
        write!(
            stream,
            "{method} {target} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the reply");
        Reply::parse(&raw)
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect_timeout(&self.address, IO).expect("connect");
        stream.set_read_timeout(Some(IO)).unwrap();
        stream.set_write_timeout(Some(IO)).unwrap();
        stream
    }

    /// Opens the live-reload event stream, as a page does.
    fn events(&self) -> Events {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.address
        )
        .unwrap();
        // The stream idles for long stretches: no read timeout. The reader
        // thread ends when the child is killed and the socket closes.
        stream.set_read_timeout(None).unwrap();
        let (sender, received) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { return };
                if let Some(event) = line.strip_prefix("event: ") {
                    name = event.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    let data = serde_json::from_str(data).expect("event data is JSON");
                    if sender.send((std::mem::take(&mut name), data)).is_err() {
                        return;
                    }
                }
            }
        });
        Events { received }
    }

    fn status(&self) -> serde_json::Value {
        let reply = self.get("/__handbook/status");
        assert_eq!(reply.status, 200);
        serde_json::from_str(&reply.text()).unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines a pipe gives, on a channel.
fn lines_of(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { return };
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    lines
}

/// Everything a pipe gives, gathered (so the child never blocks on it).
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let lines = lines_of(pipe);
    let gathered = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in lines {
            let mut text = gathered.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete reply");
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        Reply {
            status: status.parse().unwrap(),
            headers,
            body: raw[end + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
}

/// The live-reload events one page receives.
struct Events {
    received: Receiver<(String, serde_json::Value)>,
}

impl Events {
    /// Skips events until one named `name` arrives; its data.
    #[track_caller]
    fn wait_for(&self, name: &str, served: &Served) -> serde_json::Value {
        let deadline = Instant::now() + REBUILD;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.received.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(_) => panic!(
                    "no `{name}` event within {REBUILD:?}\nstderr:\n{}",
                    served.stderr()
                ),
            }
        }
    }
}

/// Removes the injected script, which is the only difference allowed
/// between a served page and its file.
fn without_script(page: &str) -> String {
    let start = page
        .find("<script id=\"handbook-live-reload\"")
        .expect("the live-reload script");
    let end = start + page[start..].find("</script>\n").unwrap() + "</script>\n".len();
    format!("{}{}", &page[..start], &page[end..])
}

#[test]
fn serves_pages_as_built_with_the_script_added_to_responses_only() {
    let project = TestProject::good();
    let served = Served::start(&project);

    let page = served.get(PAGE);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.text().contains("Keep in touch"));
    assert_eq!(without_script(&page.text()), project.read(PAGE_FILE));
    assert_eq!(served.get("/").status, 200, "the language chooser");
    let redirect = served.get("/en/principles/keep-in-touch?x=1");
    assert_eq!(redirect.status, 302);
    assert_eq!(
        redirect.header("location"),
        Some(format!("{PAGE}?x=1").as_str())
    );
    assert_eq!(served.request("POST", PAGE).status, 405);

    // The served directory is what `build` writes, byte for byte.
    project.run(&["build"]).success();
    assert_eq!(project.tree(".handbook-serve/site"), project.tree("public"));

    let missing = served.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        without_script(&missing.text()),
        project.read("public/404.html")
    );
}

#[test]
fn content_types_follow_the_extension() {
    let project = TestProject::good();
    let served = Served::start(&project);
    for (name, bytes) in [
        ("data.json", &b"{}"[..]),
        ("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("logo.png", b"\x89PNG"),
        ("font.woff2", b"wOF2"),
        ("handout.pdf", b"%PDF-1.7"),
    ] {
        project.write(&format!(".handbook-serve/site/extra/{name}"), bytes);
    }
    for (target, expected) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/search.js", "text/javascript; charset=utf-8"),
        ("/extra/data.json", "application/json; charset=utf-8"),
        ("/extra/logo.svg", "image/svg+xml; charset=utf-8"),
        ("/extra/logo.png", "image/png"),
        ("/extra/font.woff2", "font/woff2"),
        ("/extra/handout.pdf", "application/pdf"),
    ] {
        let reply = served.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(reply.header("content-type"), Some(expected), "{target}");
    }
    // Only HTML gets the script.
    let css = served.get("/static/style.css");
    assert_eq!(
        css.body,
        std::fs::read(project.path("themes/default/static/style.css")).unwrap()
    );
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_content() {
    let project = TestProject::good();
    let served = Served::start(&project);
    let events = served.events();
    assert_eq!(events.wait_for("reload", &served)["generation"], 1);

    project.edit(
        "content/principles/keep-in-touch/en.md",
        "title: Keep in touch",
        "title: Stay in touch",
    );
    assert_eq!(events.wait_for("reload", &served)["generation"], 2);
    let page = served.get(PAGE).text();
    assert!(page.contains("Stay in touch"), "{page}");
    assert!(!page.contains("Keep in touch"));
    assert!(page.contains("data-generation=\"2\""));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_error() {
    let project = TestProject::good();
    let served = Served::start(&project);
    let events = served.events();
    events.wait_for("reload", &served);
    let good_page = served.get(PAGE).text();

    let entry = "content/principles/keep-in-touch/entry.yaml";
    let good_yaml = project.read(entry);
    project.edit(entry, "areas: [retention]", "areas: [retention] <b>: x");
    let error = events.wait_for("build-error", &served);
    assert_eq!(error["generation"], 1, "the last good build stays live");
    let diagnostics = error["diagnostics"].as_str().unwrap();
    assert!(diagnostics.contains("error[yaml-syntax]"), "{diagnostics}");
    assert!(
        diagnostics.contains("content/principles/keep-in-touch/entry.yaml:2:20"),
        "{diagnostics}"
    );
    assert!(
        diagnostics.contains("<b>"),
        "the text, not HTML: {diagnostics}"
    );

    assert_eq!(served.get(PAGE).text(), good_page, "the old page is served");
    let status = served.status();
    assert_eq!(status["generation"], 1);
    assert_eq!(status["error"].as_str(), Some(diagnostics));
    // A page opened now learns about the error at once.
    assert_eq!(served.events().wait_for("build-error", &served), error);
    let stderr = served.stderr();
    assert!(stderr.contains("entry.yaml:2:20"), "{stderr}");
    assert!(
        stderr.contains("still serving the last good site"),
        "{stderr}"
    );

    project.write(entry, good_yaml);
    assert_eq!(events.wait_for("reload", &served)["generation"], 2);
    assert_eq!(served.status()["error"], serde_json::Value::Null);
}

#[test]
fn a_failing_first_build_shows_its_error_until_fixed() {
    let project = TestProject::good();
    let entry = "content/principles/keep-in-touch/entry.yaml";
    project.edit(entry, "kind: principle", "kind: principal");
    let served = Served::start(&project);
    let missing = served.get(PAGE);
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("handbook-live-reload"));
    let events = served.events();
    let error = events.wait_for("build-error", &served);
    assert_eq!(error["generation"], 0);
    assert!(error["diagnostics"].as_str().unwrap().contains("principal"));

    project.edit(entry, "kind: principal", "kind: principle");
    assert_eq!(events.wait_for("reload", &served)["generation"], 1);
    assert_eq!(served.get(PAGE).status, 200);
}

#[test]
fn nothing_outside_the_served_directory_is_served() {
    let project = TestProject::good();
    let served = Served::start(&project);
    let secret = project.path("content/site.yaml");
    // Symlinks planted in the served directory, pointing out of it.
    std::os::unix::fs::symlink(&secret, project.path(".handbook-serve/site/leak")).unwrap();
    std::os::unix::fs::symlink(
        project.path("content"),
        project.path(".handbook-serve/site/leak-dir"),
    )
    .unwrap();
    assert!(std::fs::read_to_string(project.path(".handbook-serve/site/leak")).is_ok());
    let not_found_page = project.read(".handbook-serve/site/404.html");
    for target in [
        "/../../content/site.yaml",
        "/en/../../../content/site.yaml",
        "/%2e%2e/%2e%2e/content/site.yaml",
        "/%2E%2E/%2E%2E/content/site.yaml",
        "/..%2f..%2fcontent/site.yaml",
        "/..%5c..%5ccontent%5csite.yaml",
        &format!("/{}", secret.display()),
        "//etc/passwd",
        "/leak",
        "/leak-dir/site.yaml",
        "/%00",
    ] {
        let reply = served.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert_eq!(without_script(&reply.text()), not_found_page, "{target}");
    }
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let project = TestProject::good();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("--root")
        .arg(&project.root)
        .args(["serve", "--port", &port])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + IO;
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve kept running on a busy port");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot serve on 127.0.0.1:{port}: the port is in use"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
    drop(taken);
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let project = TestProject::good();
    let served = Served::start(&project);
    let events = served.events();
    events.wait_for("reload", &served);

    // One save of three files, plus the side files editors write, which
    // must not count. Written outside the watched folders first and renamed
    // into place back to back, so that a busy machine cannot stretch the
    // burst past the debounce window.
    let files = [
        "content/principles/keep-in-touch/en.md",
        "content/principles/keep-in-touch/uk.md",
        "content/principles/let-them-go/en.md",
    ];
    let mut moves = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let edited = format!("{}\nEdited.\n", project.read(file));
        for (target, text) in [
            (file.to_string(), edited),
            (format!("{file}~"), "backup".into()),
        ] {
            let prepared = format!("prepared/{n}-{}", moves.len());
            project.write(&prepared, text);
            moves.push((project.path(&prepared), project.path(&target)));
        }
    }
    let swap = "content/principles/keep-in-touch/.en.md.swp";
    project.write("prepared/swap", "swap");
    moves.push((project.path("prepared/swap"), project.path(swap)));
    for (from, to) in &moves {
        std::fs::rename(from, to).unwrap();
    }
    assert_eq!(events.wait_for("reload", &served)["generation"], 2);
    // Nothing else follows: not a second rebuild, not one for the side files.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(served.status()["generation"], 2, "{}", served.stderr());
    let stderr = served.stderr();
    assert!(
        stderr.contains("after changes to content/principles/keep-in-touch/en.md and 2 more"),
        "{stderr}"
    );
}
