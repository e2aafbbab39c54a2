//! Hidden-unit nonlinearities. Everything goes through `libm` so that native and wasm builds
//! compute the same bits.

use crate::config::Activation;

/// Slope of leaky ReLU below zero (Keras' LeakyReLU default is 0.3; 0.01 is the common choice
/// of PyTorch and TensorFlow's tf.nn.leaky_relu is 0.2 — we take 0.01).
pub const LEAK: f64 = 0.01;

pub fn sigmoid(z: f64) -> f64 {
    // Split by sign so that exp never overflows.
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

impl Activation {
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Tanh => libm::tanh(z),
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAK * z
                }
            }
            Activation::Sigmoid => sigmoid(z),
            Activation::Linear => z,
        }
    }

    /// The derivative at pre-activation `z`, given the activation `a` = apply(z).
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAK
                }
            }
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Linear => 1.0,
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
