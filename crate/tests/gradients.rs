//! Finite-difference checks of the analytic gradient for every activation × output/loss ×
//! depth, on random networks and batches (property tests), with the L2 penalty included.
#![cfg(not(target_arch = "wasm32"))]

use featurespace::config::Activation;
use featurespace::nn::activation::ALL;
use featurespace::nn::{Mlp, Output};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};

const OUTPUTS: [Output; 3] = [Output::Sigmoid, Output::Softmax, Output::Linear];

/// Objective = mean data loss + l2/2·‖W‖², its analytic gradient, and the smallest |z| seen
/// (finite differences are unreliable next to a ReLU kink).
fn objective(model: &Mlp, x: &[Vec<f64>], y: &[f64], l2: f64) -> (f64, Vec<f64>, f64) {
    let mut ws = model.workspace(x.len());
    for (r, row) in x.iter().enumerate() {
        for (k, v) in row.iter().enumerate() {
            ws.a[0][(r, k)] = *v;
        }
    }
    let mut grads = model.gradients();
    model.forward(&mut ws);
    let loss = model.backward(&mut ws, y, &mut grads);
    model.add_penalty_gradient(&mut grads, 0.0, l2);
    let mut flat = vec![0.0; model.param_count()];
    grads.write_to(&mut flat);
    let hidden = &ws.z[..ws.z.len() - 1];
    let kink = hidden
        .iter()
        .flat_map(|z| z.iter())
        .fold(f64::INFINITY, |m, z| m.min(z.abs()));
    (loss + model.penalty(0.0, l2), flat, kink)
}

prop_compose! {
    fn case()(
        inputs in 1usize..4,
        hidden in prop::collection::vec(1usize..5, 0..3),
        act in 0usize..ALL.len(),
        out in 0usize..3,
        rows in 1usize..7,
        seed in any::<u64>(),
        l2 in prop_oneof![Just(0.0), 0.0f64..0.5],
    ) -> (Vec<usize>, Activation, Output, usize, u64, f64) {
        let output = OUTPUTS[out];
        let mut sizes = vec![inputs];
        sizes.extend(hidden);
        sizes.push(if output == Output::Softmax { 3 } else { 1 });
        (sizes, ALL[act], output, rows, seed, l2)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn analytic_gradient_matches_central_differences((sizes, act, output, rows, seed, l2) in case()) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut model = Mlp::new(&sizes, act, output, &mut rng);
        // Non-zero biases so that the bias gradients are exercised too.
        for layer in &mut model.layers {
            layer.b.iter_mut().for_each(|b| *b = rng.random_range(-0.5..0.5));
        }
        let x: Vec<Vec<f64>> = (0..rows).map(|_| (0..sizes[0]).map(|_| rng.random_range(-2.0..2.0)).collect()).collect();
        let y: Vec<f64> = (0..rows).map(|_| match output {
            Output::Sigmoid => rng.random_range(0..2) as f64,
            Output::Softmax => rng.random_range(0..3) as f64,
            Output::Linear => rng.random_range(-1.5..1.5),
        }).collect();
        let (_, analytic, kink) = objective(&model, &x, &y, l2);
        prop_assume!(kink > 1e-3 || !matches!(act, Activation::Relu | Activation::LeakyRelu));
        let mut params = vec![0.0; model.param_count()];
        model.write_params(&mut params);
        let h = 1e-6;
        for i in 0..params.len() {
            let mut p = params.clone();
            p[i] += h;
            model.read_params(&p);
            let up = objective(&model, &x, &y, l2).0;
            p[i] -= 2.0 * h;
            model.read_params(&p);
            let down = objective(&model, &x, &y, l2).0;
            let fd = (up - down) / (2.0 * h);
            prop_assert!((fd - analytic[i]).abs() <= 1e-6 * (1.0 + analytic[i].abs()),
                "param {i}: analytic {} vs fd {fd} ({sizes:?} {act:?} {output:?})", analytic[i]);
        }
    }
}
