//! A fully connected network with any number of hidden layers and one sigmoid output unit.
//!
//! Layout: a minibatch is a matrix with one row per example (batch-major). A layer's weights
//! `w` are fan_in × fan_out, input-major as Keras prints them, so `z = a·W + b`.

use super::activation::sigmoid;
use super::loss::bce_from_logit;
use crate::config::Activation;
use nalgebra::{DMatrix, DVector};
use rand::Rng;

#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// fan_in × fan_out: `w[(i, j)]` joins input i to unit j.
    pub w: DMatrix<f64>,
    pub b: DVector<f64>,
}

impl Layer {
    pub fn fan_in(&self) -> usize {
        self.w.nrows()
    }
    pub fn fan_out(&self) -> usize {
        self.w.ncols()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    pub layers: Vec<Layer>,
    /// Nonlinearity of every hidden layer; the output is always a sigmoid.
    pub activation: Activation,
}

/// Buffers for one batch size, allocated once and reused every step.
pub struct Workspace {
    rows: usize,
    /// `a[0]` is the input batch; `a[l + 1]` the activations of layer l (the last: probabilities).
    pub a: Vec<DMatrix<f64>>,
    /// `z[l]`: pre-activations of layer l.
    pub z: Vec<DMatrix<f64>>,
    delta: Vec<DMatrix<f64>>,
    w_t: Vec<DMatrix<f64>>,
}

impl Workspace {
    pub fn rows(&self) -> usize {
        self.rows
    }
}

/// Gradients with the same shapes as the layers.
#[derive(Clone, Debug)]
pub struct Gradients {
    pub w: Vec<DMatrix<f64>>,
    pub b: Vec<DVector<f64>>,
}

impl Mlp {
    /// Glorot-uniform weights (as Keras' default), zero biases. `sizes` = [inputs, hidden…, 1].
    pub fn new(sizes: &[usize], activation: Activation, rng: &mut impl Rng) -> Mlp {
        let layers = sizes
            .windows(2)
            .map(|pair| {
                let (fan_in, fan_out) = (pair[0], pair[1]);
                let r = (6.0 / (fan_in + fan_out) as f64).sqrt();
                Layer {
                    w: DMatrix::from_fn(fan_in, fan_out, |_, _| rng.random_range(-r..r)),
                    b: DVector::zeros(fan_out),
                }
            })
            .collect();
        Mlp { layers, activation }
    }

    /// Widths of every layer, inputs first.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.layers[0].fan_in()];
        sizes.extend(self.layers.iter().map(Layer::fan_out));
        sizes
    }

    pub fn workspace(&self, rows: usize) -> Workspace {
        let sizes = self.sizes();
        let per_layer = |offset: usize| -> Vec<DMatrix<f64>> {
            sizes[offset..]
                .iter()
                .map(|&w| DMatrix::zeros(rows, w))
                .collect()
        };
        Workspace {
            rows,
            a: per_layer(0),
            z: per_layer(1),
            delta: per_layer(1),
            w_t: self
                .layers
                .iter()
                .map(|l| DMatrix::zeros(l.fan_out(), l.fan_in()))
                .collect(),
        }
    }

    pub fn gradients(&self) -> Gradients {
        Gradients {
            w: self
                .layers
                .iter()
                .map(|l| DMatrix::zeros(l.fan_in(), l.fan_out()))
                .collect(),
            b: self
                .layers
                .iter()
                .map(|l| DVector::zeros(l.fan_out()))
                .collect(),
        }
    }

    /// Runs the batch in `ws.a[0]` through the network.
    pub fn forward(&self, ws: &mut Workspace) {
        self.forward_from(0, ws);
    }

    /// Runs the network from the space of layer `start` (0 = inputs): `ws.a[start]` holds the
    /// points, every later activation is written. This is what lets any 2-unit layer's space be
    /// drawn with the rest of the network's output over it.
    pub fn forward_from(&self, start: usize, ws: &mut Workspace) {
        let last = self.layers.len() - 1;
        for l in start..self.layers.len() {
            let layer = &self.layers[l];
            let z = &mut ws.z[l];
            z.gemm(1.0, &ws.a[l], &layer.w, 0.0);
            for (mut column, &b) in z.column_iter_mut().zip(layer.b.iter()) {
                column.add_scalar_mut(b);
            }
            let act = self.activation;
            let a = &mut ws.a[l + 1];
            if l == last {
                a.zip_apply(z, |a, z| *a = sigmoid(z));
            } else {
                a.zip_apply(z, |a, z| *a = act.apply(z));
            }
        }
    }

    /// Mean binary cross-entropy of the batch after `forward`, and its gradient in `grads`.
    pub fn backward(&self, ws: &mut Workspace, y: &[f64], grads: &mut Gradients) -> f64 {
        let last = self.layers.len() - 1;
        let m = ws.rows as f64;
        let mut loss = 0.0;
        // For a sigmoid output with cross-entropy, dLoss/dz = (p − y) / m.
        for (i, &y) in y.iter().enumerate().take(ws.rows) {
            loss += bce_from_logit(ws.z[last][(i, 0)], y);
            ws.delta[last][(i, 0)] = (ws.a[last + 1][(i, 0)] - y) / m;
        }
        for l in (0..=last).rev() {
            grads.w[l].gemm_tr(1.0, &ws.a[l], &ws.delta[l], 0.0);
            for (g, column) in grads.b[l].iter_mut().zip(ws.delta[l].column_iter()) {
                *g = column.sum();
            }
            if l > 0 {
                self.layers[l].w.transpose_to(&mut ws.w_t[l]);
                let (below, above) = ws.delta.split_at_mut(l);
                let d = &mut below[l - 1];
                d.gemm(1.0, &above[0], &ws.w_t[l], 0.0);
                let act = self.activation;
                d.zip_zip_apply(&ws.z[l - 1], &ws.a[l], |d, z, a| *d *= act.derivative(z, a));
            }
        }
        loss / m
    }

    /// The output probability of one point (allocation-free helpers are in `Session`).
    pub fn predict_one(&self, x: &[f64]) -> f64 {
        let mut a: Vec<f64> = x.to_vec();
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let next: Vec<f64> = (0..layer.fan_out())
                .map(|j| {
                    let z = layer.b[j]
                        + (0..layer.fan_in())
                            .map(|i| a[i] * layer.w[(i, j)])
                            .sum::<f64>();
                    if l == last {
                        sigmoid(z)
                    } else {
                        self.activation.apply(z)
                    }
                })
                .collect();
            a = next;
        }
        a[0]
    }
}
