//! Project tasks: `cargo xtask serve | build | test`, run by the launcher (`src/main.rs`).
//! Everything a fresh machine needs is installed from here, so the README's two commands are
//! all a user types.

mod bench;
mod build;
mod bundles;
mod first_run;
mod page_bundle;
mod serve;
mod test;
mod tools;

use anyhow::{bail, Result};
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask <command>

  serve   build the playground into dist/ and serve it on 127.0.0.1:$PORT (default 8000)
  build   build the playground into dist/ only
  test    fmt, clippy, native tests, wasm tests in Chromium and end-to-end browser tests
          (`test e2e [FILE…]`: only the browser tests, of tests/ or the files named)
  bench   native and Chromium benchmarks: one table, also written to BENCHMARKS.md
  first-run [--test]
          time a newcomer's first `serve` (and with --test a cold `test`) in a fresh clone
          of HEAD; `bench` puts the figures into BENCHMARKS.md";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(),
        Some("build") => build::dist().map(|_| ()),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(),
        Some("first-run") => first_run::run(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("xtask: {e:#}");
        std::process::exit(1);
    }
}

/// The workspace root (the folder above xtask/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Runs a command in the workspace root, failing with its name if it fails.
pub fn run(cmd: &mut std::process::Command) -> Result<()> {
    let status = cmd.current_dir(root()).status()?;
    if !status.success() {
        bail!("{:?} failed ({status})", cmd.get_program());
    }
    Ok(())
}

/// `run` for work that may be quiet for long (compiling, wasm-opt, installing): its output
/// passes through with a heartbeat whenever it is quiet; `doing` names it there.
pub fn run_showing(cmd: &mut std::process::Command, doing: &str) -> Result<()> {
    let status = xtask::heartbeat::run(cmd.current_dir(root()), doing)?;
    if !status.success() {
        bail!("{:?} failed ({status})", cmd.get_program());
    }
    Ok(())
}
