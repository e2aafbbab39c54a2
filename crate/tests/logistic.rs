//! Logistic regression (`hidden=none`) fitted by L-BFGS equals the exact optimum of
//! scikit-learn's objective on the shared blobs, with and without the L2 penalty.

use featurespace::data::{self, csv, Split};
use featurespace::{Config, Session};
use serde_json::Value;

fn blobs() -> Split {
    let (all, task) = csv::parse(include_str!("fixtures/blobs.csv")).unwrap();
    Split {
        train: all,
        test: Default::default(),
        task,
    }
}

fn fit(l2: f64) -> Session {
    let (mut config, errors) = Config::from_query("dataset=custom&hidden=none&optimizer=lbfgs");
    assert!(errors.is_empty());
    config.l2 = l2;
    let mut s = Session::with_data(config, blobs());
    s.step(300);
    assert!(s.converged(), "L-BFGS converged within 300 iterations");
    s
}

fn check(l2: f64, case: &str) {
    let expected: Value = serde_json::from_str(include_str!("fixtures/expected.json")).unwrap();
    let opt = &expected["blobs"][case]["exact_optimum"];
    let s = fit(l2);
    let layer = &s.model().layers[0];
    let coef = [layer.w[(0, 0)], layer.w[(1, 0)]];
    let want: Vec<f64> = serde_json::from_value(opt["coef"].clone()).unwrap();
    let intercept = opt["intercept"].as_f64().unwrap();
    for k in 0..2 {
        assert!(
            (coef[k] - want[k]).abs() < 1e-6,
            "{case} coef {k}: {} vs {}",
            coef[k],
            want[k]
        );
    }
    assert!(
        (layer.b[0] - intercept).abs() < 1e-6,
        "{case} intercept {} vs {intercept}",
        layer.b[0]
    );
    // The mean log-loss matches too (the metric excludes the penalty).
    let mut s = s;
    let loss = s.train_metrics().loss;
    let want_loss = opt["mean_logloss_stable"].as_f64().unwrap();
    assert!(
        (loss - want_loss).abs() < 1e-9,
        "{case} loss {loss} vs {want_loss}"
    );
    assert!((s.train_metrics().accuracy.unwrap() - 0.925).abs() < 1e-12);
}

#[test]
fn equals_sklearn_optimum_with_c_1() {
    // C = 1 on n = 1000 points is l2 = 1 / (C·n).
    check(1.0 / 1000.0, "l2_C1_default");
}

#[test]
fn equals_sklearn_optimum_unpenalised() {
    check(0.0, "unpenalized_Cinf");
}

#[test]
fn split_keeps_every_point() {
    let (all, task) = csv::parse(include_str!("fixtures/blobs.csv")).unwrap();
    let s = data::split(all, 0.8, 3, task);
    assert_eq!(s.train.len(), 800);
    assert_eq!(s.test.len(), 200);
}
