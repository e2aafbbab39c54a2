//! The output layer and its loss, chosen by the task: sigmoid + binary cross-entropy, softmax +
//! cross-entropy, or linear + mean squared error. Each pairing has the simple gradient
//! dLoss/dz = (prediction − target) (times 2 for squared error), which `delta` writes.

use super::fastmath;
use crate::data::Task;
use nalgebra::DMatrix;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Sigmoid,
    Softmax,
    Linear,
}

impl Output {
    pub fn for_task(task: Task) -> Output {
        match task {
            Task::Binary => Output::Sigmoid,
            Task::Multiclass(_) => Output::Softmax,
            Task::Regression => Output::Linear,
        }
    }

    /// Output activations `a` from logits `z`, row by row.
    pub fn activate(self, z: &DMatrix<f64>, a: &mut DMatrix<f64>) {
        match self {
            Output::Sigmoid => {
                let c = fastmath::constants();
                for (a, &z) in a.as_mut_slice().iter_mut().zip(z.as_slice()) {
                    *a = fastmath::sigmoid_with(z, &c);
                }
            }
            Output::Linear => a.copy_from(z),
            Output::Softmax => {
                for r in 0..z.nrows() {
                    let max = z.row(r).max();
                    let mut sum = 0.0;
                    for k in 0..z.ncols() {
                        let e = libm::exp(z[(r, k)] - max);
                        a[(r, k)] = e;
                        sum += e;
                    }
                    for k in 0..z.ncols() {
                        a[(r, k)] /= sum;
                    }
                }
            }
        }
    }

    /// The loss of row `r` with label `y` (a class index or a target), from the logits.
    pub fn loss(self, z: &DMatrix<f64>, r: usize, y: f64) -> f64 {
        match self {
            Output::Sigmoid => bce_from_logit(z[(r, 0)], y),
            Output::Linear => (z[(r, 0)] - y) * (z[(r, 0)] - y),
            Output::Softmax => {
                let max = z.row(r).max();
                let log_sum = (0..z.ncols())
                    .map(|k| libm::exp(z[(r, k)] - max))
                    .sum::<f64>();
                max + libm::log(log_sum) - z[(r, y as usize)]
            }
        }
    }

    /// Adds the losses of rows 0, 1, … (row r labelled y[r]) to `total`, one after another.
    /// A sigmoid's rows go in blocks whose losses are computed side by side (they vectorise);
    /// the sum keeps its order, so the result is the same bits as row by row. Never inlined:
    /// one copy of the vector code for its three callers.
    #[inline(never)]
    pub fn add_losses(self, z: &DMatrix<f64>, y: &[f64], total: &mut f64) {
        if self != Output::Sigmoid {
            for (r, &y) in y.iter().enumerate() {
                *total += self.loss(z, r, y);
            }
            return;
        }
        debug_assert_eq!(z.ncols(), 1);
        // Blocks of a run-time length (a constant one is unrolled first, and then did not
        // vectorise in wasm).
        const BLOCK: usize = 32;
        let c = fastmath::constants();
        for (z, y) in z.as_slice()[..y.len()].chunks(BLOCK).zip(y.chunks(BLOCK)) {
            let mut block = [0.0; BLOCK];
            let losses = &mut block[..z.len()];
            for ((l, &z), &y) in losses.iter_mut().zip(z).zip(y) {
                *l = bce_with(z, y, &c);
            }
            for l in losses.iter() {
                *total += l;
            }
        }
    }

    /// dLoss/dz of row `r`, divided by the batch size `m` (the loss is a mean).
    pub fn delta(self, a: &DMatrix<f64>, r: usize, y: f64, m: f64, delta: &mut DMatrix<f64>) {
        match self {
            Output::Sigmoid => delta[(r, 0)] = (a[(r, 0)] - y) / m,
            Output::Linear => delta[(r, 0)] = 2.0 * (a[(r, 0)] - y) / m,
            Output::Softmax => {
                for k in 0..a.ncols() {
                    let target = if k == y as usize { 1.0 } else { 0.0 };
                    delta[(r, k)] = (a[(r, k)] - target) / m;
                }
            }
        }
    }

    /// `delta` for the rows `0..y.len()` (row r labelled y[r]): a single output's rows as one
    /// loop over its column, which vectorises (the same bits as row by row).
    pub fn delta_rows(self, a: &DMatrix<f64>, y: &[f64], m: f64, delta: &mut DMatrix<f64>) {
        let n = y.len();
        match self {
            Output::Sigmoid | Output::Linear if a.ncols() == 1 => {
                let scale = if self == Output::Linear { 2.0 } else { 1.0 };
                let d = &mut delta.as_mut_slice()[..n];
                for ((d, &a), &y) in d.iter_mut().zip(&a.as_slice()[..n]).zip(y) {
                    *d = scale * (a - y) / m;
                }
            }
            _ => {
                for (r, &y) in y.iter().enumerate() {
                    self.delta(a, r, y, m, delta);
                }
            }
        }
    }

    /// Whether row `r` is classified right (None for regression).
    /// The class the network predicts for row `r` (None for regression).
    pub fn predicted(self, z: &DMatrix<f64>, r: usize) -> Option<usize> {
        match self {
            Output::Sigmoid => Some(usize::from(z[(r, 0)] > 0.0)),
            Output::Linear => None,
            Output::Softmax => {
                let row = z.row(r);
                Some((0..row.len()).fold(0, |b, k| if row[k] > row[b] { k } else { b }))
            }
        }
    }

    pub fn correct(self, z: &DMatrix<f64>, r: usize, y: f64) -> Option<bool> {
        match self {
            Output::Sigmoid => Some((z[(r, 0)] > 0.0) == (y == 1.0)),
            Output::Linear => None,
            Output::Softmax => {
                let row = z.row(r);
                let best = (0..row.len()).fold(0, |b, k| if row[k] > row[b] { k } else { b });
                Some(best == y as usize)
            }
        }
    }
}

/// −y·log σ(z) − (1−y)·log(1−σ(z)) = log(1 + e^z) − y·z, evaluated without overflow.
pub fn bce_from_logit(z: f64, y: f64) -> f64 {
    bce_with(z, y, &fastmath::CONSTANTS)
}

/// `bce_from_logit` with its constants given, branch-free (see `fastmath`).
#[inline(always)]
fn bce_with(z: f64, y: f64, c: &fastmath::Constants) -> f64 {
    let positive = if z > 0.0 { z } else { 0.0 };
    positive - y * z + fastmath::ln_1p_exp_neg_with(z.abs(), c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::activation::sigmoid;

    #[test]
    fn bce_equals_the_textbook_form() {
        for (z, y) in [(-3.0, 0.0), (-0.2, 1.0), (0.5, 0.0), (4.0, 1.0)] {
            let p = sigmoid(z);
            let textbook = -y * p.ln() - (1.0 - y) * (1.0 - p).ln();
            assert!((bce_from_logit(z, y) - textbook).abs() < 1e-12);
        }
        assert!(bce_from_logit(800.0, 0.0).is_finite());
        assert!(bce_from_logit(-800.0, 1.0).is_finite());
    }

    /// The block-wise sum is the row-by-row one, bit for bit, on both sides of a block's end.
    #[test]
    fn add_losses_sums_row_by_row() {
        for n in [1, 10, 31, 32, 33, 70] {
            let z: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin() * 9.0).collect();
            let y: Vec<f64> = (0..n).map(|i| (i % 3 == 0) as u8 as f64).collect();
            let mut total = 0.25;
            Output::Sigmoid.add_losses(&DMatrix::from_column_slice(n, 1, &z), &y, &mut total);
            let by_rows = z
                .iter()
                .zip(&y)
                .fold(0.25, |t, (&z, &y)| t + bce_from_logit(z, y));
            assert_eq!(total.to_bits(), by_rows.to_bits(), "{n} rows");
        }
    }

    #[test]
    fn softmax_rows_sum_to_one_and_loss_is_minus_log_p() {
        let z = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 0.5, -700.0, 700.0, 0.0]);
        let mut a = DMatrix::zeros(2, 3);
        Output::Softmax.activate(&z, &mut a);
        for r in 0..2 {
            assert!((a.row(r).sum() - 1.0).abs() < 1e-15);
        }
        let loss = Output::Softmax.loss(&z, 0, 1.0);
        assert!((loss + a[(0, 1)].ln()).abs() < 1e-12);
        assert!(Output::Softmax.loss(&z, 1, 0.0).is_finite());
        assert_eq!(Output::Softmax.correct(&z, 0, 1.0), Some(true));
        assert_eq!(Output::Softmax.correct(&z, 1, 0.0), Some(false));
    }
}
