//! A fully connected network with any number of hidden layers and an output layer chosen by the
//! task (sigmoid, softmax or linear).
//!
//! Layout: a minibatch is a matrix with one row per example (batch-major). A layer's weights
//! `w` are fan_in × fan_out, input-major as Keras prints them, so `z = a·W + b`.

use super::kernels;
use super::loss::Output;
use crate::config::Activation;
use nalgebra::{DMatrix, DVector};
use rand::Rng;
use std::ops::Range;

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

/// One layer's parameters as plain lists, the form the JS API and the CLI print:
/// `W[i][j]` joins input i to unit j (input-major, as Keras prints it).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LayerWeights {
    #[serde(rename = "W")]
    pub w: Vec<Vec<f64>>,
    pub b: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    pub layers: Vec<Layer>,
    /// Nonlinearity of every hidden layer.
    pub activation: Activation,
    pub output: Output,
}

/// Buffers for one batch size, allocated once and reused every step.
pub struct Workspace {
    rows: usize,
    /// The rows it was made for: `set_rows` may use fewer without allocating.
    capacity: usize,
    /// `a[0]` is the input batch; `a[l + 1]` the activations of layer l (the last: the outputs).
    pub a: Vec<DMatrix<f64>>,
    /// `z[l]`: pre-activations of layer l.
    pub z: Vec<DMatrix<f64>>,
    delta: Vec<DMatrix<f64>>,
}

impl Workspace {
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The most rows `set_rows` allows: a pass over many points goes a capacity at a time.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Makes every matrix `rows` tall (1 ≤ rows ≤ capacity) in the storage it has, so that a
    /// forward pass computes those rows only: a pass's short last chunk (44 of 300 points) then
    /// costs its own rows rather than a whole workspace's. Every row's numbers are as before
    /// (each row is computed on its own); what the matrices held is not kept.
    pub fn set_rows(&mut self, rows: usize) {
        assert!(
            (1..=self.capacity).contains(&rows),
            "{rows} rows in a workspace of {}",
            self.capacity
        );
        if rows == self.rows {
            return;
        }
        for m in self.a.iter_mut().chain(&mut self.z).chain(&mut self.delta) {
            let cols = m.ncols();
            let mut values: Vec<f64> = std::mem::replace(m, DMatrix::zeros(0, cols)).data.into();
            // Within the capacity reserved at first: no allocation.
            values.resize(rows * cols, 0.0);
            *m = DMatrix::from_vec(rows, cols, values);
        }
        self.rows = rows;
    }

    /// Calls `f(self, start..end)` for 0..n a capacity at a time, with the workspace as tall as
    /// each chunk (`set_rows`): the one loop of every pass over many rows.
    pub fn in_chunks(&mut self, n: usize, mut f: impl FnMut(&mut Workspace, Range<usize>)) {
        let mut start = 0;
        while start < n {
            let end = (start + self.capacity).min(n);
            self.set_rows(end - start);
            f(self, start..end);
            start = end;
        }
    }
}

/// Gradients with the same shapes as the layers.
#[derive(Clone, Debug)]
pub struct Gradients {
    pub w: Vec<DMatrix<f64>>,
    pub b: Vec<DVector<f64>>,
}

impl Gradients {
    /// All entries in the order `Mlp::params` uses.
    pub fn write_to(&self, out: &mut [f64]) {
        let mut at = 0;
        for (w, b) in self.w.iter().zip(&self.b) {
            for src in [w.as_slice(), b.as_slice()] {
                out[at..at + src.len()].copy_from_slice(src);
                at += src.len();
            }
        }
    }

    /// self += scale · other
    pub fn add_scaled(&mut self, other: &Gradients, scale: f64) {
        let add = |a: &mut [f64], b: &[f64]| a.iter_mut().zip(b).for_each(|(a, b)| *a += scale * b);
        for (a, b) in self.w.iter_mut().zip(&other.w) {
            add(a.as_mut_slice(), b.as_slice());
        }
        for (a, b) in self.b.iter_mut().zip(&other.b) {
            add(a.as_mut_slice(), b.as_slice());
        }
    }

    pub fn fill_zero(&mut self) {
        self.w.iter_mut().for_each(|w| w.fill(0.0));
        self.b.iter_mut().for_each(|b| b.fill(0.0));
    }
}

impl Mlp {
    /// Glorot-uniform weights (as Keras' default), zero biases. `sizes` = [inputs, hidden…, outputs].
    pub fn new(sizes: &[usize], activation: Activation, output: Output, rng: &mut impl Rng) -> Mlp {
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
        Mlp {
            layers,
            activation,
            output,
        }
    }

    /// Every layer's W and b as plain lists.
    pub fn weights(&self) -> Vec<LayerWeights> {
        self.layers
            .iter()
            .map(|l| LayerWeights {
                w: l.w
                    .row_iter()
                    .map(|r| r.iter().copied().collect())
                    .collect(),
                b: l.b.iter().copied().collect(),
            })
            .collect()
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
            capacity: rows,
            a: per_layer(0),
            z: per_layer(1),
            delta: per_layer(1),
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
        self.forward_between(start, self.layers.len(), ws);
    }

    /// Runs the network from the space of layer `start` up to the space of layer `end` only:
    /// `ws.a[end]` is written, later layers are not (a hidden layer's picture needs no more).
    pub fn forward_between(&self, start: usize, end: usize, ws: &mut Workspace) {
        let last = self.layers.len() - 1;
        for l in start..end.min(self.layers.len()) {
            let layer = &self.layers[l];
            let (below, above) = ws.a.split_at_mut(l + 1);
            let z = &mut ws.z[l];
            kernels::affine(z, &below[l], &layer.w, &layer.b);
            let a = &mut above[0];
            if l == last {
                self.output.activate(z, a);
            } else {
                self.activation.apply_all(z.as_slice(), a.as_mut_slice());
            }
        }
    }

    /// Mean data loss of the batch after `forward`, and its gradient in `grads`. Only the first
    /// `y.len()` rows count, so a workspace can hold a short last chunk.
    pub fn backward(&self, ws: &mut Workspace, y: &[f64], grads: &mut Gradients) -> f64 {
        let loss = self.batch_loss(ws, y);
        self.gradient(ws, y, grads);
        loss
    }

    /// Mean data loss of the batch after `forward` (the first `y.len()` rows).
    pub fn batch_loss(&self, ws: &Workspace, y: &[f64]) -> f64 {
        let z = &ws.z[self.layers.len() - 1];
        let y = &y[..y.len().min(ws.rows)];
        let mut loss = 0.0;
        self.output.add_losses(z, y, &mut loss);
        loss / y.len() as f64
    }

    /// The gradient of the batch's mean data loss after `forward`, into `grads`.
    pub fn gradient(&self, ws: &mut Workspace, y: &[f64], grads: &mut Gradients) {
        let last = self.layers.len() - 1;
        let y = &y[..y.len().min(ws.rows)];
        let m = y.len() as f64;
        self.output
            .delta_rows(&ws.a[last + 1], y, m, &mut ws.delta[last]);
        for r in y.len()..ws.rows {
            ws.delta[last].row_mut(r).fill(0.0);
        }
        for l in (0..=last).rev() {
            kernels::tr_mul_sums(
                &mut grads.w[l],
                &ws.a[l],
                &ws.delta[l],
                grads.b[l].as_mut_slice(),
            );
            if l > 0 {
                let (below, above) = ws.delta.split_at_mut(l);
                let d = &mut below[l - 1];
                kernels::mul_tr(d, &above[0], &self.layers[l].w);
                self.activation.scale_by_derivative(
                    d.as_mut_slice(),
                    ws.z[l - 1].as_slice(),
                    ws.a[l].as_slice(),
                );
            }
        }
    }

    /// The regularization term l1·‖W‖₁ + l2/2·‖W‖² (weights only, never biases).
    pub fn penalty(&self, l1: f64, l2: f64) -> f64 {
        let mut p = 0.0;
        for layer in &self.layers {
            for &w in layer.w.iter() {
                p += l1 * w.abs() + 0.5 * l2 * w * w;
            }
        }
        p
    }

    /// Adds the penalty's (sub)gradient l1·sign(W) + l2·W to `grads`.
    pub fn add_penalty_gradient(&self, grads: &mut Gradients, l1: f64, l2: f64) {
        if l1 == 0.0 && l2 == 0.0 {
            return;
        }
        for (layer, g) in self.layers.iter().zip(&mut grads.w) {
            g.zip_apply(&layer.w, |g, w| {
                let sign = if w > 0.0 {
                    1.0
                } else if w < 0.0 {
                    -1.0
                } else {
                    0.0
                };
                *g += l1 * sign + l2 * w;
            });
        }
    }

    pub fn param_count(&self) -> usize {
        self.layers.iter().map(|l| l.w.len() + l.b.len()).sum()
    }

    /// All parameters, layer by layer: W (column-major) then b.
    pub fn write_params(&self, out: &mut [f64]) {
        let mut at = 0;
        for layer in &self.layers {
            for src in [layer.w.as_slice(), layer.b.as_slice()] {
                out[at..at + src.len()].copy_from_slice(src);
                at += src.len();
            }
        }
    }

    /// Whether `params` (laid out as `write_params` lays them) are these weights, bit for bit.
    pub fn params_are(&self, params: &[f64]) -> bool {
        let mut at = 0;
        for layer in &self.layers {
            for src in [layer.w.as_slice(), layer.b.as_slice()] {
                let Some(kept) = params.get(at..at + src.len()) else {
                    return false;
                };
                if kept
                    .iter()
                    .zip(src)
                    .any(|(a, b)| a.to_bits() != b.to_bits())
                {
                    return false;
                }
                at += src.len();
            }
        }
        at == params.len()
    }

    pub fn read_params(&mut self, from: &[f64]) {
        let mut at = 0;
        for layer in &mut self.layers {
            for dst in [layer.w.as_mut_slice(), layer.b.as_mut_slice()] {
                let n = dst.len();
                dst.copy_from_slice(&from[at..at + n]);
                at += n;
            }
        }
    }

    /// The outputs for one input vector (tests and examples; the hot paths use workspaces).
    pub fn predict_one(&self, x: &[f64]) -> Vec<f64> {
        let mut ws = self.workspace(1);
        for (i, v) in x.iter().enumerate() {
            ws.a[0][(0, i)] = *v;
        }
        self.forward(&mut ws);
        ws.a.last()
            .expect("has an output layer")
            .row(0)
            .iter()
            .copied()
            .collect()
    }
}
