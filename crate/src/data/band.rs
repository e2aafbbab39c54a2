//! The tutorial's data: the positive class fills a diagonal band around x2 = x1, the negative
//! class lies on both sides of it. No straight line separates them; two lines do.

use super::Dataset;
use rand::Rng;

/// Half the band's vertical width: positives have |x2 − x1| < HALF_WIDTH.
pub const HALF_WIDTH: f64 = 0.4;
/// An empty strip between the classes, so that a perfect fit exists without noise.
pub const MARGIN: f64 = 0.1;

pub fn generate(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    while data.len() < n {
        let p: [f64; 2] = [rng.random_range(-1.0..=1.0), rng.random_range(-1.0..=1.0)];
        let d = (p[1] - p[0]).abs();
        if d < HALF_WIDTH {
            data.push(p, true);
        } else if d > HALF_WIDTH + MARGIN {
            data.push(p, false);
        }
    }
    data
}
