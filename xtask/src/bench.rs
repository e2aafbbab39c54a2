//! `cargo xtask bench`: the native benchmark and the benchmark pages in headless Chromium, one
//! table on the terminal and in BENCHMARKS.md, with the machine's description and the targets.

use crate::{build, first_run, page_bundle, root, serve, tools};
use anyhow::{bail, Context, Result};
use flate2::{write::GzEncoder, Compression};
use serde_json::Value;
use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

struct Row {
    case: String,
    native: Option<f64>,
    browser: Option<f64>,
    unit: String,
    share: Option<f64>,
    target: String,
}

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .current_dir(root())
        .output()
        .with_context(|| format!("running {:?}", cmd.get_program()))?;
    if !out.status.success() {
        bail!(
            "{:?} failed:\n{}",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("in memory");
    enc.finish().expect("in memory").len()
}

/// One size row: what it is, raw and gzipped bytes, and whether it counts in the page's weight.
struct Size {
    what: &'static str,
    raw: usize,
    gzipped: usize,
    counts: bool,
}

/// Sizes of what the full page loads: the wasm (the SIMD module wherever SIMD validates; the
/// fallback's size is reported on its own row), the JS it loads at first (the bundle's entry
/// page.js with its static chunks, the wasm-bindgen glue inside, and the lazy chunks of the
/// views it shows and of the Python export), the JS it may load later (the training worker, the
/// chunks loaded on first use), and the CSS. Each file gzipped on its own, as over HTTP.
fn sizes(dist: &Path) -> Result<Vec<Size>> {
    let measure = |what, files: &[std::path::PathBuf], counts| -> Result<Size> {
        let (mut raw, mut gz) = (0, 0);
        for file in files {
            let bytes = std::fs::read(file)?;
            raw += bytes.len();
            gz += gzipped(&bytes);
        }
        Ok(Size {
            what,
            raw,
            gzipped: gz,
            counts,
        })
    };
    let (first, later) =
        page_bundle::loaded_at_once(dist, "page.js", &page_bundle::PAGE_FIRST_PARTS)?;
    Ok(vec![
        measure("wasm size", &[dist.join("pkg/featurespace_bg.wasm")], true)?,
        measure("JS size, loaded at first", &first, true)?,
        measure(
            "JS loaded later (training worker, lazy chunks)",
            &later,
            false,
        )?,
        measure("CSS size", &[dist.join("www/page.css")], true)?,
    ])
}

/// The last `cargo xtask first-run` figures, if any, as rows naming the commit they were
/// measured at (a fresh clone's build takes minutes, so `bench` does not redo it).
fn first_run_rows() -> Vec<Row> {
    let Some(f) = std::fs::read_to_string(first_run::figures_file())
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        return Vec::new();
    };
    let commit = f["commit"].as_str().unwrap_or("?");
    let row = |case: String, value: Option<f64>, unit: &str, target: &str| Row {
        case,
        native: value,
        browser: None,
        unit: unit.into(),
        share: None,
        target: target.into(),
    };
    let mut rows = vec![
        row(
            format!("first `cargo xtask serve` from a clean clone, crates downloaded: until it serves (`first-run` at {commit})"),
            f["serve_ready_s"].as_f64(),
            "s",
            "≤ 240",
        ),
        row(
            format!("first `cargo xtask serve`: until the rest it builds while serving is built (the core without SIMD, the single-file builds) (`first-run` at {commit})"),
            f["serve_all_built_s"].as_f64(),
            "s",
            "",
        ),
        row(
            format!("first `cargo xtask serve`: longest stretch without output until it serves (`first-run` at {commit})"),
            f["serve_longest_silence_s"].as_f64(),
            "s",
            "a few",
        ),
    ];
    if let Some(test) = f["test_s"].as_f64() {
        rows.push(row(
            format!("cold `cargo xtask test` in that clone (`first-run --test` at {commit})"),
            Some(test),
            "s",
            "well under 2,700",
        ));
    }
    rows
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let rustc = output(Command::new("rustc").arg("-V")).unwrap_or_default();
    let chromium = output(Command::new(tools::CHROMIUM).arg("--version")).unwrap_or_default();
    format!(
        "{cpu}, {cores} cores; {} ; {}",
        rustc.trim(),
        chromium.trim()
    )
}

fn target_for(case: &str) -> &'static str {
    match case {
        c if c.contains("without SIMD") || c.contains("page's thread") => "",
        c if c.starts_with("train 2-4-2-1") => "≥ 80,000 (Chromium)",
        c if c.starts_with("train 2-50-1 relu, SGD") => "≥ 20,000 (Chromium)",
        c if c.starts_with("grid 100×100, output + every hidden unit, 2-50-1") => {
            "≤ 2.7 (Chromium)"
        }
        c if c.starts_with("playing 64,64") && !c.contains("longest") => "≥ 30",
        c if c.contains("the UI accepts") && c.contains("longest frame") => "≤ 100",
        c if c.contains("the UI accepts") => "",
        c if c.contains("frame rate") => "60",
        c if c.starts_with("playing 8,8 on 500 points") && c.contains("redraws") => "60",
        c if c.contains("max speed: epochs") => "≥ 30,000",
        c if c.contains("slowest of") => "",
        c if c.starts_with("navigation") || c.contains("first trained frame") => "≤ 500",
        c if c.contains("out of view") => "0",
        c if c.contains("heap after 1,0") => "no growth",
        _ => "",
    }
}

pub fn run() -> Result<()> {
    tools::npm_tools()?;
    tools::chromium()?;
    let dist = build::dist()?;
    build::bench_site(&dist)?;
    println!("xtask: native benchmark");
    let native: Vec<Value> = serde_json::from_str(&output(Command::new("cargo").args([
        "run",
        "--release",
        "--quiet",
        "-p",
        "featurespace",
        "--",
        "bench",
        "--json",
    ]))?)?;
    println!("xtask: benchmarks in headless Chromium");
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/", listener.local_addr()?);
    let served = dist.clone();
    std::thread::spawn(move || serve::serve(listener, served, serve::Headers::Isolated));
    let tmp = root().join("target/tmp");
    std::fs::create_dir_all(&tmp)?;
    let browser: Value = serde_json::from_str(
        output(
            Command::new("node")
                .arg("tests/bench.mjs")
                .env("FEATURESPACE_URL", &url)
                .env("CHROMIUM", tools::CHROMIUM)
                .env("TMPDIR", &tmp),
        )?
        .lines()
        .last()
        .unwrap_or("{}"),
    )?;
    let figures = |v: &Value| -> Vec<(String, f64, String, Option<f64>)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|f| {
                        (
                            f["case"].as_str().unwrap_or("").to_string(),
                            f["value"].as_f64().unwrap_or(f64::NAN),
                            f["unit"].as_str().unwrap_or("").to_string(),
                            f["flops"].as_f64(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let native = figures(&Value::Array(native));
    let browser_figures = figures(&browser["figures"]);
    // The higher of the peaks (the multiply-add in registers): shares are taken against it.
    let peak = |list: &[(String, f64, String, Option<f64>)]| {
        list.iter()
            .filter(|f| f.0.starts_with("peak") && !f.0.contains("without SIMD"))
            .filter_map(|f| f.3)
            .reduce(f64::max)
    };
    let (native_peak, browser_peak) = (peak(&native), peak(&browser_figures));
    let mut rows: Vec<Row> = Vec::new();
    for (case, value, unit, flops) in &browser_figures {
        let native_value = native.iter().find(|n| &n.0 == case).map(|n| n.1);
        rows.push(Row {
            case: case.clone(),
            native: native_value,
            browser: Some(*value),
            unit: unit.clone(),
            share: flops
                .zip(browser_peak)
                .filter(|_| !case.starts_with("peak"))
                .map(|(f, p)| f / p),
            target: target_for(case).into(),
        });
    }
    let sizes = sizes(&dist)?;
    for size in &sizes {
        rows.push(Row {
            case: format!("{} (raw / gzipped KB)", size.what),
            native: Some(size.raw as f64 / 1000.0),
            browser: Some(size.gzipped as f64 / 1000.0),
            unit: "KB".into(),
            share: None,
            target: String::new(),
        });
    }
    let total_gz: f64 = sizes
        .iter()
        .filter(|s| s.counts)
        .map(|s| s.gzipped as f64 / 1000.0)
        .sum();
    rows.push(Row {
        case: "wasm + JS at first + CSS gzipped".into(),
        native: None,
        browser: Some(total_gz),
        unit: "KB".into(),
        share: None,
        target: "≤ 90".into(),
    });
    let fallback = std::fs::read(dist.join("pkg/featurespace_fallback_bg.wasm"))?;
    rows.push(Row {
        case: "wasm without SIMD, loaded instead where SIMD is missing (raw / gzipped KB)".into(),
        native: Some(fallback.len() as f64 / 1000.0),
        browser: Some(gzipped(&fallback) as f64 / 1000.0),
        unit: "KB".into(),
        share: None,
        target: String::new(),
    });

    rows.extend(first_run_rows());

    let fmt = |v: Option<f64>| {
        v.map_or("–".to_string(), |v| {
            if v >= 100.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.3}")
            }
        })
    };
    let mut table = String::from("| case | native | Chromium | unit | share of peak (Chromium) | target |\n|---|---:|---:|---|---:|---|\n");
    for r in &rows {
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.case,
            fmt(r.native),
            fmt(r.browser),
            r.unit,
            r.share.map_or("–".into(), |s| format!("{:.1}%", s * 100.0)),
            r.target
        ));
    }
    let machine = machine();
    println!(
        "\n{machine}\npeak: native {:.2} GFLOP/s, Chromium {:.2} GFLOP/s\n\n{table}",
        native_peak.unwrap_or(0.0) / 1e9,
        browser_peak.unwrap_or(0.0) / 1e9
    );
    let doc = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (figures from one run; timings on a shared 2-core machine are noisy, so compare ratios from the same run). Each wasm and native case is timed in three equal parts of its budget and gives its fastest part's figure, the part other work on the machine disturbed least.\n\n\
         Machine: {machine}. Page cross-origin isolated: {}; wasm SIMD in use: {}.\n\n\
         Size rows: the native column is the raw size, the Chromium column the gzipped size.\n\
         Share of peak: the case's floating-point rate (activations and optimizer updates counted) over the higher of the two multiply-add peaks in the same wasm build.\n\n\
         Page weight before the work on it (issue 12), raw / gzipped, measured as the size rows were then \
         (every `www/*.js`, each its own unminified module, with the glue as one gzip stream): when it started \
         (e9cf537) wasm 461 / 198 KB, JS 364 / 106 KB, CSS 2.3 / 0.9 KB: 305 KB gzipped; main with the \
         timeline, drawn data and exports (1c5c3ab, merged here) wasm 496 / 212 KB, JS 422 / 124 KB, CSS \
         2.3 / 0.9 KB: 337 KB. The size rows below are the page now, each file gzipped on its own as a \
         server sends it.\n\n{table}",
        browser["isolated"],
        browser["simd"]
    );
    std::fs::write(root().join("BENCHMARKS.md"), doc)?;
    println!("xtask: wrote BENCHMARKS.md");
    Ok(())
}
