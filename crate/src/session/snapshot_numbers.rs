//! A snapshot as one flat list of numbers: the form it crosses the wasm boundary in (the page's
//! training worker takes and gives back `Float64Array`s). Generic (de)serialisation of the
//! nested struct through JS objects cost the page's module ~20 KB of code; this is a few
//! hundred bytes, and copies faster. Every value is exact as an f64: counts, epochs and the
//! order's indices are below 2^53, the shuffle position travels as four 32-bit words, and the
//! stop's message as its UTF-8 bytes.

use super::{KeptPasses, Metrics, Pass, Snapshot, Stop, StopReason, StopState};
use crate::optim;

/// The layout's version, first in the list, so that a list of another layout is refused.
const FORMAT: f64 = 3.0;

impl Snapshot {
    /// The snapshot as numbers: `[format, epoch, params…, optimizer t, slots…, order…,
    /// shuffle words ×4, history stride, history entries…, cursor, epoch loss, recorded,
    /// finite, finite epoch, armed, stop?, train pass?, test pass?]`, each list preceded by its
    /// length (a pass: loss, accuracy or NaN, confusion counts…). The last finite weights are
    /// `[1]` when they are the weights (while a run is finite, always), else `[0, length, …]`.
    /// The page reads the epoch at index 1 (`www/worker-run.js`: is the worker further on?).
    pub fn to_numbers(&self) -> Vec<f64> {
        let slots: usize = self.optimizer.slots.iter().map(|s| s.len() + 1).sum();
        let mut out = Vec::with_capacity(
            24 + self.params.len()
                + slots
                + self.order.len()
                + 5 * self.history.len()
                + self.finite.len(),
        );
        out.extend([FORMAT, self.epoch as f64]);
        list(&mut out, &self.params);
        out.extend([self.optimizer.t as f64, self.optimizer.slots.len() as f64]);
        for slot in &self.optimizer.slots {
            list(&mut out, slot);
        }
        out.push(self.order.len() as f64);
        out.extend(self.order.iter().map(|&i| i as f64));
        out.extend(self.shuffle_words.map(f64::from));
        out.extend([self.history_stride as f64, self.history.len() as f64]);
        out.extend(self.history.iter().flatten());
        out.extend([
            self.cursor as f64,
            self.epoch_loss,
            self.epoch_recorded as u8 as f64,
        ]);
        // The copy would double the weights' share of every snapshot (six layers of 256: 2.6 MB).
        let same = self.finite.len() == self.params.len()
            && self
                .finite
                .iter()
                .zip(&self.params)
                .all(|(a, b)| a.to_bits() == b.to_bits());
        if same {
            out.push(1.0);
        } else {
            out.push(0.0);
            list(&mut out, &self.finite);
        }
        out.extend([self.finite_epoch as f64, self.stop.armed as u8 as f64]);
        match &self.stop.pending {
            None => out.push(0.0),
            Some(stop) => {
                let reason = match stop.reason {
                    StopReason::Epoch => 0.0,
                    StopReason::Loss => 1.0,
                    StopReason::Accuracy => 2.0,
                };
                out.extend([1.0, stop.epoch as f64, reason, stop.value, stop.target]);
                out.push(stop.message.len() as f64);
                out.extend(stop.message.bytes().map(f64::from));
            }
        }
        for pass in [&self.passes.train, &self.passes.test] {
            // A pass: [1, loss, accuracy (NaN: none), counts…], or [0].
            let Some(p) = pass else {
                out.push(0.0);
                continue;
            };
            out.extend([1.0, p.metrics.loss, p.metrics.accuracy.unwrap_or(f64::NAN)]);
            out.push(p.confusion.len() as f64);
            out.extend(p.confusion.iter().map(|&c| f64::from(c)));
        }
        out
    }

    /// Reads what `to_numbers` wrote; an error says what does not fit.
    pub fn from_numbers(numbers: &[f64]) -> Result<Snapshot, String> {
        let mut r = Reader(numbers);
        if r.next()? != FORMAT {
            return Err("not a snapshot of this version".into());
        }
        let epoch = r.whole()?;
        let params = r.list()?;
        let t = r.whole()?;
        let t = i32::try_from(t).map_err(|_| "not a snapshot: a bad step count".to_string())?;
        let slots = (0..r.count(1)?)
            .map(|_| r.list())
            .collect::<Result<_, _>>()?;
        let order = (0..r.count(1)?)
            .map(|_| r.word())
            .collect::<Result<_, _>>()?;
        let shuffle_words = [r.word()?, r.word()?, r.word()?, r.word()?];
        let history_stride = r.whole()?;
        let history = (0..r.count(5)?)
            .map(|_| Ok([r.next()?, r.next()?, r.next()?, r.next()?, r.next()?]))
            .collect::<Result<_, String>>()?;
        let cursor = r.word()?;
        let epoch_loss = r.next()?;
        let epoch_recorded = r.flag()?;
        let finite = if r.flag()? { params.clone() } else { r.list()? };
        let finite_epoch = r.whole()?;
        let armed = r.flag()?;
        let pending = if r.flag()? {
            let epoch = r.whole()?;
            let reason = match r.whole()? {
                0 => StopReason::Epoch,
                1 => StopReason::Loss,
                2 => StopReason::Accuracy,
                _ => return Err("not a snapshot: an unknown stop".into()),
            };
            let (value, target) = (r.next()?, r.next()?);
            let bytes = (0..r.count(1)?)
                .map(|_| r.whole().map(|b| b as u8))
                .collect::<Result<Vec<u8>, _>>()?;
            let message = String::from_utf8(bytes)
                .map_err(|_| "not a snapshot: a stop's message is not text".to_string())?;
            Some(Stop {
                epoch,
                reason,
                value,
                target,
                message,
            })
        } else {
            None
        };
        let passes = KeptPasses {
            train: r.pass()?,
            test: r.pass()?,
        };
        if !r.0.is_empty() {
            return Err("not a snapshot: numbers left over".into());
        }
        Ok(Snapshot {
            epoch,
            params,
            optimizer: optim::State { t, slots },
            order,
            shuffle_words,
            history_stride,
            history,
            cursor,
            epoch_loss,
            epoch_recorded,
            finite,
            finite_epoch,
            stop: StopState { armed, pending },
            passes,
        })
    }
}

fn list(out: &mut Vec<f64>, values: &[f64]) {
    out.push(values.len() as f64);
    out.extend_from_slice(values);
}

/// The numbers not read yet.
struct Reader<'a>(&'a [f64]);

impl Reader<'_> {
    fn next(&mut self) -> Result<f64, String> {
        let (&first, rest) = self.0.split_first().ok_or("not a snapshot: too short")?;
        self.0 = rest;
        Ok(first)
    }

    /// A whole number from 0 to 2^53.
    fn whole(&mut self) -> Result<u64, String> {
        let v = self.next()?;
        if v >= 0.0 && v <= (1u64 << 53) as f64 && v.fract() == 0.0 {
            Ok(v as u64)
        } else {
            Err("not a snapshot: a bad count".into())
        }
    }

    fn word(&mut self) -> Result<u32, String> {
        u32::try_from(self.whole()?).map_err(|_| "not a snapshot: a number too large".into())
    }

    fn flag(&mut self) -> Result<bool, String> {
        Ok(self.whole()? != 0)
    }

    /// A length of items `size` numbers each, checked against what is left.
    fn count(&mut self, size: usize) -> Result<usize, String> {
        let n = self.whole()? as usize;
        if n.saturating_mul(size) > self.0.len() {
            return Err("not a snapshot: too short".into());
        }
        Ok(n)
    }

    /// A kept pass (see `to_numbers`), or None. Accuracy NaN is none: a real one never is.
    fn pass(&mut self) -> Result<Option<Pass>, String> {
        if !self.flag()? {
            return Ok(None);
        }
        let (loss, accuracy) = (self.next()?, self.next()?);
        let n = self.count(1)?;
        let confusion = (0..n).map(|_| self.word()).collect::<Result<_, _>>()?;
        Ok(Some(Pass {
            metrics: Metrics {
                loss,
                accuracy: (!accuracy.is_nan()).then_some(accuracy),
            },
            confusion,
        }))
    }

    fn list(&mut self) -> Result<Vec<f64>, String> {
        let n = self.count(1)?;
        let (values, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(values.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::session::test_session as session;

    #[test]
    fn numbers_give_back_the_snapshot_exactly() {
        for query in [
            "dataset=circle&hidden=4,2&optimizer=sgd&batch=10",
            "dataset=spiral&hidden=8,8&optimizer=adam&batch=16&stopAtEpoch=30",
            "dataset=xor&hidden=5&optimizer=momentum&nesterov=true&batch=7&stopAtLoss=0.9",
            "dataset=blobs3&hidden=6&optimizer=rmsprop&batch=25",
        ] {
            let mut s = session(query);
            s.step(40);
            s.step_batches(3);
            let snapshot = s.snapshot().unwrap();
            let numbers = snapshot.to_numbers();
            assert_eq!(
                numbers[1], snapshot.epoch as f64,
                "the epoch second: the page reads it"
            );
            let back = Snapshot::from_numbers(&numbers).unwrap();
            assert_eq!(back, snapshot, "{query}");
        }
        // A stop with a message (non-ASCII: '≥'), and NaN losses, travel bit for bit.
        let mut s = session("dataset=xor&hidden=3&stopAtAccuracy=0.5");
        s.step(200);
        let mut snapshot = s.snapshot().unwrap();
        assert!(snapshot
            .stop
            .pending
            .as_ref()
            .unwrap()
            .message
            .contains('≥'));
        snapshot.epoch_loss = f64::NAN;
        let back = Snapshot::from_numbers(&snapshot.to_numbers()).unwrap();
        assert!(back.epoch_loss.is_nan());
        assert_eq!(back.stop, snapshot.stop);
        assert_eq!(back.history.len(), snapshot.history.len());
    }

    /// The last finite weights travel as a flag while they are the weights, and whole once a
    /// run has diverged from them.
    #[test]
    fn the_last_finite_weights_travel_once() {
        let mut s = session("dataset=xor&hidden=8,8&optimizer=adam");
        s.step(5);
        let mut snapshot = s.snapshot().unwrap();
        assert_eq!(snapshot.finite, snapshot.params);
        let short = snapshot.to_numbers();
        assert_eq!(Snapshot::from_numbers(&short).unwrap(), snapshot);
        // -0.0 equals 0.0 but is other weights: bits decide.
        snapshot.finite[0] = f64::NAN;
        snapshot.params[1] = 0.0;
        snapshot.finite[1] = -0.0;
        let long = snapshot.to_numbers();
        assert_eq!(long.len(), short.len() + 1 + snapshot.params.len());
        let back = Snapshot::from_numbers(&long).unwrap();
        assert!(back.finite[0].is_nan() && back.finite[1].is_sign_negative());
        assert_eq!(back.finite[2..], snapshot.finite[2..]);
        assert_eq!(back.params, snapshot.params);
    }

    #[test]
    fn other_lists_are_refused() {
        let mut s = session("hidden=4");
        s.step(5);
        let numbers = s.snapshot().unwrap().to_numbers();
        for bad in [
            &[][..],
            &numbers[..numbers.len() - 1],
            // The versions before and after this one.
            &[FORMAT - 1.0, 0.0],
            &[FORMAT + 1.0, 0.0],
            &[FORMAT, -1.0],
            &[FORMAT, 0.5],
            &[FORMAT, 0.0, 1e9],
        ] {
            assert!(Snapshot::from_numbers(bad).is_err(), "{bad:?}");
        }
        let mut longer = numbers.clone();
        longer.push(0.0);
        assert!(Snapshot::from_numbers(&longer).is_err());
    }
}
