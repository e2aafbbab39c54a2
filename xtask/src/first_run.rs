//! `cargo xtask first-run [--test]`: what a newcomer meets. Clones the committed HEAD into
//! target/first-run/ (no target/, no node_modules; cargo's downloaded crates and npm's cache are
//! shared, as on a machine that fetched them once), runs `cargo xtask serve` there and times it
//! until the page is served and until the rest it builds meanwhile is built, with the longest
//! stretch without any output before the page is served; with `--test`, times a
//! cold `cargo xtask test` in the same clone afterwards. The figures go to
//! target/first-run.json, which `cargo xtask bench` puts into BENCHMARKS.md.

use crate::root;
use anyhow::{bail, Context, Result};
use serde_json::json;
use std::io::Read;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Where the figures are kept for `bench`.
pub fn figures_file() -> std::path::PathBuf {
    root().join("target/first-run.json")
}

/// What one timed command printed: when it was ready (or ended), its longest silence until
/// then, and when it printed the line it was stopped at (if any).
struct Timing {
    seconds: f64,
    longest_silence: f64,
    silent_after: String,
    stopped_s: f64,
}

pub fn run(args: &[String]) -> Result<()> {
    let with_test = args.iter().any(|a| a == "--test");
    let commit = git(&["rev-parse", "--short", "HEAD"])?;
    let dir = root().join("target/first-run");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).context("removing the last first-run clone")?;
    }
    std::fs::create_dir_all(&dir)?;
    let clone = dir.join("clone");
    println!("xtask: cloning HEAD ({commit}) into {}", clone.display());
    let status = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(root())
        .arg(&clone)
        .status()?;
    if !status.success() {
        bail!("git clone failed");
    }
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    println!("xtask: `cargo xtask serve` in the clone (port {port}), timed until it serves");
    let serve = timed(
        Command::new("cargo")
            .args(["xtask", "serve"])
            .env("PORT", port.to_string()),
        &clone,
        Some(("is served at", "everything is built")),
    )?;
    report("serve", &serve);
    println!(
        "xtask: first-run serve: everything built after {:.0} s",
        serve.stopped_s
    );
    let mut figures = json!({
        "commit": commit,
        "serve_ready_s": serve.seconds,
        "serve_all_built_s": serve.stopped_s,
        "serve_longest_silence_s": serve.longest_silence,
        "serve_silent_after": serve.silent_after,
    });
    if with_test {
        println!("xtask: a cold `cargo xtask test` in the clone, timed");
        let test = timed(Command::new("cargo").args(["xtask", "test"]), &clone, None)?;
        report("test", &test);
        figures["test_s"] = json!(test.seconds);
        figures["test_longest_silence_s"] = json!(test.longest_silence);
    }
    std::fs::write(figures_file(), serde_json::to_string_pretty(&figures)?)?;
    println!("xtask: wrote {}", figures_file().display());
    Ok(())
}

fn report(what: &str, t: &Timing) {
    println!(
        "xtask: first-run {what}: {:.0} s; longest stretch without output {:.1} s (after: {})",
        t.seconds, t.longest_silence, t.silent_after
    );
}

fn git(args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(root())
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs `cmd` in `dir` in its own process group, echoing its output, until it ends; or, with
/// `marks` (ready, stop), times it until it prints `ready` and stops it once it prints `stop`.
/// Cargo's own target dir is the clone's, whatever the caller has.
fn timed(cmd: &mut Command, dir: &std::path::Path, marks: Option<(&str, &str)>) -> Result<Timing> {
    let start = Instant::now();
    let mut child = cmd
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        // What a terminal shows: cargo's progress bar, which a pipe would not get.
        .env("CARGO_TERM_PROGRESS_WHEN", "always")
        .env("CARGO_TERM_PROGRESS_WIDTH", "100")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()?;
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [
        Box::new(child.stdout.take().expect("piped")) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().expect("piped")),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            // Cargo's bar (and the heartbeat in it) rewrites one line with \r and no \n: each
            // rewrite is output as it arrives, so the stream is split on both.
            let mut stream = stream;
            let (mut buffer, mut part) = ([0u8; 4096], Vec::new());
            while let Ok(n @ 1..) = stream.read(&mut buffer) {
                for &b in &buffer[..n] {
                    if b != b'\r' && b != b'\n' {
                        part.push(b);
                        continue;
                    }
                    let text = String::from_utf8_lossy(&std::mem::take(&mut part)).into_owned();
                    if !text.trim().is_empty() && tx.send(text).is_err() {
                        return;
                    }
                }
            }
        });
    }
    drop(tx);
    let (mut last, mut longest, mut silent_after) = (start, 0.0f64, String::new());
    let mut previous = String::from("(start)");
    let mut ready_s = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(line) => {
                let gap = last.elapsed().as_secs_f64();
                if gap > longest && ready_s.is_none() {
                    longest = gap;
                    silent_after = previous.clone();
                }
                last = Instant::now();
                let now = start.elapsed().as_secs_f64();
                println!("  [{now:6.1} s] {line}");
                if let Some((ready, stop_at)) = marks {
                    if ready_s.is_none() && line.contains(ready) {
                        ready_s = Some(now);
                    }
                    if line.contains(stop_at) {
                        stop(&mut child);
                        let seconds =
                            ready_s.context("the command was done before it was ready")?;
                        return Ok(Timing {
                            seconds,
                            longest_silence: longest,
                            silent_after,
                            stopped_s: now,
                        });
                    }
                }
                previous = line;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if child.try_wait()?.is_some() && marks.is_some() {
                    bail!("the command ended before it was done");
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = child.wait()?;
                if marks.is_some() || !status.success() {
                    bail!("the command failed ({status})");
                }
                break;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    Ok(Timing {
        seconds,
        longest_silence: longest,
        silent_after,
        stopped_s: seconds,
    })
}

fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.wait();
}
