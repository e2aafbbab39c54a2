//! Hidden-unit nonlinearities, applied a whole layer at a time so that each loop is one
//! branch-free kernel (see `fastmath`): the same bits natively and in wasm, SIMD or not.

use super::fastmath;
use crate::config::Activation;

pub use fastmath::sigmoid;

/// Slope of leaky ReLU below zero (Keras' LeakyReLU default is 0.3; 0.01 is the common choice
/// of PyTorch and TensorFlow's tf.nn.leaky_relu is 0.2 — we take 0.01).
pub const LEAK: f64 = 0.01;

impl Activation {
    /// The activation of one value (the layer-wide `apply_all` is the one definition).
    pub fn apply(self, z: f64) -> f64 {
        let mut a = [0.0];
        self.apply_all(&[z], &mut a);
        a[0]
    }

    /// The derivative at pre-activation `z`, given the activation `a` = apply(z).
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        let mut d = [1.0];
        self.scale_by_derivative(&mut d, &[z], &[a]);
        d[0]
    }

    /// `a[i] = apply(z[i])`, with the choice of function made once for the whole slice.
    pub fn apply_all(self, z: &[f64], a: &mut [f64]) {
        fn each(z: &[f64], a: &mut [f64], f: impl Fn(f64) -> f64) {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = f(z);
            }
        }
        match self {
            Activation::Tanh => {
                let c = fastmath::constants();
                each(z, a, |z| fastmath::tanh_with(z, &c))
            }
            Activation::Relu => each(z, a, |z| if z > 0.0 { z } else { 0.0 }),
            Activation::LeakyRelu => each(z, a, |z| if z > 0.0 { z } else { LEAK * z }),
            Activation::Sigmoid => {
                let c = fastmath::constants();
                each(z, a, |z| fastmath::sigmoid_with(z, &c))
            }
            Activation::Linear => a.copy_from_slice(z),
        }
    }

    /// `d[i] *= derivative(z[i], a[i])`: backpropagation through the whole layer.
    pub fn scale_by_derivative(self, d: &mut [f64], z: &[f64], a: &[f64]) {
        fn each(d: &mut [f64], z: &[f64], a: &[f64], f: impl Fn(f64, f64) -> f64) {
            for ((d, &z), &a) in d.iter_mut().zip(z).zip(a) {
                *d *= f(z, a);
            }
        }
        match self {
            Activation::Tanh => each(d, z, a, |_, a| 1.0 - a * a),
            Activation::Relu => each(d, z, a, |z, _| if z > 0.0 { 1.0 } else { 0.0 }),
            Activation::LeakyRelu => each(d, z, a, |z, _| if z > 0.0 { 1.0 } else { LEAK }),
            Activation::Sigmoid => each(d, z, a, |_, a| a * (1.0 - a)),
            Activation::Linear => {}
        }
    }

    /// The interval the activation's values fill, `None` where it is unbounded above.
    pub fn range(self) -> (f64, Option<f64>) {
        match self {
            Activation::Tanh => (-1.0, Some(1.0)),
            Activation::Sigmoid => (0.0, Some(1.0)),
            Activation::Relu => (0.0, None),
            Activation::LeakyRelu | Activation::Linear => (f64::NEG_INFINITY, None),
        }
    }
}

pub const ALL: [Activation; 5] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Linear,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences() {
        for act in ALL {
            for z in [-2.3, -0.4, 0.7, 1.9] {
                let h = 1e-6;
                let fd = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let an = act.derivative(z, act.apply(z));
                assert!((fd - an).abs() < 1e-8, "{act:?} at {z}: {fd} vs {an}");
            }
        }
    }

    #[test]
    fn sigmoid_is_stable_far_out() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-15);
    }
}
