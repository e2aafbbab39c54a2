//! The training cases of the benchmark and their arithmetic, counted the same way for the inner
//! loop (`Session::step`, timed here) and for the public path (`Playground.step(n)` from the
//! page's JS, timed by `www/bench-public.js` on the cases `cases()` lists).

use crate::config::{Activation, Config, OptimizerKind};
use crate::session::Session;
use serde::Serialize;

/// TensorFlow Playground's setup: 500 points, half for training (250), SGD at 0.03.
const PLAYGROUND: &str = "dataset=circle&points=500&trainRatio=0.5";

/// The training cases: a name and the config's query. The first three run on TensorFlow
/// Playground's setup; the heavy one on 2,000 training points.
pub const EPOCH_CASES: [(&str, &str); 4] = [
    (
        "2-4-2-1 tanh, SGD, batch 10",
        "hidden=4,2&activation=tanh&optimizer=sgd&lr=0.03&batch=10",
    ),
    (
        "2-50-1 relu, SGD, batch 10",
        "hidden=50&activation=relu&optimizer=sgd&lr=0.03&batch=10",
    ),
    (
        "2-50-1 relu, Adam, batch 200",
        "hidden=50&activation=relu&optimizer=adam&lr=0.03&batch=200",
    ),
    (
        "2-64-64-64-1 relu, Adam, batch 32, 2,000 points",
        "points=4000&hidden=64,64,64&activation=relu&optimizer=adam&lr=0.001&batch=32",
    ),
];

/// The full query of a case (later pairs win, so a case may change the setup's points).
pub fn query(case: &str) -> String {
    format!("{PLAYGROUND}&{case}")
}

pub fn session(case: &str) -> Session {
    let (config, errors) = Config::from_query(&query(case));
    assert!(errors.is_empty(), "{errors:?}");
    Session::new(config)
}

/// Floating-point operations of one evaluation of the activation, forward and backward, as
/// `fastmath` and `activation.rs` compute them (tanh and sigmoid: the range reduction, the
/// [6/6] Padé approximant's two halves, the quotient and the sign; the derivative from `a`).
fn activation_flops(activation: Activation) -> (f64, f64) {
    match activation {
        Activation::Tanh => (32.0, 3.0),
        Activation::Sigmoid => (28.0, 3.0),
        Activation::Relu | Activation::LeakyRelu => (1.0, 1.0),
        Activation::Linear => (0.0, 0.0),
    }
}

/// Flops of one parameter's update by the optimizer.
fn update_flops(kind: OptimizerKind) -> f64 {
    match kind {
        OptimizerKind::Sgd => 2.0,
        OptimizerKind::Momentum => 4.0,
        OptimizerKind::Rmsprop => 8.0,
        OptimizerKind::Adam | OptimizerKind::Lbfgs => 11.0,
    }
}

/// The arithmetic of one epoch: per example 2 flops per weight forward and 4 backward (weight
/// gradients and deltas), the activations both ways, the output's sigmoid and delta; per
/// minibatch the bias sums and the optimizer's update of every parameter.
pub fn epoch_flops(s: &Session) -> f64 {
    let model = s.model();
    let weights: f64 = model.layers.iter().map(|l| l.w.len() as f64).sum();
    let hidden: f64 = model.layers[..model.layers.len() - 1]
        .iter()
        .map(|l| l.fan_out() as f64)
        .sum();
    let (fwd, bwd) = activation_flops(s.config().activation);
    let per_example = 6.0 * weights + hidden * (fwd + bwd + 1.0) + 30.0;
    let params = model.param_count() as f64;
    let batches = s.batches_per_epoch() as f64;
    let per_batch = params * update_flops(s.config().optimizer);
    per_example * s.data().train.len() as f64 + per_batch * batches
}

/// A case for the page to time through `Playground.step(n)`.
#[derive(Serialize)]
pub struct PublicCase {
    pub case: String,
    pub query: String,
    #[serde(rename = "flopsPerEpoch")]
    pub flops_per_epoch: f64,
}

/// The training cases with their full queries and arithmetic, for `www/bench-public.js`.
pub fn cases() -> Vec<PublicCase> {
    EPOCH_CASES
        .iter()
        .map(|(name, q)| PublicCase {
            case: format!("train {name}, through Playground.step(n) as the page runs it"),
            query: query(q),
            flops_per_epoch: epoch_flops(&session(q)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_parse_and_the_heavy_one_has_2000_training_points() {
        for (_, q) in EPOCH_CASES {
            let s = session(q);
            assert!(epoch_flops(&s) > 0.0);
        }
        let heavy = session(EPOCH_CASES[3].1);
        assert_eq!(heavy.data().train.len(), 2000);
        assert_eq!(heavy.model().sizes(), vec![2, 64, 64, 64, 1]);
        assert_eq!(heavy.batches_per_epoch(), 63);
    }
}
