//! Adam in the form scikit-learn and Keras use ("epsilon-hat"): the bias correction is folded
//! into the step size, lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), and θ ← θ − lr_t·m/(√v + ε).

use super::{slot_state, Optimizer, State};

pub struct Adam {
    lr: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    t: i32,
    step_size: f64,
    m: Vec<Vec<f64>>,
    v: Vec<Vec<f64>>,
}

impl Adam {
    pub fn new(lr: f64, beta1: f64, beta2: f64, eps: f64) -> Adam {
        Adam {
            lr,
            beta1,
            beta2,
            eps,
            t: 0,
            step_size: lr,
            m: Vec::new(),
            v: Vec::new(),
        }
    }

    /// Keras' defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (scikit-learn uses ε = 1e-8).
    pub fn keras(lr: f64) -> Adam {
        Adam::new(lr, 0.9, 0.999, 1e-7)
    }
}

impl Optimizer for Adam {
    /// The first moments' slots, then the second moments'.
    fn save(&self) -> State {
        State {
            t: self.t,
            slots: self.m.iter().chain(&self.v).cloned().collect(),
        }
    }

    fn restore(&mut self, state: &State) {
        let (m, v) = state.slots.split_at(state.slots.len() / 2);
        // The step size follows from t at the next `begin_step`.
        self.t = state.t;
        self.m = m.to_vec();
        self.v = v.to_vec();
    }

    fn begin_step(&mut self) {
        self.t += 1;
        self.step_size = self.lr * (1.0 - libm::pow(self.beta2, self.t as f64)).sqrt()
            / (1.0 - libm::pow(self.beta1, self.t as f64));
    }

    fn update(&mut self, slot: usize, params: &mut [f64], grads: &[f64]) {
        let (b1, b2, eps, step) = (self.beta1, self.beta2, self.eps, self.step_size);
        let m = slot_state(&mut self.m, slot, params.len());
        let v = slot_state(&mut self.v, slot, params.len());
        // Zipped rather than indexed: no bounds checks, so the loop vectorises.
        for (((p, &g), m), v) in params.iter_mut().zip(grads).zip(m).zip(v) {
            *m = b1 * *m + (1.0 - b1) * g;
            *v = b2 * *v + (1.0 - b2) * g * g;
            *p -= step * *m / (v.sqrt() + eps);
        }
    }
}
