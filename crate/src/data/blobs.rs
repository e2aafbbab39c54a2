//! Two Gaussian clouds: class 0 ~ N((0,0), I), class 1 ~ N((2,2), I), alternating so the
//! classes stay balanced.

use super::Dataset;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

pub fn generate(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for i in 0..n {
        let label = i % 2 == 1;
        let centre = if label { 2.0 } else { 0.0 };
        let g1: f64 = StandardNormal.sample(rng);
        let g2: f64 = StandardNormal.sample(rng);
        data.push([centre + g1, centre + g2], label);
    }
    data
}
