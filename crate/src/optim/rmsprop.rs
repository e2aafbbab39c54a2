//! RMSprop as Keras has it (no momentum, not centred): s ← ρ·s + (1−ρ)·g²;
//! θ ← θ − lr·g/(√s + ε), with ρ = 0.9 and ε = 1e-7.

use super::{slot_state, Optimizer, State};

pub struct RmsProp {
    lr: f64,
    rho: f64,
    eps: f64,
    mean_square: Vec<Vec<f64>>,
}

impl RmsProp {
    pub fn new(lr: f64) -> RmsProp {
        RmsProp {
            lr,
            rho: 0.9,
            eps: 1e-7,
            mean_square: Vec::new(),
        }
    }
}

impl Optimizer for RmsProp {
    fn save(&self) -> State {
        State {
            t: 0,
            slots: self.mean_square.clone(),
        }
    }

    fn restore(&mut self, state: &State) {
        self.mean_square.clone_from(&state.slots);
    }

    fn begin_step(&mut self) {}

    fn update(&mut self, slot: usize, params: &mut [f64], grads: &[f64]) {
        let (lr, rho, eps) = (self.lr, self.rho, self.eps);
        let s = slot_state(&mut self.mean_square, slot, params.len());
        for ((p, &g), s) in params.iter_mut().zip(grads).zip(s.iter_mut()) {
            *s = rho * *s + (1.0 - rho) * g * g;
            *p -= lr * g / (s.sqrt() + eps);
        }
    }
}
