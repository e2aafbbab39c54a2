//! Optimizers behind one trait. Parameters are visited tensor by tensor (`slot` numbers them),
//! so an update needs no allocation and no knowledge of the network.

mod adam;
mod sgd;

pub use adam::Adam;
pub use sgd::Sgd;

use crate::config::{Config, OptimizerKind};
use crate::nn::{Gradients, Mlp};

pub trait Optimizer {
    /// Called once before the tensors of one step are updated.
    fn begin_step(&mut self);
    /// Updates one parameter tensor in place from its gradient.
    fn update(&mut self, slot: usize, params: &mut [f64], grads: &[f64]);
}

pub fn from_config(config: &Config) -> Box<dyn Optimizer> {
    match config.optimizer {
        OptimizerKind::Sgd => Box::new(Sgd::new(config.lr)),
        OptimizerKind::Adam => Box::new(Adam::keras(config.lr)),
    }
}

/// One optimisation step over every weight matrix and bias vector of the network.
pub fn apply(opt: &mut dyn Optimizer, model: &mut Mlp, grads: &Gradients) {
    opt.begin_step();
    for (l, layer) in model.layers.iter_mut().enumerate() {
        opt.update(2 * l, layer.w.as_mut_slice(), grads.w[l].as_slice());
        opt.update(2 * l + 1, layer.b.as_mut_slice(), grads.b[l].as_slice());
    }
}
