//! XOR quadrants: x1, x2 ~ U(−1, 1), class 1 where x1·x2 > 0.

use super::Dataset;
use rand::Rng;

pub fn generate(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for _ in 0..n {
        let p: [f64; 2] = [rng.random_range(-1.0..=1.0), rng.random_range(-1.0..=1.0)];
        data.push(p, p[0] * p[1] > 0.0);
    }
    data
}
