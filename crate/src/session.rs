//! A training run: config → data, model, optimizer; stepped a number of epochs at a time (once
//! per animation frame in the browser), with metrics and the views' buffers kept up to date.

use crate::config::{Config, Features};
use crate::data::{self, Dataset, Split, Stream, Task};
use crate::history::History;
use crate::nn::{Gradients, Mlp, Output, Workspace};
use crate::optim::{self, Lbfgs, Optimizer};
use crate::views::SpaceView;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

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

/// The network's inputs for a set of points: the configured features, row by row.
struct Inputs {
    width: usize,
    values: Vec<f64>,
}

impl Inputs {
    fn new(features: &Features, data: &Dataset) -> Inputs {
        let mut values = Vec::with_capacity(data.len() * features.0.len());
        for &p in &data.x {
            values.extend(features.0.iter().map(|f| f.of(p)));
        }
        Inputs {
            width: features.0.len(),
            values,
        }
    }

    fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.width..(i + 1) * self.width]
    }
}

/// Everything that changes while a session trains: with it a run moves to another session of
/// the same config and data (the page's training worker) and back, and goes on bit for bit as
/// if it had never moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub epoch: u64,
    /// All weights and biases, as `Mlp::write_params` lays them out.
    pub params: Vec<f64>,
    pub optimizer: optim::State,
    /// The training points' order after the last shuffle (each epoch shuffles it further).
    pub order: Vec<u32>,
    /// How far the shuffling generator has run, in 32-bit words (a u128 in four parts, low
    /// first, as JS numbers cannot hold it whole).
    pub shuffle_words: [u32; 4],
    pub history_stride: u64,
    pub history: Vec<[f64; 3]>,
    /// Minibatches already trained in the epoch under way (0: at an epoch's start).
    #[serde(default)]
    pub cursor: u32,
    /// The summed minibatch loss of that epoch so far, and whether the history wants it.
    #[serde(default)]
    pub epoch_loss: f64,
    #[serde(default)]
    pub epoch_recorded: bool,
    /// The weights at the last recorded epoch whose loss was finite, and that epoch.
    #[serde(default)]
    pub finite: Vec<f64>,
    #[serde(default)]
    pub finite_epoch: u64,
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
        Session {
            finite,
            finite_epoch: 0,
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
        }
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
    /// [epoch, train loss, test loss] entries, a bounded sample of every epoch so far. The train
    /// loss of a stochastic epoch is the mean of its minibatch losses (as Keras reports it).
    pub fn history(&self) -> &[[f64; 3]] {
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
    /// calls of any size gives the same bits.
    pub fn step_batches(&mut self, batches: usize) -> u64 {
        if self.data.train.is_empty() || batches == 0 {
            return 0;
        }
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
        if self.epoch_recorded {
            let train = if train.is_nan() {
                self.train_metrics().loss
            } else {
                train
            };
            let test = self.test_metrics().map_or(f64::NAN, |m| m.loss);
            self.history.push(self.epoch, train, test);
            // `params` is scratch space here (L-BFGS rewrites it before each use).
            let mut scratch = std::mem::take(&mut self.params);
            if train.is_finite() && self.weights_finite(&mut scratch) {
                std::mem::swap(&mut scratch, &mut self.finite);
                self.finite_epoch = self.epoch;
            }
            self.params = scratch;
        }
        1
    }

    /// Goes back to the weights of the last recorded epoch whose training loss was finite (the
    /// initial weights at worst), with a fresh optimizer; returns that epoch.
    pub fn restore_finite(&mut self) -> u64 {
        let finite = std::mem::take(&mut self.finite);
        self.restore_params(&finite);
        self.finite = finite;
        self.finite_epoch
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

    /// Puts these weights (laid out as `Mlp::write_params` does) into the model and starts the
    /// optimizer afresh (its moments may hold what made a run diverge); the epoch count stays.
    pub fn restore_params(&mut self, params: &[f64]) {
        if params.len() != self.model.param_count() {
            return;
        }
        self.model.read_params(params);
        self.training = match optim::from_config(&self.config) {
            Some(opt) => Training::Stochastic(opt),
            None => Training::Lbfgs(Box::new(Lbfgs::new(LBFGS_MEMORY))),
        };
        self.cursor = 0;
    }

    /// True when every weight and bias is a finite number (`scratch` receives them).
    pub fn weights_finite(&self, scratch: &mut Vec<f64>) -> bool {
        scratch.resize(self.model.param_count(), 0.0);
        self.model.write_params(scratch);
        scratch.iter().all(|p| p.is_finite())
    }

    /// The run's state, or None under L-BFGS (whose curvature pairs stay where they are).
    pub fn snapshot(&self) -> Option<Snapshot> {
        let Training::Stochastic(opt) = &self.training else {
            return None;
        };
        let mut params = vec![0.0; self.model.param_count()];
        self.model.write_params(&mut params);
        let words = self.shuffle_rng.get_word_pos();
        let (stride, history) = self.history.parts();
        Some(Snapshot {
            epoch: self.epoch,
            params,
            optimizer: opt.save(),
            order: self.order.iter().map(|&i| i as u32).collect(),
            shuffle_words: std::array::from_fn(|k| (words >> (32 * k)) as u32),
            history_stride: stride,
            history: history.to_vec(),
            cursor: self.cursor as u32,
            epoch_loss: self.epoch_loss,
            epoch_recorded: self.epoch_recorded,
            finite: self.finite.clone(),
            finite_epoch: self.finite_epoch,
        })
    }

    /// Continues the run a snapshot of a session with the same config and data describes.
    pub fn restore(&mut self, s: &Snapshot) -> Result<(), String> {
        let Training::Stochastic(opt) = &mut self.training else {
            return Err("L-BFGS runs are not moved between sessions".into());
        };
        let n = self.order.len();
        let mut seen = vec![false; n];
        let permutation = s.order.len() == n
            && s.order.iter().all(|&i| {
                let fresh = (i as usize) < n && !seen[i as usize];
                if fresh {
                    seen[i as usize] = true;
                }
                fresh
            });
        if s.params.len() != self.model.param_count() || !permutation {
            return Err("the snapshot is of another network or data set".into());
        }
        self.model.read_params(&s.params);
        opt.restore(&s.optimizer);
        self.epoch = s.epoch;
        for (o, &i) in self.order.iter_mut().zip(&s.order) {
            *o = i as usize;
        }
        let words = s
            .shuffle_words
            .iter()
            .rev()
            .fold(0u128, |w, &part| (w << 32) | part as u128);
        self.shuffle_rng.set_word_pos(words);
        self.history.set_parts(s.history_stride, &s.history);
        self.cursor = (s.cursor as usize).min(self.batches_per_epoch().saturating_sub(1));
        self.epoch_loss = s.epoch_loss;
        self.epoch_recorded = s.epoch_recorded;
        if s.finite.len() == self.finite.len() {
            self.finite.clone_from(&s.finite);
            self.finite_epoch = s.finite_epoch;
        }
        Ok(())
    }

    /// Mean data loss and accuracy on the training set.
    pub fn train_metrics(&mut self) -> Metrics {
        evaluate(
            &self.model,
            &self.train_inputs,
            &self.data.train,
            &mut self.eval_ws,
        )
    }

    pub fn test_metrics(&mut self) -> Option<Metrics> {
        (!self.data.test.is_empty()).then(|| {
            evaluate(
                &self.model,
                &self.test_inputs,
                &self.data.test,
                &mut self.eval_ws,
            )
        })
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
        let ws = &mut self.eval_ws;
        for start in (0..n).step_by(ws.rows()) {
            let end = (start + ws.rows()).min(n);
            for (r, i) in (start..end).enumerate() {
                ws.a[0][(r, 0)] = lo + (hi - lo) * i as f64 / (n - 1) as f64;
            }
            self.model.forward(ws);
            out.extend((0..end - start).map(|r| ws.a[last][(r, 0)]));
        }
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
}

/// Copies the chosen rows' inputs into the workspace and their labels into `y`.
fn gather(inputs: &Inputs, labels: &[f64], rows: &[usize], ws: &mut Workspace, y: &mut Vec<f64>) {
    let input = &mut ws.a[0];
    y.clear();
    for (r, &i) in rows.iter().enumerate() {
        for (k, &v) in inputs.row(i).iter().enumerate() {
            input[(r, k)] = v;
        }
        y.push(labels[i]);
    }
}

/// Loads rows start..end into the workspace (unused rows are left as they were).
fn load(inputs: &Inputs, start: usize, end: usize, ws: &mut Workspace) {
    for (r, i) in (start..end).enumerate() {
        for (k, &v) in inputs.row(i).iter().enumerate() {
            ws.a[0][(r, k)] = v;
        }
    }
}

/// Mean data loss and its gradient over a whole data set, a workspace-full at a time.
fn full_batch_gradient(
    model: &Mlp,
    inputs: &Inputs,
    data: &Dataset,
    ws: &mut Workspace,
    grads: &mut Gradients,
    chunk: &mut Gradients,
) -> f64 {
    grads.fill_zero();
    let n = data.len();
    let mut loss = 0.0;
    let mut start = 0;
    while start < n {
        let end = (start + ws.rows()).min(n);
        load(inputs, start, end, ws);
        model.forward(ws);
        // A short last chunk: backward only counts the rows it has labels for.
        let l = model.backward(ws, &data.y[start..end], chunk);
        let w = (end - start) as f64 / n as f64;
        grads.add_scaled(chunk, w);
        loss += l * w;
        start = end;
    }
    loss
}

/// Mean data loss and accuracy over a whole data set, a workspace-full at a time.
fn evaluate(model: &Mlp, inputs: &Inputs, data: &Dataset, ws: &mut Workspace) -> Metrics {
    if data.is_empty() {
        return Metrics::default();
    }
    let last = model.layers.len() - 1;
    let (mut loss, mut correct, mut counted) = (0.0, 0usize, false);
    let mut start = 0;
    while start < data.len() {
        let end = (start + ws.rows()).min(data.len());
        load(inputs, start, end, ws);
        model.forward(ws);
        for (r, i) in (start..end).enumerate() {
            loss += model.output.loss(&ws.z[last], r, data.y[i]);
            if let Some(ok) = model.output.correct(&ws.z[last], r, data.y[i]) {
                counted = true;
                correct += usize::from(ok);
            }
        }
        start = end;
    }
    let n = data.len() as f64;
    Metrics {
        loss: loss / n,
        accuracy: counted.then(|| correct as f64 / n),
    }
}
