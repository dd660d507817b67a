//! A tiny static file server for browser tests: serves one directory on
//! 127.0.0.1 at an ephemeral port, one thread per connection, `GET`/`HEAD`
//! only, `Connection: close`. It records every request with its status, so a
//! test can assert that a page asked for nothing that is missing. Nothing
//! outside the served directory is ever read.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    pub path: String,
    pub status: u16,
}

/// Serves `root` until dropped.
pub struct StaticServer {
    port: u16,
    log: Arc<Mutex<Vec<Served>>>,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Starts serving `root` on `127.0.0.1:<ephemeral port>`.
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the test server");
        let port = listener.local_addr().expect("server address").port();
        let root = root.canonicalize().expect("served directory exists");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stopping = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let log = Arc::clone(&log);
            let stopping = Arc::clone(&stopping);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let root = root.clone();
                    let log = Arc::clone(&log);
                    std::thread::spawn(move || {
                        if let Some(served) = answer(stream, &root) {
                            log.lock().unwrap_or_else(|e| e.into_inner()).push(served);
                        }
                    });
                }
            })
        };
        StaticServer {
            port,
            log,
            stopping,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:<port>` — no trailing slash.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The absolute URL of a site path such as `/en/print/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.origin(), path.trim_start_matches('/'))
    }

    /// Every request answered so far, in order.
    pub fn served(&self) -> Vec<Served> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Requests answered with anything but 200.
    pub fn failed(&self) -> Vec<Served> {
        self.served()
            .into_iter()
            .filter(|s| s.status != 200)
            .collect()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn answer(mut stream: TcpStream, root: &Path) -> Option<Served> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    // Drain the headers; browsers send no body with GET.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();

    let (status, content_type, body) = if method != "GET" && method != "HEAD" {
        (405, "text/plain", b"method not allowed".to_vec())
    } else {
        match resolve(root, &path) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => (200, content_type(&file), bytes),
                Err(_) => (404, "text/plain", b"not found".to_vec()),
            },
            None => {
                let not_found =
                    std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
                (404, "text/html; charset=utf-8", not_found)
            }
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client finish reading before the socket goes away.
    let _ = reader.read(&mut [0u8; 64]);
    Some(Served { path, status })
}

/// The file a URL path names under `root`: `dir/` means `dir/index.html`.
/// `None` for anything missing or trying to leave `root`.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let file = file.canonicalize().ok()?;
    (file.starts_with(root) && file.is_file()).then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
