//! The module entry points as minified esbuild bundles, in place in dist/www/: `page.js` (the
//! full page), `feature-space.js` (what embedders import) and `trainer.js` (the training
//! worker). They share chunks (`chunk-*.js`, beside them so that `import.meta.url` still finds
//! ../pkg/); the wasm-bindgen glue is bundled in too. The other modules stay in dist/www/
//! unbundled, for anyone who imported one by its name. The metafile says which files each entry loads at
//! once and which later (the worker): `cargo xtask bench` reads it for the size rows.

use crate::{root, run, tools};
use anyhow::{Context, Result};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The entries, by file name in dist/www/.
const ENTRIES: [&str; 3] = ["page.js", "feature-space.js", "trainer.js"];

/// The lazy chunks (www/on-demand.js) that the full page asks for at first load, by the module
/// each starts from: the code of the views it shows (index.html shows every view), beside the
/// wasm, and the Python export, once the wasm has come. tests/page-weight.test.mjs checks
/// that the page fetches these and no other part.
pub const PAGE_FIRST_PARTS: [&str; 6] = [
    "weights.js",
    "confusion.js",
    "network.js",
    "timeline.js",
    "figures.js",
    "python-export.js",
];

/// Where esbuild's metafile of the last build goes.
pub fn metafile() -> PathBuf {
    root().join("target/page-bundle-meta.json")
}

/// The style sheets in dist/, minified by esbuild's CSS minifier before anything is bundled:
/// the page's www/page.css and the element's (the text of ELEMENT_CSS in www/element-style.js,
/// which a JS minifier leaves as written). Every build inlines the element's.
pub fn minify_styles(dist: &Path) -> Result<()> {
    let esbuild = tools::npm_tools()?.join(".bin/esbuild");
    let minify = |css: &str| -> Result<String> {
        let mut child = Command::new(&esbuild)
            .args(["--loader=css", "--minify", "--log-level=error"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .context("running esbuild")?;
        child
            .stdin
            .take()
            .context("esbuild's stdin")?
            .write_all(css.as_bytes())?;
        let out = child.wait_with_output()?;
        anyhow::ensure!(
            out.status.success(),
            "esbuild could not minify a style sheet"
        );
        Ok(String::from_utf8(out.stdout)?.trim_end().to_string())
    };
    let page = dist.join("www/page.css");
    fs::write(&page, minify(&fs::read_to_string(&page)?)? + "\n")?;
    let module = dist.join("www/element-style.js");
    let js = fs::read_to_string(&module)?;
    let (open, close) = ("export const ELEMENT_CSS = `", "\n`;");
    let start = js
        .find(open)
        .context("www/element-style.js: no ELEMENT_CSS template")?
        + open.len();
    let end = start
        + js[start..]
            .find(close)
            .context("www/element-style.js: ELEMENT_CSS does not end")?;
    // Plain text in a template literal: nothing that it would read otherwise.
    let plain = |text: &str| !text.contains(['`', '\\']) && !text.contains("${");
    anyhow::ensure!(
        plain(&js[start..end]),
        "ELEMENT_CSS holds a backquote, backslash or ${{"
    );
    let css = minify(&js[start..end])?;
    anyhow::ensure!(
        plain(&css),
        "the minified ELEMENT_CSS holds a backquote, backslash or ${{"
    );
    fs::write(&module, format!("{}{css}{}", &js[..start], &js[end..]))?;
    Ok(())
}

pub fn build(dist: &Path) -> Result<()> {
    let www = dist.join("www");
    // Chunks of an earlier build would otherwise pile up.
    for entry in fs::read_dir(&www)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("chunk-") && name.ends_with(".js") {
            fs::remove_file(&path)?;
        }
    }
    let esbuild = tools::npm_tools()?.join(".bin/esbuild");
    println!("xtask: bundling the page's modules (minified, with shared chunks) in place");
    run(Command::new(esbuild)
        .args(ENTRIES.iter().map(|e| www.join(e)))
        .args([
            "--bundle",
            "--splitting",
            "--format=esm",
            "--minify",
            "--target=es2022",
            "--chunk-names=chunk-[hash]",
            "--allow-overwrite",
            "--log-level=error",
        ])
        .arg(format!("--outdir={}", www.display()))
        .arg(format!("--metafile={}", metafile().display())))?;
    preload_chunks(dist)
}

/// Where dist/index.html gets its module preloads: after the wasm's preload.
const WASM_PRELOAD: &str = r#"<link rel="preload" href="pkg/featurespace_bg.wasm" as="fetch" type="application/wasm" crossorigin>"#;

/// Adds to dist/index.html a `modulepreload` link for each chunk the page loads before its
/// first frame (its static imports, and the views it shows with theirs): the browser fetches
/// them all at once, beside page.js and the wasm, instead of in waves as each module's imports
/// are found (page.js, then its chunks, then the views' chunks, then theirs). The Python export
/// is left out: it is asked for once the wasm has come. The offline file is made from the copy
/// of index.html taken before this (`build::page`), without them (it fetches nothing).
fn preload_chunks(dist: &Path) -> Result<()> {
    let views: Vec<&str> = PAGE_FIRST_PARTS
        .into_iter()
        .filter(|p| *p != "python-export.js")
        .collect();
    let (mut first, _) = loaded_at_once(dist, "page.js", &views)?;
    let (statics, _) = loaded_at_once(dist, "page.js", &[])?;
    // Those that every module waits for, then the views' code; the largest first within each.
    let size = |p: &PathBuf| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    first.sort_by_key(|p| (!statics.contains(p), std::cmp::Reverse(size(p))));
    // page.js first: its script tag comes last in the page, after all these.
    let links: String = std::iter::once("page.js")
        .chain(
            first
                .iter()
                .filter_map(|p| p.file_name()?.to_str())
                .filter(|n| *n != "page.js"),
        )
        .map(|n| format!("\n<link rel=\"modulepreload\" href=\"www/{n}\">"))
        .collect();
    let page = dist.join("index.html");
    let html = fs::read_to_string(&page)?;
    anyhow::ensure!(
        html.contains(WASM_PRELOAD) && !html.contains("modulepreload"),
        "dist/index.html: no wasm preload to put the module preloads after, or they are there already"
    );
    fs::write(
        &page,
        html.replace(WASM_PRELOAD, &format!("{WASM_PRELOAD}{links}")),
    )?;
    Ok(())
}

/// The files (paths in dist/www/) that `entry` loads at first: itself and its static imports,
/// and the lazy chunks of `parts` (by the module each starts from) with theirs, transitively.
/// Others that the bundle holds load later (dynamic imports on first use, the worker).
pub fn loaded_at_once(
    dist: &Path,
    entry: &str,
    parts: &[&str],
) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let meta: Value = serde_json::from_str(
        &fs::read_to_string(metafile()).context("the page bundle's metafile (build first)")?,
    )?;
    let outputs = meta["outputs"].as_object().context("metafile outputs")?;
    let name = |p: &str| Path::new(p).file_name().map(|n| n.to_owned());
    let mut first = BTreeSet::new();
    let mut todo = vec![entry.to_string()];
    for part in parts {
        let (path, _) = outputs
            .iter()
            .find(|(_, out)| {
                out["entryPoint"]
                    .as_str()
                    .and_then(name)
                    .is_some_and(|n| n == *part)
            })
            .with_context(|| format!("no chunk starts from {part}"))?;
        todo.extend(name(path).map(|n| n.to_string_lossy().into_owned()));
    }
    while let Some(file) = todo.pop() {
        if !first.insert(file.clone()) {
            continue;
        }
        let (_, out) = outputs
            .iter()
            .find(|(path, _)| name(path).is_some_and(|n| n == file.as_str()))
            .with_context(|| format!("{file} is not in the bundle"))?;
        for import in out["imports"].as_array().into_iter().flatten() {
            if import["kind"] == "import-statement" {
                if let Some(n) = import["path"].as_str().and_then(name) {
                    todo.push(n.to_string_lossy().into_owned());
                }
            }
        }
    }
    let www = dist.join("www");
    let mut later = Vec::new();
    for path in outputs.keys() {
        let n = name(path)
            .context("output name")?
            .to_string_lossy()
            .into_owned();
        // The element's own entry is for embedders: the page has its code in its chunks.
        if !first.contains(&n) && n != "feature-space.js" {
            later.push(www.join(n));
        }
    }
    Ok((first.into_iter().map(|n| www.join(n)).collect(), later))
}
