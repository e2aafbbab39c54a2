//! Stop conditions end a run at the first epoch that meets them, however it is stepped, and
//! the history's accuracies are the metrics of the weights at each kept epoch.

use featurespace::session::StopReason;
use featurespace::{Config, Metrics, Session};

fn config(query: &str) -> Config {
    let (c, errors) = Config::from_query(query);
    assert!(errors.is_empty(), "{errors:?}");
    c
}

/// The training metrics after every epoch 1..=n of an unconditioned run, stepped one at a time.
fn per_epoch(query: &str, n: u64) -> Vec<Metrics> {
    let mut s = Session::new(config(query));
    (0..n)
        .map(|_| {
            s.step(1);
            s.train_metrics()
        })
        .collect()
}

/// Steps a session the three ways the page does: whole epochs at once, one at a time, and a
/// few minibatches per call; each must end at the same epoch with the same weights.
fn stopped_runs(query: &str, limit: u32) -> Vec<Session> {
    let mut whole = Session::new(config(query));
    whole.step(limit);
    let mut single = Session::new(config(query));
    for _ in 0..limit {
        single.step(1);
    }
    let mut sliced = Session::new(config(query));
    for _ in 0..limit * 100 {
        sliced.step_batches(3);
    }
    vec![whole, single, sliced]
}

#[test]
fn stop_at_epoch_halts_at_that_epoch_until_taken_then_goes_on_disarmed() {
    for q in [
        "dataset=xor&hidden=4&stopAtEpoch=37",
        "dataset=xor&hidden=4&optimizer=lbfgs&stopAtEpoch=37",
    ] {
        for mut s in stopped_runs(q, 100) {
            assert_eq!(s.epoch(), 37, "{q}");
            let stop = s.stopped().expect("stopped").clone();
            assert_eq!((stop.epoch, stop.reason), (37, StopReason::Epoch));
            assert!(
                stop.message.starts_with("Stopped at epoch 37"),
                "{}",
                stop.message
            );
            s.step(5);
            assert_eq!(s.epoch(), 37, "halted until the stop is taken");
            assert_eq!(s.take_stop(), Some(stop));
            s.step(5);
            assert_eq!(s.epoch(), 42, "{q}: goes on");
            assert!(
                s.stopped().is_none(),
                "the conditions fired once for this run"
            );
        }
    }
}

#[test]
fn stop_at_loss_and_accuracy_end_at_the_first_epoch_that_meets_them() {
    let base = "dataset=xor&hidden=6&activation=relu&lr=0.02&batch=8";
    let reference = per_epoch(base, 400);
    let first =
        |hit: &dyn Fn(&Metrics) -> bool| reference.iter().position(hit).map(|i| i as u64 + 1);
    let loss_target = 0.25;
    let acc_target = 0.95;
    let at_loss = first(&|m| m.loss <= loss_target).expect("the loss target is reached");
    let at_acc = first(&|m| m.accuracy.unwrap() >= acc_target).expect("the accuracy is reached");
    assert!(at_loss > 2 && at_acc > 2, "{at_loss} {at_acc}");
    let mut plain = Session::new(config(base));
    for (query, epoch, reason, target) in [
        (
            format!("{base}&stopAtLoss={loss_target}"),
            at_loss,
            StopReason::Loss,
            loss_target,
        ),
        (
            format!("{base}&stopAtAccuracy={acc_target}"),
            at_acc,
            StopReason::Accuracy,
            acc_target,
        ),
    ] {
        plain.step((epoch - plain.epoch()) as u32);
        let expected = plain.model().weights();
        for s in stopped_runs(&query, 400) {
            assert_eq!(s.epoch(), epoch, "{query}");
            let stop = s.stopped().unwrap();
            assert_eq!((stop.reason, stop.target), (reason, target));
            let m = reference[epoch as usize - 1];
            let value = if reason == StopReason::Loss {
                m.loss
            } else {
                m.accuracy.unwrap()
            };
            assert_eq!(stop.value, value);
            // Checking costs a pass over the data but changes nothing of the training.
            assert_eq!(s.model().weights(), expected, "{query}");
        }
    }
}

#[test]
fn stop_at_accuracy_is_ignored_and_explained_for_regression() {
    let mut s = Session::new(config("dataset=plane&hidden=3&stopAtAccuracy=0.5"));
    assert!(s.stop_note().unwrap().contains("regression"));
    s.step(30);
    assert_eq!(s.epoch(), 30);
    assert!(s.stopped().is_none());
    assert!(Session::new(config("dataset=xor&stopAtAccuracy=0.5"))
        .stop_note()
        .is_none());
}

#[test]
fn history_accuracies_are_the_metrics_at_those_epochs() {
    for q in [
        "dataset=circle&hidden=4&batch=10",
        "dataset=blobs3&hidden=5&optimizer=sgd&lr=0.1",
        "dataset=xor&hidden=3&optimizer=lbfgs",
        "dataset=xor&hidden=3&trainRatio=1",
        "dataset=plane&hidden=3",
    ] {
        let mut s = Session::new(config(q));
        let mut seen = Vec::new();
        for _ in 0..40 {
            s.step(1);
            seen.push((s.train_metrics(), s.test_metrics()));
        }
        let h = s.history();
        assert_eq!(h.len(), 40, "{q}");
        for (e, (train, test)) in h.iter().zip(&seen) {
            let same = |a: f64, b: Option<f64>| match b {
                Some(b) => a == b,
                None => a.is_nan(),
            };
            assert!(
                same(e[3], train.accuracy),
                "{q} epoch {}: {e:?} {train:?}",
                e[0]
            );
            assert!(
                same(e[4], test.and_then(|t| t.accuracy)),
                "{q} epoch {}",
                e[0]
            );
            assert!(same(e[2], test.map(|t| t.loss)), "{q} epoch {}", e[0]);
        }
    }
}

#[test]
fn snapshots_keep_the_accuracies_and_the_stop() {
    let q = "dataset=spiral&hidden=8,8&batch=16&stopAtEpoch=700";
    let mut stayed = Session::new(config(q));
    stayed.step(650);
    let snapshot = stayed.snapshot().unwrap();
    assert!(snapshot
        .history
        .iter()
        .all(|e| e[3].is_finite() && e[4].is_finite()));
    let json = serde_json::to_string(&snapshot).unwrap();
    let back: featurespace::session::Snapshot = serde_json::from_str(&json).unwrap();
    let mut moved = Session::new(config(q));
    moved.restore(&back).unwrap();
    assert_eq!(moved.history(), stayed.history());
    // A moved run stops at the same epoch, and the stop travels back with the run.
    stayed.step(100);
    moved.step(100);
    assert_eq!((stayed.epoch(), moved.epoch()), (700, 700));
    assert_eq!(moved.model().weights(), stayed.model().weights());
    let mut back_home = Session::new(config(q));
    back_home.restore(&moved.snapshot().unwrap()).unwrap();
    assert_eq!(back_home.stopped(), stayed.stopped());
    back_home.step(1);
    assert_eq!(back_home.epoch(), 700, "still halted");
    back_home.take_stop();
    back_home.step(1);
    assert_eq!(back_home.epoch(), 701);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_cli_honours_the_stop_conditions() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_featurespace"))
        .args([
            "train",
            "--dataset",
            "xor",
            "--hidden",
            "4",
            "--batch",
            "10",
        ])
        .args(["--epochs", "300", "--stop-at-epoch", "37", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["epochs"], 37);
    assert_eq!(v["stopped"]["reason"], "epoch");
    assert_eq!(v["config"]["stopAtEpoch"], 37);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_featurespace"))
        .args(["train", "--stop-at-accuracy", "1.5"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--stop-at-accuracy"));
}
