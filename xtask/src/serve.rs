//! A small static file server for dist/ on 127.0.0.1. `cargo xtask serve` sends only what any
//! static host sends, so authors see what their readers will get; the tests also serve dist/
//! under a strict Content-Security-Policy, and the benchmarks with cross-origin isolation
//! (fine-grained timers for their figures).

use crate::build;
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

/// Builds what a current browser loads, serves it, and builds the rest meanwhile (the module for
/// engines without wasm SIMD and the single-file builds, `build::LATER`): a request for one of
/// those waits until it is built.
pub fn run() -> Result<()> {
    let (dist, rest) = build::page()?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}"))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port} (set PORT to another port)"))?;
    let url = format!("http://127.0.0.1:{port}/");
    println!("Feature Space is served at {url}  (the embedding example: {url}examples/blog.html; Ctrl-C stops it)");
    println!("xtask: building the rest while it is served: the core without SIMD (for older engines), the embed script and the offline file");
    let later = Arc::new(Later::new(&build::LATER));
    let building = later.clone();
    std::thread::spawn(move || {
        let result = rest.build().map_err(|e| format!("{e:#}"));
        match &result {
            Ok(()) => println!("xtask: everything is built; Feature Space is served at {url}"),
            Err(e) => eprintln!(
                "xtask: {e}\nxtask: the page is still served at {url}, but not the core without SIMD or the single-file builds"
            ),
        }
        building.finish(result);
    });
    serve_with(listener, dist, Headers::Plain, Some(later));
    Ok(())
}

/// Files of the site still being built: a request for one waits until the build ends, and gets
/// the build's error if it failed.
pub struct Later {
    files: Vec<String>,
    outcome: Mutex<Option<Result<(), String>>>,
    ended: Condvar,
}

impl Later {
    /// `files`: paths relative to the served folder, as URLs name them.
    pub fn new(files: &[&str]) -> Later {
        Later {
            files: files.iter().map(|f| f.to_string()).collect(),
            outcome: Mutex::new(None),
            ended: Condvar::new(),
        }
    }

    pub fn finish(&self, outcome: Result<(), String>) {
        *self.outcome.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        self.ended.notify_all();
    }

    /// Waits until the file at `url_path` is built, if it is one still being built.
    fn wait(&self, url_path: &str) -> Result<(), String> {
        if !self
            .files
            .iter()
            .any(|f| url_path.trim_start_matches('/') == f)
        {
            return Ok(());
        }
        let mut outcome = self.outcome.lock().unwrap_or_else(|e| e.into_inner());
        while outcome.is_none() {
            outcome = self.ended.wait(outcome).unwrap_or_else(|e| e.into_inner());
        }
        outcome.clone().expect("ended")
    }
}

/// The headers sent besides the content's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headers {
    /// What a plain static host sends.
    Plain,
    /// The strict policy an author's host may send: no inline scripts or styles, no eval, no
    /// blob: workers; wasm allowed.
    Csp,
    /// Cross-origin isolation (COOP/COEP), for the benchmarks' timers.
    Isolated,
}

impl Headers {
    fn lines(self) -> &'static str {
        match self {
            Headers::Plain => "",
            Headers::Csp => concat!(
                "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
                "\r\n"
            ),
            Headers::Isolated => {
                "Cross-Origin-Opener-Policy: same-origin\r\nCross-Origin-Embedder-Policy: require-corp\r\n"
            }
        }
    }
}

/// Serves `dir` on `listener` forever, a thread per connection.
pub fn serve(listener: TcpListener, dir: PathBuf, headers: Headers) {
    serve_with(listener, dir, headers, None);
}

/// `serve`, where a request for a file `later` is still building waits for it.
pub fn serve_with(
    listener: TcpListener,
    dir: PathBuf,
    headers: Headers,
    later: Option<Arc<Later>>,
) {
    for stream in listener.incoming().flatten() {
        let (dir, later) = (dir.clone(), later.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &dir, headers, later.as_deref());
        });
    }
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn handle(
    stream: TcpStream,
    dir: &Path,
    headers: Headers,
    later: Option<&Later>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request)? == 0 {
            return Ok(());
        }
        // Skip the headers; nothing in them changes the answer.
        let mut line = String::new();
        while reader.read_line(&mut line)? > 2 {
            line.clear();
        }
        let mut parts = request.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let built = later.map_or(Ok(()), |l| l.wait(path));
        let file = resolve(dir, path);
        let (status, body, kind) = match (method, built, file.as_deref().map(std::fs::read)) {
            ("GET" | "HEAD", Err(e), _) => (
                "503 Service Unavailable",
                format!("its build failed: {e}\n").into_bytes(),
                "text/plain",
            ),
            ("GET" | "HEAD", _, Some(Ok(body))) => ("200 OK", body, mime(file.as_deref().unwrap())),
            ("GET" | "HEAD", ..) => ("404 Not Found", b"not found\n".to_vec(), "text/plain"),
            _ => ("405 Method Not Allowed", Vec::new(), "text/plain"),
        };
        let mut out = &stream;
        write!(
            out,
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
             Cache-Control: no-cache\r\n{}X-Content-Type-Options: nosniff\r\n\r\n",
            body.len(),
            headers.lines()
        )?;
        if method != "HEAD" {
            out.write_all(&body)?;
        }
    }
}

/// Maps a URL path to a file under `dir`, refusing anything that climbs out of it.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = Path::new(url_path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = dir.join(rel);
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::time::{Duration, Instant};

    /// A GET of `path` on `port`: the status line and the body.
    fn get(port: u16, path: &str) -> (String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        stream.shutdown(std::net::Shutdown::Write).unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        (head.lines().next().unwrap().to_string(), body.to_string())
    }

    fn site(files: &[&str], outcome: Result<(), String>, after: Duration) -> u16 {
        let dir =
            std::env::temp_dir().join(format!("fs-serve-{}-{}", std::process::id(), files.len()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("index.html"), "page").unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let later = Arc::new(Later::new(files));
        let building = later.clone();
        let (built, dir2) = (outcome.is_ok(), dir.clone());
        std::thread::spawn(move || {
            std::thread::sleep(after);
            if built {
                std::fs::write(dir2.join("pkg/late.wasm"), "late").unwrap();
            }
            building.finish(outcome);
        });
        std::thread::spawn(move || serve_with(listener, dir, Headers::Plain, Some(later)));
        port
    }

    #[test]
    fn a_file_still_building_is_served_once_built_and_the_rest_at_once() {
        let port = site(&["pkg/late.wasm"], Ok(()), Duration::from_millis(600));
        let start = Instant::now();
        assert_eq!(
            get(port, "/index.html"),
            ("HTTP/1.1 200 OK".into(), "page".into())
        );
        assert!(
            start.elapsed() < Duration::from_millis(500),
            "the page did not wait"
        );
        assert_eq!(
            get(port, "/pkg/late.wasm?x=1"),
            ("HTTP/1.1 200 OK".into(), "late".into())
        );
        assert!(
            start.elapsed() >= Duration::from_millis(600),
            "the late file waited for its build"
        );
        assert_eq!(get(port, "/pkg/late.wasm").0, "HTTP/1.1 200 OK");
    }

    #[test]
    fn a_failed_build_answers_its_files_with_the_error() {
        let port = site(
            &["pkg/late.wasm", "b"],
            Err("cargo failed".into()),
            Duration::from_millis(50),
        );
        let (status, body) = get(port, "/pkg/late.wasm");
        assert_eq!(status, "HTTP/1.1 503 Service Unavailable");
        assert!(body.contains("cargo failed"), "{body}");
        assert_eq!(get(port, "/index.html").0, "HTTP/1.1 200 OK");
        assert_eq!(get(port, "/missing").0, "HTTP/1.1 404 Not Found");
    }
}
