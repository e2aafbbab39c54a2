//! Seeded two-dimensional data sets, split into a training and a test set.

mod band;
mod blobs;
pub mod csv;
pub mod drawn;
mod shapes;
mod xor;

use crate::config::{Config, DatasetKind};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use serde::Serialize;

/// What the labels mean, and so which output and loss the network gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "classes")]
pub enum Task {
    /// Labels 0 and 1: one sigmoid output, binary cross-entropy.
    Binary,
    /// Labels 0 … k−1 (k ≥ 3): k softmax outputs, cross-entropy.
    Multiclass(usize),
    /// Real-valued labels: one linear output, mean squared error.
    Regression,
}

impl Task {
    pub fn outputs(self) -> usize {
        match self {
            Task::Multiclass(k) => k,
            _ => 1,
        }
    }

    pub fn classes(self) -> usize {
        match self {
            Task::Binary => 2,
            Task::Multiclass(k) => k,
            Task::Regression => 0,
        }
    }

    pub fn of(kind: DatasetKind) -> Task {
        match kind {
            DatasetKind::Blobs3 => Task::Multiclass(3),
            DatasetKind::Plane | DatasetKind::Bumps => Task::Regression,
            _ => Task::Binary,
        }
    }
}

/// Points with labels: a class index (0.0, 1.0, …) or a real value for regression.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub x: Vec<[f64; 2]>,
    pub y: Vec<f64>,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.y.len()
    }

    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    fn push(&mut self, x: [f64; 2], label: bool) {
        self.push_value(x, if label { 1.0 } else { 0.0 });
    }

    fn push_value(&mut self, x: [f64; 2], y: f64) {
        self.x.push(x);
        self.y.push(y);
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    pub train: Dataset,
    pub test: Dataset,
    pub task: Task,
}

/// Independent random streams, so that changing one use of randomness never shifts another.
pub(crate) enum Stream {
    Data = 0,
    Split = 1,
    Init = 2,
    Shuffle = 3,
}

pub(crate) fn rng(seed: u64, stream: Stream) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream as u64);
    rng
}

/// Generates the configured data set and splits it by `trainRatio` (at least one training point).
/// `custom` yields the drawn points (`drawn`), else none (the caller supplies them).
pub fn generate(config: &Config) -> Split {
    if config.dataset == DatasetKind::Custom {
        if let Some(drawing) = config.drawn.drawing() {
            return drawing.split(config.train_ratio).0;
        }
    }
    let mut r = rng(config.seed, Stream::Data);
    let n = config.points;
    let mut all = match config.dataset {
        DatasetKind::Band => band::generate(n, &mut r),
        DatasetKind::Blobs => blobs::generate(n, &mut r),
        DatasetKind::Xor => xor::generate(n, &mut r),
        DatasetKind::Circle => shapes::circle(n, &mut r),
        DatasetKind::Spiral => shapes::spiral(n, &mut r),
        DatasetKind::Moons => shapes::moons(n, &mut r),
        DatasetKind::Blobs3 => shapes::blobs3(n, &mut r),
        DatasetKind::Plane => shapes::plane(n, &mut r),
        DatasetKind::Bumps => shapes::bumps(n, &mut r),
        DatasetKind::Custom => Dataset::default(),
    };
    if config.noise > 0.0 {
        let jitter = Normal::new(0.0, config.noise).expect("noise is finite and positive");
        for p in &mut all.x {
            p[0] += jitter.sample(&mut r);
            p[1] += jitter.sample(&mut r);
        }
    }
    split(
        all,
        config.train_ratio,
        config.seed,
        Task::of(config.dataset),
    )
}

/// Splits one set of points into training and test sets, shuffled by the seed.
pub fn split(all: Dataset, ratio: f64, seed: u64, task: Task) -> Split {
    if all.is_empty() {
        return Split {
            train: all.clone(),
            test: all,
            task,
        };
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.shuffle(&mut rng(seed, Stream::Split));
    let n_train = ((all.len() as f64 * ratio).round() as usize).clamp(1, all.len());
    let pick = |idx: &[usize]| Dataset {
        x: idx.iter().map(|&i| all.x[i]).collect(),
        y: idx.iter().map(|&i| all.y[i]).collect(),
    };
    Split {
        train: pick(&order[..n_train]),
        test: pick(&order[n_train..]),
        task,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dataset: &str, points: usize, seed: u64) -> Config {
        let mut c = Config::default();
        c.set("dataset", dataset).unwrap();
        c.points = points;
        c.seed = seed;
        c
    }

    fn mean(points: impl Iterator<Item = [f64; 2]>) -> [f64; 2] {
        let (mut s, mut n) = ([0.0, 0.0], 0.0);
        for p in points {
            s[0] += p[0];
            s[1] += p[1];
            n += 1.0;
        }
        [s[0] / n, s[1] / n]
    }

    const GENERATED: [&str; 9] = [
        "band", "blobs", "xor", "circle", "spiral", "moons", "blobs3", "plane", "bumps",
    ];

    #[test]
    fn sizes_and_split_ratio() {
        for name in GENERATED {
            let mut c = config(name, 301, 3);
            c.train_ratio = 0.7;
            let s = generate(&c);
            assert_eq!(s.train.len() + s.test.len(), 301, "{name}");
            assert_eq!(s.train.len(), 211, "{name}");
            assert_eq!(s.train.x.len(), s.train.y.len());
            let mut labels = s.train.y.iter().chain(&s.test.y);
            match s.task {
                Task::Regression => assert!(labels.all(|y| y.is_finite())),
                t => assert!(
                    labels.all(|&y| y.fract() == 0.0 && y >= 0.0 && (y as usize) < t.classes())
                ),
            }
            for k in 0..s.task.classes() {
                assert!(s.train.y.contains(&(k as f64)), "{name} has class {k}");
            }
        }
        let mut c = config("xor", 10, 1);
        c.train_ratio = 1.0;
        assert!(generate(&c).test.is_empty());
    }

    #[test]
    fn determinism_by_seed() {
        for name in GENERATED {
            assert_eq!(
                generate(&config(name, 200, 5)),
                generate(&config(name, 200, 5))
            );
            assert_ne!(
                generate(&config(name, 200, 5)),
                generate(&config(name, 200, 6))
            );
        }
    }

    #[test]
    fn band_positive_class_lies_between_two_parallel_lines() {
        let s = generate(&config("band", 2000, 2));
        let all = s.train.x.iter().zip(&s.train.y);
        let mut positives = 0;
        for (p, &y) in all {
            let d = (p[1] - p[0]).abs();
            assert!(p[0].abs() <= 1.0 && p[1].abs() <= 1.0);
            if y == 1.0 {
                positives += 1;
                assert!(d < band::HALF_WIDTH, "{p:?}");
            } else {
                assert!(d > band::HALF_WIDTH + band::MARGIN, "{p:?}");
            }
        }
        // Both classes are well represented; negatives lie on both sides of the band.
        let n = s.train.len();
        assert!(
            positives > n / 5 && positives < n * 3 / 5,
            "{positives} of {n}"
        );
        let above = s.train.x.iter().filter(|p| p[1] - p[0] > 0.6).count();
        let below = s.train.x.iter().filter(|p| p[0] - p[1] > 0.6).count();
        assert!(above > n / 10 && below > n / 10);
    }

    #[test]
    fn blobs_statistics() {
        let s = generate(&config("blobs", 4000, 9));
        let data = s
            .train
            .x
            .iter()
            .chain(&s.test.x)
            .zip(s.train.y.iter().chain(&s.test.y));
        let (c0, c1): (Vec<_>, Vec<_>) = data.partition(|(_, &y)| y == 0.0);
        assert_eq!(c0.len(), 2000);
        assert_eq!(c1.len(), 2000);
        let m0 = mean(c0.iter().map(|(p, _)| **p));
        let m1 = mean(c1.iter().map(|(p, _)| **p));
        // Standard error of a mean of 2000 unit-variance samples is 0.022.
        for (m, want) in [(m0, 0.0), (m1, 2.0)] {
            assert!(
                (m[0] - want).abs() < 0.1 && (m[1] - want).abs() < 0.1,
                "{m:?}"
            );
        }
        let var0 = c0.iter().map(|(p, _)| (p[0] - m0[0]).powi(2)).sum::<f64>() / 2000.0;
        assert!((var0 - 1.0).abs() < 0.1, "{var0}");
    }

    #[test]
    fn xor_labels_follow_the_sign_of_the_product() {
        let s = generate(&config("xor", 1000, 4));
        for (p, &y) in s.train.x.iter().zip(&s.train.y) {
            assert!(p[0].abs() <= 1.0 && p[1].abs() <= 1.0);
            assert_eq!(y == 1.0, p[0] * p[1] > 0.0, "{p:?}");
        }
        let positives = s.train.y.iter().filter(|&&y| y == 1.0).count() as f64;
        assert!((positives / s.train.len() as f64 - 0.5).abs() < 0.08);
    }

    #[test]
    fn noise_moves_points_but_not_labels() {
        let clean = generate(&config("xor", 300, 4));
        let mut c = config("xor", 300, 4);
        c.noise = 0.2;
        let noisy = generate(&c);
        assert_eq!(clean.train.y, noisy.train.y);
        assert_ne!(clean.train.x, noisy.train.x);
    }
}
