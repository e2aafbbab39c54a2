//! Colour maps from values to RGBA pixels, shared by every heatmap so that JS only copies.

use crate::config::Activation;

/// Okabe–Ito vermillion (class 0) and blue (class 1): distinguishable with every common
/// colour-vision deficiency. The front end's palette uses the same two.
pub const CLASS0: [f32; 3] = [213.0, 94.0, 0.0];
pub const CLASS1: [f32; 3] = [0.0, 114.0, 178.0];
/// A third class (Okabe–Ito bluish green), for three-class data.
pub const CLASS2: [f32; 3] = [0.0, 158.0, 115.0];
const CLASSES: [[f32; 3]; 3] = [CLASS0, CLASS1, CLASS2];
/// How far the strongest heatmap colour goes from white towards a class colour: light enough
/// for points and lines drawn on top to stand out.
const STRENGTH: f32 = 0.6;

/// Entries of the colour table: index 128 is exactly white (s = 0).
const STEPS: usize = 257;

/// The diverging map as a table, built once: painting is then a lookup per pixel.
fn table() -> &'static [[u8; 4]; STEPS] {
    static TABLE: std::sync::OnceLock<[[u8; 4]; STEPS]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [[255u8; 4]; STEPS];
        for (i, entry) in t.iter_mut().enumerate() {
            let s = i as f32 / 128.0 - 1.0;
            let (colour, strength) = if s < 0.0 { (CLASS0, -s) } else { (CLASS1, s) };
            for k in 0..3 {
                entry[k] = (255.0 + (colour[k] - 255.0) * strength * STRENGTH).round() as u8;
            }
        }
        t
    })
}

/// A signed value in [−1, 1] → a tint of class 0 (negative) or class 1 (positive) over white.
fn diverging(s: f32, out: &mut [u8]) {
    let s = if s.is_nan() { 0.0 } else { s.clamp(-1.0, 1.0) };
    out.copy_from_slice(&table()[((s + 1.0) * 128.0).round() as usize]);
}

/// P(class 1) → white at 0.5, towards each class colour at 0 and 1.
pub fn probability_rgba(p: &[f32], out: &mut [u8]) {
    for (v, px) in p.iter().zip(out.chunks_exact_mut(4)) {
        diverging(2.0 * v - 1.0, px);
    }
}

/// Several class probabilities (`k` planes of `plane` values) → the likeliest class's colour,
/// stronger the surer the network is (white where all k are equally likely).
pub fn classes_rgba(p: &[f32], k: usize, plane: usize, out: &mut [u8]) {
    for (i, px) in out.chunks_exact_mut(4).enumerate().take(plane) {
        let (mut best, mut top) = (0, f32::MIN);
        for c in 0..k {
            let v = p[c * plane + i];
            if v > top {
                best = c;
                top = v;
            }
        }
        let t = ((top - 1.0 / k as f32) / (1.0 - 1.0 / k as f32)).clamp(0.0, 1.0) * STRENGTH;
        let colour = CLASSES[best % CLASSES.len()];
        for c in 0..3 {
            px[c] = (255.0 + (colour[c] - 255.0) * t).round() as u8;
        }
        px[3] = 255;
    }
}

/// A regression output over ±range → vermillion below zero, blue above.
pub fn value_rgba(v: &[f32], range: f32, out: &mut [u8]) {
    for (v, px) in v.iter().zip(out.chunks_exact_mut(4)) {
        diverging(v / range, px);
    }
}

/// A hidden unit's activation, scaled to [−1, 1] by its range: positive side blue.
pub fn activation_rgba(act: Activation, a: &[f32], out: &mut [u8]) {
    for (v, px) in a.iter().zip(out.chunks_exact_mut(4)) {
        let s = match act {
            Activation::Tanh => *v,
            Activation::Sigmoid => 2.0 * v - 1.0,
            // Unbounded: squash by v/(1+|v|), cheap and monotone.
            Activation::Relu | Activation::LeakyRelu | Activation::Linear => v / (1.0 + v.abs()),
        };
        diverging(s, px);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_and_middle() {
        let mut out = [0u8; 12];
        probability_rgba(&[0.0, 0.5, 1.0], &mut out);
        assert_eq!(&out[4..8], &[255, 255, 255, 255]);
        assert!(out[0] > out[2], "class 0 is warm");
        assert!(out[10] > out[8], "class 1 is cool");
    }
}
