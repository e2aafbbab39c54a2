//! The `featurespace` binary: output on good input, exit status 2 and a clear message on bad.
#![cfg(not(target_arch = "wasm32"))]

use featurespace::{Config, Session};
use serde_json::Value;
use std::process::{Command, Output};

/// Bad input, refused with exit status 2.
mod bad_input;

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
    let expected: Value = serde_json::from_str(include_str!("../fixtures/expected.json")).unwrap();
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
