//! The benchmark cases, written once and timed both natively (`featurespace bench`) and in the
//! browser (`www/bench.html`) with whatever clock the caller has. Each figure also carries its
//! arithmetic rate, to compare with the plain multiply-add peak measured the same way.

use crate::nn::kernels::{self, Real};
use crate::session::Session;
use crate::views::SpaceView;
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    pub case: String,
    pub value: f64,
    pub unit: &'static str,
    /// Floating-point operations per second this figure implies (for the share of peak).
    pub flops: Option<f64>,
}

mod training;
use training::session;
pub use training::{cases, epoch_flops, EPOCH_CASES};

/// Multiply-adds per example for one forward pass.
fn weights(s: &Session) -> f64 {
    s.model().layers.iter().map(|l| l.w.len() as f64).sum()
}

/// Runs `work` for `budget_ms` after a warm-up of a quarter of that; returns calls per second,
/// the best of `PARTS` equal parts of the budget. The warm-up matters in the browser: V8 runs
/// new wasm code in its baseline compiler until the optimising one has compiled it in the
/// background (and a run's first epochs keep every loss).
fn rate(now: &dyn Fn() -> f64, budget_ms: f64, mut work: impl FnMut(u32)) -> f64 {
    let mut batch = 1u32;
    run_for(now, budget_ms / 4.0, &mut work, &mut batch);
    (0..PARTS)
        .map(|_| {
            let (calls, elapsed) = run_for(now, budget_ms / PARTS as f64, &mut work, &mut batch);
            calls as f64 * 1000.0 / elapsed
        })
        .fold(0.0, f64::max)
}

/// Each case's budget is timed in this many parts, and its figure is the fastest part's: on a
/// shared machine other work takes the core for a few hundred milliseconds at a time, and the
/// fastest part is the one it disturbed least. `www/bench-public.js` times the same way.
pub const PARTS: u32 = 3;

/// The longest a case may take, in milliseconds (ten minutes): `featurespace bench` refuses
/// more, and a longer budget from elsewhere counts as this one.
pub const MAX_BUDGET_MS: f64 = 600_000.0;

/// Calls `work` in batches, doubling `batch` while the time spent is under an eighth of
/// `budget_ms`, until `budget_ms` has passed; returns the calls and the milliseconds. A budget
/// that is not a number counts as 0 (one batch), one past [`MAX_BUDGET_MS`] as that, so the
/// loop always ends.
fn run_for(
    now: &dyn Fn() -> f64,
    budget_ms: f64,
    work: &mut impl FnMut(u32),
    batch: &mut u32,
) -> (u64, f64) {
    let budget_ms = if budget_ms.is_nan() {
        0.0
    } else {
        budget_ms.clamp(0.0, MAX_BUDGET_MS)
    };
    let (mut calls, start) = (0u64, now());
    loop {
        work(*batch);
        calls += *batch as u64;
        let elapsed = now() - start;
        if elapsed >= budget_ms {
            return (calls, elapsed);
        }
        if elapsed < budget_ms / 8.0 {
            *batch = batch.saturating_mul(2);
        }
    }
}

/// A plain multiply-add loop over arrays that stay in cache: the machine's practical peak for
/// this build (GFLOP/s as flops per second).
pub fn peak(now: &dyn Fn() -> f64, budget_ms: f64) -> Figure {
    const N: usize = 2048;
    let a: Vec<f64> = (0..N).map(|i| 1.0 + i as f64 * 1e-6).collect();
    let b: Vec<f64> = (0..N).map(|i| 0.5 - i as f64 * 1e-7).collect();
    let mut c = vec![0.0f64; N];
    let per_second = rate(now, budget_ms, |reps| {
        for _ in 0..reps {
            multiply_add(&mut c, &a, &b);
        }
    });
    // Keep the result observable so the loop is not optimised away.
    let flops = per_second * 2.0 * N as f64 + c[N / 2] * 0.0;
    Figure {
        case: "peak: multiply-add over cached arrays".into(),
        value: flops / 1e9,
        unit: "GFLOP/s",
        flops: Some(flops),
    }
}

/// Forward and backward through dense ReLU layers at batch `rows`, on the network's own kernels:
/// the part of training whose cost depends on the number type, run at f32 and at f64.
struct DensePass<T: Real> {
    w: Vec<DMatrix<T>>,
    b: Vec<DVector<T>>,
    /// Activations (inputs first), pre-activations, deltas and weight gradients per layer.
    a: Vec<DMatrix<T>>,
    z: Vec<DMatrix<T>>,
    d: Vec<DMatrix<T>>,
    g: Vec<DMatrix<T>>,
}

impl<T: Real + PartialOrd + From<f32>> DensePass<T> {
    fn new(sizes: &[usize], rows: usize) -> Self {
        let v = |i: usize| T::from(((i * 7919) % 200) as f32 / 100.0 - 1.0);
        let layers = || sizes.windows(2);
        DensePass {
            w: layers()
                .map(|s| DMatrix::from_fn(s[0], s[1], |i, j| v(i * 31 + j)))
                .collect(),
            b: layers()
                .map(|s| DVector::from_fn(s[1], |j, _| v(j)))
                .collect(),
            a: sizes
                .iter()
                .map(|&n| DMatrix::from_fn(rows, n, |i, j| v(i + j * 13)))
                .collect(),
            z: sizes[1..]
                .iter()
                .map(|&n| DMatrix::from_element(rows, n, T::default()))
                .collect(),
            d: sizes[1..]
                .iter()
                .map(|&n| DMatrix::from_element(rows, n, T::default()))
                .collect(),
            g: layers()
                .map(|s| DMatrix::from_element(s[0], s[1], T::default()))
                .collect(),
        }
    }

    #[inline(never)]
    fn run(&mut self) {
        let zero = T::default();
        let last = self.w.len() - 1;
        for l in 0..=last {
            let (below, above) = self.a.split_at_mut(l + 1);
            kernels::affine(&mut self.z[l], &below[l], &self.w[l], &self.b[l]);
            for (a, &z) in above[0].iter_mut().zip(self.z[l].iter()) {
                *a = if z > zero { z } else { zero };
            }
        }
        self.d[last].copy_from(&self.a[last + 1]);
        for l in (0..=last).rev() {
            kernels::tr_mul(&mut self.g[l], &self.a[l], &self.d[l]);
            if l > 0 {
                let (below, above) = self.d.split_at_mut(l);
                kernels::mul_tr(&mut below[l - 1], &above[0], &self.w[l]);
                for (d, &z) in below[l - 1].iter_mut().zip(self.z[l - 1].iter()) {
                    if z <= zero {
                        *d = zero;
                    }
                }
            }
        }
    }
}

/// The f32 against f64 comparison: passes per second of `DensePass` at each precision, on the
/// 2-50-1 network at batch 10 and on the heavy case's 2-64-64-64-1 at batch 32.
fn precision_cases(now: &dyn Fn() -> f64, budget_ms: f64) -> Vec<Figure> {
    let mut out = Vec::new();
    for (sizes, rows) in [(&[2, 50, 1][..], 10), (&[2, 64, 64, 64, 1][..], 32)] {
        let weights: usize = sizes.windows(2).map(|s| s[0] * s[1]).sum();
        // Forward 2 flops per weight and row; backward twice that (weight gradients and deltas).
        let flops_per_pass = 6.0 * weights as f64 * rows as f64;
        let mut f64_pass = DensePass::<f64>::new(sizes, rows);
        let mut f32_pass = DensePass::<f32>::new(sizes, rows);
        let name = sizes
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("-");
        let figure = |precision: &str, per_second: f64| Figure {
            case: format!(
                "dense layers {name} relu, forward + backward, batch {rows}, {precision}"
            ),
            value: per_second * rows as f64 / 1e6,
            unit: "M rows/s",
            flops: Some(per_second * flops_per_pass),
        };
        let f64_rate = rate(now, budget_ms, |n| (0..n).for_each(|_| f64_pass.run()));
        let f32_rate = rate(now, budget_ms, |n| (0..n).for_each(|_| f32_pass.run()));
        out.extend([figure("f64", f64_rate), figure("f32", f32_rate)]);
    }
    out
}

/// The arithmetic peak without memory traffic: eight running values, each multiplied and added
/// to in turn (independent chains, so vector lanes and pipelines fill). The share of peak of
/// every figure is taken against this one.
pub fn register_peak(now: &dyn Fn() -> f64, budget_ms: f64) -> Figure {
    const STEPS: usize = 1024;
    let mut v = [0.0f64; 8];
    let per_second = rate(now, budget_ms, |reps| {
        for _ in 0..reps {
            multiply_add_registers(&mut v, STEPS);
        }
    });
    let flops = per_second * 2.0 * 8.0 * STEPS as f64 + v[3] * 0.0;
    Figure {
        case: "peak: multiply-add in registers (eight running values)".into(),
        value: flops / 1e9,
        unit: "GFLOP/s",
        flops: Some(flops),
    }
}

/// v[k] ← v[k]·m + c, `steps` times; m < 1 keeps the values bounded.
#[inline(never)]
fn multiply_add_registers(v: &mut [f64; 8], steps: usize) {
    let (m, c) = (0.999_999, 1e-6);
    let mut r = *v;
    for _ in 0..steps {
        for x in &mut r {
            *x = *x * m + c;
        }
    }
    *v = r;
}

/// c += a·b. A function of its own, called again and again: V8 has no on-stack replacement for
/// wasm, so a loop that never returns would be timed in its baseline compiler's code.
#[inline(never)]
fn multiply_add(c: &mut [f64], a: &[f64], b: &[f64]) {
    for ((c, a), b) in c.iter_mut().zip(a).zip(b) {
        *c += a * b;
    }
}

pub fn run(now: &dyn Fn() -> f64, budget_ms: f64) -> Vec<Figure> {
    let mut out = vec![peak(now, budget_ms), register_peak(now, budget_ms)];
    for (name, query) in EPOCH_CASES {
        let mut s = session(query);
        let per_epoch = epoch_flops(&s);
        let epochs = rate(now, budget_ms, |n| s.step(n));
        out.push(Figure {
            case: format!("train {name}"),
            value: epochs,
            unit: "epochs/s",
            flops: Some(epochs * per_epoch),
        });
    }
    for (name, query, res) in [
        ("2-50-1", EPOCH_CASES[1].1, 100),
        ("2-50-1", EPOCH_CASES[1].1, 200),
        ("2-4-2-1", EPOCH_CASES[0].1, 100),
    ] {
        let mut s = session(query);
        let mut view = SpaceView::new(0, res);
        let per_render = 2.0 * weights(&s) * (res * res) as f64;
        let renders = rate(now, budget_ms, |n| {
            for _ in 0..n {
                s.render(&mut view);
            }
        });
        out.push(Figure {
            case: format!("grid {res}×{res}, output + every hidden unit, {name}"),
            value: 1000.0 / renders,
            unit: "ms",
            flops: Some(renders * per_render),
        });
    }
    let mut s = session(EPOCH_CASES[0].1);
    let mut feature = SpaceView::new(2, 64);
    let renders = rate(now, budget_ms, |n| {
        for _ in 0..n {
            s.render(&mut feature);
        }
    });
    out.push(Figure {
        case: "feature-space transform (500 points + 64×64 grid), 2-4-2-1".into(),
        value: 1000.0 / renders,
        unit: "ms",
        flops: None,
    });
    // Any hidden layer's space: layer 1 of 8,8 on 500 points seen through the projection (its
    // principal component), with the next layer's lines, the warped grid and the heatmap.
    let mut s = session("hidden=8,8&activation=tanh");
    let mut projected = SpaceView::new(1, 64);
    projected.set_extras(true, false);
    let renders = rate(now, budget_ms, |n| {
        for _ in 0..n {
            s.render(&mut projected);
        }
    });
    out.push(Figure {
        case: "feature-space projection of layer 1 (500 points, 64×64 grid, warped grid), 2-8-8-1"
            .into(),
        value: 1000.0 / renders,
        unit: "ms",
        flops: None,
    });
    out.extend(precision_cases(now, budget_ms));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn every_budget_ends() {
        // A clock that moves a second a reading: an unbounded budget would never end.
        let t = Cell::new(0.0);
        let now = || {
            t.set(t.get() + 1000.0);
            t.get()
        };
        for budget in [f64::NAN, f64::INFINITY, -5.0, 0.0, 1e300] {
            let mut batches = 0;
            let mut work = |_| {
                batches += 1;
                assert!(batches < 10_000, "a budget of {budget} ms never ends");
            };
            let mut batch = 1;
            let (calls, elapsed) = run_for(&now, budget, &mut work, &mut batch);
            assert!(calls >= 1, "{budget}");
            assert!(elapsed <= MAX_BUDGET_MS + 1000.0, "{budget}: {elapsed}");
        }
    }
}
