//! The other generated sets, after TensorFlow Playground's and scikit-learn's: a disc inside a
//! ring, two interleaved spiral arms, two moons, three Gaussian classes, and two regression
//! surfaces. All live around [−1, 1]² except the blobs.

use super::Dataset;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use std::f64::consts::PI;

fn uniform(rng: &mut impl Rng) -> [f64; 2] {
    [rng.random_range(-1.0..=1.0), rng.random_range(-1.0..=1.0)]
}

/// Class 1: a disc of radius 0.5; class 0: a ring from 0.7 to 1.0. Alternating classes.
pub fn circle(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for i in 0..n {
        let inside = i % 2 == 1;
        let r = if inside {
            rng.random_range(0.0..0.5)
        } else {
            rng.random_range(0.7..1.0)
        };
        let t: f64 = rng.random_range(0.0..2.0 * PI);
        data.push([r * libm::cos(t), r * libm::sin(t)], inside);
    }
    data
}

/// Two arms winding 1.75 turns out from the centre, half a turn apart; class = arm.
pub fn spiral(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    let per_arm = n.div_ceil(2).max(1);
    for i in 0..n {
        let arm = i % 2;
        let s = (i / 2) as f64 / per_arm as f64;
        let t = 1.75 * 2.0 * PI * s + PI * arm as f64 + rng.random_range(-0.05..0.05);
        data.push([s * libm::sin(t), s * libm::cos(t)], arm == 1);
    }
    data
}

/// scikit-learn's two moons, centred: class 0 the upper arc, class 1 the lower one.
pub fn moons(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for i in 0..n {
        let lower = i % 2 == 1;
        let t: f64 = rng.random_range(0.0..PI);
        let p = if lower {
            [1.0 - libm::cos(t), 0.5 - libm::sin(t)]
        } else {
            [libm::cos(t), libm::sin(t)]
        };
        data.push([(p[0] - 0.5) * 0.8, (p[1] - 0.25) * 0.8], lower);
    }
    data
}

/// Centres of the three blobs: a triangle of radius 1.5 around the origin.
pub const BLOBS3_CENTRES: [[f64; 2]; 3] = [[0.0, 1.5], [-1.299, -0.75], [1.299, -0.75]];
pub const BLOBS3_SD: f64 = 0.6;

/// Three Gaussian classes N(c_k, 0.6²·I), in turn.
pub fn blobs3(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for i in 0..n {
        let k = i % 3;
        let c = BLOBS3_CENTRES[k];
        let g1: f64 = StandardNormal.sample(rng);
        let g2: f64 = StandardNormal.sample(rng);
        data.push_value([c[0] + BLOBS3_SD * g1, c[1] + BLOBS3_SD * g2], k as f64);
    }
    data
}

/// Regression: y = (x1 + x2) / 2, a tilted plane.
pub fn plane(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for _ in 0..n {
        let p = uniform(rng);
        data.push_value(p, plane_value(p));
    }
    data
}

pub fn plane_value(p: [f64; 2]) -> f64 {
    (p[0] + p[1]) / 2.0
}

/// Regression: four Gaussian bumps of alternating sign at (±0.5, ±0.5).
pub fn bumps(n: usize, rng: &mut impl Rng) -> Dataset {
    let mut data = Dataset::default();
    for _ in 0..n {
        let p = uniform(rng);
        data.push_value(p, bumps_value(p));
    }
    data
}

pub fn bumps_value(p: [f64; 2]) -> f64 {
    let mut y = 0.0;
    for (cx, cy, sign) in [
        (0.5, 0.5, 1.0),
        (-0.5, -0.5, 1.0),
        (0.5, -0.5, -1.0),
        (-0.5, 0.5, -1.0),
    ] {
        let d2 = (p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy);
        y += sign * libm::exp(-d2 / (2.0 * 0.2 * 0.2));
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rng() -> rand_chacha::ChaCha8Rng {
        rand_chacha::ChaCha8Rng::seed_from_u64(11)
    }

    #[test]
    fn circle_classes_by_radius() {
        let d = circle(1000, &mut rng());
        for (p, &y) in d.x.iter().zip(&d.y) {
            let r = p[0].hypot(p[1]);
            assert!(if y == 1.0 {
                r < 0.5
            } else {
                (0.7..1.0).contains(&r)
            });
        }
    }

    #[test]
    fn spiral_arms_are_point_reflections() {
        let d = spiral(400, &mut rng());
        assert!(d.x.iter().all(|p| p[0].hypot(p[1]) <= 1.0));
        let arm0 = d.y.iter().filter(|&&y| y == 0.0).count();
        assert_eq!(arm0, 200);
    }

    #[test]
    fn moons_are_two_interleaved_arcs() {
        let d = moons(1000, &mut rng());
        let mean_y = |class: f64| {
            let v: Vec<f64> =
                d.x.iter()
                    .zip(&d.y)
                    .filter(|(_, &y)| y == class)
                    .map(|(p, _)| p[1])
                    .collect();
            v.iter().sum::<f64>() / v.len() as f64
        };
        assert!(mean_y(0.0) > mean_y(1.0) + 0.3);
    }

    #[test]
    fn blobs3_centres_and_spread() {
        let d = blobs3(3000, &mut rng());
        for (k, centre) in BLOBS3_CENTRES.iter().enumerate() {
            let pts: Vec<_> =
                d.x.iter()
                    .zip(&d.y)
                    .filter(|(_, &y)| y == k as f64)
                    .map(|(p, _)| *p)
                    .collect();
            assert_eq!(pts.len(), 1000);
            let m = [0, 1].map(|a| pts.iter().map(|p| p[a]).sum::<f64>() / 1000.0);
            let sd = (pts.iter().map(|p| (p[0] - m[0]).powi(2)).sum::<f64>() / 1000.0).sqrt();
            assert!((m[0] - centre[0]).abs() < 0.08 && (m[1] - centre[1]).abs() < 0.08);
            assert!((sd - BLOBS3_SD).abs() < 0.05, "{sd}");
        }
    }

    #[test]
    fn regression_targets_follow_their_surfaces() {
        let d = plane(500, &mut rng());
        assert!(d
            .x
            .iter()
            .zip(&d.y)
            .all(|(p, &y)| (y - (p[0] + p[1]) / 2.0).abs() < 1e-15));
        let d = bumps(2000, &mut rng());
        assert!(d.y.iter().all(|y| y.abs() <= 1.01));
        assert!(d.y.iter().any(|&y| y > 0.8) && d.y.iter().any(|&y| y < -0.8));
        assert!((bumps_value([0.5, 0.5]) - 1.0).abs() < 0.01);
    }
}
