//! Building the static site: the crate to wasm (release) twice, with SIMD and without, bindings
//! with the pinned wasm-bindgen, wasm-opt from npm's binaryen, and the page's files, into dist/:
//! first what a browser with wasm SIMD loads (`page`), then the rest (`Rest`).

use crate::{bundles, page_bundle, root, run_showing, tools};
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;
use xtask::heartbeat;

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

impl Module {
    /// Where cargo builds it, with the crate's `feature` if any.
    fn target(&self, feature: Option<&str>) -> PathBuf {
        match feature {
            None => root().join(self.target_dir),
            Some(feature) => root().join(format!("target/wasm-{feature}/{}", self.file)),
        }
    }

    /// The module as wasm-bindgen leaves it: every export, before wasm-opt.
    fn bound(&self, feature: Option<&str>) -> PathBuf {
        self.target(feature).join("bindgen/featurespace_bg.wasm")
    }
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
    let (dist, rest) = page()?;
    rest.build()?;
    Ok(dist)
}

/// What `page` leaves for later, relative to dist/: what a browser asks for only when it runs
/// no wasm SIMD, or opens the single-file builds (which inline that module).
pub const LATER: [&str; 3] = [
    "pkg/featurespace_fallback_bg.wasm",
    "feature-space-embed.js",
    "feature-space-offline.html",
];

/// The part of the build `page` leaves for later (`LATER`): the fallback module, then the
/// single-file builds from the page's sources as they were before the page's bundling.
pub struct Rest {
    dist: PathBuf,
    sources: PathBuf,
}

impl Rest {
    pub fn build(self) -> Result<()> {
        let pkg = self.dist.join("pkg");
        modules(&pkg, None, &MODULES[1..])?;
        fs::copy(
            pkg.join(MODULES[1].file),
            self.sources.join("pkg").join(MODULES[1].file),
        )?;
        bundles::build(&self.dist, &self.sources)
    }
}

/// dist/ with everything the page and its embeds load in a browser with wasm SIMD (every
/// current one), and what is left to build (`Rest`): `serve` serves the first while it builds
/// the second, so that a first run waits for one build of the core instead of two.
pub fn page() -> Result<(PathBuf, Rest)> {
    tools::wasm_target()?;
    let dist = root().join("dist");
    let pkg = dist.join("pkg");
    modules(&pkg, None, &MODULES[..1])?;
    fs::copy(root().join("index.html"), dist.join("index.html"))?;
    // www/pages/ holds the pages that live at the site's root (embed.html, examples/); the
    // benchmark page needs the bench build (`bench_site`).
    copy_dir(
        &root().join("www"),
        &dist.join("www"),
        &["pages", "bench.html"],
    )?;
    copy_dir(&root().join("www/pages"), &dist, &[])?;
    let stale = dist.join("www/bench.html");
    if stale.exists() {
        fs::remove_file(stale)?;
    }
    schema_module(&dist)?;
    lessons_module(&dist)?;
    page_bundle::minify_styles(&dist)?;
    let sources = single_file_sources(&dist)?;
    page_bundle::build(&dist)?;
    Ok((dist.clone(), Rest { dist, sources }))
}

/// target/single-file/: dist's index.html, www/ and glue as they are before the page's modules
/// are bundled in place, for the single-file builds (which bundle every module themselves).
fn single_file_sources(dist: &Path) -> Result<PathBuf> {
    let sources = root().join("target/single-file");
    if sources.exists() {
        fs::remove_dir_all(&sources)?;
    }
    copy_dir(&dist.join("www"), &sources.join("www"), &[])?;
    fs::create_dir_all(sources.join("pkg"))?;
    fs::copy(
        dist.join("pkg/featurespace.js"),
        sources.join("pkg/featurespace.js"),
    )?;
    fs::copy(dist.join("index.html"), sources.join("index.html"))?;
    Ok(sources)
}

/// dist/bench/: www/bench.html with the core built with the `bench` feature (its
/// `run_benchmarks`), both modules, in their own target dirs, so the page's build never has it.
pub fn bench_site(dist: &Path) -> Result<()> {
    let bench = dist.join("bench");
    modules(&bench.join("pkg"), Some("bench"), &MODULES)?;
    fs::create_dir_all(bench.join("www"))?;
    for file in ["bench.html", "core.js", "bench-public.js", "chunks.js"] {
        fs::copy(root().join("www").join(file), bench.join("www").join(file))?;
    }
    Ok(())
}

/// The wasm `modules` (of `MODULES`, the SIMD one first) into `pkg`, with the crate's `feature`
/// if any, and their one JS glue file: the SIMD module's, which every other module's must equal.
fn modules(pkg: &Path, feature: Option<&str>, modules: &[Module]) -> Result<()> {
    fs::create_dir_all(pkg)?;
    for module in modules {
        let mut cargo = Command::new("cargo");
        cargo
            .args(["build", "--release", "--target", TARGET])
            .args(["--package", "featurespace", "--lib"]);
        if let Some(feature) = feature {
            cargo.args(["--features", feature]);
        }
        let target = module.target(feature);
        cargo.env("CARGO_TARGET_DIR", &target);
        if let Some(flags) = module.rustflags {
            cargo.env("RUSTFLAGS", flags);
        }
        println!(
            "xtask: building the core for the browser ({}, release{})",
            if module.rustflags.is_none() {
                "wasm with SIMD"
            } else {
                "wasm without SIMD, for older engines"
            },
            feature.map_or(String::new(), |f| format!(", feature {f}"))
        );
        run_showing(&mut cargo, "building the core for the browser")?;
        let wasm = target.join(TARGET).join("release/featurespace.wasm");
        let bindings = target.join("bindgen");
        let bound = module.bound(feature);
        if !fresh(&wasm, &bound) {
            println!("xtask: generating JS bindings for {}", module.file);
            heartbeat::during("generating the JS bindings", || {
                wasm_bindgen_cli_support::Bindgen::new()
                    .input_path(&wasm)
                    .web(true)?
                    .typescript(false)
                    .generate(&bindings)
            })?;
        }
        // Both modules export the same functions, so one JS glue file serves either.
        let js = bindings.join("featurespace.js");
        let glue = pkg.join("featurespace.js");
        if module.rustflags.is_none() {
            fs::copy(&js, &glue)?;
        } else if fs::read(&js)? != fs::read(&glue).context("the SIMD module's JS glue")? {
            bail!(
                "the JS bindings of the two wasm modules differ ({} and {})",
                glue.display(),
                js.display()
            );
        }
        let optimised = pkg.join(module.file);
        if !fresh(&bound, &optimised) {
            println!("xtask: wasm-opt -O3 {}", module.file);
            run_showing(
                Command::new(tools::wasm_opt()?)
                    // The build alone reads `config_schema()` (for keys.js, from the module
                    // before this step): without the export its code goes too (−2.7 KB gzipped).
                    .args([
                        "--remove-exports",
                        "--pass-arg=remove-exports@config_schema",
                    ])
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
                    .arg(&optimised),
                &format!("optimising {} with wasm-opt", module.file),
            )?;
        }
    }
    Ok(())
}
/// dist/www/keys.js: the core's description of the config keys (`config_schema()`), read from
/// the built module as wasm-bindgen left it (the page's modules lose the export in wasm-opt), so
/// the element's attributes, properties and controls come from the core.
fn schema_module(dist: &Path) -> Result<()> {
    let wasm = MODULES[0].bound(None);
    let out = dist.join("www/keys.js");
    if fresh(&wasm, &out) && fresh(&root().join("www"), &out) {
        return Ok(());
    }
    println!("xtask: writing www/keys.js from the core's config_schema()");
    let script = format!(
        "import init, {{ config_schema }} from {glue:?};\n\
         import {{ readFileSync }} from 'node:fs';\n\
         await init({{ module_or_path: readFileSync({wasm:?}) }});\n\
         process.stdout.write(JSON.stringify(config_schema(), null, 1));",
        glue = format!("file://{}", dist.join("pkg/featurespace.js").display()),
        wasm = wasm.display().to_string(),
    );
    let output = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .context("node is needed to build the site (install Node.js)")?;
    if !output.status.success() {
        bail!(
            "reading config_schema() failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let json = String::from_utf8(output.stdout)?;
    fs::write(
        out,
        format!(
            "// Made by `cargo xtask build` from the core's config_schema(): every config key with its\n\
             // kind, bounds or choices, words and default. Do not edit; change crate/src/config/schema.rs.\n\
             export const SCHEMA = {json};\n"
        ),
    )?;
    Ok(())
}

/// dist/www/lesson-data.js: the shipped lessons, www/lessons/*.json in file-name order, as one
/// module (so the page, the bundled embed and the offline file need no fetch for them). A file
/// that is not JSON stops the build with its name; the element checks the fields. Beside it
/// dist/www/lesson-index.js, their ids and titles alone: the lesson panel's chooser lists them
/// while the lessons themselves are a chunk loaded on the first one opened.
fn lessons_module(dist: &Path) -> Result<()> {
    let dir = root().join("www/lessons");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut documents = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file)?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not valid JSON", file.display()))?;
        documents.push(value);
    }
    lesson_module(
        dist,
        "lesson-data.js",
        "LESSON_DOCUMENTS",
        serde_json::to_string_pretty(&documents)?,
    )?;
    let index: Vec<_> = documents
        .iter()
        .map(|d| serde_json::json!({ "id": d["id"], "title": d["title"] }))
        .collect();
    lesson_module(
        dist,
        "lesson-index.js",
        "LESSON_INDEX",
        serde_json::to_string(&index)?,
    )
}

/// dist/www/`file`: a module exporting `name`, a JSON value made from www/lessons/*.json.
fn lesson_module(dist: &Path, file: &str, name: &str, json: String) -> Result<()> {
    fs::write(
        dist.join("www").join(file),
        format!(
            "// Made by `cargo xtask build` from www/lessons/*.json. Do not edit; change those files.\n\
             export const {name} = {json};\n"
        ),
    )?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path, skip: &[&str]) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        if skip.iter().any(|s| entry.file_name() == *s) {
            continue;
        }
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest, &[])?;
        } else {
            fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}
