//! The rectangle of a space a view shows, how a view's window is fitted to its points, and
//! where the next layer's units lie in it.

use super::{Mode, SpaceView};
use crate::config::Activation;
use crate::data::Task;
use crate::nn::Mlp;
use nalgebra::DVector;
use serde::Serialize;

/// The rectangle of a space that a view shows: `x` and `y` are [min, max] of its two axes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Window {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Window {
    /// A square window around the points, with a margin, so that angles are drawn true.
    pub fn covering(points: &[f64], floor: Option<f64>) -> Window {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in points.chunks_exact(2) {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        if let Some(f) = floor {
            lo = [lo[0].min(f), lo[1].min(f)];
        }
        if !lo[0].is_finite() || !hi[0].is_finite() {
            return Window::square(-1.0, 1.0);
        }
        let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0).max(1e-3) * 1.08;
        let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
        Window {
            x: [centre[0] - half, centre[0] + half],
            y: [centre[1] - half, centre[1] + half],
        }
    }

    pub fn square(lo: f64, hi: f64) -> Window {
        Window {
            x: [lo, hi],
            y: [lo, hi],
        }
    }
}

impl SpaceView {
    pub(super) fn fit_window(&mut self, activation: Activation) {
        let dims = self.dims();
        let direct = matches!(self.basis.mode, Mode::Plane | Mode::Units | Mode::Space3d);
        let bounded = match activation.range() {
            (lo, Some(hi)) if self.layer > 0 && direct => Some((lo, hi)),
            _ => None,
        };
        self.ranges.clear();
        if dims == 3 {
            for k in 0..3 {
                let (lo, hi) = match bounded {
                    Some(r) => r,
                    None => {
                        let axis = self.points.iter().skip(k).step_by(3);
                        let lo = axis.clone().fold(f64::INFINITY, |m, &v| m.min(v));
                        let hi = axis.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
                        if lo.is_finite() {
                            (lo, hi.max(lo + 1e-3))
                        } else {
                            (-1.0, 1.0)
                        }
                    }
                };
                let pad = (hi - lo) * 0.06;
                self.ranges.push([lo - pad, hi + pad]);
            }
            self.window = Window {
                x: self.ranges[0],
                y: self.ranges[1],
            };
            return;
        }
        self.window = if let Some(w) = self.fixed_window {
            w
        } else if let Some((lo, hi)) = bounded {
            let pad = (hi - lo) * 0.06;
            Window::square(lo - pad, hi + pad)
        } else {
            let floor = match activation.range() {
                (lo, _) if self.layer > 0 && direct && lo.is_finite() => Some(lo),
                _ => None,
            };
            Window::covering(&self.points, floor)
        };
    }

    /// The next layer's units as lines (planes in 3D) in this picture; for a softmax output
    /// seen through a projection, the boundaries between pairs of classes.
    pub(super) fn find_boundaries(&mut self, model: &Mlp) {
        self.boundaries.clear();
        if !self.lines {
            return;
        }
        let next = &model.layers[self.layer];
        let is_output = self.layer + 1 == model.layers.len();
        let classes = match self.task {
            Task::Multiclass(k) if is_output => k,
            _ => 0,
        };
        let column = |j: usize| -> DVector<f64> { next.w.column(j).into_owned() };
        if classes > 0 && self.basis.mode == Mode::Projection {
            if classes > 4 {
                return; // 10 classes would be 45 lines: the heatmap shows the regions.
            }
            for i in 0..classes {
                for j in i + 1..classes {
                    let w = column(i) - column(j);
                    let b = next.b[i] - next.b[j];
                    self.boundaries
                        .push(self.basis.boundary(&w, b, format!("{i}|{j}"), i));
                }
            }
            self.clip_class_pairs(classes);
            return;
        }
        for j in 0..next.fan_out() {
            let label = match (is_output, classes) {
                (true, 0) => "out".to_string(),
                (true, _) => format!("out {j}"),
                (false, _) if self.layer == 0 => format!("h{}", j + 1),
                (false, _) => format!("h{}.{}", self.layer + 1, j + 1),
            };
            self.boundaries
                .push(self.basis.boundary(&column(j), next.b[j], label, j));
        }
        // Where a line's handle sits (and a turn pivots): its point nearest the window's centre.
        let w = self.window;
        let centre = [(w.x[0] + w.x[1]) / 2.0, (w.y[0] + w.y[1]) / 2.0];
        for b in &mut self.boundaries {
            if b.w.len() == 2 {
                b.middle = crate::edit::middle([b.w[0], b.w[1]], b.b, centre);
            }
        }
    }

    /// A boundary between classes i and j is one only where those two lead the others: on the
    /// line, each other class k must score below them (z_i − z_k ≥ 0), which cuts the line to
    /// one interval (`span`), or to nothing where the two classes never meet.
    fn clip_class_pairs(&mut self, classes: usize) {
        let index = |i: usize, j: usize| {
            // Pairs (i, j), i < j, in the order they were pushed.
            (0..i).map(|a| classes - 1 - a).sum::<usize>() + (j - i - 1)
        };
        let lines: Vec<(Vec<f64>, f64)> =
            self.boundaries.iter().map(|b| (b.w.clone(), b.b)).collect();
        // z_i − z_k as a line in the picture, for any two classes.
        let diff = |i: usize, k: usize| -> (Vec<f64>, f64) {
            let (w, b) = &lines[index(i.min(k), i.max(k))];
            let sign = if i < k { 1.0 } else { -1.0 };
            (w.iter().map(|v| v * sign).collect(), b * sign)
        };
        for i in 0..classes {
            for j in i + 1..classes {
                let n = index(i, j);
                let (w, b) = &lines[n];
                let Some((p0, p1)) = clip(w[0], w[1], *b, self.window) else {
                    self.boundaries[n].meets = false;
                    continue;
                };
                let (mut lo, mut hi) = (0.0f64, 1.0f64);
                for k in (0..classes).filter(|&k| k != i && k != j) {
                    let (d, c) = diff(i, k);
                    let at = |p: [f64; 2]| d[0] * p[0] + d[1] * p[1] + c;
                    let (v0, v1) = (at(p0), at(p1));
                    // v(u) = v0 + u (v1 − v0) ≥ 0.
                    if (v1 - v0).abs() < 1e-300 {
                        if v0 < 0.0 {
                            hi = -1.0;
                        }
                    } else {
                        let u = v0 / (v0 - v1);
                        if v1 > v0 {
                            lo = lo.max(u)
                        } else {
                            hi = hi.min(u)
                        }
                    }
                }
                let point = |u: f64| [p0[0] + u * (p1[0] - p0[0]), p0[1] + u * (p1[1] - p0[1])];
                let (a, b) = (point(lo), point(hi.max(lo)));
                self.boundaries[n].span = Some([a[0], a[1], b[0], b[1]]);
                self.boundaries[n].meets = lo < hi;
            }
        }
    }
}

/// The segment of w1·x + w2·y + b = 0 inside the window, or None.
pub fn clip(w1: f64, w2: f64, b: f64, win: Window) -> Option<([f64; 2], [f64; 2])> {
    let mut pts: Vec<[f64; 2]> = Vec::with_capacity(4);
    if w2.abs() > 1e-12 {
        for x in win.x {
            let y = -(w1 * x + b) / w2;
            if y >= win.y[0] && y <= win.y[1] {
                pts.push([x, y]);
            }
        }
    }
    if w1.abs() > 1e-12 {
        for y in win.y {
            let x = -(w2 * y + b) / w1;
            if x >= win.x[0] && x <= win.x[1] {
                pts.push([x, y]);
            }
        }
    }
    let mut best = None;
    let mut dist = 0.0;
    for (a, p) in pts.iter().enumerate() {
        for q in &pts[a + 1..] {
            let d = (p[0] - q[0]).hypot(p[1] - q[1]);
            if d > dist {
                dist = d;
                best = Some((*p, *q));
            }
        }
    }
    best
}
