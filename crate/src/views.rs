//! Every picture of a "space" is the same thing: the space of layer ℓ (0 = the input plane),
//! with the points placed at their activations there, the network's output over it as a
//! heatmap, and layer ℓ's units drawn as lines (the front end reads those from the weights).
//! This module fills the buffers such a view draws from; they are reused frame to frame.

use crate::config::{Activation, Features};
use crate::data::{Dataset, Split, Task};
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
#[serde(rename_all = "camelCase")]
pub struct ViewInfo {
    pub layer: usize,
    /// False when the layer is not two-dimensional (wider layers are drawn by a later view).
    pub available: bool,
    pub width: usize,
    pub res: usize,
    pub window: Window,
    /// Images in `rgba`: the output first, then (in the input space) every hidden unit.
    pub images: usize,
    pub points: usize,
    /// Whether the next layer's units are straight lines here (not so over engineered features).
    pub lines: bool,
    pub task: Task,
    /// Regression heatmaps span ±this value.
    pub value_range: f64,
    /// Why an otherwise drawable view is not drawn (points too far apart to fit a window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

/// Multiply-adds one heatmap may cost: a wide network gets a coarser grid (at least
/// `MIN_RES`²), so that a frame's drawing stays a few milliseconds at any width.
const GRID_WORK: usize = 20_000_000;
const MIN_RES: usize = 16;
/// Hidden units beyond this many get no map of their own (the weights panel shows maps only for
/// narrow layers).
const MAX_UNIT_MAPS: usize = 64;

pub struct SpaceView {
    layer: usize,
    /// The grid's resolution for this network, at most `max_res`.
    res: usize,
    max_res: usize,
    window: Window,
    available: bool,
    lines: bool,
    width: usize,
    images: usize,
    task: Task,
    value_range: f64,
    /// Planes of res × res values, row 0 at the top (largest y): every output, then every
    /// hidden unit of the whole network.
    values: Vec<f32>,
    /// One RGBA image for the output, one per hidden unit, ready for `putImageData`.
    rgba: Vec<u8>,
    /// Coordinates of the training then the test points in this space, two per point.
    points: Vec<f64>,
    grid_ws: Option<Workspace>,
    feature_row: Vec<f64>,
    /// A window chosen by the caller (the sigmoid explorer's fixed [−6, 6]²), else automatic.
    fixed_window: Option<Window>,
    palette: raster::Palette,
    reason: Option<&'static str>,
}

impl SpaceView {
    pub fn new(layer: usize, res: usize) -> SpaceView {
        SpaceView {
            layer,
            res: res.max(2),
            max_res: res.max(2),
            window: Window::square(-1.0, 1.0),
            available: false,
            lines: false,
            width: 0,
            images: 0,
            task: Task::Binary,
            value_range: 1.0,
            values: Vec::new(),
            rgba: Vec::new(),
            points: Vec::new(),
            grid_ws: None,
            feature_row: Vec::new(),
            fixed_window: None,
            palette: raster::Palette::default(),
            reason: None,
        }
    }

    /// The class colours of the heatmaps (the page's theme).
    pub fn set_palette(&mut self, palette: raster::Palette) {
        self.palette = palette;
    }

    /// Shows this window instead of one fitted to the points.
    pub fn set_window(&mut self, window: Option<Window>) {
        self.fixed_window = window;
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
            images: self.images,
            points: self.points.len() / 2,
            lines: self.lines,
            task: self.task,
            value_range: self.value_range,
            reason: self.reason,
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
    pub fn update(&mut self, model: &Mlp, features: &Features, data: &Split, ws: &mut Workspace) {
        let sizes = model.sizes();
        let output_layer = sizes.len() - 1;
        self.task = data.task;
        self.value_range = data.train.y.iter().fold(1e-9f64, |m, y| m.max(y.abs()));
        // The input space is always the plane (x1, x2), whatever features the network reads.
        self.width = if self.layer == 0 {
            2
        } else {
            sizes.get(self.layer).copied().unwrap_or(0)
        };
        self.available = self.layer < output_layer && self.width == 2;
        self.lines = self.layer > 0 || features.is_plain();
        if !self.available {
            self.images = 0;
            self.points.clear();
            return;
        }
        self.place_points(model, features, data, ws);
        self.window = if let Some(w) = self.fixed_window {
            w
        } else if self.layer == 0 {
            Window::covering(&self.points, None)
        } else {
            Window::for_activation(model.activation, &self.points)
        };
        // Coordinates near ±1e308 overflow any window: say so rather than draw nothing.
        let w = self.window;
        self.reason = None;
        if !(w.x[1] - w.x[0]).is_finite() || !(w.y[1] - w.y[0]).is_finite() {
            self.available = false;
            self.reason = Some("the points lie too far apart to draw (coordinates near ±1e308)");
            self.images = 0;
            self.points.clear();
            return;
        }
        // The input space also shows every hidden unit, as small maps (of a narrow network).
        let hidden_units: usize = sizes[1..output_layer].iter().sum();
        let outputs = sizes[output_layer];
        let maps = self.layer == 0 && hidden_units <= MAX_UNIT_MAPS;
        self.images = 1 + if maps { hidden_units } else { 0 };
        let affordable = (GRID_WORK / model.param_count().max(1)).isqrt();
        self.res = affordable.clamp(MIN_RES.min(self.max_res), self.max_res);
        self.evaluate_grid(model, features, outputs);
        self.paint(model, outputs);
    }

    fn place_points(&mut self, model: &Mlp, features: &Features, data: &Split, ws: &mut Workspace) {
        self.points.clear();
        for set in [&data.train, &data.test] {
            if self.layer == 0 {
                self.points.extend(set.x.iter().flatten());
            } else {
                activations(model, features, set, self.layer, ws, &mut self.points);
            }
        }
    }

    fn evaluate_grid(&mut self, model: &Mlp, features: &Features, outputs: usize) {
        let res = self.res;
        let ws = match &mut self.grid_ws {
            Some(ws) if ws.rows() == res && same_shape(ws, model) => ws,
            slot => slot.insert(model.workspace(res)),
        };
        let planes = outputs + (self.images - 1);
        self.values.resize(planes * res * res, 0.0);
        let (w, l0) = (self.window, self.layer);
        let dx = (w.x[1] - w.x[0]) / res as f64;
        let dy = (w.y[1] - w.y[0]) / res as f64;
        let last = model.layers.len();
        for row in 0..res {
            let y = w.y[1] - (row as f64 + 0.5) * dy;
            for col in 0..res {
                let p = [w.x[0] + (col as f64 + 0.5) * dx, y];
                if l0 == 0 {
                    self.feature_row.clear();
                    self.feature_row.extend(features.0.iter().map(|f| f.of(p)));
                    for (k, v) in self.feature_row.iter().enumerate() {
                        ws.a[0][(col, k)] = *v;
                    }
                } else {
                    ws.a[l0][(col, 0)] = p[0];
                    ws.a[l0][(col, 1)] = p[1];
                }
            }
            model.forward_from(l0, ws);
            let mut plane = 0;
            // Every output, then (in the input space) every hidden unit.
            let sources = std::iter::once(&ws.a[last]).chain(if self.images > 1 {
                &ws.a[1..last]
            } else {
                &[][..]
            });
            for a in sources {
                // Column j of the batch is unit j at every point of this row (contiguous).
                for column in a.as_slice().chunks_exact(res) {
                    let base = (plane * res + row) * res;
                    for (v, &x) in self.values[base..base + res].iter_mut().zip(column) {
                        *v = x as f32;
                    }
                    plane += 1;
                }
            }
        }
    }

    fn paint(&mut self, model: &Mlp, outputs: usize) {
        let plane = self.res * self.res;
        self.rgba.resize(self.images * plane * 4, 255);
        let (out_values, units) = self.values.split_at(outputs * plane);
        let (out_rgba, unit_rgba) = self.rgba.split_at_mut(plane * 4);
        match self.task {
            Task::Binary => raster::probability_rgba(&self.palette, out_values, out_rgba),
            Task::Multiclass(k) => {
                raster::classes_rgba(&self.palette, out_values, k, plane, out_rgba)
            }
            Task::Regression => {
                raster::value_rgba(&self.palette, out_values, self.value_range as f32, out_rgba)
            }
        }
        raster::activation_rgba(&self.palette, model.activation, units, unit_rgba);
    }
}

fn same_shape(ws: &Workspace, model: &Mlp) -> bool {
    let sizes = model.sizes();
    ws.a.len() == sizes.len() && ws.a.iter().zip(sizes).all(|(a, w)| a.ncols() == w)
}

/// Appends the activations of layer `layer` (its first two units) for every point of `set`.
fn activations(
    model: &Mlp,
    features: &Features,
    set: &Dataset,
    layer: usize,
    ws: &mut Workspace,
    out: &mut Vec<f64>,
) {
    let mut start = 0;
    while start < set.len() {
        let end = (start + ws.rows()).min(set.len());
        for (r, i) in (start..end).enumerate() {
            for (k, f) in features.0.iter().enumerate() {
                ws.a[0][(r, k)] = f.of(set.x[i]);
            }
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
        assert!(info.available && info.lines);
        assert_eq!(info.images, 1 + 3 + 2);
        assert_eq!(view.rgba().len(), 6 * 16 * 16 * 4);
        let w = view.window();
        let (row, col) = (3, 11);
        let x = w.x[0] + (col as f64 + 0.5) * (w.x[1] - w.x[0]) / 16.0;
        let y = w.y[1] - (row as f64 + 0.5) * (w.y[1] - w.y[0]) / 16.0;
        let p = s.model().predict_one(&[x, y])[0];
        assert!((view.values()[row * 16 + col] as f64 - p).abs() < 1e-6);
        // The first hidden unit's plane holds tanh(x·W[:,0] + b0).
        let l = &s.model().layers[0];
        let a = (x * l.w[(0, 0)] + y * l.w[(1, 0)] + l.b[0]).tanh();
        assert!((view.values()[256 + row * 16 + col] as f64 - a).abs() < 1e-6);
    }

    #[test]
    fn engineered_features_are_evaluated_on_the_plane() {
        let (c, _) = Config::from_query("dataset=xor&features=x1x2&hidden=none");
        let mut s = Session::new(c);
        s.step(3);
        let mut view = SpaceView::new(0, 8);
        s.render(&mut view);
        let info = view.info();
        assert!(info.available && !info.lines);
        let w = view.window();
        let x = w.x[0] + 0.5 * (w.x[1] - w.x[0]) / 8.0;
        let y = w.y[1] - 0.5 * (w.y[1] - w.y[0]) / 8.0;
        let p = s.model().predict_one(&[x * y])[0];
        assert!((view.values()[0] as f64 - p).abs() < 1e-6);
    }

    #[test]
    fn multiclass_and_regression_views() {
        for (q, outputs) in [
            ("dataset=blobs3&hidden=4", 3),
            ("dataset=bumps&hidden=6", 1),
        ] {
            let (c, _) = Config::from_query(q);
            let mut s = Session::new(c);
            s.step(1);
            let mut view = SpaceView::new(0, 8);
            s.render(&mut view);
            let info = view.info();
            assert_eq!(info.images, 1 + s.config().hidden.0[0]);
            assert_eq!(
                view.values().len(),
                (outputs + s.config().hidden.0[0]) * 64,
                "{q}"
            );
        }
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
