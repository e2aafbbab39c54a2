//! A small static file server for dist/ on 127.0.0.1. `cargo xtask serve` sends only what any
//! static host sends, so authors see what their readers will get; the tests also serve dist/
//! under a strict Content-Security-Policy, and the benchmarks with cross-origin isolation
//! (fine-grained timers for their figures).

use crate::build;
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

pub fn run() -> Result<()> {
    let dist = build::dist()?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}"))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port} (set PORT to another port)"))?;
    println!("Feature Space is served at http://127.0.0.1:{port}/  (the embedding example: http://127.0.0.1:{port}/examples/blog.html; Ctrl-C stops it)");
    serve(listener, dist, Headers::Plain);
    Ok(())
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
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir, headers);
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

fn handle(stream: TcpStream, dir: &Path, headers: Headers) -> std::io::Result<()> {
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
        let file = resolve(dir, path);
        let (status, body, kind) = match (method, file.as_deref().map(std::fs::read)) {
            ("GET" | "HEAD", Some(Ok(body))) => ("200 OK", body, mime(file.as_deref().unwrap())),
            ("GET" | "HEAD", _) => ("404 Not Found", b"not found\n".to_vec(), "text/plain"),
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
