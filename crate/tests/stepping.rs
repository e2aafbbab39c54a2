//! Stepping by one sample or one minibatch: the sample step is exactly one SGD update of that
//! sample's loss (checked against a closed form and against finite differences computed here),
//! the batch step is `step_batches(1)`, and the arrows say where the update moved the points.

use featurespace::nn::Mlp;
use featurespace::session::score;
use featurespace::views::SpaceView;
use featurespace::{Config, Session};

fn session(query: &str) -> Session {
    let (config, errors) = Config::from_query(query);
    assert!(errors.is_empty(), "{errors:?}");
    Session::new(config)
}

fn params(model: &Mlp) -> Vec<f64> {
    let mut p = vec![0.0; model.param_count()];
    model.write_params(&mut p);
    p
}

fn assert_close(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= tol * (1.0 + y.abs()),
            "param {k}: {x} vs {y}"
        );
    }
}

#[test]
fn a_sample_step_of_logistic_regression_is_w_minus_lr_p_minus_y_x() {
    let mut s = session("hidden=none&optimizer=sgd&lr=0.3&seed=4");
    s.step(2);
    let i = 7;
    let [x1, x2] = s.data().train.x[i];
    let y = s.data().train.y[i];
    let before = s.model().weights();
    let (w1, w2, b) = (before[0].w[0][0], before[0].w[1][0], before[0].b[0]);
    let p = 1.0 / (1.0 + (-(w1 * x1 + w2 * x2 + b)).exp());
    let epoch = s.epoch();
    let update = s.step_sample(Some(i)).unwrap();
    assert_eq!(update.points, vec![i]);
    assert_eq!(update.kind, "sample");
    let after = s.model().weights();
    let lr = 0.3;
    let expected = [
        w1 - lr * (p - y) * x1,
        w2 - lr * (p - y) * x2,
        b - lr * (p - y),
    ];
    let got = [after[0].w[0][0], after[0].w[1][0], after[0].b[0]];
    assert_close(&got, &expected, 1e-12);
    // Outside the epochs: the count stays.
    assert_eq!(s.epoch(), epoch);
    assert!(update.loss_after < update.loss_before, "{update:?}");
    // The reference the browser test uses agrees with the closed form.
    let mut s2 = session("hidden=none&optimizer=sgd&lr=0.3&seed=4");
    s2.step(2);
    let reference = s2.reference_sgd_step(i).unwrap();
    assert_close(&reference, &params(s.model()), 1e-7);
}

/// −y·log p − (1−y)·log(1−p) of one point, with the network's own forward pass.
fn bce(model: &Mlp, x: [f64; 2], y: f64) -> f64 {
    let p = model.predict_one(&x)[0];
    -y * p.ln() - (1.0 - y) * (1.0 - p).ln()
}

#[test]
fn a_sample_step_with_a_hidden_layer_is_one_sgd_step_of_a_finite_difference_gradient() {
    for query in [
        "hidden=2&optimizer=sgd&lr=0.1",
        "dataset=xor&hidden=3,2&activation=sigmoid&optimizer=sgd&lr=0.5&seed=9",
    ] {
        let mut s = session(query);
        s.step(3);
        let i = s.next_sample().unwrap();
        let x = s.data().train.x[i];
        let y = s.data().train.y[i];
        let mut model = s.model().clone();
        let theta = params(&model);
        let lr = s.config().lr;
        let mut expected = theta.clone();
        let mut probe = theta.clone();
        for k in 0..theta.len() {
            let h = 1e-6;
            probe[k] = theta[k] + h;
            model.read_params(&probe);
            let up = bce(&model, x, y);
            probe[k] = theta[k] - h;
            model.read_params(&probe);
            let down = bce(&model, x, y);
            probe[k] = theta[k];
            expected[k] -= lr * (up - down) / (2.0 * h);
        }
        let update = s.step_sample(None).unwrap();
        assert_eq!(
            update.points,
            vec![i],
            "{query}: the next point of the order"
        );
        assert_close(&params(s.model()), &expected, 1e-7);
        assert_ne!(params(s.model()), theta);
        // The next sample step takes the next point of the order.
        assert_ne!(s.next_sample(), Some(i));
    }
}

#[test]
fn a_batch_step_is_step_batches_of_one_and_says_which_points() {
    let query = "hidden=2&batch=10&points=100&trainRatio=0.5";
    let (mut a, mut b) = (session(query), session(query));
    a.step(1);
    b.step(1);
    let mut seen = Vec::new();
    let per_epoch = a.batches_per_epoch();
    assert_eq!(per_epoch, 5);
    for k in 0..per_epoch {
        let update = a.step_batch().unwrap();
        let ended = b.step_batches(1);
        assert_eq!(update.epoch_ended, ended == 1);
        assert_eq!(update.epoch_ended, k + 1 == per_epoch);
        assert_eq!(update.points.len(), 10);
        assert_eq!(a.model(), b.model(), "batch {k}");
        seen.extend(update.points);
    }
    assert_eq!(a.epoch(), 2);
    seen.sort_unstable();
    assert_eq!(
        seen,
        (0..50).collect::<Vec<_>>(),
        "an epoch uses every point once"
    );
    // A short last batch: 50 points in batches of 15.
    let mut c = session("hidden=2&batch=15&points=100&trainRatio=0.5");
    let sizes: Vec<usize> = (0..4)
        .map(|_| c.step_batch().unwrap().points.len())
        .collect();
    assert_eq!(sizes, [15, 15, 15, 5]);
}

#[test]
fn lbfgs_cannot_step_by_sample_and_a_bad_index_is_named() {
    let mut s = session("hidden=none&optimizer=lbfgs");
    assert!(s.step_sample(None).unwrap_err().contains("L-BFGS"));
    let n = s.data().train.len();
    let mut t = session("hidden=2&optimizer=sgd");
    assert!(t
        .step_sample(Some(n))
        .unwrap_err()
        .contains("not a training point"));
}

#[test]
fn arrows_in_the_hidden_space_go_from_before_to_after_on_fixed_axes() {
    let mut s = session("hidden=2&optimizer=sgd&lr=0.5&batch=8");
    s.step(5);
    let mut view = SpaceView::new(1, 32);
    s.render(&mut view);
    let before: Vec<f64> = view.points().to_vec();
    let update = s.step_batch().unwrap();
    s.render(&mut view);
    let after = view.points();
    let mut arrows = Vec::new();
    let (m, f, d) = (s.model(), &s.config().features, s.data());
    view.arrows(&update.before, m, f, d, &update.points, &mut arrows);
    assert_eq!(arrows.len(), 5 * update.points.len());
    let mut moved = 0.0;
    for a in arrows.chunks_exact(5) {
        let i = a[0] as usize;
        // A 2-unit layer is its own plane: the axes are the units, fixed.
        assert!((a[1] - after[2 * i]).abs() < 1e-12 && (a[2] - after[2 * i + 1]).abs() < 1e-12);
        assert!((a[1] - a[3] - before[2 * i]).abs() < 1e-12);
        assert!((a[2] - a[4] - before[2 * i + 1]).abs() < 1e-12);
        moved += a[3].abs() + a[4].abs();
    }
    assert!(moved > 0.0);
}

#[test]
fn arrows_in_the_input_plane_move_the_output_as_the_update_did() {
    let mut s = session("hidden=2&optimizer=sgd&lr=0.005");
    s.step(3);
    let mut view = SpaceView::new(0, 32);
    let update = s.step_sample(Some(3)).unwrap();
    s.render(&mut view);
    let mut arrows = Vec::new();
    let (m, f, d) = (s.model(), &s.config().features, s.data());
    view.arrows(&update.before, m, f, d, &update.points, &mut arrows);
    let [_, x1, x2, dx, dy] = arrows[..] else {
        panic!("one arrow: {arrows:?}")
    };
    assert_eq!([x1, x2], d.train.x[3], "anchored at the point");
    let y = d.train.y[3];
    // Under the old weights, moving the point by the arrow changes its own-class probability
    // as much as the update did (to first order).
    let target = score(m, f, [x1, x2], y) - score(&update.before, f, [x1, x2], y);
    let moved =
        score(&update.before, f, [x1 + dx, x2 + dy], y) - score(&update.before, f, [x1, x2], y);
    assert!(
        target > 0.0,
        "a small SGD step raises the point's own-class probability"
    );
    assert!(
        (moved - target).abs() < 0.05 * target,
        "{moved} vs {target}"
    );
    // The arrows clear once the weights change otherwise.
    assert!(s.shows(&update));
    s.step(1);
    assert!(!s.shows(&update));
}

#[test]
fn three_classes_and_regression_step_and_draw_finite_arrows() {
    for query in [
        "dataset=blobs3&hidden=4&optimizer=sgd",
        "dataset=plane&hidden=3,2",
    ] {
        let mut s = session(query);
        s.step(2);
        for update in [s.step_sample(None).unwrap(), s.step_batch().unwrap()] {
            assert!(update.loss_before.is_finite() && update.loss_after.is_finite());
            for layer in [0, s.config().hidden.0.len()] {
                let mut view = SpaceView::new(layer, 24);
                s.render(&mut view);
                let mut arrows = Vec::new();
                let (m, f, d) = (s.model(), &s.config().features, s.data());
                view.arrows(&update.before, m, f, d, &update.points, &mut arrows);
                assert_eq!(
                    arrows.len(),
                    5 * update.points.len(),
                    "{query} layer {layer}"
                );
                assert!(arrows.iter().all(|v| v.is_finite()));
            }
        }
    }
}
