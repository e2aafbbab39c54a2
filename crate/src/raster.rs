//! Colour maps from values to RGBA pixels, shared by every heatmap so that JS only copies.

use crate::config::Activation;

/// Okabe–Ito vermillion (class 0) and blue (class 1): distinguishable with every common
/// colour-vision deficiency. The front end's palette uses the same two.
pub const CLASS0: [f32; 3] = [213.0, 94.0, 0.0];
pub const CLASS1: [f32; 3] = [0.0, 114.0, 178.0];
/// A third class (Okabe–Ito bluish green), for three-class data.
pub const CLASS2: [f32; 3] = [0.0, 158.0, 115.0];
/// Classes 0–9: the Okabe–Ito colours, then three darker tones, told apart by colour-blind
/// readers too (the front end's palette lists the same).
pub const CLASSES: [[f32; 3]; 10] = [
    CLASS0,
    CLASS1,
    CLASS2,
    [204.0, 121.0, 167.0],
    [230.0, 159.0, 0.0],
    [86.0, 180.0, 233.0],
    [240.0, 228.0, 66.0],
    [59.0, 59.0, 59.0],
    [140.0, 109.0, 49.0],
    [122.0, 81.0, 149.0],
];
/// How far the strongest heatmap colour goes from white towards a class colour: light enough
/// for points and lines drawn on top to stand out.
const STRENGTH: f32 = 0.6;

/// Entries of the colour table: index 128 is exactly white (s = 0).
const STEPS: usize = 257;

/// The class colours of one view, with the diverging map between the first two as a table
/// built once: painting is then a lookup per pixel. A page's theme may change the colours.
#[derive(Clone, Debug)]
pub struct Palette {
    classes: Vec<[f32; 3]>,
    table: Box<[[u8; 4]; STEPS]>,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::new(CLASSES.to_vec())
    }
}

impl Palette {
    /// Class colours (RGB, 0–255); missing ones (up to ten) are the defaults'.
    pub fn new(mut classes: Vec<[f32; 3]>) -> Palette {
        while classes.len() < CLASSES.len() {
            classes.push(CLASSES[classes.len()]);
        }
        let mut table = Box::new([[255u8; 4]; STEPS]);
        for (i, entry) in table.iter_mut().enumerate() {
            let s = i as f32 / 128.0 - 1.0;
            let (colour, strength) = if s < 0.0 {
                (classes[0], -s)
            } else {
                (classes[1], s)
            };
            for k in 0..3 {
                entry[k] = (255.0 + (colour[k] - 255.0) * strength * STRENGTH).round() as u8;
            }
        }
        Palette { classes, table }
    }

    /// Colours from bytes, three (R, G, B) per class.
    pub fn from_rgb(bytes: &[u8]) -> Palette {
        Palette::new(
            bytes
                .chunks_exact(3)
                .map(|c| [c[0] as f32, c[1] as f32, c[2] as f32])
                .collect(),
        )
    }
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
pub fn probability_rgba(palette: &Palette, p: &[f32], out: &mut [u8]) {
    let t = &palette.table;
    for (v, px) in p.iter().zip(out.chunks_exact_mut(4)) {
        diverging(t, 2.0 * v - 1.0, px);
    }
}

/// Several class probabilities (`k` planes of `plane` values) → the likeliest class's colour,
/// stronger the surer the network is (white where all k are equally likely).
pub fn classes_rgba(palette: &Palette, p: &[f32], k: usize, plane: usize, out: &mut [u8]) {
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
        let colour = palette.classes[best % palette.classes.len()];
        for c in 0..3 {
            px[c] = (255.0 + (colour[c] - 255.0) * t).round() as u8;
        }
        px[3] = 255;
    }
}

/// A regression output over ±range → vermillion below zero, blue above.
pub fn value_rgba(palette: &Palette, v: &[f32], range: f32, out: &mut [u8]) {
    let t = &palette.table;
    for (v, px) in v.iter().zip(out.chunks_exact_mut(4)) {
        diverging(t, v / range, px);
    }
}

/// "Discretize output": every pixel in the colour of the class (or the sign, for regression)
/// the network predicts there, at full strength; `k` classes in `k` planes for a softmax.
pub fn discrete_rgba(palette: &Palette, v: &[f32], k: usize, plane: usize, out: &mut [u8]) {
    let t = &palette.table;
    for (i, px) in out.chunks_exact_mut(4).enumerate().take(plane) {
        if k > 1 {
            let best = (0..k).fold(0, |b, c| {
                if v[c * plane + i] > v[b * plane + i] {
                    c
                } else {
                    b
                }
            });
            let colour = palette.classes[best % palette.classes.len()];
            for c in 0..3 {
                px[c] = (255.0 + (colour[c] - 255.0) * STRENGTH).round() as u8;
            }
            px[3] = 255;
        } else {
            // k = 1: a probability (centre 0.5) or, with k = 0, a regression value (centre 0).
            let centre = if k == 1 { 0.5 } else { 0.0 };
            let s = if v[i] > centre {
                1.0
            } else if v[i] < centre {
                -1.0
            } else {
                0.0
            };
            diverging(t, s, px);
        }
    }
}

/// A hidden unit's activation, scaled to [−1, 1] by its range: positive side blue.
pub fn activation_rgba(palette: &Palette, act: Activation, a: &[f32], out: &mut [u8]) {
    let t = &palette.table;
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
        let palette = Palette::default();
        probability_rgba(&palette, &[0.0, 0.5, 1.0], &mut out);
        assert_eq!(&out[4..8], &[255, 255, 255, 255]);
        let t = &palette.table;
        let mut far = [0u8; 16];
        value_rgba(
            &palette,
            &[-5.0, 5.0, f32::NAN, f32::INFINITY],
            1.0,
            &mut far,
        );
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

    #[test]
    fn a_theme_changes_the_class_colours() {
        let palette = Palette::from_rgb(&[255, 0, 0, 0, 0, 255]);
        let mut out = [0u8; 8];
        probability_rgba(&palette, &[0.0, 1.0], &mut out);
        assert!(
            out[0] == 255 && out[1] < 120 && out[2] < 120,
            "class 0 is red: {out:?}"
        );
        assert!(
            out[6] == 255 && out[4] < 120 && out[5] < 120,
            "class 1 is blue: {out:?}"
        );
        let mut three = [0u8; 4];
        classes_rgba(&palette, &[0.0, 0.0, 1.0], 3, 1, &mut three);
        let green = [CLASS2[0] as i32, CLASS2[1] as i32, CLASS2[2] as i32];
        assert!(
            three[1] as i32 > three[0] as i32 && green[1] > green[0],
            "a missing third colour is the default's"
        );
    }
}
