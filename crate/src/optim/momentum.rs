//! SGD with momentum, in Keras' form: v ← μ·v − lr·g; θ ← θ + v, or with Nesterov's correction
//! θ ← θ + μ·v − lr·g.

use super::{slot_state, Optimizer, State};

pub struct Momentum {
    lr: f64,
    mu: f64,
    nesterov: bool,
    velocity: Vec<Vec<f64>>,
}

impl Momentum {
    pub fn new(lr: f64, mu: f64, nesterov: bool) -> Momentum {
        Momentum {
            lr,
            mu,
            nesterov,
            velocity: Vec::new(),
        }
    }
}

impl Optimizer for Momentum {
    fn save(&self) -> State {
        State {
            t: 0,
            slots: self.velocity.clone(),
        }
    }

    fn restore(&mut self, state: &State) {
        self.velocity.clone_from(&state.slots);
    }

    fn begin_step(&mut self) {}

    fn update(&mut self, slot: usize, params: &mut [f64], grads: &[f64]) {
        let (lr, mu, nesterov) = (self.lr, self.mu, self.nesterov);
        let v = slot_state(&mut self.velocity, slot, params.len());
        for ((p, &g), v) in params.iter_mut().zip(grads).zip(v.iter_mut()) {
            *v = mu * *v - lr * g;
            *p += if nesterov { mu * *v - lr * g } else { *v };
        }
    }
}
