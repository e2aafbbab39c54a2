//! Installing what builds and tests need when it is missing: the wasm target, the npm tools
//! (binaryen's wasm-opt, playwright-core) into the project's node_modules, and Chromium.

use crate::{root, run};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

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
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
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
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
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
