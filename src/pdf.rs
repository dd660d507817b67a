//! `handbook pdf`: the print booklets as PDF files, through a locally
//! installed Chromium.
//!
//! Input: a project. The site is rendered in memory (no `public/` needed or
//! touched) and served from memory on 127.0.0.1 at an ephemeral port, only
//! for as long as Chromium prints; each locale's `/<locale>/print/` is
//! printed with Chromium's own `--print-to-pdf`, exactly what a reader's
//! "Print → Save as PDF" gives. Output: `<out>/booklet-<locale>.pdf`.
//! Invariants: nothing but those files is written or removed; each is
//! written beside its final name and renamed into place only when complete;
//! Chromium may reach no host but 127.0.0.1.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::Report;
use crate::{BuildOptions, Project};

/// How long one booklet may take to print before Chromium is stopped.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// What `handbook pdf` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Where the PDFs go (default `pdf/` in the project).
    pub out: Option<PathBuf>,
    /// The Chromium binary; default `$HANDBOOK_CHROMIUM`, else the first of
    /// `chromium`, `chromium-browser`, `google-chrome` on `PATH`.
    pub chromium: Option<PathBuf>,
    /// Only these locales (default: every configured one).
    pub locales: Vec<String>,
}

/// One PDF written.
#[derive(Debug, Clone)]
pub struct WrittenPdf {
    pub locale: String,
    pub path: PathBuf,
    pub bytes: u64,
}

/// An environment failure: no Chromium, an unwritable directory, a print
/// that failed or hung, an unknown locale.
#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PdfError {}

/// Renders the site and prints each locale's booklet. `Ok((report, None))`
/// when the content has errors (nothing is written then).
pub fn export_booklets(
    project: &Project,
    options: &PdfOptions,
) -> Result<(Report, Option<Vec<WrittenPdf>>), PdfError> {
    let chromium = find_chromium(options.chromium.as_deref())?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| project.root.join("pdf"));
    let out = crate::output::check_output_dir(&out, &project.root, &project.content_dir())
        .map_err(|e| PdfError(e.to_string()))?;
    let (report, rendered) = crate::render_site(project, &BuildOptions::default());
    let Some(rendered) = rendered else {
        return Ok((report, None));
    };
    let configured: Vec<String> = rendered
        .base
        .site
        .locales
        .iter()
        .map(|l| l.code.to_string())
        .collect();
    for wanted in &options.locales {
        if !configured.contains(wanted) {
            return Err(PdfError(format!(
                "unknown locale `{wanted}`; the site has {}",
                configured.join(", ")
            )));
        }
    }
    let locales: Vec<String> = configured
        .into_iter()
        .filter(|l| options.locales.is_empty() || options.locales.contains(l))
        .collect();

    std::fs::create_dir_all(&out)
        .map_err(|e| PdfError(format!("cannot create {}: {e}", out.display())))?;
    let base_url = rendered.base.site.base_url.clone();
    let files: BTreeMap<String, Vec<u8>> = rendered
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    let server = MemoryServer::start(files, &base_url)?;
    let mut written = Vec::new();
    for locale in locales {
        let url = format!("{}{base_url}{locale}/print/", server.origin());
        let path = out.join(format!("booklet-{locale}.pdf"));
        print_to_pdf(&chromium, &url, &path)?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        written.push(WrittenPdf {
            locale,
            path,
            bytes,
        });
    }
    Ok((report, Some(written)))
}

/// The Chromium to print with, or a message saying how to get one.
fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, PdfError> {
    if let Some(path) = explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("HANDBOOK_CHROMIUM").map(PathBuf::from))
    {
        return if path.is_file() {
            Ok(path)
        } else {
            Err(PdfError(format!("no Chromium at {}", path.display())))
        };
    }
    let search = std::env::var_os("PATH").unwrap_or_default();
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|name| std::env::split_paths(&search).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            PdfError(
                "no Chromium found: install it (Debian: apt install chromium), or pass --chromium PATH; printing from any browser (Ctrl+P on /<locale>/print/) gives the same booklet".into(),
            )
        })
}

/// Prints `url` to `target` with headless Chromium: written beside the
/// target, then renamed, so a failed print never leaves half a file.
fn print_to_pdf(chromium: &Path, url: &str, target: &Path) -> Result<(), PdfError> {
    let partial = target.with_extension("pdf.partial");
    let _ = std::fs::remove_file(&partial);
    let profile = TempProfile::new()?;
    let mut child = Command::new(chromium)
        .args([
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
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.0.display()))
        .arg(format!("--print-to-pdf={}", partial.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| PdfError(format!("cannot run {}: {e}", chromium.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_file(&partial);
                return Err(PdfError(format!(
                    "Chromium took more than {} s to print {url}; stopped it",
                    PRINT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(PdfError(format!("waiting for Chromium: {e}"))),
        }
    };
    let is_pdf = std::fs::read(&partial)
        .map(|bytes| bytes.starts_with(b"%PDF"))
        .unwrap_or(false);
    if !is_pdf {
        let _ = std::fs::remove_file(&partial);
        return Err(PdfError(format!(
            "Chromium ({status}) wrote no PDF for {url}"
        )));
    }
    std::fs::rename(&partial, target)
        .map_err(|e| PdfError(format!("cannot write {}: {e}", target.display())))
}

/// A fresh Chromium profile, removed when dropped.
struct TempProfile(PathBuf);

impl TempProfile {
    fn new() -> Result<TempProfile, PdfError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("handbook-pdf-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| PdfError(format!("cannot create {}: {e}", dir.display())))?;
        Ok(TempProfile(dir))
    }
}

impl Drop for TempProfile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The rendered site served from memory on 127.0.0.1 until dropped.
struct MemoryServer {
    server: Arc<tiny_http::Server>,
    port: u16,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl MemoryServer {
    fn start(files: BTreeMap<String, Vec<u8>>, base_url: &str) -> Result<MemoryServer, PdfError> {
        let server = tiny_http::Server::http("127.0.0.1:0")
            .map_err(|e| PdfError(format!("cannot serve the site to Chromium: {e}")))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| PdfError("the print server has no port".into()))?;
        let server = Arc::new(server);
        let prefix = base_url.to_string();
        let worker = {
            let server = Arc::clone(&server);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let response = respond(&files, &prefix, request.url());
                    let _ = request.respond(response);
                }
            })
        };
        Ok(MemoryServer {
            server,
            port,
            worker: Some(worker),
        })
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for MemoryServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// The file a request asks for: `dir/` means `dir/index.html`; anything
/// outside the base URL or missing is a 404.
fn respond(
    files: &BTreeMap<String, Vec<u8>>,
    base_url: &str,
    url: &str,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let found = path.strip_prefix(base_url).and_then(|relative| {
        let relative = if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_string()
        };
        files.get(&relative).map(|bytes| (relative, bytes))
    });
    match found {
        Some((name, bytes)) => {
            let content_type = match name.rsplit('.').next() {
                Some("html") => "text/html; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("json") => "application/json",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            let mut response = tiny_http::Response::from_data(bytes.clone());
            if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", content_type) {
                response.add_header(header);
            }
            response
        }
        None => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> BTreeMap<String, Vec<u8>> {
        [
            ("en/print/index.html", "<p>booklet</p>"),
            ("static/print.css", "body{}"),
        ]
        .into_iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect()
    }

    #[test]
    fn serves_index_pages_and_static_files_under_the_base_url() {
        let files = site();
        assert_eq!(respond(&files, "/", "/en/print/").status_code().0, 200);
        assert_eq!(
            respond(&files, "/", "/static/print.css?v=1")
                .status_code()
                .0,
            200
        );
        assert_eq!(
            respond(&files, "/wiki/", "/wiki/en/print/").status_code().0,
            200
        );
        assert_eq!(respond(&files, "/wiki/", "/en/print/").status_code().0, 404);
        assert_eq!(respond(&files, "/", "/../etc/passwd").status_code().0, 404);
        assert_eq!(respond(&files, "/", "/en/missing/").status_code().0, 404);
    }

    #[test]
    fn a_missing_explicit_chromium_is_a_clear_error() {
        let error = find_chromium(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert_eq!(error.0, "no Chromium at /nonexistent/chromium");
    }
}
