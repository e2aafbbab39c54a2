//! Stop conditions (`stopAtEpoch`, `stopAtLoss`, `stopAtAccuracy`): checked exactly at each
//! epoch's end, so that a run in a lesson or an embed ends by itself. The first epoch that meets
//! a condition halts the session: it trains no further until the stop is taken (the page pauses
//! then), and the conditions stay disarmed for the rest of the run (a new session re-arms them).

use super::{Metrics, Session};
use crate::config::{exp_fixed, fixed, Plain};
use crate::data::Task;
use serde::{Deserialize, Serialize};

/// Which condition ended a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StopReason {
    Epoch,
    Loss,
    Accuracy,
}

/// A stop: the epoch, the first condition met, its measured value and target, and words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    pub epoch: u64,
    pub reason: StopReason,
    pub value: f64,
    pub target: f64,
    /// "Stopped at epoch 412: training accuracy 0.95 ≥ 0.95".
    pub message: String,
}

/// Where a run stands with its stop conditions (carried in snapshots to and from the worker).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StopState {
    /// The conditions still watch this run; false once one has fired.
    pub armed: bool,
    /// The stop that halted training, until `take_stop`.
    pub pending: Option<Stop>,
}

impl Default for StopState {
    fn default() -> Self {
        StopState {
            armed: true,
            pending: None,
        }
    }
}

/// A measured value in a message: four decimals, trailing zeros dropped (tiny ones in e-form).
fn shown(v: f64) -> String {
    if v != 0.0 && v.abs() < 1e-3 {
        return exp_fixed(v, 3);
    }
    let text = fixed(v, 4);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

impl Session {
    /// Whether this epoch's end needs the training set's loss and accuracy (a full pass) for a
    /// stop condition; false (no cost) when none is set or the run is disarmed.
    pub(super) fn stop_wants_metrics(&self) -> bool {
        let c = &self.config;
        self.stop.armed
            && (c.stop_at_loss > 0.0
                || (c.stop_at_accuracy > 0.0 && self.data.task != Task::Regression))
    }

    /// At an epoch's end: halts the run at the first epoch that meets a condition. `metrics`
    /// are the training set's, present whenever `stop_wants_metrics` was true.
    pub(super) fn check_stop(&mut self, metrics: Option<Metrics>) {
        if !self.stop.armed {
            return;
        }
        let c = &self.config;
        let epoch = self.epoch;
        let mut met = Vec::new();
        if c.stop_at_epoch > 0 && epoch >= c.stop_at_epoch {
            met.push((
                StopReason::Epoch,
                epoch as f64,
                c.stop_at_epoch as f64,
                format!("set to stop at epoch {}", c.stop_at_epoch),
            ));
        }
        if let Some(m) = metrics {
            if c.stop_at_loss > 0.0 && m.loss <= c.stop_at_loss {
                met.push((
                    StopReason::Loss,
                    m.loss,
                    c.stop_at_loss,
                    format!(
                        "training loss {} ≤ {}",
                        shown(m.loss),
                        Plain(c.stop_at_loss)
                    ),
                ));
            }
            if let Some(a) = m
                .accuracy
                .filter(|&a| c.stop_at_accuracy > 0.0 && a >= c.stop_at_accuracy)
            {
                met.push((
                    StopReason::Accuracy,
                    a,
                    c.stop_at_accuracy,
                    format!(
                        "training accuracy {} ≥ {}",
                        shown(a),
                        Plain(c.stop_at_accuracy)
                    ),
                ));
            }
        }
        let Some(&(reason, value, target, _)) = met.first() else {
            return;
        };
        let words: Vec<&str> = met.iter().map(|m| m.3.as_str()).collect();
        self.stop = StopState {
            armed: false,
            pending: Some(Stop {
                epoch,
                reason,
                value,
                target,
                message: format!("Stopped at epoch {epoch}: {}", words.join("; ")),
            }),
        };
    }

    /// The stop that halted training, if one did and was not yet taken.
    pub fn stopped(&self) -> Option<&Stop> {
        self.stop.pending.as_ref()
    }

    /// Takes the stop that halted training: training goes on after it (the conditions stay
    /// disarmed for this run).
    pub fn take_stop(&mut self) -> Option<Stop> {
        self.stop.pending.take()
    }

    /// Why a set condition can never fire for this run (in words), if so.
    pub fn stop_note(&self) -> Option<String> {
        (self.config.stop_at_accuracy > 0.0 && self.data.task == Task::Regression).then(|| {
            "stopAtAccuracy is ignored: a regression has no accuracy (stopAtLoss stops it by its loss)"
                .to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn values_read_short() {
        assert_eq!(shown(0.95), "0.95");
        assert_eq!(shown(1.0), "1");
        assert_eq!(shown(0.123456), "0.1235");
        assert_eq!(shown(0.0000123), "1.230e-5");
        assert_eq!(shown(0.0), "0");
    }
}
