//! The hidden layers' pictures: the projected boundary, the principal axes (exact and, for wide
//! layers, iterated or sampled), several classes, and the layer picker's axes and 3D.

use super::super::*;
use super::{layer_activations, session};
use nalgebra::{DMatrix, DVector};

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
