//! Plain stochastic gradient descent: θ ← θ − lr·g.

use super::Optimizer;

pub struct Sgd {
    lr: f64,
}

impl Sgd {
    pub fn new(lr: f64) -> Sgd {
        Sgd { lr }
    }
}

impl Optimizer for Sgd {
    fn begin_step(&mut self) {}

    fn update(&mut self, _slot: usize, params: &mut [f64], grads: &[f64]) {
        for (p, g) in params.iter_mut().zip(grads) {
            *p -= self.lr * g;
        }
    }
}
