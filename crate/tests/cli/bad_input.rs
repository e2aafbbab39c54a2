//! Bad input to the `featurespace` binary: exit status 2 and a message that says what to change
//! (bad values and files, row limits, divergence, a bench budget).

use super::{fails_with, fixture, json, run};
use std::process::{Command, Output};

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
