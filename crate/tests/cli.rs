//! The `featurespace` binary: output on good input, exit status 2 and a clear message on bad.
#![cfg(not(target_arch = "wasm32"))]

use featurespace::{Config, Session};
use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_featurespace"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["train", "--json"];
    all.extend(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fails_with(args: &[&str], needle: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(needle), "{args:?}: {err}");
}

#[test]
fn json_report_has_the_documented_shape() {
    let v = json(&[
        "--dataset",
        "xor",
        "--hidden",
        "8,8",
        "--activation",
        "relu",
        "--epochs",
        "3",
        "--batch",
        "10",
    ]);
    assert_eq!(v["epochs"], 3);
    assert_eq!(v["config"]["dataset"], "xor");
    assert_eq!(v["config"]["hidden"], "8,8");
    assert!(v["train"]["loss"].as_f64().unwrap() > 0.0);
    assert!(v["test"]["accuracy"].as_f64().is_some());
    let shapes: Vec<(usize, usize, usize)> = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["W"].as_array().unwrap().len(),
                l["W"][0].as_array().unwrap().len(),
                l["b"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(shapes, [(2, 8, 8), (8, 8, 8), (8, 1, 1)]);
}

#[test]
fn the_cli_run_equals_the_library_run_bit_for_bit() {
    let v = json(&[
        "--dataset",
        "moons",
        "--hidden",
        "5",
        "--optimizer",
        "momentum",
        "--nesterov",
        "--lr",
        "0.05",
        "--batch",
        "7",
        "--l2",
        "0.001",
        "--epochs",
        "4",
    ]);
    let (mut c, e) = Config::from_query(
        "dataset=moons&hidden=5&optimizer=momentum&nesterov=true&lr=0.05&batch=7&l2=0.001",
    );
    assert!(e.is_empty());
    c.seed = 1;
    let mut s = Session::new(c);
    s.step(4);
    let w = &s.model().layers[0].w;
    for i in 0..2 {
        for j in 0..5 {
            assert_eq!(
                v["layers"][0]["W"][i][j].as_f64().unwrap().to_bits(),
                w[(i, j)].to_bits()
            );
        }
    }
    assert_eq!(
        v["train"]["loss"].as_f64().unwrap().to_bits(),
        s.train_metrics().loss.to_bits()
    );
}

#[test]
fn logistic_regression_from_a_csv_matches_the_reference() {
    let expected: Value = serde_json::from_str(include_str!("fixtures/expected.json")).unwrap();
    let want = &expected["blobs"]["l2_C1_default"]["exact_optimum"];
    let v = json(&[
        "--train",
        &fixture("blobs.csv"),
        "--hidden",
        "none",
        "--optimizer",
        "lbfgs",
        "--l2",
        "0.001",
        "--epochs",
        "300",
    ]);
    assert_eq!(v["config"]["dataset"], "custom");
    assert!(v.get("test").is_none(), "no test set without --test");
    for k in 0..2 {
        let got = v["layers"][0]["W"][k][0].as_f64().unwrap();
        assert!((got - want["coef"][k].as_f64().unwrap()).abs() < 1e-6);
    }
    let b = v["layers"][0]["b"][0].as_f64().unwrap();
    assert!((b - want["intercept"].as_f64().unwrap()).abs() < 1e-6);
    // Without --batch the whole training set is one batch.
    assert_eq!(v["config"]["batch"], 1000);
}

#[test]
fn a_test_file_gives_test_metrics() {
    let v = json(&[
        "--train",
        &fixture("blobs.csv"),
        "--test",
        &fixture("grad_batch.csv"),
        "--hidden",
        "none",
        "--optimizer",
        "lbfgs",
        "--epochs",
        "50",
    ]);
    let acc = v["test"]["accuracy"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&acc));
}

#[test]
fn regression_reports_no_accuracy() {
    let v = json(&[
        "--dataset",
        "plane",
        "--hidden",
        "none",
        "--optimizer",
        "lbfgs",
        "--epochs",
        "50",
    ]);
    assert!(v["train"]["accuracy"].is_null());
    assert!(
        v["train"]["loss"].as_f64().unwrap() < 1e-12,
        "a plane is fit exactly"
    );
}

#[test]
fn readable_summary_without_json() {
    let out = run(&["train", "--epochs", "5"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("trained 5 epochs"), "{text}");
    assert!(text.contains("train: loss"));
    assert!(text.contains("test : loss"));
    assert!(text.contains("layer 1 W"));
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    fails_with(&["train", "--lr", "abc"], "--lr: 'abc' is not a number");
    fails_with(
        &["train", "--dataset", "moon"],
        "--dataset: 'moon' is not one of band, blobs",
    );
    fails_with(&["train", "--hidden", "0"], "--hidden");
    fails_with(&["train", "--features", "x3"], "'x3' is not one of");
    fails_with(&["train", "--train-ratio", "2"], "--train-ratio");
    fails_with(&["train", "--epochs", "many"], "--epochs");
    fails_with(&["train", "--bogus"], "--bogus");
    fails_with(&["train", "--test", "x.csv"], "--train");
    fails_with(&["train", "--dataset", "custom"], "--train FILE.csv");
    fails_with(
        &["train", "--train", "/nonexistent/points.csv"],
        "cannot read /nonexistent/points.csv",
    );
    fails_with(&["frobnicate"], "frobnicate");
    let dir = std::env::temp_dir().join(format!("featurespace-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "x1,x2,label\n0,0,1\n1,oops,0\n").unwrap();
    fails_with(
        &["train", "--train", bad.to_str().unwrap()],
        "line 3: x2 'oops' is not a number",
    );
    let three = dir.join("three.csv");
    std::fs::write(&three, "x1,x2,label\n0,0,2\n").unwrap();
    fails_with(
        &[
            "train",
            "--train",
            &fixture("blobs.csv"),
            "--test",
            three.to_str().unwrap(),
        ],
        "line 2: label 2 is not one of the training set's classes",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file of its own in a directory of the test's own.
fn temp_file(test: &str, name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("featurespace-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn a_csv_past_the_row_limit_stops_at_the_limit() {
    // 20,001 rows and then many more: reading stops at row 20,001 with the limit's message.
    let mut text = String::from("x1,x2,label\n");
    for i in 0..200_000 {
        text.push_str(&format!("{},{},{}\n", i % 7, i % 5, i % 2));
    }
    let path = temp_file("rows", "many.csv", text.as_bytes());
    let started = std::time::Instant::now();
    let out = run(&["train", "--train", path.to_str().unwrap(), "--epochs", "1"]);
    let seconds = started.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("line 20002: more than 20000 rows; the limit is 20000 points"),
        "{err}"
    );
    assert!(seconds < 10.0, "{seconds} s");
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn an_empty_csv_says_so() {
    for (name, content, needle) in [
        ("empty.csv", "", "line 1: the file is empty"),
        ("blank.csv", "  \n\n \t \n", "line 1: the file is empty"),
        ("header.csv", "x1,x2,label\n\n", "line 1: no points"),
    ] {
        let path = temp_file("empty", name, content.as_bytes());
        fails_with(&["train", "--train", path.to_str().unwrap()], needle);
        fails_with(
            &[
                "train",
                "--train",
                &fixture("blobs.csv"),
                "--test",
                path.to_str().unwrap(),
            ],
            needle,
        );
    }
    std::fs::remove_dir_all(temp_file("empty", "x", b"").parent().unwrap()).unwrap();
}

/// Runs the binary, killing it after `seconds` (a run that never ends fails the test).
fn run_within(args: &[&str], seconds: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_featurespace"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed().as_secs() >= seconds {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("{args:?} still ran after {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn divergence_exits_2_and_advises_a_lower_learning_rate() {
    // Plain SGD at lr 10 on a regression: the weights grow by orders of magnitude each epoch
    // until the loss overflows.
    let diverging = [
        "--dataset",
        "plane",
        "--hidden",
        "none",
        "--optimizer",
        "sgd",
        "--lr",
        "10",
        "--epochs",
        "1000",
    ];
    for json in [false, true] {
        let mut args = vec!["train"];
        if json {
            args.push("--json");
        }
        args.extend(diverging);
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("training diverged at or before epoch "),
            "{err}"
        );
        assert!(
            err.contains("try a lower learning rate (--lr, now 10)"),
            "{err}"
        );
        if json {
            assert!(out.stdout.is_empty(), "no report on stdout");
        }
        // It stops where it found the divergence, long before epoch 1000.
        let epoch: u32 = err
            .split("epoch ")
            .nth(1)
            .and_then(|t| t.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(epoch < 1000, "{err}");
    }
    // The same config at a sane rate trains.
    let mut args = diverging;
    args[7] = "0.01";
    json(&args);
}

#[test]
fn negative_numbers_are_values_for_the_config_check() {
    fails_with(
        &["train", "--lr", "-1"],
        "--lr: '-1' is not a number above 0 and at most 10",
    );
    fails_with(&["train", "--lr", "-inf"], "--lr: '-inf' is not a number");
    fails_with(&["train", "--lr", "-.5"], "--lr: '-.5' is not a number");
    fails_with(
        &["train", "--noise", "-0.5"],
        "--noise: '-0.5' is not a number",
    );
    fails_with(&["train", "--points", "-100"], "--points: '-100'");
    fails_with(&["train", "--hidden", "-1"], "--hidden: '-1'");
    fails_with(
        &["train", "--train-ratio", "-1e-3"],
        "--train-ratio: '-1e-3'",
    );
    fails_with(
        &["train", "--hidden="],
        "--hidden: no value: expected widths",
    );
}

#[test]
fn epochs_are_a_whole_number_within_bounds() {
    for bad in ["1e12", "4294967296", "-1", "2.5", "NaN", "many", ""] {
        fails_with(
            &["train", "--epochs", bad],
            &format!("--epochs: '{bad}' is not a whole number of epochs from 0 to 4294967295"),
        );
    }
    assert_eq!(json(&["--epochs", "1e1"])["epochs"], 10);
    assert_eq!(json(&["--epochs", "0"])["epochs"], 0);
}

#[test]
fn bench_takes_only_a_sane_budget() {
    for bad in ["NaN", "inf", "-inf", "-5", "0", "1e9", "soon"] {
        let out = run_within(&["bench", "--budget-ms", bad], 20);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains(&format!(
                "--budget-ms: '{bad}' is not a number of milliseconds above 0 and at most 600000"
            )),
            "{bad}: {err}"
        );
    }
}

#[test]
fn drawn_points_train_as_the_custom_data_set() {
    // Four points on the plane [-1, 1.01]²: classes 0, 0, 1, 1.
    let drawn = "1~-1~-1~2.01~AAAAAQAAgAABv_AB";
    let v = json(&["--dataset", "custom", "--drawn", drawn, "--epochs", "3"]);
    assert_eq!(v["config"]["points"], 4);
    assert_eq!(v["config"]["drawn"], drawn);
    fails_with(
        &["train", "--dataset", "custom", "--drawn", "1~0~0~1~AA"],
        "--drawn: '1~0~0~1~AA' is not a drawing: each point takes exactly four characters",
    );
    fails_with(
        &["train", "--dataset", "custom"],
        "--train FILE.csv or --drawn",
    );
}
