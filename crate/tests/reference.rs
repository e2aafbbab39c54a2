//! The network's loss, gradient and Adam steps against scikit-learn's numbers in
//! `tests/fixtures/expected.json` (a copy of the shared reference).

use featurespace::config::Activation;
use featurespace::nn::{Layer, Mlp, Output};
use featurespace::optim::{self, Adam, Optimizer};
use nalgebra::{DMatrix, DVector};
use serde_json::Value;

fn expected() -> Value {
    serde_json::from_str(include_str!("fixtures/expected.json")).unwrap()
}

fn batch() -> (Vec<[f64; 2]>, Vec<f64>) {
    let mut x = Vec::new();
    let mut y = Vec::new();
    for line in include_str!("fixtures/grad_batch.csv").lines().skip(1) {
        let v: Vec<f64> = line.split(',').map(|s| s.parse().unwrap()).collect();
        x.push([v[0], v[1]]);
        y.push(v[2]);
    }
    (x, y)
}

fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).unwrap();
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

fn vector(v: &Value) -> DVector<f64> {
    DVector::from_vec(serde_json::from_value(v.clone()).unwrap())
}

fn fixture_model(activation: Activation) -> Mlp {
    let p = &expected()["grad_check_2_3_1"]["initial_params"];
    Mlp {
        layers: vec![
            Layer {
                w: matrix(&p["W1"]),
                b: vector(&p["b1"]),
            },
            Layer {
                w: matrix(&p["W2"]),
                b: vector(&p["b2"]),
            },
        ],
        activation,
        output: Output::Sigmoid,
    }
}

fn max_diff(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    assert_eq!(a.shape(), b.shape());
    a.iter()
        .zip(b.iter())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// Loss and gradient of the full 20-row batch.
fn loss_and_grad(model: &Mlp) -> (f64, featurespace::nn::Gradients) {
    let (x, y) = batch();
    let mut ws = model.workspace(x.len());
    for (r, p) in x.iter().enumerate() {
        ws.a[0][(r, 0)] = p[0];
        ws.a[0][(r, 1)] = p[1];
    }
    let mut grads = model.gradients();
    model.forward(&mut ws);
    let loss = model.backward(&mut ws, &y, &mut grads);
    (loss, grads)
}

fn check_params(model: &Mlp, want: &Value, tol: f64, what: &str) {
    for (l, (wk, bk)) in [("W1", "b1"), ("W2", "b2")].iter().enumerate() {
        let dw = max_diff(&model.layers[l].w, &matrix(&want[wk]));
        let db = max_diff(
            &DMatrix::from_column_slice(model.layers[l].b.len(), 1, model.layers[l].b.as_slice()),
            &DMatrix::from_column_slice(model.layers[l].b.len(), 1, vector(&want[bk]).as_slice()),
        );
        assert!(dw <= tol && db <= tol, "{what} layer {l}: {dw:e} {db:e}");
    }
}

fn cases() -> [(Activation, &'static str); 2] {
    [(Activation::Tanh, "tanh"), (Activation::Relu, "relu")]
}

#[test]
fn gradient_matches_reference_to_1e_9() {
    for (act, name) in cases() {
        let want = &expected()["grad_check_2_3_1"][name];
        let model = fixture_model(act);
        let (loss, grads) = loss_and_grad(&model);
        assert!(
            (loss - want["loss"].as_f64().unwrap()).abs() < 1e-12,
            "{name} loss {loss}"
        );
        let g = &want["grad"];
        for (l, (wk, bk)) in [("W1", "b1"), ("W2", "b2")].iter().enumerate() {
            let dw = max_diff(&grads.w[l], &matrix(&g[wk]));
            let gb = DMatrix::from_column_slice(grads.b[l].len(), 1, grads.b[l].as_slice());
            let db = max_diff(
                &gb,
                &DMatrix::from_column_slice(gb.nrows(), 1, vector(&g[bk]).as_slice()),
            );
            assert!(dw < 1e-9 && db < 1e-9, "{name} layer {l}: {dw:e} {db:e}");
        }
    }
}

#[test]
fn adam_steps_match_keras_and_sklearn_to_1e_10() {
    for (act, name) in cases() {
        for (form, eps) in [
            ("keras_epshat_eps1e-7", 1e-7),
            ("sklearn_epshat_eps1e-8", 1e-8),
        ] {
            let want = &expected()["grad_check_2_3_1"][name]["adam"][form];
            let mut model = fixture_model(act);
            let mut adam = Adam::new(0.001, 0.9, 0.999, eps);
            for step in 1..=3 {
                let (_, grads) = loss_and_grad(&model);
                optim::apply(&mut adam as &mut dyn Optimizer, &mut model, &grads);
                if step == 1 {
                    check_params(
                        &model,
                        &want["step1_params"],
                        1e-10,
                        &format!("{name} {form} step 1"),
                    );
                }
            }
            check_params(
                &model,
                &want["step3_params"],
                1e-10,
                &format!("{name} {form} step 3"),
            );
            let (loss, _) = loss_and_grad(&model);
            assert!((loss - want["step3_loss_after"].as_f64().unwrap()).abs() < 1e-12);
        }
    }
}

#[test]
fn a_wrong_epsilon_form_is_detected() {
    // The PyTorch form differs from the hat form by more than the tolerance, so the test above
    // really distinguishes the conventions.
    let want = &expected()["grad_check_2_3_1"]["tanh"]["adam"]["pytorch_alg1_eps1e-8"];
    let mut model = fixture_model(Activation::Tanh);
    let mut adam = Adam::new(0.001, 0.9, 0.999, 1e-8);
    let (_, grads) = loss_and_grad(&model);
    optim::apply(&mut adam as &mut dyn Optimizer, &mut model, &grads);
    let d = max_diff(&model.layers[0].w, &matrix(&want["step1_params"]["W1"]));
    assert!(d > 1e-10, "{d:e}");
}
