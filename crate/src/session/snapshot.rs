//! Moving a run: a snapshot of everything that changes while a session trains, so that the
//! run goes on in another session (the page's training worker) bit for bit; and going back to
//! the last finite weights after a divergence.

use super::{KeptPasses, Session, StopState, Training, LBFGS_MEMORY};
use crate::history::Entry;
use crate::optim::{self, Lbfgs};
use serde::{Deserialize, Serialize};

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
    /// [epoch, train loss, test loss, train accuracy, test accuracy] entries.
    pub history: Vec<Entry>,
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
    /// The stop conditions: armed, or the stop that halted training (the worker's run ends
    /// at the same epoch as on the page).
    #[serde(default)]
    pub stop: StopState,
    /// The passes over every point made for these weights, if any (see `KeptPasses`).
    #[serde(skip)]
    pub passes: KeptPasses,
}

impl Session {
    /// Goes back to the weights of the last recorded epoch whose training loss was finite (the
    /// initial weights at worst), with a fresh optimizer; returns that epoch.
    pub fn restore_finite(&mut self) -> u64 {
        let finite = std::mem::take(&mut self.finite);
        self.restore_params(&finite);
        self.finite = finite;
        self.finite_epoch
    }

    /// Puts these weights (laid out as `Mlp::write_params` does) into the model and starts the
    /// optimizer afresh (its moments may hold what made a run diverge); the epoch count stays.
    pub fn restore_params(&mut self, params: &[f64]) {
        if params.len() != self.model.param_count() {
            return;
        }
        self.show_scrubbed(false);
        self.model.read_params(params);
        self.training = match optim::from_config(&self.config) {
            Some(opt) => Training::Stochastic(opt),
            None => Training::Lbfgs(Box::new(Lbfgs::new(LBFGS_MEMORY))),
        };
        self.cursor = 0;
    }

    /// Sets one weight (`row` < fan-in) or bias (`row` = fan-in) of layer `layer`'s unit `unit`;
    /// training continues from the edited model with a fresh optimizer.
    pub fn set_param(
        &mut self,
        layer: usize,
        row: usize,
        unit: usize,
        value: f64,
    ) -> Result<(), String> {
        self.show_scrubbed(false);
        let l = self
            .model
            .layers
            .get(layer)
            .ok_or_else(|| format!("there is no layer {layer}"))?;
        if unit >= l.fan_out() || row > l.fan_in() {
            return Err(format!(
                "layer {layer} has {} inputs and {} units",
                l.fan_in(),
                l.fan_out()
            ));
        }
        if !value.is_finite() {
            return Err(format!(
                "'{}' is not a finite number",
                crate::config::Plain(value)
            ));
        }
        let mut model = self.model.clone();
        if row == l.fan_in() {
            model.layers[layer].b[unit] = value;
        } else {
            model.layers[layer].w[(row, unit)] = value;
        }
        let mut params = vec![0.0; model.param_count()];
        model.write_params(&mut params);
        self.restore_params(&params);
        Ok(())
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
            stop: self.stop.clone(),
            passes: self.kept_passes(),
        })
    }

    /// Continues the run a snapshot of a session with the same config and data describes.
    pub fn restore(&mut self, s: &Snapshot) -> Result<(), String> {
        self.show_scrubbed(false);
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
        self.stop.clone_from(&s.stop);
        self.adopt_passes(&s.passes);
        if s.finite.len() == self.finite.len() {
            self.finite.clone_from(&s.finite);
            self.finite_epoch = s.finite_epoch;
        }
        self.record();
        Ok(())
    }
}
