//! Hidden-unit nonlinearities, applied a whole layer at a time so that each loop is one
//! branch-free kernel (see `fastmath`): the same bits natively and in wasm, SIMD or not.

use super::{fastmath, kernels};
use crate::config::Activation;
use nalgebra::{DMatrix, DVector};

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
            Activation::Tanh => each(z, a, fastmath::tanh),
            Activation::Relu => each(z, a, relu),
            Activation::LeakyRelu => each(z, a, leaky_relu),
            Activation::Sigmoid => each(z, a, fastmath::sigmoid),
            Activation::Linear => a.copy_from_slice(z),
        }
    }

    /// A hidden layer forward: `z = x·W + b`, `a = apply(z)` (as `kernels::affine` then
    /// `apply_all`, in one pass: the same bits).
    pub fn forward_layer(
        self,
        z: &mut DMatrix<f64>,
        a: &mut DMatrix<f64>,
        x: &DMatrix<f64>,
        w: &DMatrix<f64>,
        b: &DVector<f64>,
    ) {
        match self {
            Activation::Tanh => kernels::affine_map(z, Some(a), x, w, b, fastmath::tanh),
            Activation::Sigmoid => kernels::affine_map(z, Some(a), x, w, b, fastmath::sigmoid),
            // A column at a time, relu's select stayed scalar in wasm (a branch per value:
            // 0.7× for 2-50-1); over the whole layer the loop vectorises.
            _ => {
                kernels::affine(z, x, w, b);
                self.apply_all(z.as_slice(), a.as_mut_slice());
            }
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
            Activation::Tanh => each(d, z, a, tanh_slope),
            Activation::Relu => each(d, z, a, relu_slope),
            Activation::LeakyRelu => each(d, z, a, leaky_relu_slope),
            Activation::Sigmoid => each(d, z, a, sigmoid_slope),
            Activation::Linear => {}
        }
    }

    /// The deltas of a hidden layer from those of the layer above: `d = (δ·Wᵀ) ⊙ derivative(z,
    /// a)` (as `kernels::mul_tr` then `scale_by_derivative`, in one pass: the same bits).
    pub fn backward_layer(
        self,
        d: &mut DMatrix<f64>,
        delta: &DMatrix<f64>,
        w: &DMatrix<f64>,
        z: &DMatrix<f64>,
        a: &DMatrix<f64>,
    ) {
        match self {
            Activation::Tanh => kernels::mul_tr_scaled(d, delta, w, z, a, tanh_slope),
            Activation::Sigmoid => kernels::mul_tr_scaled(d, delta, w, z, a, sigmoid_slope),
            // As in `forward_layer`: relu's slope vectorises over the whole layer only.
            _ => {
                kernels::mul_tr(d, delta, w);
                self.scale_by_derivative(d.as_mut_slice(), z.as_slice(), a.as_slice());
            }
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

fn relu(z: f64) -> f64 {
    if z > 0.0 {
        z
    } else {
        0.0
    }
}

fn leaky_relu(z: f64) -> f64 {
    if z > 0.0 {
        z
    } else {
        LEAK * z
    }
}

// Slopes from the pre-activation z or the activation a, whichever is cheaper.
fn tanh_slope(_: f64, a: f64) -> f64 {
    1.0 - a * a
}

fn relu_slope(z: f64, _: f64) -> f64 {
    if z > 0.0 {
        1.0
    } else {
        0.0
    }
}

fn leaky_relu_slope(z: f64, _: f64) -> f64 {
    if z > 0.0 {
        1.0
    } else {
        LEAK
    }
}

fn sigmoid_slope(_: f64, a: f64) -> f64 {
    a * (1.0 - a)
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
