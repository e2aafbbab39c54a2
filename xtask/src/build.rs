//! Building the static site: the crate to wasm (release), bindings with the pinned
//! wasm-bindgen, wasm-opt from npm's binaryen, and the page's files, all into dist/.

use crate::{root, run, tools};
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const TARGET: &str = "wasm32-unknown-unknown";

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// True when `output` exists and is newer than `input`: the step can be skipped.
fn fresh(input: &Path, output: &Path) -> bool {
    matches!((modified(input), modified(output)), (Some(i), Some(o)) if o >= i)
}

/// Builds dist/ and returns its path. Each stage is skipped when its output is up to date.
pub fn dist() -> Result<PathBuf> {
    tools::wasm_target()?;
    run(Command::new("cargo").args([
        "build",
        "--release",
        "--target",
        TARGET,
        "--package",
        "featurespace",
        "--lib",
    ]))?;
    let target = root().join("target");
    let wasm = target.join(TARGET).join("release/featurespace.wasm");
    let bindings = target.join("bindgen");
    let bound = bindings.join("featurespace_bg.wasm");
    if !fresh(&wasm, &bound) {
        println!("xtask: generating JS bindings");
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .web(true)?
            .typescript(false)
            .generate(&bindings)?;
    }
    let dist = root().join("dist");
    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg)?;
    let optimised = pkg.join("featurespace_bg.wasm");
    if !fresh(&bound, &optimised) {
        println!("xtask: wasm-opt -Oz");
        run(Command::new(tools::wasm_opt()?)
            .args([
                "-O3",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(&bound)
            .arg("-o")
            .arg(&optimised))?;
    }
    fs::copy(
        bindings.join("featurespace.js"),
        pkg.join("featurespace.js"),
    )?;
    fs::copy(root().join("index.html"), dist.join("index.html"))?;
    copy_dir(&root().join("www"), &dist.join("www"))?;
    Ok(dist)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}
