//! Loss and accuracy per epoch for the chart, in bounded memory: when the buffer is full every other entry is
//! dropped and only every 2ᵏ-th epoch is kept from then on, so a million epochs cost no more
//! memory than a thousand.

/// Entries kept at most (allocated once). More than the chart has pixel columns; every kept
/// entry costs an evaluation of the test set, and the training worker sends them every slice.
const CAPACITY: usize = 512;

/// [epoch, train loss, test loss, train accuracy, test accuracy].
pub type Entry = [f64; 5];

/// Numbers per entry (the page reads the entries as one flat array).
pub const ENTRY_LEN: usize = 5;

pub struct History {
    stride: u64,
    /// [epoch, train loss, test loss, train accuracy, test accuracy]: NaN where there is none
    /// (no test set; accuracies of a regression).
    entries: Vec<Entry>,
}

impl Default for History {
    fn default() -> Self {
        History {
            stride: 1,
            entries: Vec::with_capacity(CAPACITY),
        }
    }
}

impl History {
    /// Whether an entry for this epoch would be kept (so callers can skip computing it).
    pub fn wants(&self, epoch: u64) -> bool {
        epoch.is_multiple_of(self.stride)
    }

    /// Keeps `entry` (its first number is the epoch) if the stride wants its epoch.
    pub fn push(&mut self, entry: Entry) {
        let epoch = entry[0] as u64;
        if !self.wants(epoch) {
            return;
        }
        if self.entries.len() == CAPACITY {
            self.stride *= 2;
            let stride = self.stride;
            self.entries
                .retain(|e| (e[0] as u64).is_multiple_of(stride));
            if !epoch.is_multiple_of(stride) {
                return;
            }
        }
        self.entries.push(entry);
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The stride (every how many epochs an entry is kept) and the entries.
    pub fn parts(&self) -> (u64, &[Entry]) {
        (self.stride, &self.entries)
    }

    /// A history with these parts, in the buffer it already has.
    pub fn set_parts(&mut self, stride: u64, entries: &[Entry]) {
        self.stride = stride.max(1);
        self.entries.clear();
        self.entries
            .extend_from_slice(&entries[..entries.len().min(CAPACITY)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_bounded_and_spans_every_epoch_range() {
        let mut h = History::default();
        let cap = h.entries.capacity();
        for epoch in 1..=100_000u64 {
            if h.wants(epoch) {
                h.push([epoch as f64, 1.0 / epoch as f64, f64::NAN, 0.5, f64::NAN]);
            }
        }
        assert!(h.entries().len() <= CAPACITY);
        assert!(h.entries().len() > CAPACITY / 2);
        assert_eq!(h.entries.capacity(), cap, "never reallocated");
        let first = h.entries()[0][0];
        let last = h.entries().last().unwrap()[0];
        // The first kept epoch is the stride: 2⁸ once 100,000 epochs are spread over 512.
        assert!(first <= 256.0 && last >= 99_800.0, "{first} … {last}");
        assert!(h.entries().windows(2).all(|w| w[0][0] < w[1][0]));
    }
}
