//! The timeline: bounded memory, scrubbing, and continuing bit for bit.

use crate::config::{Config, OptimizerKind};
use crate::session::Session;

fn config(optimizer: OptimizerKind, hidden: &str) -> Config {
    let (mut config, errors) = Config::from_query(&format!("hidden={hidden}&batch=7&points=60"));
    assert!(errors.is_empty(), "{errors:?}");
    config.optimizer = optimizer;
    config
}

fn params(s: &Session) -> Vec<u64> {
    let mut p = vec![0.0; s.model().param_count()];
    s.model().write_params(&mut p);
    p.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn continue_from_here_repeats_a_fresh_run_bit_for_bit() {
    for optimizer in [
        OptimizerKind::Sgd,
        OptimizerKind::Adam,
        OptimizerKind::Momentum,
        OptimizerKind::Rmsprop,
    ] {
        let mut resumed = Session::new(config(optimizer, "4,3"));
        // Past the capacity, so that the timeline has thinned (stride 2 by 300 epochs).
        resumed.step(300);
        let epochs = resumed.timeline();
        assert!(epochs.len() <= super::CAPACITY && epochs.len() > 100);
        assert!(epochs.windows(2).all(|w| w[0] < w[1]));
        // Latest first: going back drops only what comes after.
        for &back in &[
            epochs[epochs.len() - 2],
            epochs[epochs.len() / 3],
            epochs[0],
        ] {
            let mut fresh = Session::new(config(optimizer, "4,3"));
            fresh.step(back as u32);
            assert_eq!(resumed.continue_from(back), Ok(back));
            assert_eq!(resumed.epoch(), back);
            assert_eq!(params(&resumed), params(&fresh), "{optimizer:?} at {back}");
            assert!(resumed.history().iter().all(|e| e[0] <= back as f64));
            assert_eq!(resumed.timeline().last(), Some(&back));
            fresh.step(37);
            resumed.step(37);
            assert_eq!(
                params(&resumed),
                params(&fresh),
                "{optimizer:?} {back} + 37"
            );
            // Mid-epoch stops make no difference either.
            fresh.step_batches(3);
            resumed.step_batches(3);
            fresh.step(2);
            resumed.step(2);
            assert_eq!(params(&resumed), params(&fresh));
            assert!(resumed.continue_from(back).is_ok(), "still on the timeline");
        }
    }
}

#[test]
fn scrubbing_shows_an_old_epoch_while_the_live_run_goes_on() {
    let mut run = Session::new(config(OptimizerKind::Adam, "3"));
    run.step(40);
    let at_20 = {
        let mut fresh = Session::new(config(OptimizerKind::Adam, "3"));
        fresh.step(20);
        params(&fresh)
    };
    assert_eq!(run.scrub(Some(20)), Some(20));
    let live = params(&run);
    run.show_scrubbed(true);
    assert_eq!(params(&run), at_20);
    run.show_scrubbed(false);
    assert_eq!(params(&run), live);
    // Training while scrubbed trains the live run; the scrubbed epoch stays shown.
    run.show_scrubbed(true);
    run.step(10);
    assert_eq!(run.epoch(), 50);
    assert_eq!(run.scrubbed(), Some(20));
    run.show_scrubbed(true);
    assert_eq!(params(&run), at_20);
    run.show_scrubbed(false);
    let mut fresh = Session::new(config(OptimizerKind::Adam, "3"));
    fresh.step(50);
    assert_eq!(params(&run), params(&fresh));
    assert_eq!(run.scrub(None), None);
    assert!(run.continue_from(1000).is_err());
    // An epoch shown that the timeline thins away gives way to the nearest one kept.
    assert_eq!(run.scrub(Some(49)), Some(49));
    run.step(300);
    let shown = run.scrubbed().unwrap();
    assert!(
        run.timeline().contains(&shown) && shown.abs_diff(49) <= 2,
        "{shown}"
    );
    assert!(run.continue_from(shown).is_ok());
}

#[test]
fn stays_bounded_for_long_runs_and_wide_networks() {
    let mut run = Session::new(config(OptimizerKind::Sgd, "2"));
    run.step(5_000);
    let epochs = run.timeline();
    assert!(epochs.len() <= super::CAPACITY && epochs.len() > super::CAPACITY / 2);
    assert_eq!(epochs[0], 0);
    assert!(*epochs.last().unwrap() > 4_900, "{:?}", epochs.last());
    // 256 × 256 × 2 weights with Adam's two moments: about 3 MB an entry.
    let (mut wide, errors) = Config::from_query("hidden=256,256,256&points=20&batch=20");
    assert!(errors.is_empty());
    wide.optimizer = OptimizerKind::Adam;
    let mut run = Session::new(wide);
    run.step(14);
    assert!(
        run.timeline_bytes() <= super::BUDGET,
        "{}",
        run.timeline_bytes()
    );
    let epochs = run.timeline();
    assert!(epochs.len() >= 2 && epochs.len() <= 10, "{epochs:?}");
    assert!(*epochs.last().unwrap() >= 8, "{epochs:?}");
    assert_eq!(epochs[0], 0);
    let back = epochs[epochs.len() / 2];
    let mut fresh = Session::new(run.config().clone());
    fresh.step(back as u32);
    run.continue_from(back).unwrap();
    assert_eq!(params(&run), params(&fresh));
}

#[test]
fn a_run_back_from_the_worker_is_recorded_and_lbfgs_continues_afresh() {
    let mut worker = Session::new(config(OptimizerKind::Adam, "3"));
    let mut page = Session::new(config(OptimizerKind::Adam, "3"));
    for _ in 0..5 {
        worker.step(13);
        page.restore(&worker.snapshot().unwrap()).unwrap();
    }
    assert_eq!(page.timeline(), vec![0, 13, 26, 39, 52, 65]);
    let mut fresh = Session::new(config(OptimizerKind::Adam, "3"));
    fresh.step(26);
    page.continue_from(26).unwrap();
    assert_eq!(params(&page), params(&fresh));

    let mut lbfgs = Session::new(config(OptimizerKind::Lbfgs, "3"));
    lbfgs.step(10);
    assert!(!lbfgs.timeline_exact());
    let mut fresh = Session::new(config(OptimizerKind::Lbfgs, "3"));
    fresh.step(4);
    lbfgs.continue_from(4).unwrap();
    assert_eq!(params(&lbfgs), params(&fresh), "the weights are exact");
    lbfgs.step(3);
    assert_eq!(lbfgs.epoch(), 7);
}
