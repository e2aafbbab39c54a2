//! Installing what builds and tests need when it is missing: the wasm target, the npm tools
//! (binaryen's wasm-opt, playwright-core) into the project's node_modules, and Chromium.

use crate::{root, run, run_showing};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use xtask::heartbeat;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn succeeds(cmd: &mut Command) -> bool {
    cmd.output().map(|o| o.status.success()).unwrap_or(false)
}

pub fn wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context(
            "rustup is needed to add the wasm32 target: install Rust from https://rustup.rs",
        )?;
    if !String::from_utf8_lossy(&installed.stdout).contains("wasm32-unknown-unknown") {
        println!("xtask: adding the wasm32-unknown-unknown target");
        run_showing(
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
            "adding the wasm32 target",
        )?;
    }
    Ok(())
}

pub fn rust_components() -> Result<()> {
    let ok = |tool: &str| succeeds(Command::new("cargo").args([tool, "--version"]));
    if !ok("fmt") || !ok("clippy") {
        run(Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))?;
    }
    Ok(())
}

/// The project's npm tools, from package.json / package-lock.json, into ./node_modules.
pub fn npm_tools() -> Result<PathBuf> {
    let modules = root().join("node_modules");
    let wanted = [
        "binaryen/package.json",
        "esbuild/package.json",
        "playwright-core/package.json",
    ];
    if !wanted.iter().all(|p| modules.join(p).exists()) {
        if !succeeds(Command::new("npm").arg("--version")) {
            bail!("Node.js and npm are needed (for wasm-opt and the browser tests): install them, e.g. `apt-get install nodejs npm`");
        }
        println!("xtask: installing the npm tools (binaryen's wasm-opt, esbuild, playwright-core) into node_modules/ (once)");
        run_showing(
            Command::new("npm").args(["ci", "--no-audit", "--no-fund"]),
            "installing the npm tools",
        )?;
    }
    Ok(modules)
}

pub fn wasm_opt() -> Result<PathBuf> {
    Ok(npm_tools()?.join(".bin/wasm-opt"))
}

/// Debian's Chromium and ChromeDriver, through apt where it is available.
pub fn chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if !succeeds(Command::new("apt-get").arg("--version")) {
        bail!(
            "the browser tests need Chromium and ChromeDriver at {CHROMIUM} and {CHROMEDRIVER}, and this \
             machine has no apt-get to install them. Install them with your package manager, e.g. \
             `sudo dnf install chromium chromedriver` (Fedora), `sudo pacman -S chromium` (Arch; its \
             package includes chromedriver), then link them to those paths if they land elsewhere, \
             and run `cargo xtask test` again"
        );
    }
    println!(
        "xtask: the browser tests need Chromium and ChromeDriver, which are missing: installing \
         Debian's chromium and chromium-driver with apt-get (a few minutes, once)"
    );
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if root_user {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "chromium", "chromium-driver"])?;
    Ok(())
}

/// The scikit-learn version the reference results were computed with (../shared/reference).
pub const SKLEARN: &str = "1.9.1";

/// `target/venv`, a Python virtualenv with scikit-learn for the tests that run an exported
/// Python script; made once and reused. Err: what is missing and the command that installs it.
pub fn python_venv() -> std::result::Result<PathBuf, String> {
    let venv = root().join("target/venv");
    let python = venv.join("bin/python");
    let check = format!("import sklearn, sys; sys.exit(sklearn.__version__ != '{SKLEARN}')");
    if python.exists() && succeeds(Command::new(&python).args(["-c", &check])) {
        return Ok(python);
    }
    let install = "install Python 3 with venv, e.g. `sudo apt-get install python3 python3-venv` \
                   (Debian/Ubuntu) or `sudo dnf install python3` (Fedora), then run the tests again";
    if !succeeds(Command::new("python3").arg("--version")) {
        return Err(format!(
            "the Python export test needs python3, which is missing: {install}"
        ));
    }
    println!(
        "xtask: the Python export test runs an exported script with scikit-learn: making a \
         virtualenv in target/venv with python3 -m venv and installing scikit-learn=={SKLEARN} \
         (the version of the reference results) with pip (a minute, once)"
    );
    // Both steps with the heartbeat: pip is quiet for many seconds on a cold machine.
    let made = heartbeat::run(
        Command::new("python3").args(["-m", "venv"]).arg(&venv),
        "making the virtualenv",
    )
    .is_ok_and(|s| s.success());
    if !made || !python.exists() {
        return Err(format!(
            "`python3 -m venv {}` failed (Python's venv module or ensurepip is missing): {install}",
            venv.display()
        ));
    }
    let package = format!("scikit-learn=={SKLEARN}");
    let pip = heartbeat::run(
        Command::new(&python).args(["-m", "pip", "install", "--quiet", &package]),
        "installing scikit-learn with pip",
    );
    if !matches!(pip, Ok(s) if s.success()) {
        return Err(format!(
            "`{} -m pip install {package}` failed (is the network or a package index reachable?); \
             run it by hand, then the tests again",
            python.display()
        ));
    }
    Ok(python)
}
