//! The HTTP side of `serve`: maps request paths to files inside the served
//! directory, answers with the right `Content-Type`, adds the live-reload
//! script to HTML responses, and streams build events to open pages.
//!
//! Input: a request and the shared [`Status`]; output: the response. The
//! served directory is only read. Invariant: a body is either a regular
//! file whose real path lies inside the served directory, the site's
//! `404.html`, or one of the server's own endpoints under `/__handbook/`
//! (redirects and refused methods have none).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::{Shared, Status};

/// How often an idle event stream sends a comment, so that the thread of a
/// page that was closed notices and ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Requests under this prefix are the server's own, never the site's (the
/// site's paths start with a locale code or `static/`).
const OWN_PREFIX: &str = "/__handbook/";
const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");

/// Answers one request: the server's own endpoints, or a file of the site.
pub(super) fn handle(request: Request, out: &Path, shared: &Arc<Shared>) {
    let method = request.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        let response = Response::from_string("only GET and HEAD\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let target = request.url().to_string();
    let path = target.split(['?', '#']).next().unwrap_or("");
    match path.strip_prefix(OWN_PREFIX) {
        Some("events") => {
            let shared = Arc::clone(shared);
            std::thread::spawn(move || stream_events(request, &shared));
            return;
        }
        Some("status") => {
            let body = status_json(&shared.status());
            let _ = request.respond(bytes_response(200, "json", body.into_bytes()));
            return;
        }
        _ => {}
    }
    // Read the generation before the file: a page is never newer than the
    // generation it announces, at worst one reload too many.
    let (generation, base_url) = {
        let status = shared.status();
        (status.generation, Arc::clone(&status.base_url))
    };
    let response = match lookup(out, &base_url, path) {
        Lookup::File(file) => match std::fs::read(&file) {
            Ok(bytes) => file_response(200, &file, bytes, generation),
            Err(_) => not_found(out, generation),
        },
        Lookup::Redirect(location) => {
            let location = match target.split_once('?') {
                Some((_, query)) => format!("{location}?{query}"),
                None => location,
            };
            // The request's own bytes go back in a header: only printable ASCII.
            match Header::from_bytes(&b"Location"[..], location.as_bytes()) {
                Ok(header) if location.bytes().all(|b| b.is_ascii_graphic()) => {
                    Response::from_data(Vec::new())
                        .with_status_code(302)
                        .with_header(header)
                }
                _ => not_found(out, generation),
            }
        }
        Lookup::NotFound => not_found(out, generation),
    };
    let _ = request.respond(response);
}

/// Where a request path leads inside the served directory.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    File(PathBuf),
    /// A directory asked for without its trailing `/`, or the root when the
    /// site lives under a `base_url` other than `/`.
    Redirect(String),
    NotFound,
}

/// Maps a request path (still percent-encoded) to a regular file inside
/// `root`. Segments are decoded one by one; `.`, `..`, and segments holding
/// `/`, `\` or NUL once decoded are refused, and the file's real path
/// (symlinks followed) must still lie inside `root`.
fn lookup(root: &Path, base_url: &str, path: &str) -> Lookup {
    if base_url != "/" && (path == "/" || format!("{path}/") == base_url) {
        return Lookup::Redirect(base_url.to_string());
    }
    let Some(rest) = path.strip_prefix(base_url) else {
        return Lookup::NotFound;
    };
    let mut relative = PathBuf::new();
    for segment in rest.split('/').filter(|s| !s.is_empty()) {
        let Some(segment) = percent_decode(segment) else {
            return Lookup::NotFound;
        };
        if segment == "." || segment == ".." || segment.contains(['/', '\\', '\0']) {
            return Lookup::NotFound;
        }
        relative.push(segment);
    }
    let Ok(real_root) = root.canonicalize() else {
        return Lookup::NotFound;
    };
    let Ok(real) = real_root.join(&relative).canonicalize() else {
        return Lookup::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Lookup::NotFound;
    }
    if real.is_dir() {
        if !rest.is_empty() && !rest.ends_with('/') {
            return Lookup::Redirect(format!("{path}/"));
        }
        let index = real.join("index.html");
        // `index.html` itself may be a symlink out of the directory.
        return match index.canonicalize() {
            Ok(index) if index.starts_with(&real_root) && index.is_file() => Lookup::File(index),
            _ => Lookup::NotFound,
        };
    }
    if real.is_file() {
        Lookup::File(real)
    } else {
        Lookup::NotFound
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are
/// not UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The `Content-Type` for a file extension; text types say `charset=utf-8`
/// (the build writes UTF-8 only).
fn content_type(extension: &str) -> &'static str {
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

fn bytes_response(
    status: u16,
    extension: &str,
    bytes: Vec<u8>,
) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type(extension)))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        // Always a Content-Length, never chunked: simpler for every client.
        .with_chunked_threshold(usize::MAX)
}

fn file_response(
    status: u16,
    file: &Path,
    bytes: Vec<u8>,
    generation: u64,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let bytes = if content_type(extension).starts_with("text/html") {
        inject_live_reload(&bytes, generation)
    } else {
        bytes
    };
    bytes_response(status, extension, bytes)
}

/// The site's own `404.html` with status 404, or a plain page while there
/// is no site yet (it still carries the script, to show the build error).
fn not_found(out: &Path, generation: u64) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = out.join("404.html");
    let bytes = std::fs::read(&page).unwrap_or_else(|_| {
        b"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>404</title></head>\n<body><h1>404</h1><p>Nothing here (yet).</p></body></html>\n".to_vec()
    });
    file_response(404, &page, bytes, generation)
}

/// Puts the live-reload script before `</body>` (or at the end). Only
/// responses get it; the files on disk stay as `build` wrote them.
fn inject_live_reload(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!(
        "<script id=\"handbook-live-reload\" data-generation=\"{generation}\">\n{LIVE_RELOAD_JS}</script>\n"
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn status_json(status: &Status) -> String {
    serde_json::json!({
        "generation": status.generation,
        "error": status.error.as_deref(),
    })
    .to_string()
}

/// One server-sent event: `reload` when a build is live (the page reloads
/// unless it already shows that generation), `build-error` when the latest
/// build failed.
fn event_message(status: &Status) -> String {
    let (name, data) = match &status.error {
        None => (
            "reload",
            serde_json::json!({ "generation": status.generation }),
        ),
        Some(error) => (
            "build-error",
            serde_json::json!({ "generation": status.generation, "diagnostics": &**error }),
        ),
    };
    // JSON has no raw newlines, so the data is one `data:` line.
    format!("event: {name}\ndata: {data}\n\n")
}

/// Streams server-sent events to one open page until it goes away: the
/// current status at once, then every change, and a comment when idle.
fn stream_events(request: Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n\
                retry: 1000\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    let mut sent: Option<Status> = None;
    let mut status = shared.status();
    loop {
        let message = if sent.as_ref() != Some(&*status) {
            sent = Some(status.clone());
            event_message(&status)
        } else {
            let (next, wait) = shared
                .changed
                .wait_timeout(status, KEEP_ALIVE)
                .unwrap_or_else(PoisonError::into_inner);
            status = next;
            if !wait.timed_out() || sent.as_ref() != Some(&*status) {
                continue;
            }
            ": keep-alive\n\n".to_string()
        };
        // Never write to the socket while holding the lock.
        drop(status);
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        status = shared.status();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_utf8_for_text() {
        for (extension, expected) in [
            ("html", "text/html; charset=utf-8"),
            ("HTML", "text/html; charset=utf-8"),
            ("css", "text/css; charset=utf-8"),
            ("js", "text/javascript; charset=utf-8"),
            ("json", "application/json; charset=utf-8"),
            ("svg", "image/svg+xml; charset=utf-8"),
            ("png", "image/png"),
            ("woff2", "font/woff2"),
            ("pdf", "application/pdf"),
            ("", "application/octet-stream"),
            ("exe", "application/octet-stream"),
        ] {
            assert_eq!(content_type(extension), expected, "{extension:?}");
        }
    }

    #[test]
    fn percent_decoding_refuses_malformed_escapes() {
        for (input, expected) in [
            ("plain", Some("plain")),
            ("%2e%2e", Some("..")),
            ("%2E%2e", Some("..")),
            ("%D0%B0", Some("а")),
            ("a%2fb", Some("a/b")),
            ("%", None),
            ("%2", None),
            ("%zz", None),
            ("%ff", None),
            ("%E2%8", None),
        ] {
            assert_eq!(percent_decode(input).as_deref(), expected, "{input:?}");
        }
    }

    /// A served directory with a page, a subdirectory, and symlinks that
    /// point out of it; removed when dropped.
    struct Fixture {
        dir: PathBuf,
    }

    impl Fixture {
        fn new(name: &str) -> Fixture {
            let dir = std::env::temp_dir()
                .join(format!("handbook-serve-unit-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let site = dir.join("site");
            std::fs::create_dir_all(site.join("uk/principles")).unwrap();
            std::fs::write(site.join("index.html"), "root").unwrap();
            std::fs::write(site.join("uk/index.html"), "uk").unwrap();
            std::fs::write(dir.join("secret"), "secret").unwrap();
            #[cfg(unix)]
            {
                std::os::unix::fs::symlink(dir.join("secret"), site.join("leak")).unwrap();
                std::os::unix::fs::symlink(&dir, site.join("leak-dir")).unwrap();
            }
            Fixture { dir }
        }

        fn site(&self) -> PathBuf {
            self.dir.join("site").canonicalize().unwrap()
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    #[test]
    fn lookup_serves_only_files_inside_the_root() {
        let fixture = Fixture::new("lookup");
        let site = fixture.site();
        let file = |relative: &str| Lookup::File(site.join(relative));
        for (path, expected) in [
            ("/", file("index.html")),
            ("/uk/", file("uk/index.html")),
            ("/uk/index.html", file("uk/index.html")),
            ("/uk", Lookup::Redirect("/uk/".into())),
            ("/uk/principles/", Lookup::NotFound),
            ("//uk/", file("uk/index.html")),
            ("/../secret", Lookup::NotFound),
            ("/uk/../../secret", Lookup::NotFound),
            ("/%2e%2e/secret", Lookup::NotFound),
            ("/%2E%2E/secret", Lookup::NotFound),
            ("/..%2fsecret", Lookup::NotFound),
            ("/..%5csecret", Lookup::NotFound),
            ("/%00", Lookup::NotFound),
            ("//etc/passwd", Lookup::NotFound),
            ("/leak", Lookup::NotFound),
            ("/leak-dir/secret", Lookup::NotFound),
            ("/missing.html", Lookup::NotFound),
        ] {
            assert_eq!(lookup(&site, "/", path), expected, "{path:?}");
        }
    }

    #[test]
    fn lookup_mounts_the_site_under_its_base_url() {
        let fixture = Fixture::new("base");
        let site = fixture.site();
        for (path, expected) in [
            ("/", Lookup::Redirect("/wiki/".into())),
            ("/wiki", Lookup::Redirect("/wiki/".into())),
            ("/wiki/", Lookup::File(site.join("index.html"))),
            ("/wiki/uk/", Lookup::File(site.join("uk/index.html"))),
            ("/uk/", Lookup::NotFound),
            ("/wikiuk/", Lookup::NotFound),
        ] {
            assert_eq!(lookup(&site, "/wiki/", path), expected, "{path:?}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = inject_live_reload(b"<html><body><p>x</p></BODY></html>", 7);
        let page = String::from_utf8(page).unwrap();
        let script = page.find("<script id=\"handbook-live-reload\" data-generation=\"7\">");
        let body_end = page.find("</BODY>");
        assert!(script.is_some() && script < body_end, "{page}");
        assert!(page.starts_with("<html><body><p>x</p><script"));

        let fragment = String::from_utf8(inject_live_reload(b"<p>no body</p>", 1)).unwrap();
        assert!(fragment.starts_with("<p>no body</p><script"), "{fragment}");
    }

    #[test]
    fn events_carry_the_generation_and_the_escaped_error() {
        let live = Status {
            generation: 3,
            ..Status::default()
        };
        assert_eq!(
            event_message(&live),
            "event: reload\ndata: {\"generation\":3}\n\n"
        );
        let broken = Status {
            generation: 3,
            error: Some("error: bad\n  <b>line</b>\n".into()),
            ..Status::default()
        };
        let message = event_message(&broken);
        assert!(
            message.starts_with("event: build-error\ndata: {"),
            "{message}"
        );
        // One data line: the newlines in the text are JSON-escaped.
        assert_eq!(message.trim_end().lines().count(), 2, "{message}");
        let data: serde_json::Value = serde_json::from_str(
            message
                .lines()
                .nth(1)
                .unwrap()
                .strip_prefix("data: ")
                .unwrap(),
        )
        .unwrap();
        assert_eq!(data["diagnostics"], "error: bad\n  <b>line</b>\n");
    }
}
