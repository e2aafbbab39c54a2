//! Training you can read: one optimizer update on one sample or on one minibatch, with the
//! points it used, their loss before and after, and the weights before it (so the views can
//! draw what the update did to those points).
//!
//! A sample step is one update of the configured optimizer on a minibatch of one point: a
//! chosen training point, or else the next point of the run's order (its own walk through the
//! order the epochs shuffle, one point further at each sample step). It trains outside the
//! epochs: the epoch count, the minibatch cursor and the loss history stay as they were. A
//! batch step is exactly `step_batches(1)`: the next minibatch of the epoch under way.

use super::passes::gather;
use super::{Session, Training};
use crate::config::Features;
use crate::nn::{Mlp, Output};
use crate::optim;
use serde::Serialize;

/// What one sample or minibatch step did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Update {
    /// `sample` or `batch`.
    pub kind: &'static str,
    /// The training points the update used (indices into the training set).
    pub points: Vec<usize>,
    /// Their mean data loss before and after the update.
    pub loss_before: f64,
    pub loss_after: f64,
    /// The run's epoch after the step, and whether the step finished an epoch.
    pub epoch: u64,
    pub epoch_ended: bool,
    /// The network before the update (not sent to the page).
    #[serde(skip)]
    pub before: Mlp,
    /// Every parameter after the update: the update's arrows are drawn only while the model
    /// still has these weights (any other change of the weights clears them).
    #[serde(skip)]
    pub after: Vec<f64>,
}

impl Session {
    /// One optimizer update on the single training point `index` (None: the next point of the
    /// run's order). An error says why not (L-BFGS, no training points, an index past the end).
    pub fn step_sample(&mut self, index: Option<usize>) -> Result<Update, String> {
        let n = self.data.train.len();
        if n == 0 {
            return Err("there are no training points to step on".into());
        }
        if matches!(self.training, Training::Lbfgs(_)) {
            return Err("L-BFGS trains on the whole training set at once; choose a stochastic optimizer (sgd, momentum, rmsprop, adam) to step by sample or minibatch".into());
        }
        let point = match index {
            Some(i) if i < n => i,
            Some(i) => {
                return Err(format!(
                    "point {i} is not a training point (there are {n}, numbered from 0)"
                ))
            }
            None => {
                let i = self.order[self.sample_next % n];
                self.sample_next = (self.sample_next + 1) % n;
                i
            }
        };
        let before = self.model.clone();
        let rows = [point];
        let loss_before = loss_of(&self.model, self, &rows);
        let mut ws = self.model.workspace(1);
        let mut grads = self.model.gradients();
        gather(
            &self.train_inputs,
            &self.data.train.y,
            &rows,
            &mut ws,
            &mut self.batch_y,
        );
        self.model.forward(&mut ws);
        self.model.gradient(&mut ws, &self.batch_y, &mut grads);
        self.model
            .add_penalty_gradient(&mut grads, self.config.l1, self.config.l2);
        if let Training::Stochastic(opt) = &mut self.training {
            optim::apply(opt.as_mut(), &mut self.model, &grads);
        }
        Ok(self.finish("sample", rows.to_vec(), loss_before, before, false))
    }

    /// The next minibatch of the epoch under way, exactly as `step_batches(1)` trains it (under
    /// L-BFGS, one iteration over every training point).
    pub fn step_batch(&mut self) -> Result<Update, String> {
        if self.data.train.is_empty() {
            return Err("there are no training points to step on".into());
        }
        let before = self.model.clone();
        let batch = self.batch_ws.rows();
        let lbfgs = matches!(self.training, Training::Lbfgs(_));
        // The epoch's order is shuffled at its first minibatch, so the points are read after.
        let ended = self.step_batches(1) == 1;
        let points: Vec<usize> = if lbfgs {
            (0..self.data.train.len()).collect()
        } else {
            let chunk = if self.cursor == 0 {
                self.batches_per_epoch() - 1
            } else {
                self.cursor - 1
            };
            let start = chunk * batch;
            self.order[start..(start + batch).min(self.order.len())].to_vec()
        };
        let loss_before = loss_of(&before, self, &points);
        Ok(self.finish("batch", points, loss_before, before, ended))
    }

    /// The training point the next sample step uses when none is chosen.
    pub fn next_sample(&self) -> Option<usize> {
        let n = self.order.len();
        (n > 0).then(|| self.order[self.sample_next % n])
    }

    fn finish(
        &mut self,
        kind: &'static str,
        points: Vec<usize>,
        loss_before: f64,
        before: Mlp,
        epoch_ended: bool,
    ) -> Update {
        let loss_after = loss_of(&self.model, self, &points);
        let mut after = vec![0.0; self.model.param_count()];
        self.model.write_params(&mut after);
        Update {
            kind,
            points,
            loss_before,
            loss_after,
            epoch: self.epoch,
            epoch_ended,
            before,
            after,
        }
    }

    /// Whether the model still has the weights right after `update`.
    pub fn shows(&self, update: &Update) -> bool {
        let mut now = vec![0.0; self.model.param_count()];
        self.model.write_params(&mut now);
        now == update.after
    }

    /// The weights (as `Mlp::write_params` lays them out) that one plain SGD step on training
    /// point `index` would give, from a finite-difference gradient of that point's loss (plus
    /// the penalty): a reference computed without the backward pass, for the tests.
    pub fn reference_sgd_step(&self, index: usize) -> Option<Vec<f64>> {
        let x = *self.data.train.x.get(index)?;
        let y = self.data.train.y[index];
        let (l1, l2) = (self.config.l1, self.config.l2);
        let features = &self.config.features;
        let mut model = self.model.clone();
        let mut params = vec![0.0; model.param_count()];
        model.write_params(&mut params);
        let mut probe = params.clone();
        let mut next = params.clone();
        for k in 0..params.len() {
            let h = 1e-6 * (1.0 + params[k].abs());
            let mut objective = |v: f64| {
                probe[k] = v;
                model.read_params(&probe);
                point_loss(&model, features, x, y) + model.penalty(l1, l2)
            };
            let g = (objective(params[k] + h) - objective(params[k] - h)) / (2.0 * h);
            probe[k] = params[k];
            next[k] = params[k] - self.config.lr * g;
        }
        Some(next)
    }
}

/// Mean data loss of these training points under `model`.
fn loss_of(model: &Mlp, session: &Session, rows: &[usize]) -> f64 {
    let (x, y) = (&session.data.train.x, &session.data.train.y);
    let features = &session.config.features;
    let total: f64 = rows
        .iter()
        .map(|&i| point_loss(model, features, x[i], y[i]))
        .sum();
    total / rows.len().max(1) as f64
}

/// One point's data loss: the network's inputs from its (x1, x2), forward, the output's loss.
pub(crate) fn point_loss(model: &Mlp, features: &Features, x: [f64; 2], y: f64) -> f64 {
    let mut ws = model.workspace(1);
    for (k, f) in features.0.iter().enumerate() {
        ws.a[0][(0, k)] = f.of(x);
    }
    model.forward(&mut ws);
    model.output.loss(&ws.z[model.layers.len() - 1], 0, y)
}

/// The output a point's arrow follows: the probability of its own class (classification) or
/// the predicted value (regression), at input `x`.
pub fn score(model: &Mlp, features: &Features, x: [f64; 2], y: f64) -> f64 {
    let input: Vec<f64> = features.0.iter().map(|f| f.of(x)).collect();
    let out = model.predict_one(&input);
    match model.output {
        Output::Sigmoid if y > 0.5 => out[0],
        Output::Sigmoid => 1.0 - out[0],
        Output::Softmax => out.get(y as usize).copied().unwrap_or(0.0),
        Output::Linear => out[0],
    }
}
