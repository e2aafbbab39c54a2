//! `cargo xtask test`: every check the project has, counted into one closing line.

use crate::{build, root, serve, tools};
use anyhow::Result;
use std::net::TcpListener;
use std::process::Command;
use xtask::heartbeat;

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    failures: Vec<String>,
}

impl Tally {
    fn add(&mut self, name: &str, passed: usize, failed: usize) {
        self.passed += passed;
        self.failed += failed;
        if failed > 0 {
            self.failures.push(name.to_string());
        }
    }
}

/// Runs a command, echoing its output as it comes (with a heartbeat while it is quiet: a browser
/// test file can run for a minute between lines), and returns (success, stdout and stderr text).
/// `doing` names the work in the heartbeat ("running the browser tests").
fn run_capturing(cmd: &mut Command, doing: &str) -> (bool, String) {
    println!("\n$ {}", describe(cmd));
    match heartbeat::run_capturing(cmd.current_dir(root()), doing) {
        Ok((status, text)) => (status.success(), text),
        Err(e) => (false, format!("could not start: {e}")),
    }
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// A check that passes or fails as a whole (fmt, clippy).
fn check(tally: &mut Tally, name: &str, cmd: &mut Command) {
    let (ok, _) = run_capturing(cmd, &format!("running {name}"));
    tally.add(name, usize::from(ok), usize::from(!ok));
}

/// Sums libtest's "test result: … N passed; M failed" lines; a failed run that printed no
/// result (a build error) counts as one failure.
fn count_libtest(tally: &mut Tally, name: &str, ok: bool, text: &str) {
    let (mut passed, mut failed) = (0, 0);
    for line in text.lines().filter(|l| l.contains("test result:")) {
        passed += number_before(line, " passed");
        failed += number_before(line, " failed");
    }
    if !ok && failed == 0 {
        failed = 1;
    }
    tally.add(name, passed, failed);
}

fn number_before(line: &str, word: &str) -> usize {
    line.find(word)
        .and_then(|end| line[..end].rsplit([' ', ';', '.']).next()?.parse().ok())
        .unwrap_or(0)
}

/// node's TAP reporter closes with "# pass N" and "# fail N".
fn count_tap(tally: &mut Tally, name: &str, ok: bool, text: &str) {
    let field = |key: &str| {
        text.lines()
            .rev()
            .filter_map(|l| l.strip_prefix(key))
            .find_map(|n| n.trim().parse::<usize>().ok())
            .unwrap_or(0)
    };
    let (passed, mut failed) = (field("# pass "), field("# fail "));
    if !ok && failed == 0 {
        failed = 1;
    }
    tally.add(name, passed, failed);
}

fn cargo(args: &[&str]) -> Command {
    let mut c = Command::new("cargo");
    c.args(args);
    c
}

/// `args`: empty for every check; `e2e [FILE…]` for the browser tests alone (all of tests/, or
/// the files named), for working on the front end.
pub fn run(args: &[String]) -> Result<()> {
    tools::rust_components()?;
    tools::wasm_target()?;
    tools::npm_tools()?;
    tools::chromium()?;
    let tmp = root().join("target/tmp");
    std::fs::create_dir_all(&tmp)?;
    let mut tally = Tally::default();
    let browser_only = args.first().map(String::as_str) == Some("e2e");
    if !browser_only {
        rust_checks(&mut tally, &tmp)?;
    }
    browser_tests(&mut tally, &tmp, args.get(1..).unwrap_or_default())?;

    if !tally.failures.is_empty() {
        println!("\nfailed: {}", tally.failures.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

fn rust_checks(tally: &mut Tally, tmp: &std::path::Path) -> Result<()> {
    let tally = &mut *tally;

    check(
        tally,
        "cargo fmt --check",
        &mut cargo(&["fmt", "--all", "--check"]),
    );
    check(
        tally,
        "cargo clippy",
        &mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    );
    check(
        tally,
        "cargo clippy (wasm32)",
        &mut cargo(&[
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "featurespace",
            "--lib",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]),
    );

    let (ok, text) = run_capturing(
        &mut cargo(&["test", "--workspace"]),
        "building and running the native tests",
    );
    count_libtest(tally, "native tests", ok, &text);

    // wasm-bindgen-test in headless Chromium; the runner is the pinned wasm-bindgen test
    // runner, a binary of its own that only the tests build.
    println!(
        "\nxtask: building the wasm test runner (the pinned wasm-bindgen-cli, only for tests)"
    );
    crate::run_showing(
        Command::new("cargo").args([
            "build",
            "-p",
            "xtask",
            "--features",
            "test-runner",
            "--bin",
            "wasm-test-runner",
        ]),
        "building the wasm test runner",
    )?;
    let runner = root()
        .join("target/debug/wasm-test-runner")
        .display()
        .to_string();
    let (ok, text) = run_capturing(
        cargo(&[
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "featurespace",
            "--test",
            "web",
        ])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("TMPDIR", tmp),
        "building and running the wasm tests",
    );
    count_libtest(tally, "wasm tests", ok, &text);
    Ok(())
}

fn browser_tests(tally: &mut Tally, tmp: &std::path::Path, only: &[String]) -> Result<()> {
    // End-to-end: the built site, served here, driven by Playwright in Chromium.
    match build::dist() {
        Ok(dist) => {
            // The site as a plain static host serves it, the same under a strict CSP, and a
            // second origin (another port) for pages that embed it in an iframe.
            let start = |headers| -> Result<String> {
                let listener = TcpListener::bind("127.0.0.1:0")?;
                let url = format!("http://{}/", listener.local_addr()?);
                let dir = dist.clone();
                std::thread::spawn(move || serve::serve(listener, dir, headers));
                Ok(url)
            };
            let url = start(serve::Headers::Plain)?;
            let csp_url = start(serve::Headers::Csp)?;
            let other_url = start(serve::Headers::Plain)?;
            let mut files: Vec<_> = std::fs::read_dir(root().join("tests"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
                .filter(|p| only.is_empty() || only.iter().any(|f| p.ends_with(f)))
                .collect();
            files.sort();
            let mut node = Command::new("node");
            // Tests that run an exported Python script get the virtualenv's python, or the
            // reason there is none (they then fail with it).
            let wants_python = files.iter().any(|f| {
                std::fs::read_to_string(f).is_ok_and(|t| t.contains("FEATURESPACE_PYTHON"))
            });
            if wants_python {
                match tools::python_venv() {
                    Ok(python) => node.env("FEATURESPACE_PYTHON", python),
                    Err(reason) => {
                        eprintln!("xtask: {reason}");
                        node.env("FEATURESPACE_PYTHON_MISSING", reason)
                    }
                };
            }
            let (ok, text) = run_capturing(
                node.args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
                    .args(&files)
                    .env("FEATURESPACE_URL", &url)
                    .env("FEATURESPACE_CSP_URL", &csp_url)
                    .env("FEATURESPACE_OTHER_URL", &other_url)
                    .env("FEATURESPACE_DIST", &dist)
                    .env("FEATURESPACE_BIN", root().join("target/debug/featurespace"))
                    .env("CHROMIUM", tools::CHROMIUM)
                    .env("TMPDIR", tmp),
                "running the browser tests",
            );
            count_tap(tally, "browser tests", ok, &text);
        }
        Err(e) => {
            eprintln!("xtask: building dist/ failed: {e:#}");
            tally.add("build dist/", 0, 1);
        }
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_libtest_and_tap() {
        let mut t = Tally::default();
        count_libtest(
            &mut t,
            "x",
            false,
            "test result: ok. 18 passed; 0 failed; 0 ignored\ntest result: FAILED. 3 passed; 2 failed;",
        );
        assert_eq!((t.passed, t.failed), (21, 2));
        count_tap(&mut t, "y", true, "# tests 4\n# pass 4\n# fail 0\n");
        assert_eq!((t.passed, t.failed), (25, 2));
        count_tap(&mut t, "z", false, "crashed");
        assert_eq!((t.passed, t.failed), (25, 3));
    }
}
