//! Building the static site: the crate to wasm (release) twice, with SIMD and without, bindings
//! with the pinned wasm-bindgen, wasm-opt from npm's binaryen, and the page's files, into dist/.

use crate::{root, run, tools};
use anyhow::{bail, Context, Result};
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

/// One wasm module of the page: the SIMD build, or the fallback for engines without SIMD.
struct Module {
    /// The file name in dist/pkg/.
    file: &'static str,
    /// Where cargo builds it: the fallback has its own target dir, so that its flags never
    /// invalidate the main build.
    target_dir: &'static str,
    /// RUSTFLAGS for it (None: the `+simd128` of .cargo/config.toml).
    rustflags: Option<&'static str>,
    wasm_opt_features: &'static [&'static str],
}

const MODULES: [Module; 2] = [
    Module {
        file: "featurespace_bg.wasm",
        target_dir: "target",
        rustflags: None,
        wasm_opt_features: &["--enable-simd"],
    },
    Module {
        file: "featurespace_fallback_bg.wasm",
        target_dir: "target/wasm-fallback",
        rustflags: Some("-Ctarget-feature=-simd128"),
        wasm_opt_features: &[],
    },
];

/// Builds dist/ and returns its path. Each stage is skipped when its output is up to date.
pub fn dist() -> Result<PathBuf> {
    tools::wasm_target()?;
    let dist = root().join("dist");
    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg)?;
    let mut glue: Option<(PathBuf, String)> = None;
    for module in &MODULES {
        let mut cargo = Command::new("cargo");
        cargo
            .args(["build", "--release", "--target", TARGET])
            .args(["--package", "featurespace", "--lib"])
            .env("CARGO_TARGET_DIR", root().join(module.target_dir));
        if let Some(flags) = module.rustflags {
            cargo.env("RUSTFLAGS", flags);
        }
        run(&mut cargo)?;
        let target = root().join(module.target_dir);
        let wasm = target.join(TARGET).join("release/featurespace.wasm");
        let bindings = target.join("bindgen");
        let bound = bindings.join("featurespace_bg.wasm");
        if !fresh(&wasm, &bound) {
            println!("xtask: generating JS bindings for {}", module.file);
            wasm_bindgen_cli_support::Bindgen::new()
                .input_path(&wasm)
                .web(true)?
                .typescript(false)
                .generate(&bindings)?;
        }
        // Both modules export the same functions, so one JS glue file serves either.
        let js = bindings.join("featurespace.js");
        let text = fs::read_to_string(&js)?;
        match &glue {
            None => glue = Some((js, text)),
            Some((first, first_text)) => {
                if *first_text != text {
                    bail!(
                        "the JS bindings of the two wasm modules differ ({} and {})",
                        first.display(),
                        js.display()
                    );
                }
            }
        }
        let optimised = pkg.join(module.file);
        if !fresh(&bound, &optimised) {
            println!("xtask: wasm-opt -O3 {}", module.file);
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
                .args(module.wasm_opt_features)
                .arg(&bound)
                .arg("-o")
                .arg(&optimised))?;
        }
    }
    let (js, _) = glue.expect("at least one module");
    fs::copy(js, pkg.join("featurespace.js"))?;
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
