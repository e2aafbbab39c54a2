//! The single-script builds, bundled by esbuild (from npm) as classic scripts with the fallback
//! wasm module inlined, so that they need no module loading and no fetch:
//! - dist/feature-space-embed.js, which embed.html loads: it runs in sandboxed iframes (an
//!   opaque origin may not load modules or fetch from a server that sends no CORS headers);
//! - dist/feature-space-offline.html: the full page in one file (wasm, JS and CSS inlined) that
//!   opens from file:// with no server.
//!
//! Both are bundled from the page's sources as they were before its own modules were bundled in
//! place (`build::Rest`), so they can be made after the page, while it is already served.

use crate::{root, run, tools};
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;

/// The two builds into `dist` from `sources` (index.html, www/ and pkg/ with the fallback module).
pub fn build(dist: &Path, sources: &Path) -> Result<()> {
    let esbuild = tools::npm_tools()?.join(".bin/esbuild");
    let bundle = |entry: &str, out: &Path| -> Result<()> {
        println!("xtask: bundling {entry} into {}", out.display());
        run(Command::new(&esbuild)
            .arg(sources.join("www").join(entry))
            .args([
                "--bundle",
                "--format=iife",
                "--minify",
                "--target=es2022",
                "--loader:.wasm=binary",
                "--log-level=error",
            ])
            .arg(format!("--outfile={}", out.display())))
    };
    bundle("embed-main.js", &dist.join("feature-space-embed.js"))?;
    let offline_js = root().join("target/feature-space-offline.js");
    bundle("offline-main.js", &offline_js)?;
    offline_page(dist, sources, &offline_js)
}

/// index.html with its stylesheet and script inlined.
fn offline_page(dist: &Path, sources: &Path, script: &Path) -> Result<()> {
    let html = fs::read_to_string(sources.join("index.html"))?;
    let css = fs::read_to_string(sources.join("www/page.css"))?;
    // Inside an inline <script>, "</script" would end it early: JS reads "<\/script" the same.
    let js = fs::read_to_string(script)?.replace("</script", "<\\/script");
    let link = r#"<link rel="stylesheet" href="www/page.css">"#;
    let tag = r#"<script type="module" src="www/page.js"></script>"#;
    anyhow::ensure!(
        html.contains(link) && html.contains(tag),
        "index.html no longer has the stylesheet link and module script the offline build replaces"
    );
    let preload = r#"<!-- The core downloads with the page, not after its scripts: the SIMD build, which current browsers run. -->
<link rel="preload" href="pkg/featurespace_bg.wasm" as="fetch" type="application/wasm" crossorigin>
"#;
    anyhow::ensure!(
        html.contains(preload),
        "index.html no longer has the wasm preload the offline build leaves out"
    );
    // The page bundle adds module preloads of its chunks to dist/index.html.
    anyhow::ensure!(
        !html.contains("modulepreload"),
        "the offline file's index.html has the page bundle's module preloads: copy it before them"
    );
    // The offline file fetches nothing: the module's bytes are inside it.
    let page = html
        .replace(preload, "")
        .replace(link, &format!("<style>\n{css}</style>"))
        .replace(tag, &format!("<script>{js}</script>"))
        .replace(r#"<a href="examples/blog.html">Embedding example</a>"#, "");
    let out = dist.join("feature-space-offline.html");
    fs::write(&out, &page).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "xtask: {} is {} KB ({} KB gzipped)",
        out.display(),
        page.len() / 1024,
        gzipped_len(page.as_bytes())? / 1024
    );
    Ok(())
}

pub fn gzipped_len(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    Ok(gz.finish()?.len())
}
