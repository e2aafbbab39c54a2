//! The space views: grids against pointwise predictions, cards, edits and colours; the hidden
//! layers' pictures (axes, boundaries, the layer picker) in `projection`.

use super::*;
use crate::config::Config;
use crate::session::Session;
use nalgebra::DMatrix;

mod projection;

#[test]
fn grid_values_equal_pointwise_predictions() {
    let mut c = Config::default();
    c.set("hidden", "3,2").unwrap();
    let mut s = Session::new(c);
    s.step(2);
    let mut view = SpaceView::new(0, 16);
    s.render(&mut view);
    let info = view.info();
    assert!(info.available && info.lines);
    assert_eq!(info.images, 1 + 3 + 2 + 2);
    assert_eq!(info.feature_maps, 2);
    assert_eq!(view.rgba().len(), 8 * 16 * 16 * 4);
    let w = view.window();
    let (row, col) = (3, 11);
    let x = w.x[0] + (col as f64 + 0.5) * (w.x[1] - w.x[0]) / 16.0;
    let y = w.y[1] - (row as f64 + 0.5) * (w.y[1] - w.y[0]) / 16.0;
    let p = s.model().predict_one(&[x, y])[0];
    assert!((view.values()[row * 16 + col] as f64 - p).abs() < 1e-6);
    // The first hidden unit's plane holds tanh(x·W[:,0] + b0).
    let l = &s.model().layers[0];
    let a = (x * l.w[(0, 0)] + y * l.w[(1, 0)] + l.b[0]).tanh();
    assert!((view.values()[256 + row * 16 + col] as f64 - a).abs() < 1e-6);
}

#[test]
fn engineered_features_are_evaluated_on_the_plane() {
    let (c, _) = Config::from_query("dataset=xor&features=x1x2&hidden=none");
    let mut s = Session::new(c);
    s.step(3);
    let mut view = SpaceView::new(0, 8);
    s.render(&mut view);
    let info = view.info();
    assert!(info.available && !info.lines);
    let w = view.window();
    let x = w.x[0] + 0.5 * (w.x[1] - w.x[0]) / 8.0;
    let y = w.y[1] - 0.5 * (w.y[1] - w.y[0]) / 8.0;
    let p = s.model().predict_one(&[x * y])[0];
    assert!((view.values()[0] as f64 - p).abs() < 1e-6);
}

#[test]
fn multiclass_and_regression_views() {
    for (q, outputs) in [
        ("dataset=blobs3&hidden=4", 3),
        ("dataset=bumps&hidden=6", 1),
    ] {
        let (c, _) = Config::from_query(q);
        let mut s = Session::new(c);
        s.step(1);
        let mut view = SpaceView::new(0, 8);
        s.render(&mut view);
        let info = view.info();
        assert_eq!(info.images, 1 + s.config().hidden.0[0] + 2);
        assert_eq!(
            view.values().len(),
            (outputs + s.config().hidden.0[0] + 2) * 64,
            "{q}"
        );
    }
}

#[test]
fn a_two_unit_layer_is_its_own_plane() {
    let mut s = Session::new(Config::default());
    let mut view = SpaceView::new(1, 8);
    s.render(&mut view);
    let info = view.info();
    assert!(info.available && info.mode == Mode::Plane);
    assert_eq!(info.points, s.config().points);
    assert!(view.points().iter().all(|a| a.abs() <= 1.0));
    // The output's line is the output layer's own weights.
    let out = &s.model().layers[1];
    let b = &info.boundaries[0];
    assert!(b.exact && b.w == vec![out.w[(0, 0)], out.w[(1, 0)]] && b.b == out.b[0]);
}

pub(super) fn session(query: &str, epochs: u32) -> Session {
    let (c, errors) = Config::from_query(query);
    assert!(errors.is_empty(), "{errors:?}");
    let mut s = Session::new(c);
    s.step(epochs);
    s
}

/// Every point's activations in layer `layer`, one row each (training then test points).
pub(super) fn layer_activations(s: &Session, layer: usize) -> DMatrix<f64> {
    let data = s.data();
    let xs: Vec<[f64; 2]> = data.train.x.iter().chain(&data.test.x).copied().collect();
    let width = s.model().sizes()[layer];
    let mut ws = s.model().workspace(1);
    let mut out = DMatrix::zeros(xs.len(), width);
    for (r, x) in xs.iter().enumerate() {
        ws.a[0][(0, 0)] = x[0];
        ws.a[0][(0, 1)] = x[1];
        s.model().forward(&mut ws);
        for k in 0..width {
            out[(r, k)] = ws.a[layer][(0, k)];
        }
    }
    out
}

#[test]
fn the_warped_grid_carries_input_lines_into_the_layer() {
    let s = &mut session("dataset=band&hidden=2", 30);
    let mut view = SpaceView::new(1, 8);
    view.set_extras(true, false);
    s.render(&mut view);
    let shape = view.info().warp.expect("a warped grid");
    let stride = 4;
    assert_eq!(view.warp().len(), shape.lines * shape.samples * stride);
    // Each vertex's picture coordinates are the layer's activations at its input point.
    for v in view.warp().chunks_exact(stride).step_by(37) {
        let l = &s.model().layers[0];
        for k in 0..2 {
            let a = (v[0] * l.w[(0, k)] + v[1] * l.w[(1, k)] + l.b[k]).tanh();
            assert!((v[2 + k] - a).abs() < 1e-12);
        }
    }
    // The first line is x1 = the left edge of the input window, from bottom to top.
    let w = view.warp();
    assert_eq!(w[0], w[stride]);
    assert!(w[1] < w[stride + 1]);
}

#[test]
fn relu_regions_are_counted_on_the_input_plane() {
    let s = &mut session("dataset=circle&hidden=6&activation=relu", 50);
    let mut view = SpaceView::new(0, 32);
    view.set_extras(false, true);
    s.render(&mut view);
    let regions = view.info().regions.expect("regions");
    // Six lines cut the window into several pieces, at most 1 + 6 + 15.
    assert!((2..=22).contains(&regions), "{regions}");
    assert_eq!(view.regions_rgba().len(), 32 * 32 * 4);
}

#[test]
fn a_points_card_holds_its_forward_pass() {
    let s = &mut session("dataset=xor&hidden=3,2", 10);
    let c = card::card(s.model(), &s.config().features, s.data(), 5).unwrap();
    let x = s.data().train.x[5];
    assert_eq!((c.set, c.x, c.label), ("train", x, s.data().train.y[5]));
    let l0 = &s.model().layers[0];
    let u = &c.layers[0].units[1];
    let z = x[0] * l0.w[(0, 1)] + x[1] * l0.w[(1, 1)] + l0.b[1];
    assert!((u.z - z).abs() < 1e-12 && (u.a - z.tanh()).abs() < 1e-12);
    assert_eq!(u.terms, vec![[l0.w[(0, 1)], x[0]], [l0.w[(1, 1)], x[1]]]);
    assert!((c.output[0] - s.model().predict_one(&x)[0]).abs() < 1e-12);
    assert_eq!(c.layers[2].activation, "sigmoid");
    let n = s.data().train.len() + s.data().test.len();
    assert!(card::card(s.model(), &s.config().features, s.data(), n).is_none());
}

#[test]
fn set_param_edits_one_weight_and_training_goes_on() {
    let s = &mut session("dataset=xor&hidden=3", 3);
    s.set_param(0, 1, 2, 0.75).unwrap();
    s.set_param(0, 2, 2, -0.5).unwrap();
    assert_eq!(s.model().layers[0].w[(1, 2)], 0.75);
    assert_eq!(s.model().layers[0].b[2], -0.5);
    assert!(s.set_param(0, 3, 0, 1.0).is_err());
    assert!(s.set_param(5, 0, 0, 1.0).is_err());
    assert!(s.set_param(0, 0, 0, f64::NAN).is_err());
    let before = s.epoch();
    s.step(2);
    assert_eq!(s.epoch(), before + 2);
}

#[test]
fn diverged_weights_give_a_picture_not_a_hang() {
    let s = &mut session("dataset=xor&hidden=6,5", 2);
    let n = s.model().param_count();
    s.restore_params(&vec![f64::INFINITY; n]);
    for layer in [1, 2] {
        let mut view = SpaceView::new(layer, 8);
        view.set_extras(true, false);
        s.render(&mut view);
        let _ = view.info();
    }
}

#[test]
fn discretized_output_has_only_class_colours() {
    let s = &mut session("dataset=xor&hidden=4", 30);
    let mut view = SpaceView::new(0, 16);
    view.set_discrete(true);
    s.render(&mut view);
    let plane = 16 * 16;
    let colours: std::collections::BTreeSet<[u8; 3]> = view.rgba()[..plane * 4]
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    assert!(colours.len() <= 3 && colours.len() >= 2, "{colours:?}");
    // Each pixel has the colour of the class the model predicts at its centre.
    let w = view.window();
    let at = |row: usize, col: usize| {
        [
            w.x[0] + (col as f64 + 0.5) * (w.x[1] - w.x[0]) / 16.0,
            w.y[1] - (row as f64 + 0.5) * (w.y[1] - w.y[0]) / 16.0,
        ]
    };
    let mut by_class: [Option<[u8; 3]>; 2] = [None, None];
    for row in 0..16 {
        for col in 0..16 {
            let p = s.model().predict_one(&at(row, col))[0];
            if (p - 0.5).abs() < 1e-6 {
                continue;
            }
            let px = &view.rgba()[(row * 16 + col) * 4..][..3];
            let slot = &mut by_class[usize::from(p > 0.5)];
            let px = [px[0], px[1], px[2]];
            assert_eq!(*slot.get_or_insert(px), px);
        }
    }
}
