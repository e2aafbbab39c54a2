//! Every picture of a "space" is the same thing: the space of layer ℓ (0 = the input plane),
//! with the points placed at their activations there, the network's output over it as a
//! heatmap, and layer ℓ's units drawn as lines (the front end reads those from the weights).
//! This module fills the buffers such a view draws from; they are reused frame to frame.

use crate::config::Activation;
use crate::data::{Dataset, Split};
use crate::nn::{Mlp, Workspace};
use crate::raster;
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

    /// The window for a hidden layer's space: the activation's range where it is bounded.
    fn for_activation(act: Activation, points: &[f64]) -> Window {
        match act.range() {
            (lo, Some(hi)) => {
                let pad = (hi - lo) * 0.06;
                Window::square(lo - pad, hi + pad)
            }
            (lo, None) => Window::covering(points, lo.is_finite().then_some(lo)),
        }
    }
}

/// What the front end needs to know to read a view's buffers.
#[derive(Clone, Debug, Serialize)]
pub struct ViewInfo {
    pub layer: usize,
    /// False when the layer is not two-dimensional (wider layers are drawn by a later view).
    pub available: bool,
    pub width: usize,
    pub res: usize,
    pub window: Window,
    /// Images in `rgba`: the output probability first, then (in the input space) every hidden unit.
    pub channels: usize,
    pub points: usize,
}

pub struct SpaceView {
    layer: usize,
    res: usize,
    window: Window,
    available: bool,
    width: usize,
    channels: usize,
    /// channels × res × res values, row 0 at the top (largest y).
    values: Vec<f32>,
    /// The same as RGBA pixels, ready for `putImageData`.
    rgba: Vec<u8>,
    /// Coordinates of the training then the test points in this space, two per point.
    points: Vec<f64>,
    grid_ws: Option<Workspace>,
}

impl SpaceView {
    pub fn new(layer: usize, res: usize) -> SpaceView {
        SpaceView {
            layer,
            res: res.max(2),
            window: Window::square(-1.0, 1.0),
            available: false,
            width: 0,
            channels: 0,
            values: Vec::new(),
            rgba: Vec::new(),
            points: Vec::new(),
            grid_ws: None,
        }
    }

    pub fn set_layer(&mut self, layer: usize) {
        self.layer = layer;
    }

    pub fn info(&self) -> ViewInfo {
        ViewInfo {
            layer: self.layer,
            available: self.available,
            width: self.width,
            res: self.res,
            window: self.window,
            channels: self.channels,
            points: self.points.len() / 2,
        }
    }

    pub fn values(&self) -> &[f32] {
        &self.values
    }
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }
    pub fn points(&self) -> &[f64] {
        &self.points
    }
    pub fn window(&self) -> Window {
        self.window
    }

    /// Recomputes points, window, values and pixels for the model's current weights.
    pub(crate) fn update(&mut self, model: &Mlp, data: &Split, eval_ws: &mut Workspace) {
        let sizes = model.sizes();
        let output_layer = sizes.len() - 1;
        self.width = sizes.get(self.layer).copied().unwrap_or(0);
        self.available = self.layer < output_layer && self.width == 2;
        if !self.available {
            self.channels = 0;
            self.points.clear();
            return;
        }
        self.place_points(model, data, eval_ws);
        self.window = if self.layer == 0 {
            Window::covering(&self.points, None)
        } else {
            Window::for_activation(model.activation, &self.points)
        };
        // The input space also shows every hidden unit, as small maps.
        let hidden_units: usize = sizes[1..output_layer].iter().sum();
        self.channels = 1 + if self.layer == 0 { hidden_units } else { 0 };
        self.evaluate_grid(model);
        self.paint(model);
    }

    fn place_points(&mut self, model: &Mlp, data: &Split, ws: &mut Workspace) {
        self.points.clear();
        for set in [&data.train, &data.test] {
            if self.layer == 0 {
                self.points.extend(set.x.iter().flatten());
            } else {
                activations(model, set, self.layer, ws, &mut self.points);
            }
        }
    }

    fn evaluate_grid(&mut self, model: &Mlp) {
        let res = self.res;
        let ws = match &mut self.grid_ws {
            Some(ws)
                if ws.rows() == res
                    && ws.a.len() == model.layers.len() + 1
                    && same_shape(ws, model) =>
            {
                ws
            }
            slot => slot.insert(model.workspace(res)),
        };
        self.values.resize(self.channels * res * res, 0.0);
        let (w, l0) = (self.window, self.layer);
        let dx = (w.x[1] - w.x[0]) / res as f64;
        let dy = (w.y[1] - w.y[0]) / res as f64;
        let last = model.layers.len();
        for row in 0..res {
            let y = w.y[1] - (row as f64 + 0.5) * dy;
            for col in 0..res {
                ws.a[l0][(col, 0)] = w.x[0] + (col as f64 + 0.5) * dx;
                ws.a[l0][(col, 1)] = y;
            }
            model.forward_from(l0, ws);
            let at = |channel: usize, col: usize| (channel * res + row) * res + col;
            for col in 0..res {
                self.values[at(0, col)] = ws.a[last][(col, 0)] as f32;
            }
            if self.channels > 1 {
                let mut channel = 1;
                for a in &ws.a[1..last] {
                    for j in 0..a.ncols() {
                        for col in 0..res {
                            self.values[at(channel, col)] = a[(col, j)] as f32;
                        }
                        channel += 1;
                    }
                }
            }
        }
    }

    fn paint(&mut self, model: &Mlp) {
        let plane = self.res * self.res;
        self.rgba.resize(self.channels * plane * 4, 255);
        let (probability, units) = self.values.split_at(plane);
        raster::probability_rgba(probability, &mut self.rgba[..plane * 4]);
        raster::activation_rgba(model.activation, units, &mut self.rgba[plane * 4..]);
    }
}

fn same_shape(ws: &Workspace, model: &Mlp) -> bool {
    ws.a.iter().zip(model.sizes()).all(|(a, w)| a.ncols() == w)
}

/// Appends the activations of layer `layer` (its first two units) for every point of `set`.
fn activations(model: &Mlp, set: &Dataset, layer: usize, ws: &mut Workspace, out: &mut Vec<f64>) {
    let mut start = 0;
    while start < set.len() {
        let end = (start + ws.rows()).min(set.len());
        for (r, i) in (start..end).enumerate() {
            ws.a[0][(r, 0)] = set.x[i][0];
            ws.a[0][(r, 1)] = set.x[i][1];
        }
        model.forward(ws);
        for r in 0..end - start {
            out.push(ws.a[layer][(r, 0)]);
            out.push(ws.a[layer][(r, 1)]);
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::session::Session;

    #[test]
    fn grid_values_equal_pointwise_predictions() {
        let mut c = Config::default();
        c.set("hidden", "3,2").unwrap();
        let mut s = Session::new(c);
        s.step(2);
        let mut view = SpaceView::new(0, 16);
        s.render(&mut view);
        let info = view.info();
        assert!(info.available);
        assert_eq!(info.channels, 1 + 3 + 2);
        assert_eq!(view.rgba().len(), 6 * 16 * 16 * 4);
        let w = view.window();
        let (row, col) = (3, 11);
        let x = w.x[0] + (col as f64 + 0.5) * (w.x[1] - w.x[0]) / 16.0;
        let y = w.y[1] - (row as f64 + 0.5) * (w.y[1] - w.y[0]) / 16.0;
        let p = s.model().predict_one(&[x, y]);
        assert!((view.values()[row * 16 + col] as f64 - p).abs() < 1e-6);
        // The first hidden unit's channel holds tanh(x·W[:,0] + b0).
        let l = &s.model().layers[0];
        let a = (x * l.w[(0, 0)] + y * l.w[(1, 0)] + l.b[0]).tanh();
        assert!((view.values()[256 + row * 16 + col] as f64 - a).abs() < 1e-6);
    }

    #[test]
    fn feature_space_needs_two_units() {
        let mut s = Session::new(Config::default());
        let mut view = SpaceView::new(1, 8);
        s.render(&mut view);
        let info = view.info();
        assert!(info.available);
        assert_eq!(info.points, s.config().points);
        assert!(view.points().iter().all(|a| a.abs() <= 1.0));
        let mut c = Config::default();
        c.set("hidden", "8,8").unwrap();
        let mut s = Session::new(c);
        let mut view = SpaceView::new(2, 8);
        s.render(&mut view);
        assert!(!view.info().available);
    }
}
