//! Two extras of a space view: the warped grid (a regular grid of the input plane carried into
//! a hidden layer's space, so the folding is visible) and the activation regions of the input
//! plane (which hidden units are on: the pieces a ReLU network cuts the plane into).

use super::{Basis, Window, WARP_LINES, WARP_SAMPLES};
use crate::config::Features;
use crate::nn::{Mlp, Workspace};
use nalgebra::DMatrix;

#[derive(Default)]
pub struct Warp {
    pub on: bool,
    /// Per vertex: (x1, x2) in the input plane, then its coordinates in the picture.
    pub vertices: Vec<f64>,
    ws: Option<Workspace>,
    row: Vec<f64>,
}

impl Warp {
    /// Carries WARP_LINES lines of x1 = const and as many of x2 = const across `input` to
    /// layer `layer`, each as WARP_SAMPLES vertices placed on `basis`.
    pub fn compute(
        &mut self,
        model: &Mlp,
        features: &Features,
        layer: usize,
        input: Window,
        basis: &Basis,
    ) {
        let ws = match &mut self.ws {
            Some(ws)
                if ws.rows() == WARP_SAMPLES
                    && ws.a.len() == model.layers.len() + 1
                    && ws.a.iter().zip(model.sizes()).all(|(a, w)| a.ncols() == w) =>
            {
                ws
            }
            slot => slot.insert(model.workspace(WARP_SAMPLES)),
        };
        self.vertices.clear();
        let at = |lo: f64, hi: f64, i: usize, n: usize| lo + (hi - lo) * i as f64 / (n - 1) as f64;
        let vertex = |direction: usize, line: usize, s: usize| {
            let (across, along) = (
                at(input.x[0], input.x[1], line, WARP_LINES),
                at(input.y[0], input.y[1], s, WARP_SAMPLES),
            );
            if direction == 0 {
                [across, along]
            } else {
                [
                    at(input.x[0], input.x[1], s, WARP_SAMPLES),
                    at(input.y[0], input.y[1], line, WARP_LINES),
                ]
            }
        };
        for direction in 0..2 {
            for line in 0..WARP_LINES {
                for s in 0..WARP_SAMPLES {
                    let p = vertex(direction, line, s);
                    for (k, f) in features.0.iter().enumerate() {
                        ws.a[0][(s, k)] = f.of(p);
                    }
                }
                model.forward_between(0, layer, ws);
                let a = &ws.a[layer];
                for s in 0..WARP_SAMPLES {
                    self.vertices.extend(vertex(direction, line, s));
                    self.row.clear();
                    self.row.extend((0..a.ncols()).map(|k| a[(s, k)]));
                    basis.coordinates(&self.row, &mut self.vertices);
                }
            }
        }
    }
}

#[derive(Default)]
pub struct Regions {
    pub on: bool,
    pub rgba: Vec<u8>,
    /// Distinct patterns seen in the last picture.
    pub count: usize,
    patterns: Vec<u64>,
    /// The hash set `distinct` counts in, kept between pictures.
    seen: Vec<u64>,
    res: usize,
}

impl Regions {
    pub fn start(&mut self, res: usize) {
        self.res = res;
        self.patterns.resize(res * res, 0);
    }

    /// The on/off pattern of every hidden unit (pre-activation above zero) for one grid row.
    pub fn record_row(&mut self, row: usize, z: &[DMatrix<f64>]) {
        let res = self.res;
        for col in 0..res {
            // FNV-1a over the units' signs: equal patterns, equal hashes.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for layer in z {
                for k in 0..layer.ncols() {
                    h ^= u64::from(layer[(col, k)] > 0.0) + 1;
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            self.patterns[row * res + col] = h;
        }
    }

    /// One light colour per pattern (from its hash) and the number of patterns.
    pub fn paint(&mut self) {
        self.rgba.resize(self.patterns.len() * 4, 255);
        for (h, px) in self.patterns.iter().zip(self.rgba.chunks_exact_mut(4)) {
            let hue = (h % 360) as f64;
            let light = 0.80 + ((h >> 20) % 8) as f64 * 0.015;
            px[..3].copy_from_slice(&hsl(hue, 0.55, light));
        }
        self.count = distinct(&self.patterns, &mut self.seen);
    }
}

/// How many different values `values` holds, counted in an open-addressing hash set in `table`
/// (at most three quarters full). The values are hashes already, so their low bits serve as the
/// slot. (A sort and dedup did the same with a quicksort that was 3.5 KB of the module.)
fn distinct(values: &[u64], table: &mut Vec<u64>) -> usize {
    let size = (values.len() + values.len() / 3 + 1).next_power_of_two();
    table.clear();
    table.resize(size, 0);
    let mask = size - 1;
    // 0 marks an empty slot, so a value of 0 is counted on the side.
    let (mut count, mut zero) = (0, false);
    for &v in values {
        if v == 0 {
            zero = true;
            continue;
        }
        let mut slot = (v ^ (v >> 32)) as usize & mask;
        loop {
            match table[slot] {
                0 => {
                    table[slot] = v;
                    count += 1;
                    break;
                }
                t if t == v => break,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
    count + usize::from(zero)
}

fn hsl(h: f64, s: f64, l: f64) -> [u8; 3] {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    [r, g, b].map(|v| ((v + m) * 255.0).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::distinct;

    #[test]
    fn distinct_counts_as_a_sort_and_dedup_would() {
        let mut table = Vec::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for n in [0usize, 1, 2, 3, 7, 100, 1000, 40_000] {
            for kinds in [1u64, 2, 5, 97, 1 << 40] {
                // Values from a few kinds (some 0, some equal in their low bits), repeated.
                let values: Vec<u64> = (0..n)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        (x % kinds) << (x % 3 * 20)
                    })
                    .collect();
                let mut sorted = values.clone();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(
                    distinct(&values, &mut table),
                    sorted.len(),
                    "{n} of {kinds}"
                );
            }
        }
    }
}
