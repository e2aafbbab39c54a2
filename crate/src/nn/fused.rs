//! A minibatch's forward pass, loss and gradient in one sweep, four examples at a time in the
//! lanes of small arrays: every layer's values for those examples stay in a few cache lines (in
//! registers for narrow layers), instead of one pass over the batch per layer, unit and product.
//!
//! It computes every value with the same operations in the same order as `Mlp::forward`,
//! `Mlp::batch_loss` and `Mlp::gradient` (with `kernels`' fixed summation patterns), so the
//! bits are the same, and native, wasm SIMD and wasm scalar builds still agree:
//! - pre-activations: b[j], then + a[p]·w[p, j] for p in order;
//! - weight gradients and bias sums over the batch: examples 4q + k go to running sum k, the
//!   four sums are combined as (s₀ + s₁) + (s₂ + s₃), then the last m mod 4 examples are added
//!   one by one (`kernels::dot`, `kernels::sum`); a block's lanes are exactly those four sums;
//! - deltas of a hidden layer: 0 + Σⱼ δ[j]·w[p, j] in order, then × the activation's derivative.
//!
//! Only for networks with a single output unit (sigmoid or linear); softmax goes the usual way.

use super::kernels::Real;
use super::loss::{bce_from_logit, Output};
use super::mlp::{Gradients, Mlp};

/// Examples per block (the running sums of `kernels::dot`).
const LANES: usize = 4;
type Lanes = [f64; LANES];

/// Buffers for one network's shape, allocated once.
pub struct Fused {
    /// `a[0]`: the block's inputs; `a[l + 1]`: layer l's activations; one `Lanes` per unit.
    a: Vec<Vec<Lanes>>,
    z: Vec<Vec<Lanes>>,
    d: Vec<Vec<Lanes>>,
    /// Running sums of the weight gradients (column-major like `Layer::w`) and bias sums.
    gw: Vec<Vec<Lanes>>,
    gb: Vec<Vec<Lanes>>,
    /// The output's pre-activation per example of the batch, for the loss.
    out_z: Vec<f64>,
}

impl Fused {
    /// Buffers for `model`, or None when the fused pass does not apply (several outputs).
    pub fn new(model: &Mlp) -> Option<Fused> {
        let sizes = model.sizes();
        if sizes[sizes.len() - 1] != 1 || model.output == Output::Softmax {
            return None;
        }
        let units = |from: usize| -> Vec<Vec<Lanes>> {
            sizes[from..].iter().map(|&n| vec![[0.0; LANES]; n]).collect()
        };
        Some(Fused {
            a: units(0),
            z: units(1),
            d: units(1),
            gw: model
                .layers
                .iter()
                .map(|l| vec![[0.0; LANES]; l.w.len()])
                .collect(),
            gb: units(1),
            out_z: Vec::new(),
        })
    }

    /// The gradient of the mean data loss over the examples `rows` (inputs `width` numbers per
    /// example in `x`, labels in `labels`) into `grads`; returns the mean data loss when
    /// `with_loss` (else NaN). The same bits as gather + forward + batch_loss + gradient.
    pub fn batch(
        &mut self,
        model: &Mlp,
        (x, width): (&[f64], usize),
        rows: &[usize],
        labels: &[f64],
        with_loss: bool,
        grads: &mut Gradients,
    ) -> f64 {
        let m = rows.len();
        let whole = m / LANES * LANES;
        self.gw.iter_mut().flatten().for_each(|s| *s = [0.0; LANES]);
        self.gb.iter_mut().flatten().for_each(|s| *s = [0.0; LANES]);
        self.out_z.clear();
        let mut block: [(usize, f64); LANES] = [(0, 0.0); LANES];
        for start in (0..m).step_by(LANES) {
            let n = LANES.min(m - start);
            for (k, slot) in block.iter_mut().enumerate() {
                // A tail block computes its first n lanes only (the rest are stale, never read).
                let i = rows[start + k.min(n - 1)];
                *slot = (i, labels[i]);
            }
            for (p, lanes) in self.a[0].iter_mut().enumerate() {
                for (v, &(i, _)) in lanes.iter_mut().zip(&block) {
                    *v = x[i * width + p];
                }
            }
            match n {
                1 => self.forward::<1>(model),
                2 => self.forward::<2>(model),
                3 => self.forward::<3>(model),
                _ => self.forward::<LANES>(model),
            }
            let last = model.layers.len() - 1;
            let (z, a) = (self.z[last][0], self.a[last + 1][0]);
            self.out_z.extend_from_slice(&z[..n]);
            let (mf, mut delta) = (m as f64, [0.0; LANES]);
            for k in 0..LANES {
                let y = block[k].1;
                delta[k] = match model.output {
                    Output::Linear => 2.0 * (a[k] - y) / mf,
                    _ => (a[k] - y) / mf,
                };
            }
            self.d[last][0] = delta;
            match n {
                1 => self.backward::<1>(model),
                2 => self.backward::<2>(model),
                3 => self.backward::<3>(model),
                _ => self.backward::<LANES>(model),
            }
        }
        self.finish(model, m - whole, grads);
        if !with_loss {
            return f64::NAN;
        }
        // As `Mlp::batch_loss`: the examples' losses summed in order, over m.
        let loss: f64 = rows
            .iter()
            .zip(&self.out_z)
            .map(|(&i, &z)| match model.output {
                Output::Linear => (z - labels[i]) * (z - labels[i]),
                _ => bce_from_logit(z, labels[i]),
            })
            .sum();
        loss / m as f64
    }

    /// The block's first N examples through the network (a full block or the batch's tail).
    #[inline(always)]
    fn forward<const N: usize>(&mut self, model: &Mlp) {
        let last = model.layers.len() - 1;
        for (l, layer) in model.layers.iter().enumerate() {
            let fan_in = layer.fan_in();
            let (below, above) = self.a.split_at_mut(l + 1);
            let (input, out) = (&below[l], &mut above[0]);
            let w = layer.w.as_slice();
            for (j, (z, a)) in self.z[l].iter_mut().zip(out.iter_mut()).enumerate() {
                let mut v = [layer.b[j]; N];
                for (ap, &wp) in input.iter().zip(&w[j * fan_in..(j + 1) * fan_in]) {
                    for k in 0..N {
                        v[k] += ap[k] * wp;
                    }
                }
                z[..N].copy_from_slice(&v);
                let a = &mut a[..N];
                if l == last {
                    match model.output {
                        Output::Linear => a.copy_from_slice(&v),
                        _ => v.iter().zip(a).for_each(|(&z, a)| {
                            *a = super::activation::sigmoid(z);
                        }),
                    }
                } else {
                    model.activation.apply_all(&v, a);
                }
            }
        }
    }

    /// Deltas of every layer from the output's for the block's first N examples, adding a full
    /// block (N = 4) to the running sums; a tail's examples are added in `finish`.
    #[inline(always)]
    fn backward<const N: usize>(&mut self, model: &Mlp) {
        let sum = N == LANES;
        for l in (0..model.layers.len()).rev() {
            let layer = &model.layers[l];
            let fan_in = layer.fan_in();
            if sum {
                for (j, dj) in self.d[l].iter().enumerate() {
                    let gw = &mut self.gw[l][j * fan_in..(j + 1) * fan_in];
                    for (g, ai) in gw.iter_mut().zip(&self.a[l]) {
                        for k in 0..LANES {
                            g[k] += ai[k] * dj[k];
                        }
                    }
                    let gb = &mut self.gb[l][j];
                    for k in 0..LANES {
                        gb[k] += dj[k];
                    }
                }
            }
            if l > 0 {
                let (below, above) = self.d.split_at_mut(l);
                let (d_in, d_out) = (&mut below[l - 1], &above[0]);
                let w = layer.w.as_slice();
                for (p, dp) in d_in.iter_mut().enumerate() {
                    let mut v = [0.0; N];
                    for (j, dj) in d_out.iter().enumerate() {
                        let wpj = w[j * fan_in + p];
                        for k in 0..N {
                            v[k] += dj[k] * wpj;
                        }
                    }
                    let (z, a) = (&self.z[l - 1][p][..N], &self.a[l][p][..N]);
                    model.activation.scale_by_derivative(&mut v, z, a);
                    dp[..N].copy_from_slice(&v);
                }
            }
        }
    }

    /// The gradients from the running sums and the last block's first `tail` examples.
    fn finish(&self, model: &Mlp, tail: usize, grads: &mut Gradients) {
        for l in 0..model.layers.len() {
            let fan_in = model.layers[l].fan_in();
            let gw = grads.w[l].as_mut_slice();
            for (j, dj) in self.d[l].iter().enumerate() {
                for (i, ai) in self.a[l].iter().enumerate() {
                    let s = &self.gw[l][j * fan_in + i];
                    let mut v = combine(s);
                    for k in 0..tail {
                        v += ai[k] * dj[k];
                    }
                    gw[j * fan_in + i] = v;
                }
                let mut v = combine(&self.gb[l][j]);
                for &x in &dj[..tail] {
                    v += x;
                }
                grads.b[l][j] = v;
            }
        }
    }
}

/// The four running sums combined as `kernels::dot` and `kernels::sum` do.
#[inline(always)]
fn combine<T: Real>(s: &[T; LANES]) -> T {
    (s[0] + s[1]) + (s[2] + s[3])
}
