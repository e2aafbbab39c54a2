//! Optimizers. The stochastic ones share one trait: parameters are visited tensor by tensor
//! (`slot` numbers them), so an update needs no allocation and no knowledge of the network.
//! L-BFGS is full-batch and works on the flat parameter vector instead.

mod adam;
pub mod lbfgs;
mod momentum;
mod rmsprop;
mod sgd;

pub use adam::Adam;
pub use lbfgs::Lbfgs;
pub use momentum::Momentum;
pub use rmsprop::RmsProp;
pub use sgd::Sgd;

use crate::config::{Config, OptimizerKind};
use crate::nn::{Gradients, Mlp};
use serde::{Deserialize, Serialize};

pub trait Optimizer {
    /// Called once before the tensors of one step are updated.
    fn begin_step(&mut self);
    /// Updates one parameter tensor in place from its gradient.
    fn update(&mut self, slot: usize, params: &mut [f64], grads: &[f64]);
    /// What the optimizer has learned about the run so far (moments, velocities, step count).
    fn save(&self) -> State {
        State::default()
    }
    /// Continues from a saved state of the same kind of optimizer.
    fn restore(&mut self, _state: &State) {}
}

/// An optimizer's state: its step count and its per-slot vectors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub t: i32,
    pub slots: Vec<Vec<f64>>,
}

/// The stochastic optimizer a config names, or None for the full-batch `lbfgs`.
pub fn from_config(config: &Config) -> Option<Box<dyn Optimizer>> {
    Some(match config.optimizer {
        OptimizerKind::Sgd => Box::new(Sgd::new(config.lr)),
        OptimizerKind::Momentum => {
            Box::new(Momentum::new(config.lr, config.momentum, config.nesterov))
        }
        OptimizerKind::Rmsprop => Box::new(RmsProp::new(config.lr)),
        OptimizerKind::Adam => Box::new(Adam::keras(config.lr)),
        OptimizerKind::Lbfgs => return None,
    })
}

/// One optimisation step over every weight matrix and bias vector of the network.
pub fn apply(opt: &mut dyn Optimizer, model: &mut Mlp, grads: &Gradients) {
    opt.begin_step();
    for (l, layer) in model.layers.iter_mut().enumerate() {
        opt.update(2 * l, layer.w.as_mut_slice(), grads.w[l].as_slice());
        opt.update(2 * l + 1, layer.b.as_mut_slice(), grads.b[l].as_slice());
    }
}

/// Per-slot state (moments, velocities), sized on first use.
pub(crate) fn slot_state(state: &mut Vec<Vec<f64>>, slot: usize, len: usize) -> &mut [f64] {
    if state.len() <= slot {
        state.resize_with(slot + 1, Vec::new);
    }
    if state[slot].len() != len {
        state[slot] = vec![0.0; len];
    }
    &mut state[slot]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn momentum_and_rmsprop_follow_keras() {
        // Two steps on one parameter with gradients 1 then 1 (values worked by hand).
        let mut m = Momentum::new(0.1, 0.9, false);
        let mut p = [1.0];
        m.update(0, &mut p, &[1.0]);
        m.update(0, &mut p, &[1.0]);
        // v1 = −0.1, p = 0.9; v2 = −0.09 − 0.1 = −0.19, p = 0.71
        assert!((p[0] - 0.71).abs() < 1e-15);
        let mut n = Momentum::new(0.1, 0.9, true);
        let mut p = [1.0];
        n.update(0, &mut p, &[1.0]);
        // v1 = −0.1; p = 1 + 0.9·(−0.1) − 0.1 = 0.81
        assert!((p[0] - 0.81).abs() < 1e-15);
        let mut r = RmsProp::new(0.01);
        let mut p = [0.0];
        r.update(0, &mut p, &[2.0]);
        // s = 0.1·4 = 0.4; p = −0.01·2/(√0.4 + 1e-7)
        assert!((p[0] + 0.02 / (0.4f64.sqrt() + 1e-7)).abs() < 1e-15);
    }
}
