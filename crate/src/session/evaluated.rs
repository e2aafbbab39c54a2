//! The passes over every point (loss and accuracy of the training and of the test points, and
//! their confusion matrices), kept with the weights they were made for. At an epoch's end the
//! history makes them; the frame's metrics, `state()`, the step event and the confusion view
//! then ask again for the same weights. For the widest networks each pass is tens of
//! milliseconds, so asking twice made the frames that ended an epoch the longest.

use super::passes::evaluate;
use super::{Metrics, Session};
use crate::data::Task;
use crate::nn::Mlp;

/// One data set's pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Pass {
    pub metrics: Metrics,
    /// k × k counts, row = true class, column = predicted; empty for regression.
    pub confusion: Vec<u32>,
}

/// The passes a snapshot carries: those kept for its own weights (the training worker made
/// them at the epoch's end for the history), so that the page, which draws that snapshot and
/// fires its step event, does not make them again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeptPasses {
    pub train: Option<Pass>,
    pub test: Option<Pass>,
}

/// The passes made for one set of weights.
#[derive(Default)]
pub(super) struct Evaluated {
    /// The weights the passes are of, in `Mlp::write_params` order (empty: none yet).
    params: Vec<f64>,
    train: Option<Pass>,
    test: Option<Pass>,
    /// Passes made so far (for the tests: asking again must not make another).
    made: u64,
}

impl Evaluated {
    /// Forgets the passes unless they are of `model`'s weights, whose copy it then keeps.
    fn follow(&mut self, model: &Mlp) {
        if model.params_are(&self.params) {
            return;
        }
        self.train = None;
        self.test = None;
        self.params.resize(model.param_count(), 0.0);
        model.write_params(&mut self.params);
    }
}

impl Session {
    /// The passes kept for the current weights (none where the weights changed since).
    pub(super) fn kept_passes(&self) -> KeptPasses {
        if !self.model.params_are(&self.evaluated.params) {
            return KeptPasses::default();
        }
        KeptPasses {
            train: self.evaluated.train.clone(),
            test: self.evaluated.test.clone(),
        }
    }

    /// Keeps passes another session made for the current weights (see `KeptPasses`).
    pub(super) fn adopt_passes(&mut self, kept: &KeptPasses) {
        if kept.train.is_none() && kept.test.is_none() {
            return; // the next pass asked for follows the weights itself
        }
        self.evaluated.follow(&self.model);
        // A pass made for other data (its confusion matrix of another size) is not this run's.
        let cells = self.classes().pow(2);
        let fits = |p: &Option<Pass>| p.as_ref().is_some_and(|p| p.confusion.len() == cells);
        if fits(&kept.train) {
            self.evaluated.train.clone_from(&kept.train);
        }
        if fits(&kept.test) {
            self.evaluated.test.clone_from(&kept.test);
        }
    }

    /// The classes a pass's confusion matrix counts (0 for regression).
    fn classes(&self) -> usize {
        match self.data.task {
            Task::Binary => 2,
            Task::Multiclass(k) => k,
            Task::Regression => 0,
        }
    }

    /// Mean data loss and accuracy on the training set.
    pub fn train_metrics(&mut self) -> Metrics {
        self.pass(false).metrics
    }

    pub fn test_metrics(&mut self) -> Option<Metrics> {
        (!self.data.test.is_empty()).then(|| self.pass(true).metrics)
    }

    /// The confusion matrix of the training (`test` false) or test points: k × k counts, row =
    /// true class, column = predicted; empty for regression.
    pub fn confusion(&mut self, test: bool, out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(&self.pass(test).confusion);
    }

    /// The pass over the training or test points for the current weights, made if not kept.
    fn pass(&mut self, test: bool) -> &Pass {
        self.evaluated.follow(&self.model);
        let classes = self.classes();
        let (inputs, data, slot) = if test {
            (&self.test_inputs, &self.data.test, &mut self.evaluated.test)
        } else {
            (
                &self.train_inputs,
                &self.data.train,
                &mut self.evaluated.train,
            )
        };
        let made = &mut self.evaluated.made;
        slot.get_or_insert_with(|| {
            *made += 1;
            let mut confusion = Vec::new();
            let metrics = evaluate(
                &self.model,
                inputs,
                data,
                &mut self.eval_ws,
                classes,
                &mut confusion,
            );
            Pass { metrics, confusion }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_session;

    /// Kept passes answer exactly as fresh ones, and training, restoring and editing the
    /// weights make new ones.
    #[test]
    fn kept_passes_follow_the_weights() {
        let fresh = |query: &str, epochs: u32| {
            let mut s = test_session(query);
            s.step(epochs);
            let mut confusion = Vec::new();
            s.confusion(true, &mut confusion);
            (s.train_metrics(), s.test_metrics(), confusion)
        };
        let query = "dataset=spiral&hidden=6&points=200&seed=3";
        let mut s = test_session(query);
        for epochs in [0, 3, 10] {
            if epochs > 0 {
                s.step(epochs - s.epoch() as u32);
            }
            // Asked twice (the second answer kept), and against a session that never kept one.
            let mut confusion = Vec::new();
            s.confusion(true, &mut confusion);
            let first = (s.train_metrics(), s.test_metrics(), confusion.clone());
            s.confusion(true, &mut confusion);
            assert_eq!(first, (s.train_metrics(), s.test_metrics(), confusion));
            assert_eq!(first, fresh(query, epochs));
        }
        // Weights changed outside training: the kept passes no longer answer.
        let before = s.train_metrics();
        let mut params = s.params();
        for p in &mut params {
            *p *= 0.5;
        }
        s.restore_params(&params);
        let after = s.train_metrics();
        assert_ne!(before, after);
        let mut other = test_session(query);
        other.restore_params(&params);
        assert_eq!(after, other.train_metrics());
        // One weight set by hand.
        let test_before = s.test_metrics();
        s.set_param(0, 0, 0, 3.0).unwrap();
        assert_ne!(s.test_metrics(), test_before);
        let mut other = test_session(query);
        other.restore_params(&s.params());
        assert_eq!(s.test_metrics(), other.test_metrics());
    }

    /// The history's pass at an epoch's end serves what the frame asks next: the metrics, the
    /// step event's and the confusion matrix make no other pass.
    #[test]
    fn an_epochs_end_pass_serves_the_frame() {
        let mut s = test_session("dataset=xor&points=300&hidden=16,16&seed=2");
        s.step(1);
        let made = s.evaluated.made;
        assert!(made >= 2, "the history's pass at the epoch's end: {made}");
        let mut confusion = Vec::new();
        for _ in 0..3 {
            s.train_metrics();
            s.test_metrics();
            s.confusion(true, &mut confusion);
            s.confusion(false, &mut confusion);
        }
        assert_eq!(s.evaluated.made, made);
        s.step_batches(1);
        s.train_metrics();
        assert_eq!(s.evaluated.made, made + 1);
    }

    /// A run moved with its snapshot brings the passes its epoch's end made (as the training
    /// worker's does to the page): the page answers from them and makes none of its own; passes
    /// of other weights do not travel.
    #[test]
    fn a_moved_run_brings_its_kept_passes() {
        let query = "dataset=xor&points=300&hidden=16,16&seed=2";
        let mut worker = test_session(query);
        worker.step(12);
        let snapshot = worker.snapshot().unwrap();
        assert!(snapshot.passes.train.is_some() && snapshot.passes.test.is_some());
        let travelled = super::super::Snapshot::from_numbers(&snapshot.to_numbers()).unwrap();
        let mut page = test_session(query);
        page.restore(&travelled).unwrap();
        let made = page.evaluated.made;
        let mut confusion = Vec::new();
        page.confusion(true, &mut confusion);
        let answers = (page.train_metrics(), page.test_metrics(), confusion);
        assert_eq!(page.evaluated.made, made, "no pass of its own");
        let mut fresh = test_session(query);
        fresh.step(12);
        let mut confusion = Vec::new();
        fresh.confusion(true, &mut confusion);
        assert_eq!(
            answers,
            (fresh.train_metrics(), fresh.test_metrics(), confusion)
        );
        // Within an epoch the weights are not those of the kept passes: none travel.
        worker.step_batches(2);
        assert_eq!(worker.snapshot().unwrap().passes, Default::default());
    }

    /// A kept pass's counts are whole words, and one that does not fit the run's task (a
    /// confusion matrix of another size) is not adopted: the page makes its own.
    #[test]
    fn kept_passes_are_checked() {
        let query = "dataset=xor&points=300&hidden=4&seed=2";
        let mut worker = test_session(query);
        worker.step(3);
        let mut snapshot = worker.snapshot().unwrap();
        let numbers = snapshot.to_numbers();
        let loss = snapshot.passes.train.as_ref().unwrap().metrics.loss;
        // The training pass: [1, loss, accuracy, 4, counts…].
        let at = (0..numbers.len() - 4)
            .find(|&i| numbers[i] == 1.0 && numbers[i + 1].to_bits() == loss.to_bits())
            .unwrap();
        assert_eq!(numbers[at + 3], 4.0);
        for bad in [-1.0, 1.5, f64::NAN, 2f64.powi(33)] {
            let mut corrupt = numbers.clone();
            corrupt[at + 4] = bad;
            assert!(
                super::super::Snapshot::from_numbers(&corrupt).is_err(),
                "{bad}"
            );
        }
        snapshot.passes.train.as_mut().unwrap().confusion.push(0);
        let mut page = test_session(query);
        page.restore(&snapshot).unwrap();
        let made = page.evaluated.made;
        let mut confusion = Vec::new();
        page.confusion(false, &mut confusion);
        assert_eq!((page.evaluated.made, confusion.len()), (made + 1, 4));
        page.confusion(true, &mut confusion);
        assert_eq!(
            page.evaluated.made,
            made + 1,
            "the test pass fits and is adopted"
        );
    }

    /// The confusion matrix (a by-product of the metrics' pass) agrees with the accuracy.
    #[test]
    fn the_confusion_matrix_counts_what_the_accuracy_says() {
        for q in ["dataset=xor&hidden=4", "dataset=blobs3&hidden=4"] {
            let s = &mut test_session(q);
            s.step(15);
            let mut m = Vec::new();
            s.confusion(true, &mut m);
            let k = (m.len() as f64).sqrt() as usize;
            assert_eq!(k * k, m.len());
            assert!(k >= 2, "{q}");
            let total: u32 = m.iter().sum();
            assert_eq!(total as usize, s.data().test.len());
            let right: u32 = (0..k).map(|c| m[c * k + c]).sum();
            let accuracy = s.test_metrics().unwrap().accuracy.unwrap();
            assert!(
                (right as f64 / total as f64 - accuracy).abs() < 1e-12,
                "{q}"
            );
            // Each row holds the points of that class.
            for c in 0..k {
                let row: u32 = m[c * k..(c + 1) * k].iter().sum();
                assert_eq!(
                    row as usize,
                    s.data().test.y.iter().filter(|&&y| y as usize == c).count()
                );
            }
        }
        let s = &mut test_session("dataset=bumps&hidden=4");
        s.step(2);
        let mut m = vec![7];
        s.confusion(false, &mut m);
        assert!(m.is_empty(), "a regression has no classes");
    }
}
