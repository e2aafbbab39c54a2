//! Colour maps from values to RGBA pixels, shared by every heatmap so that JS only copies.

use crate::config::Activation;

/// Okabe–Ito vermillion (class 0) and blue (class 1): distinguishable with every common
/// colour-vision deficiency. The front end's palette uses the same two.
pub const CLASS0: [f32; 3] = [213.0, 94.0, 0.0];
pub const CLASS1: [f32; 3] = [0.0, 114.0, 178.0];
/// How far the strongest heatmap colour goes from white towards a class colour: light enough
/// for points and lines drawn on top to stand out.
const STRENGTH: f32 = 0.6;

/// A signed value in [−1, 1] → a tint of class 0 (negative) or class 1 (positive) over white.
fn diverging(s: f32, out: &mut [u8]) {
    let s = s.clamp(-1.0, 1.0);
    let (colour, t) = if s < 0.0 { (CLASS0, -s) } else { (CLASS1, s) };
    let t = t * STRENGTH;
    for k in 0..3 {
        out[k] = (255.0 + (colour[k] - 255.0) * t).round() as u8;
    }
    out[3] = 255;
}

/// P(class 1) → white at 0.5, towards each class colour at 0 and 1.
pub fn probability_rgba(p: &[f32], out: &mut [u8]) {
    for (v, px) in p.iter().zip(out.chunks_exact_mut(4)) {
        diverging(2.0 * v - 1.0, px);
    }
}

/// A hidden unit's activation, scaled to [−1, 1] by its range: positive side blue.
pub fn activation_rgba(act: Activation, a: &[f32], out: &mut [u8]) {
    for (v, px) in a.iter().zip(out.chunks_exact_mut(4)) {
        let s = match act {
            Activation::Tanh => *v,
            Activation::Sigmoid => 2.0 * v - 1.0,
            Activation::Relu | Activation::Linear => v.tanh(),
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
