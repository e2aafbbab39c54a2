//! A training run: config → data, model, optimizer; stepped a number of epochs at a time (once
//! per animation frame in the browser), with metrics and the views' buffers kept up to date.

use crate::config::Config;
use crate::data::{self, Split, Stream, Task};
use crate::history::History;
use crate::nn::{Gradients, Mlp, Output, Workspace};
use crate::optim::{self, Lbfgs, Optimizer};
use crate::views::SpaceView;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

mod compare;
pub mod drawing;
mod evaluated;
mod outputs;
mod passes;
mod probe;
mod snapshot;
mod snapshot_numbers;
mod stop;
pub use compare::sizes_text;
mod timeline;
pub use evaluated::{KeptPasses, Pass};
use passes::{full_batch_gradient, gather, Inputs};
pub use probe::{score, Update};
pub use snapshot::Snapshot;
pub use stop::{Stop, StopReason, StopState};

/// Rows evaluated at once when computing metrics and full-batch gradients.
const EVAL_ROWS: usize = 256;
/// Curvature pairs L-BFGS remembers (scikit-learn's and SciPy's default is 10).
const LBFGS_MEMORY: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// Mean data loss, without the regularization penalty.
    pub loss: f64,
    /// Share classified right; None for regression.
    pub accuracy: Option<f64>,
}

enum Training {
    Stochastic(Box<dyn Optimizer>),
    Lbfgs(Box<Lbfgs>),
}

pub struct Session {
    config: Config,
    data: Split,
    train_inputs: Inputs,
    test_inputs: Inputs,
    model: Mlp,
    training: Training,
    epoch: u64,
    shuffle_rng: ChaCha8Rng,
    order: Vec<usize>,
    batch_ws: Workspace,
    rest_ws: Option<Workspace>,
    eval_ws: Workspace,
    grads: Gradients,
    chunk_grads: Gradients,
    batch_y: Vec<f64>,
    params: Vec<f64>,
    /// Train and test loss by epoch, for the chart.
    history: History,
    /// Minibatches trained in the epoch under way (0: at an epoch's start), so that training
    /// can stop within an epoch and go on bit for bit as if it had not.
    cursor: usize,
    epoch_loss: f64,
    epoch_recorded: bool,
    /// The weights at the last recorded epoch with a finite training loss (the initial ones at
    /// first), so that a run that diverged can go back to them.
    finite: Vec<f64>,
    finite_epoch: u64,
    /// Where the next sample step (without a chosen point) is in `order`.
    sample_next: usize,
    /// The stop conditions' state: armed, or the stop that halted training.
    stop: StopState,
    /// The run's state at a bounded sample of its epochs (see `timeline`).
    timeline: timeline::Timeline,
    /// The passes over every point, kept for the weights they are of.
    evaluated: evaluated::Evaluated,
}

impl Session {
    /// A session on the configured generated data set.
    pub fn new(config: Config) -> Session {
        let data = data::generate(&config);
        Session::with_data(config, data)
    }

    /// A session on given data (a CSV, or a fixture), with fresh initial weights.
    pub fn with_data(config: Config, data: Split) -> Session {
        let mut sizes = vec![config.features.0.len()];
        sizes.extend(&config.hidden.0);
        sizes.push(data.task.outputs());
        let model = Mlp::new(
            &sizes,
            config.activation,
            Output::for_task(data.task),
            &mut data::rng(config.seed, Stream::Init),
        );
        Session::with_model(config, data, model)
    }

    /// A session on given data and weights.
    pub fn with_model(config: Config, data: Split, model: Mlp) -> Session {
        let n = data.train.len();
        let batch = config.batch.clamp(1, n.max(1));
        let rest = n % batch;
        let training = match optim::from_config(&config) {
            Some(opt) => Training::Stochastic(opt),
            None => Training::Lbfgs(Box::new(Lbfgs::new(LBFGS_MEMORY))),
        };
        let mut finite = vec![0.0; model.param_count()];
        model.write_params(&mut finite);
        let mut session = Session {
            finite,
            finite_epoch: 0,
            sample_next: 0,
            stop: StopState::default(),
            train_inputs: Inputs::new(&config.features, &data.train),
            test_inputs: Inputs::new(&config.features, &data.test),
            training,
            shuffle_rng: data::rng(config.seed, Stream::Shuffle),
            order: (0..n).collect(),
            batch_ws: model.workspace(batch),
            rest_ws: (rest > 0).then(|| model.workspace(rest)),
            eval_ws: model.workspace(EVAL_ROWS),
            grads: model.gradients(),
            chunk_grads: model.gradients(),
            batch_y: Vec::with_capacity(batch),
            params: vec![0.0; model.param_count()],
            history: History::default(),
            epoch: 0,
            cursor: 0,
            epoch_loss: 0.0,
            epoch_recorded: false,
            config,
            data,
            model,
            timeline: Default::default(),
            evaluated: Default::default(),
        };
        session.record();
        session
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
    pub fn data(&self) -> &Split {
        &self.data
    }
    pub fn task(&self) -> Task {
        self.data.task
    }
    pub fn model(&self) -> &Mlp {
        &self.model
    }
    pub fn epoch(&self) -> u64 {
        self.epoch
    }
    /// [epoch, train loss, test loss, train accuracy, test accuracy] entries (see `History`), a
    /// bounded sample of every epoch so far. The train loss of a stochastic epoch is the mean of
    /// its minibatch losses (as Keras reports it); the accuracies are those of the weights at the
    /// epoch's end (`train_metrics`, `test_metrics`), NaN for regression or without test points.
    pub fn history(&self) -> &[[f64; 5]] {
        self.history.entries()
    }

    /// True once L-BFGS has converged (stochastic optimizers never stop by themselves).
    pub fn converged(&self) -> bool {
        matches!(&self.training, Training::Lbfgs(l) if l.converged())
    }

    /// Trains `epochs` passes over the training set, reshuffled before each pass. For L-BFGS an
    /// epoch is one iteration over the full batch.
    pub fn step(&mut self, epochs: u32) {
        // An epoch under way (after `step_batches`) is finished first.
        for _ in 0..epochs {
            if self.step_batches(usize::MAX) == 0 {
                return;
            }
        }
    }

    /// Minibatches in one epoch (one for L-BFGS, whose iteration is over the full batch).
    pub fn batches_per_epoch(&self) -> usize {
        match self.training {
            Training::Stochastic(_) => self.order.len().div_ceil(self.batch_ws.rows()),
            Training::Lbfgs(_) => 1,
        }
    }

    /// Trains up to `batches` minibatches, stopping at the end of an epoch (an L-BFGS iteration
    /// counts as one); returns how many epochs ended (0 or 1). Training the same minibatches in
    /// calls of any size gives the same bits. A stop condition that fired halts training (0)
    /// until `take_stop`.
    pub fn step_batches(&mut self, batches: usize) -> u64 {
        if self.data.train.is_empty() || batches == 0 || self.stopped().is_some() {
            return 0;
        }
        self.show_scrubbed(false);
        let train = match &mut self.training {
            Training::Stochastic(_) => {
                if self.cursor == 0 {
                    // The epoch's loss is only worth computing when the history keeps it.
                    self.epoch_recorded = self.history.wants(self.epoch + 1);
                    self.epoch_loss = 0.0;
                    self.order.shuffle(&mut self.shuffle_rng);
                }
                if !self.stochastic_batches(batches) {
                    return 0;
                }
                if self.epoch_recorded {
                    self.epoch_loss / self.order.len() as f64
                } else {
                    f64::NAN
                }
            }
            Training::Lbfgs(_) => {
                if self.converged() {
                    return 0;
                }
                self.epoch_recorded = self.history.wants(self.epoch + 1);
                self.lbfgs_iteration();
                f64::NAN
            }
        };
        self.epoch += 1;
        // One pass over the training set serves the history (its accuracy, and the loss L-BFGS
        // does not compute) and the stop conditions, and only when either wants it.
        let classes = self.data.task != crate::data::Task::Regression;
        let metrics = (self.stop_wants_metrics()
            || (self.epoch_recorded && (classes || train.is_nan())))
        .then(|| self.train_metrics());
        if self.epoch_recorded {
            let train = match metrics {
                Some(m) if train.is_nan() => m.loss,
                _ => train,
            };
            let accuracy = metrics.and_then(|m| m.accuracy).unwrap_or(f64::NAN);
            let test = self.test_metrics();
            let test_loss = test.map_or(f64::NAN, |m| m.loss);
            let test_accuracy = test.and_then(|m| m.accuracy).unwrap_or(f64::NAN);
            self.history
                .push([self.epoch as f64, train, test_loss, accuracy, test_accuracy]);
            // `params` is scratch space here (L-BFGS rewrites it before each use).
            let mut scratch = std::mem::take(&mut self.params);
            if train.is_finite() && self.weights_finite(&mut scratch) {
                std::mem::swap(&mut scratch, &mut self.finite);
                self.finite_epoch = self.epoch;
            }
            self.params = scratch;
        }
        self.record();
        self.check_stop(metrics);
        1
    }

    /// Up to `max` minibatch updates of the epoch under way (its order already shuffled); true
    /// when the epoch ended.
    fn stochastic_batches(&mut self, max: usize) -> bool {
        let Training::Stochastic(opt) = &mut self.training else {
            return true;
        };
        let (l1, l2) = (self.config.l1, self.config.l2);
        let batch = self.batch_ws.rows();
        let with_loss = self.epoch_recorded;
        let mut loss = self.epoch_loss;
        let total = self.order.len().div_ceil(batch);
        let end = self.cursor.saturating_add(max).min(total);
        for chunk in self.order.chunks(batch).take(end).skip(self.cursor) {
            let ws = if chunk.len() == batch {
                &mut self.batch_ws
            } else {
                self.rest_ws.as_mut().expect("sized for the last batch")
            };
            gather(
                &self.train_inputs,
                &self.data.train.y,
                chunk,
                ws,
                &mut self.batch_y,
            );
            self.model.forward(ws);
            if with_loss {
                loss += self.model.batch_loss(ws, &self.batch_y) * chunk.len() as f64;
            }
            self.model.gradient(ws, &self.batch_y, &mut self.grads);
            self.model.add_penalty_gradient(&mut self.grads, l1, l2);
            optim::apply(opt.as_mut(), &mut self.model, &self.grads);
        }
        self.epoch_loss = loss;
        self.cursor = if end == total { 0 } else { end };
        end == total
    }

    fn lbfgs_iteration(&mut self) {
        let Session {
            training: Training::Lbfgs(lbfgs),
            model,
            params,
            data,
            train_inputs,
            eval_ws,
            grads,
            chunk_grads,
            config,
            ..
        } = self
        else {
            return;
        };
        let (l1, l2) = (config.l1, config.l2);
        model.write_params(params);
        let mut objective = |x: &[f64], g: &mut [f64]| {
            model.read_params(x);
            let loss = full_batch_gradient(
                model,
                train_inputs,
                &data.train,
                eval_ws,
                grads,
                chunk_grads,
            );
            model.add_penalty_gradient(grads, l1, l2);
            grads.write_to(g);
            loss + model.penalty(l1, l2)
        };
        lbfgs.step(params, &mut objective);
        model.read_params(params);
    }

    /// The training objective: mean data loss plus the penalty.
    pub fn objective(&mut self) -> f64 {
        self.train_metrics().loss + self.model.penalty(self.config.l1, self.config.l2)
    }

    /// The network's output along its single input (an engineered feature such as u = x1·x2),
    /// at `n` evenly spaced values from `lo` to `hi`; None unless the network has one input.
    pub fn output_curve(&mut self, lo: f64, hi: f64, n: usize) -> Option<Vec<f64>> {
        if self.model.layers[0].fan_in() != 1 || n < 2 {
            return None;
        }
        let mut out = Vec::with_capacity(n);
        let last = self.model.layers.len();
        let model = &self.model;
        self.eval_ws.in_chunks(n, |ws, chunk| {
            for (r, i) in chunk.enumerate() {
                ws.a[0][(r, 0)] = lo + (hi - lo) * i as f64 / (n - 1) as f64;
            }
            model.forward(ws);
            out.extend((0..ws.rows()).map(|r| ws.a[last][(r, 0)]));
        });
        Some(out)
    }

    /// The network's inputs (the configured features) for the training then the test points.
    pub fn inputs(&self) -> Vec<f64> {
        let mut all = self.train_inputs.values.clone();
        all.extend(&self.test_inputs.values);
        all
    }

    /// Fills a space view's buffers for the current weights.
    pub fn render(&mut self, view: &mut SpaceView) {
        view.update(
            &self.model,
            &self.config.features,
            &self.data,
            &mut self.eval_ws,
        );
    }

    /// As `render`, within the view's step work (see `SpaceView::update_in_steps`): true when
    /// the view was updated whole.
    pub fn render_in_steps(&mut self, view: &mut SpaceView) -> bool {
        view.update_in_steps(
            &self.model,
            &self.config.features,
            &self.data,
            &mut self.eval_ws,
        )
    }
}

/// A session from a query that must be valid: the tests' way to start a run.
#[cfg(test)]
pub(crate) fn test_session(query: &str) -> Session {
    let (config, errors) = Config::from_query(query);
    assert!(errors.is_empty(), "{errors:?}");
    Session::new(config)
}
