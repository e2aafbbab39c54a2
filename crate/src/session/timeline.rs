//! The timeline: the run's whole state at a bounded sample of its epochs, so that any of them
//! can be shown in every view while the run goes on (`scrub`), and the run can go back to one
//! and continue from it bit for bit (`continue_from`).
//!
//! Like the loss history it thins by doubling its stride: an epoch is recorded when it is at
//! least `stride` epochs after the last one, and when the timeline is full every other entry is
//! dropped and the stride doubles. Full means `CAPACITY` entries or `BUDGET` bytes (a wide
//! network with Adam's moments takes megabytes an entry), so memory stays bounded however long
//! the run and however big the network.

use super::{Session, Training, LBFGS_MEMORY};
use crate::nn::Mlp;
use crate::optim::{self, Lbfgs};

/// Entries kept at most.
const CAPACITY: usize = 256;
/// Bytes the entries may take together; at least two entries are kept whatever their size.
const BUDGET: usize = 32 << 20;

/// The state at the end of one epoch: what continuing from it needs.
struct Mark {
    epoch: u64,
    params: Vec<f64>,
    /// None under L-BFGS, whose curvature pairs are not kept (it continues afresh).
    optimizer: Option<optim::State>,
    order: Vec<u32>,
    shuffle_words: u128,
}

impl Mark {
    fn bytes(&self) -> usize {
        let slots = self
            .optimizer
            .as_ref()
            .map_or(0, |s| s.slots.iter().map(Vec::len).sum());
        (self.params.len() + slots) * 8 + self.order.len() * 4 + std::mem::size_of::<Mark>()
    }
}

#[derive(Default)]
pub(super) struct Timeline {
    marks: Vec<Mark>,
    stride: u64,
    /// Dropped entries, whose buffers the next ones reuse.
    spare: Vec<Mark>,
    /// The epoch scrubbed to, if any.
    shown: Option<u64>,
    /// The scrubbed epoch's model; while `swapped`, the live model waits here instead.
    other: Option<Mlp>,
    swapped: bool,
}

impl Timeline {
    /// Drops the entries of `epoch` and later.
    fn drop_from(&mut self, epoch: u64) {
        while self.marks.last().is_some_and(|m| m.epoch >= epoch) {
            let mark = self.marks.pop().expect("checked");
            self.spare.push(mark);
        }
    }

    /// Halves the entries (keeping the first and the newest) until they fit.
    fn thin(&mut self) {
        let Some(newest) = self.marks.last() else {
            return;
        };
        let budget = (BUDGET / newest.bytes().max(1)).max(2);
        // An even limit: thinning an odd count by index keeps the newest entry.
        let limit = CAPACITY.min(budget) & !1;
        while self.marks.len() > limit {
            self.stride = self.stride.saturating_mul(2);
            // Even indices move to the front (in order), and the newest; the rest go spare.
            let len = self.marks.len();
            let mut kept = len.div_ceil(2);
            for i in 1..kept {
                self.marks.swap(i, 2 * i);
            }
            if len.is_multiple_of(2) {
                self.marks.swap(kept, len - 1);
                kept += 1;
            }
            self.spare.extend(self.marks.drain(kept..));
        }
        // Spare buffers count against the budget too.
        self.spare.truncate(limit.saturating_sub(self.marks.len()));
    }

    fn find(&self, epoch: u64) -> Option<&Mark> {
        self.marks
            .binary_search_by_key(&epoch, |m| m.epoch)
            .ok()
            .map(|i| &self.marks[i])
    }

    /// The recorded epoch nearest `epoch` (the earlier of two as near).
    fn nearest(&self, epoch: u64) -> Option<u64> {
        let i = self.marks.partition_point(|m| m.epoch < epoch);
        let after = self.marks.get(i).map(|m| m.epoch);
        let before = i.checked_sub(1).map(|i| self.marks[i].epoch);
        match (before, after) {
            (Some(b), Some(a)) => Some(if epoch - b <= a - epoch { b } else { a }),
            (b, a) => b.or(a),
        }
    }
}

impl Session {
    /// Records the run's state if the timeline wants this epoch; called at each epoch's end (and
    /// when a run comes back from the training worker). Reuses dropped entries' buffers.
    pub(super) fn record(&mut self) {
        if self.cursor != 0 || self.timeline.swapped {
            return;
        }
        let t = &mut self.timeline;
        t.stride = t.stride.max(1);
        match t.marks.last() {
            // The run went back (a snapshot of an earlier epoch): later entries are not its past.
            Some(last) if last.epoch >= self.epoch => t.drop_from(self.epoch),
            Some(last) if self.epoch < last.epoch + t.stride => return,
            _ => {}
        }
        let mut mark = t.spare.pop().unwrap_or(Mark {
            epoch: 0,
            params: Vec::new(),
            optimizer: None,
            order: Vec::new(),
            shuffle_words: 0,
        });
        mark.epoch = self.epoch;
        mark.params.resize(self.model.param_count(), 0.0);
        self.model.write_params(&mut mark.params);
        mark.optimizer = match &self.training {
            Training::Stochastic(opt) => Some(opt.save()),
            Training::Lbfgs(_) => None,
        };
        mark.order.clear();
        mark.order.extend(self.order.iter().map(|&i| i as u32));
        mark.shuffle_words = self.shuffle_rng.get_word_pos();
        t.marks.push(mark);
        t.thin();
        // The epoch shown was thinned away: the nearest one kept is shown instead.
        if let Some(shown) = t.shown.filter(|&e| t.find(e).is_none()) {
            self.scrub(Some(shown));
        }
    }

    /// The epochs the timeline holds, oldest first.
    pub fn timeline(&self) -> Vec<u64> {
        self.timeline.marks.iter().map(|m| m.epoch).collect()
    }

    /// Whether continuing from the timeline repeats the run exactly: false under L-BFGS, which
    /// continues from the weights with its curvature memory started afresh.
    pub fn timeline_exact(&self) -> bool {
        matches!(self.training, Training::Stochastic(_))
    }

    /// The bytes the timeline's entries take.
    pub fn timeline_bytes(&self) -> usize {
        self.timeline.marks.iter().map(Mark::bytes).sum()
    }

    /// Shows the recorded epoch nearest `epoch` (None: the live run) while the run goes on;
    /// returns the epoch shown. The views read it between `show_scrubbed(true)` and `(false)`.
    pub fn scrub(&mut self, epoch: Option<u64>) -> Option<u64> {
        self.show_scrubbed(false);
        let t = &mut self.timeline;
        t.shown = epoch.and_then(|e| t.nearest(e));
        let at = t.marks.binary_search_by_key(&t.shown?, |m| m.epoch).ok()?;
        let model = t.other.get_or_insert_with(|| self.model.clone());
        model.read_params(&t.marks[at].params);
        t.shown
    }

    /// The epoch scrubbed to, or None when the live run is shown.
    pub fn scrubbed(&self) -> Option<u64> {
        self.timeline.shown
    }

    /// With `on`, the model is the scrubbed epoch's (if one is scrubbed to) so that every read
    /// of it (views, metrics, weights, point cards) shows that epoch; without, the live one.
    /// Swaps two models: nothing is copied. Training and restoring swap back first.
    pub fn show_scrubbed(&mut self, on: bool) {
        let t = &mut self.timeline;
        let want = on && t.shown.is_some();
        if want != t.swapped {
            if let Some(other) = t.other.as_mut() {
                std::mem::swap(&mut self.model, other);
                t.swapped = want;
            }
        }
    }

    /// Goes back to a recorded epoch and continues from there: the weights, the optimizer's
    /// state, the shuffled order and the shuffling generator's position as they were, so that
    /// training on gives what the run gave (bit for bit; L-BFGS starts its curvature afresh).
    /// Later timeline entries and loss history are dropped; the live run is shown again.
    pub fn continue_from(&mut self, epoch: u64) -> Result<u64, String> {
        self.show_scrubbed(false);
        let t = &self.timeline;
        let Some(mark) = t.find(epoch) else {
            let near = t.nearest(epoch).map_or(String::new(), |n| {
                format!("; the nearest recorded epoch is {n}")
            });
            return Err(format!("epoch {epoch} is not on the timeline{near}"));
        };
        if mark.params.len() != self.model.param_count() || mark.order.len() != self.order.len() {
            return Err("the timeline is of another network or data set".into());
        }
        self.model.read_params(&mark.params);
        match (&mut self.training, &mark.optimizer) {
            (Training::Stochastic(opt), Some(state)) => opt.restore(state),
            _ => {
                self.training = match optim::from_config(&self.config) {
                    Some(opt) => Training::Stochastic(opt),
                    None => Training::Lbfgs(Box::new(Lbfgs::new(LBFGS_MEMORY))),
                }
            }
        }
        for (o, &i) in self.order.iter_mut().zip(&mark.order) {
            *o = i as usize;
        }
        self.shuffle_rng.set_word_pos(mark.shuffle_words);
        if mark.params.iter().all(|p| p.is_finite()) {
            self.finite.clone_from(&mark.params);
            self.finite_epoch = epoch;
        }
        self.epoch = epoch;
        self.cursor = 0;
        self.epoch_loss = 0.0;
        self.epoch_recorded = false;
        let (stride, entries) = self.history.parts();
        let kept: Vec<crate::history::Entry> = entries
            .iter()
            .filter(|e| e[0] <= epoch as f64)
            .copied()
            .collect();
        self.history.set_parts(stride, &kept);
        self.timeline.drop_from(epoch + 1);
        self.timeline.shown = None;
        // Going back re-arms the stop conditions: the run stops again where it did.
        self.stop = super::StopState::default();
        Ok(epoch)
    }
}

#[cfg(test)]
mod tests;
