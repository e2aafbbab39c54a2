//! End-to-end training in the pure-Rust core: the tutorial's setup learns the band.

use featurespace::{Config, Session};

#[test]
fn tutorial_setup_reaches_full_training_accuracy() {
    let mut s = Session::new(Config::default());
    let before = s.train_metrics();
    s.step(100);
    let after = s.train_metrics();
    println!(
        "before {before:?} after {after:?} test {:?}",
        s.test_metrics()
    );
    assert!(after.loss < before.loss / 4.0);
    assert!(after.accuracy.unwrap() >= 0.99, "{after:?}");
    assert!(s.test_metrics().unwrap().accuracy.unwrap() >= 0.97);
    assert_eq!(s.epoch(), 100);
    assert_eq!(s.history().len(), 100);
}

#[test]
fn same_config_same_weights() {
    let run = || {
        let mut s = Session::new(Config::default());
        s.step(3);
        s.model().clone()
    };
    assert_eq!(run(), run());
}

#[test]
fn every_setting_trains_without_nan() {
    for q in [
        "dataset=xor&hidden=8,8&activation=relu&optimizer=sgd&lr=0.1",
        "dataset=blobs&hidden=none&optimizer=adam",
        "dataset=band&hidden=4&activation=sigmoid&batch=1000",
        "dataset=xor&hidden=3&activation=linear&trainRatio=1",
    ] {
        let (c, errors) = Config::from_query(q);
        assert!(errors.is_empty());
        let mut s = Session::new(c);
        s.step(5);
        let m = s.train_metrics();
        assert!(
            m.loss.is_finite() && m.accuracy.unwrap() > 0.3,
            "{q}: {m:?}"
        );
    }
}

#[test]
fn logistic_regression_learns_the_blobs() {
    let (c, _) =
        Config::from_query("dataset=blobs&hidden=none&optimizer=sgd&lr=0.5&batch=50&points=1000");
    let mut s = Session::new(c);
    s.step(50);
    let m = s.train_metrics();
    // The Bayes rate for these two unit Gaussians is about 92%.
    assert!(m.accuracy.unwrap() > 0.88, "{m:?}");
}
