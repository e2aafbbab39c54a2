//! The space views: grids against pointwise predictions, and every hidden layer's picture.

use super::*;
use crate::config::Config;
use crate::session::Session;
use nalgebra::{DMatrix, DVector};

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

fn session(query: &str, epochs: u32) -> Session {
    let (c, errors) = Config::from_query(query);
    assert!(errors.is_empty(), "{errors:?}");
    let mut s = Session::new(c);
    s.step(epochs);
    s
}

/// Every point's activations in layer `layer`, one row each (training then test points).
fn layer_activations(s: &Session, layer: usize) -> DMatrix<f64> {
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
fn the_projected_boundary_classifies_every_point_as_the_model_does() {
    for (hidden, seed) in [("3", 1), ("8", 2), ("8,8", 3), ("5,16", 4), ("32", 5)] {
        let s = &mut session(
            &format!("dataset=circle&hidden={hidden}&seed={seed}&activation=relu"),
            40,
        );
        let depth = s.config().hidden.0.len();
        let mut view = SpaceView::new(depth, 16);
        view.set_axes(AxesRequest::Projection);
        s.render(&mut view);
        let info = view.info();
        assert!(info.available && info.mode == Mode::Projection, "{hidden}");
        let line = &info.boundaries[0];
        // A vertical line: axis 1 is the output weights' direction.
        assert!(
            line.exact && line.w[1].abs() < 1e-9 && line.w[0] > 0.0,
            "{hidden}: {line:?}"
        );
        let data = s.data();
        let xs: Vec<[f64; 2]> = data.train.x.iter().chain(&data.test.x).copied().collect();
        let mut agree = 0;
        for (i, x) in xs.iter().enumerate() {
            let p = s.model().predict_one(x)[0];
            let side =
                line.w[0] * view.points()[2 * i] + line.w[1] * view.points()[2 * i + 1] + line.b;
            // Right of the line exactly where the model says class 1 (ties have measure zero).
            if (side > 0.0) == (p > 0.5) {
                agree += 1;
            }
        }
        assert_eq!(agree, xs.len(), "{hidden}");
        // The heatmap varies along axis 1 only: every column is one value.
        let res = info.res;
        for col in 0..res {
            let top = view.values()[col];
            for row in 1..res {
                assert!(
                    (view.values()[row * res + col] - top).abs() < 1e-5,
                    "{hidden}"
                );
            }
        }
    }
}

#[test]
fn the_second_axis_is_the_principal_component_orthogonal_to_w() {
    let s = &mut session("dataset=xor&hidden=6&seed=7", 30);
    let mut view = SpaceView::new(1, 8);
    s.render(&mut view);
    assert_eq!(view.info().mode, Mode::Projection);
    let acts = layer_activations(s, 1);
    let n = acts.nrows() as f64;
    let mean = DVector::from_fn(6, |k, _| acts.column(k).sum() / n);
    let centred = DMatrix::from_fn(acts.nrows(), 6, |r, c| acts[(r, c)] - mean[c]);
    let w: DVector<f64> = s.model().layers[1].w.column(0).into_owned();
    let e1 = &w / w.norm();
    let p = DMatrix::<f64>::identity(6, 6) - &e1 * e1.transpose();
    // The top right singular vector of the centred activations with w projected out.
    let svd = (&centred * &p).svd(false, true);
    let k = svd.singular_values.imax();
    let pc: DVector<f64> = svd.v_t.unwrap().row(k).transpose();
    let axes = &view.basis().axes;
    assert!((&axes[0] - &e1).amax() < 1e-9);
    let sign = axes[1].dot(&pc).signum();
    assert!((&axes[1] - pc * sign).amax() < 1e-9, "{:?}", axes[1]);
    // The origin is the mean with the two axes' parts taken out.
    let o = &view.basis().origin;
    assert!(o.dot(&axes[0]).abs() < 1e-9 && o.dot(&axes[1]).abs() < 1e-9);
}

#[test]
fn wide_layers_use_power_iteration_to_the_same_axis() {
    // 40 correlated columns: the leading eigenvector by power iteration and by an exact
    // eigendecomposition agree.
    let rows = DMatrix::from_fn(120, 40, |r, c| {
        ((r * 7 + c * 3) % 11) as f64 * (1.0 + c as f64 / 40.0) + (r as f64).sin()
    });
    let e = eigen::leading_component(&rows, &[]).unwrap();
    let eig = nalgebra::SymmetricEigen::new(rows.transpose() * &rows);
    let k = eig.eigenvalues.imax();
    let exact: DVector<f64> = eig.eigenvectors.column(k).into_owned();
    assert!((&e - &exact * e.dot(&exact).signum()).amax() < 1e-7);
}

#[test]
fn three_classes_keep_every_boundary_exact() {
    let s = &mut session("dataset=blobs3&hidden=8", 20);
    let mut view = SpaceView::new(1, 8);
    s.render(&mut view);
    let info = view.info();
    assert_eq!(info.mode, Mode::Projection);
    assert_eq!(info.boundaries.len(), 3);
    assert!(
        info.boundaries.iter().all(|b| b.exact),
        "{:?}",
        info.boundaries
    );
    // The heatmap's classes agree with the model at the points' own projections.
    let data = s.data();
    for (i, x) in data.train.x.iter().enumerate().take(50) {
        let p = s.model().predict_one(x);
        let best = (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        let (u, v) = (view.points()[2 * i], view.points()[2 * i + 1]);
        // Class c beats class d where boundary c|d is positive.
        for b in &info.boundaries {
            let (c, d) = (
                b.unit,
                b.label.split('|').nth(1).unwrap().parse::<usize>().unwrap(),
            );
            let side = b.w[0] * u + b.w[1] * v + b.b;
            if best == c {
                assert!(side > -1e-9);
            }
            if best == d {
                assert!(side < 1e-9);
            }
        }
    }
}

#[test]
fn layer_picker_axes_and_three_d() {
    let s = &mut session("dataset=xor&hidden=8,8", 5);
    // Layer 1 of 8,8 with the lines of layer 2's eight units, marked approximate in a projection.
    let mut view = SpaceView::new(1, 8);
    s.render(&mut view);
    let info = view.info();
    assert_eq!(
        (info.layer, info.depth, info.mode),
        (1, 2, Mode::Projection)
    );
    assert_eq!(info.boundaries.len(), 8);
    assert_eq!(info.boundaries[0].label, "h2.1");
    // Two picked units: their own coordinates; three: a 3D view with planes.
    view.set_axes(AxesRequest::parse("2,5").unwrap());
    s.render(&mut view);
    let info = view.info();
    assert_eq!((info.mode, info.dims), (Mode::Units, 2));
    let acts = layer_activations(s, 1);
    assert!(
        (view.points()[0] - acts[(0, 1)]).abs() < 1e-12
            && (view.points()[1] - acts[(0, 4)]).abs() < 1e-12
    );
    view.set_axes(AxesRequest::parse("1,2,3").unwrap());
    s.render(&mut view);
    let info = view.info();
    assert_eq!((info.mode, info.dims, info.images), (Mode::Space3d, 3, 0));
    assert_eq!(view.points().len(), 3 * info.points);
    assert!(info.boundaries.iter().all(|b| b.w.len() == 3));
    // A 3-unit layer is 3D by default.
    let s = &mut session("dataset=xor&hidden=3", 5);
    let mut view = SpaceView::new(1, 8);
    s.render(&mut view);
    assert_eq!(view.info().mode, Mode::Space3d);
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

#[test]
fn the_confusion_matrix_counts_what_the_accuracy_says() {
    for q in ["dataset=xor&hidden=4", "dataset=blobs3&hidden=4"] {
        let s = &mut session(q, 15);
        let mut m = Vec::new();
        s.confusion(true, &mut m);
        let k = (m.len() as f64).sqrt() as usize;
        assert_eq!(k * k, m.len());
        assert!(k >= 2, "{q}");
        let total: u32 = m.iter().sum();
        assert_eq!(total as usize, s.data().test.len());
        let right: u32 = (0..k).map(|c| m[c * k + c]).sum();
        let accuracy = s.test_metrics().unwrap().accuracy.unwrap();
        assert!(
            (right as f64 / total as f64 - accuracy).abs() < 1e-12,
            "{q}"
        );
        // Each row holds the points of that class.
        for c in 0..k {
            let row: u32 = m[c * k..(c + 1) * k].iter().sum();
            assert_eq!(
                row as usize,
                s.data().test.y.iter().filter(|&&y| y as usize == c).count()
            );
        }
    }
    let s = &mut session("dataset=bumps&hidden=4", 2);
    let mut m = vec![7];
    s.confusion(false, &mut m);
    assert!(m.is_empty(), "a regression has no classes");
}

#[test]
fn a_wide_layer_while_training_takes_its_axes_from_a_smaller_sample_and_a_coarser_grid() {
    // 64,64 on 2,000 points: while training (coarse) the second axis comes from a quarter of the
    // points and the grid is coarser; the picture stays the same kind of picture: the output
    // weights' direction across, an orthonormal second axis, every point at its activations'
    // coordinates on the axes.
    let s = &mut session("dataset=xor&points=2000&hidden=64,64", 3);
    let (mut fine, mut coarse) = (SpaceView::new(2, 64), SpaceView::new(2, 64));
    coarse.set_coarse(true);
    s.render(&mut fine);
    s.render(&mut coarse);
    let (f, c) = (fine.basis(), coarse.basis());
    assert_eq!(f.axes[0], c.axes[0], "across: w/‖w‖ either way");
    assert!((c.axes[1].norm() - 1.0).abs() < 1e-9 && c.axes[0].dot(&c.axes[1]).abs() < 1e-9);
    // The sample's first principal component lies near the full one's.
    assert!(
        f.axes[1].dot(&c.axes[1]).abs() > 0.9,
        "{}",
        f.axes[1].dot(&c.axes[1])
    );
    let acts = layer_activations(s, 2);
    for (i, row) in acts.row_iter().enumerate().step_by(97) {
        for k in 0..2 {
            let want = row.transpose().dot(&c.axes[k]);
            assert!((coarse.points()[2 * i + k] - want).abs() < 1e-9);
        }
    }
    let (rf, rc) = (fine.info().res, coarse.info().res);
    assert_eq!(rf, 64);
    assert!(rc < rf, "{rc} < {rf}");
    let (mut input_fine, mut input_coarse) = (SpaceView::new(0, 100), SpaceView::new(0, 100));
    input_coarse.set_coarse(true);
    s.render(&mut input_fine);
    s.render(&mut input_coarse);
    // √(2·10⁷ / 4,417) = 67 paused, √(2.5·10⁶ / 4,417) = 23 while training.
    assert_eq!((input_fine.info().res, input_coarse.info().res), (67, 23));
}
