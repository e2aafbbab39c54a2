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

/// A run moved to another session mid-way (as the page moves it to its training worker and
/// back) goes on exactly as if it had stayed: same weights, epoch and loss history.
#[test]
fn a_snapshot_carries_a_run_to_another_session_bit_for_bit() {
    for query in [
        "dataset=circle&hidden=4,2&optimizer=sgd&lr=0.03&batch=10",
        "dataset=spiral&hidden=8,8&optimizer=adam&lr=0.01&batch=16",
        "dataset=xor&hidden=5&optimizer=momentum&nesterov=true&batch=7",
        "dataset=blobs3&hidden=6&optimizer=rmsprop&l1=0.001&batch=25",
    ] {
        let (config, errors) = Config::from_query(query);
        assert!(errors.is_empty(), "{errors:?}");
        let mut stayed = Session::new(config.clone());
        stayed.step(1500);
        let snapshot = stayed.snapshot().expect("stochastic");
        // The history has thinned out by now, so its stride travels too.
        assert!(snapshot.history_stride > 1, "{query}");
        let mut moved = Session::new(config.clone());
        moved.step(3);
        moved.restore(&snapshot).unwrap();
        assert_eq!(moved.snapshot().as_ref(), Some(&snapshot), "{query}");
        stayed.step(37);
        moved.step(37);
        assert_eq!(moved.epoch(), 1537);
        assert_eq!(moved.model().weights(), stayed.model().weights(), "{query}");
        assert_eq!(moved.history(), stayed.history(), "{query}");
    }
}

#[test]
fn snapshots_refuse_other_networks_and_lbfgs() {
    let (config, _) = Config::from_query("hidden=4");
    let snapshot = Session::new(config).snapshot().unwrap();
    let (other, _) = Config::from_query("hidden=5");
    assert!(Session::new(other).restore(&snapshot).is_err());
    let (lbfgs, _) = Config::from_query("hidden=4&optimizer=lbfgs");
    let mut s = Session::new(lbfgs);
    assert!(s.snapshot().is_none());
    assert!(s.restore(&snapshot).is_err());
    let mut broken = snapshot.clone();
    broken.order[0] = broken.order[1];
    let (config, _) = Config::from_query("hidden=4");
    assert!(
        Session::new(config).restore(&broken).is_err(),
        "order must be a permutation"
    );
}

#[test]
fn training_by_minibatches_in_any_slices_equals_whole_epochs() {
    for query in [
        "dataset=spiral&hidden=6,4&optimizer=adam&batch=7&seed=3",
        "dataset=xor&hidden=3&optimizer=momentum&nesterov=true&batch=16&l2=0.01",
        "dataset=blobs3&hidden=5&optimizer=rmsprop&batch=33",
    ] {
        let (config, errors) = Config::from_query(query);
        assert!(errors.is_empty());
        let mut whole = Session::new(config.clone());
        whole.step(9);
        let mut sliced = Session::new(config.clone());
        let per_epoch = sliced.batches_per_epoch();
        assert!(per_epoch > 3, "{query}: {per_epoch}");
        // Slices of 1, 2, 3, … minibatches, crossing epoch ends; a snapshot taken mid-epoch
        // continues in another session.
        let (mut done, mut k) = (0u64, 1usize);
        let mut moved = false;
        while done < 9 {
            done += sliced.step_batches(k);
            k = k % 5 + 1;
            if !moved && done == 4 {
                sliced.step_batches(2);
                let snap = sliced.snapshot().unwrap();
                assert_ne!(snap.cursor, 0, "{query}: mid-epoch");
                let mut other = Session::new(config.clone());
                other.restore(&snap).unwrap();
                sliced = other;
                moved = true;
            }
        }
        assert_eq!(sliced.epoch(), 9);
        assert_eq!(sliced.model(), whole.model(), "{query}: weights");
        assert_eq!(sliced.history(), whole.history(), "{query}: loss history");
    }
}

#[test]
fn step_finishes_an_epoch_under_way() {
    let mut a = Session::new(Config::default());
    a.step(2);
    let mut b = Session::new(Config::default());
    assert_eq!(b.step_batches(5), 0);
    b.step(1); // the rest of epoch 1
    assert_eq!(b.epoch(), 1);
    b.step(1);
    assert_eq!(b.model(), a.model());
}

#[test]
fn a_diverged_run_goes_back_to_its_last_finite_weights() {
    let (config, errors) = Config::from_query("dataset=plane&hidden=none&optimizer=sgd&lr=10");
    assert!(errors.is_empty());
    let mut s = Session::new(config);
    let mut scratch = Vec::new();
    let mut epochs = 0;
    while s.weights_finite(&mut scratch) && epochs < 2000 {
        s.step(10);
        epochs += 10;
    }
    assert!(!s.weights_finite(&mut scratch), "the run diverges");
    assert!(!s.train_metrics().loss.is_finite());
    let back = s.restore_finite();
    assert!(back < s.epoch(), "{back} before {}", s.epoch());
    assert!(s.weights_finite(&mut scratch));
    assert!(s.train_metrics().loss.is_finite());
    // A snapshot carries the checkpoint to another session.
    let (config, _) = Config::from_query("dataset=plane&hidden=none&optimizer=sgd&lr=10");
    let mut t = Session::new(config);
    t.step(3);
    let snap = t.snapshot().unwrap();
    assert_eq!(snap.finite_epoch, 3);
}
