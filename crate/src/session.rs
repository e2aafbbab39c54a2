//! A training run: config → data, model, optimizer; stepped a number of epochs at a time (once
//! per animation frame in the browser), with metrics and the views' buffers kept up to date.

use crate::config::Config;
use crate::data::{self, Dataset, Split, Stream};
use crate::nn::{loss::bce_from_logit, Gradients, Mlp, Workspace};
use crate::optim::{self, Optimizer};
use crate::views::SpaceView;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Rows evaluated at once when computing metrics.
const EVAL_ROWS: usize = 256;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub loss: f64,
    pub accuracy: f64,
}

pub struct Session {
    config: Config,
    data: Split,
    model: Mlp,
    optimizer: Box<dyn Optimizer>,
    epoch: u64,
    shuffle_rng: ChaCha8Rng,
    order: Vec<usize>,
    batch_ws: Workspace,
    rest_ws: Option<Workspace>,
    eval_ws: Workspace,
    grads: Gradients,
    batch_y: Vec<f64>,
    /// Train and test loss after each epoch (test is NaN without a test set), for the chart.
    history: Vec<[f64; 2]>,
}

impl Session {
    pub fn new(config: Config) -> Session {
        let data = data::generate(&config);
        let mut sizes = vec![2];
        sizes.extend(&config.hidden.0);
        sizes.push(1);
        let model = Mlp::new(
            &sizes,
            config.activation,
            &mut data::rng(config.seed, Stream::Init),
        );
        Session::with_model(config, data, model)
    }

    /// A session on given data and weights (the reference fixtures use this).
    pub fn with_model(config: Config, data: Split, model: Mlp) -> Session {
        let n = data.train.len();
        let batch = config.batch.clamp(1, n.max(1));
        let rest = n % batch;
        Session {
            optimizer: optim::from_config(&config),
            shuffle_rng: data::rng(config.seed, Stream::Shuffle),
            order: (0..n).collect(),
            batch_ws: model.workspace(batch),
            rest_ws: (rest > 0).then(|| model.workspace(rest)),
            eval_ws: model.workspace(EVAL_ROWS),
            grads: model.gradients(),
            batch_y: Vec::with_capacity(batch),
            history: Vec::new(),
            epoch: 0,
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
    pub fn model(&self) -> &Mlp {
        &self.model
    }
    pub fn epoch(&self) -> u64 {
        self.epoch
    }
    pub fn history(&self) -> &[[f64; 2]] {
        &self.history
    }

    /// Trains `epochs` passes over the training set, reshuffled before each pass.
    pub fn step(&mut self, epochs: u32) {
        for _ in 0..epochs {
            self.order.shuffle(&mut self.shuffle_rng);
            let batch = self.batch_ws.rows();
            for chunk in self.order.chunks(batch) {
                let ws = if chunk.len() == batch {
                    &mut self.batch_ws
                } else {
                    self.rest_ws.as_mut().expect("sized for the last batch")
                };
                gather(&self.data.train, chunk, ws, &mut self.batch_y);
                self.model.forward(ws);
                self.model.backward(ws, &self.batch_y, &mut self.grads);
                optim::apply(self.optimizer.as_mut(), &mut self.model, &self.grads);
            }
            self.epoch += 1;
            let train = self.train_metrics().loss;
            let test = self.test_metrics().map_or(f64::NAN, |m| m.loss);
            self.history.push([train, test]);
        }
    }

    pub fn train_metrics(&mut self) -> Metrics {
        evaluate(&self.model, &self.data.train, &mut self.eval_ws)
    }

    pub fn test_metrics(&mut self) -> Option<Metrics> {
        (!self.data.test.is_empty())
            .then(|| evaluate(&self.model, &self.data.test, &mut self.eval_ws))
    }

    /// Draws a space view of layer `layer` (0 = the input plane) into `view`'s buffers.
    pub fn render(&mut self, view: &mut SpaceView) {
        view.update(&self.model, &self.data, &mut self.eval_ws);
    }
}

/// Copies the chosen rows of `data` into the workspace's input matrix and their labels into `y`.
fn gather(data: &Dataset, rows: &[usize], ws: &mut Workspace, y: &mut Vec<f64>) {
    let input = &mut ws.a[0];
    y.clear();
    for (r, &i) in rows.iter().enumerate() {
        input[(r, 0)] = data.x[i][0];
        input[(r, 1)] = data.x[i][1];
        y.push(data.y[i]);
    }
}

/// Mean cross-entropy and accuracy over a whole data set, a workspace-full at a time.
pub(crate) fn evaluate(model: &Mlp, data: &Dataset, ws: &mut Workspace) -> Metrics {
    if data.is_empty() {
        return Metrics::default();
    }
    let last = model.layers.len() - 1;
    let (mut loss, mut correct) = (0.0, 0usize);
    let mut start = 0;
    while start < data.len() {
        let end = (start + ws.rows()).min(data.len());
        for (r, i) in (start..end).enumerate() {
            ws.a[0][(r, 0)] = data.x[i][0];
            ws.a[0][(r, 1)] = data.x[i][1];
        }
        model.forward(ws);
        for (r, i) in (start..end).enumerate() {
            let z = ws.z[last][(r, 0)];
            loss += bce_from_logit(z, data.y[i]);
            correct += usize::from((z > 0.0) == (data.y[i] == 1.0));
        }
        start = end;
    }
    let n = data.len() as f64;
    Metrics {
        loss: loss / n,
        accuracy: correct as f64 / n,
    }
}
