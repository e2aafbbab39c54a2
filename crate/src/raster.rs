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
#[inline(always)]
fn diverging(table: &[[u8; 4]; STEPS], s: f32, out: &mut [u8]) {
    // Rounded by +0.5 and truncation (`f32::round` has no wasm instruction and becomes a
    // call), clamped as an integer; NaN is white.
    let i = ((s * 128.0 + 128.5) as i32).clamp(0, STEPS as i32 - 1);
    let i = if s.is_nan() { STEPS / 2 } else { i as usize };
    out.copy_from_slice(&table[i]);
}

/// P(class 1) → white at 0.5, towards each class colour at 0 and 1.
pub fn probability_rgba(p: &[f32], out: &mut [u8]) {
    let t = table();
    for (v, px) in p.iter().zip(out.chunks_exact_mut(4)) {
        diverging(t, 2.0 * v - 1.0, px);
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
    let t = table();
    for (v, px) in v.iter().zip(out.chunks_exact_mut(4)) {
        diverging(t, v / range, px);
    }
}

/// A hidden unit's activation, scaled to [−1, 1] by its range: positive side blue.
pub fn activation_rgba(act: Activation, a: &[f32], out: &mut [u8]) {
    let t = table();
    let paint = |scale: fn(f32) -> f32, out: &mut [u8]| {
        for (v, px) in a.iter().zip(out.chunks_exact_mut(4)) {
            diverging(t, scale(*v), px);
        }
    };
    match act {
        Activation::Tanh => paint(|v| v, out),
        Activation::Sigmoid => paint(|v| 2.0 * v - 1.0, out),
        // Unbounded: squash by v/(1+|v|), cheap and monotone.
        Activation::Relu | Activation::LeakyRelu | Activation::Linear => {
            paint(|v| v / (1.0 + v.abs()), out)
        }
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
        let t = table();
        let mut far = [0u8; 16];
        value_rgba(&[-5.0, 5.0, f32::NAN, f32::INFINITY], 1.0, &mut far);
        assert_eq!(far[0..4], t[0]);
        assert_eq!(far[4..8], t[STEPS - 1]);
        assert_eq!(far[8..12], [255, 255, 255, 255], "NaN is white");
        assert_eq!(far[12..16], t[STEPS - 1]);
        // Rounding to the nearest entry: just below and above a half step.
        let mut px = [0u8; 4];
        diverging(t, 0.5 / 128.0 - 1e-4, &mut px);
        assert_eq!(px, t[128]);
        diverging(t, 0.5 / 128.0 + 1e-4, &mut px);
        assert_eq!(px, t[129]);
        assert!(out[0] > out[2], "class 0 is warm");
        assert!(out[10] > out[8], "class 1 is cool");
    }
}
