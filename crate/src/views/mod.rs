//! Every picture of a "space" is the same thing: the space of layer ℓ (0 = the input plane),
//! with the points placed at their activations there, the network's output over it as a
//! heatmap, and layer ℓ's units drawn as lines (the front end reads those from the weights).
//! This module fills the buffers such a view draws from; they are reused frame to frame.

use crate::data::Task;
use crate::nn::{Mlp, Workspace};
use crate::raster;
use serde::Serialize;

pub mod arrows;
pub mod basis;
pub mod card;
mod eigen;
mod grid;
mod in_steps;
mod points;
mod update;
mod warp;
mod window;
pub use basis::{AxesRequest, Basis, Boundary, Mode};
use warp::{Regions, Warp};
pub use window::Window;

/// What the front end needs to know to read a view's buffers and to say what it shows.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewInfo {
    pub layer: usize,
    /// Hidden layers of the network (the layer picker's choices are 0 … depth).
    pub depth: usize,
    /// False when there is nothing to draw (no hidden layer, or points too far apart).
    pub available: bool,
    pub width: usize,
    pub res: usize,
    pub window: Window,
    /// The input plane's window around the points (where the morph starts).
    pub input_window: Window,
    /// Images in `rgba`: the output first, then (in the input space) every hidden unit, then
    /// every input feature (`feature_maps` of them).
    pub images: usize,
    pub feature_maps: usize,
    pub points: usize,
    /// Whether the next layer's units are straight lines here (not so over engineered features).
    pub lines: bool,
    pub mode: Mode,
    /// Numbers per point: 2, or 3 for a 3D view.
    pub dims: usize,
    /// 3D views: [min, max] of each axis.
    pub ranges: Vec<[f64; 2]>,
    pub names: Vec<String>,
    pub caption: String,
    /// The next layer's units (or class boundaries) in this picture's coordinates.
    pub boundaries: Vec<Boundary>,
    /// The warped grid's shape, when computed: `lines` polylines of `samples` vertices, each
    /// vertex (x1, x2) in the input plane then its `dims` coordinates here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warp: Option<WarpShape>,
    /// Distinct activation patterns (linear regions of a ReLU network) seen on the grid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<usize>,
    pub task: Task,
    /// Regression heatmaps span ±this value.
    pub value_range: f64,
    /// Why an otherwise drawable view is not drawn (points too far apart to fit a window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct WarpShape {
    pub lines: usize,
    pub samples: usize,
}

/// Multiply-adds one heatmap may cost: a wide network gets a coarser grid (at least
/// `MIN_RES`²), so that a frame's drawing stays a few milliseconds at any width.
const GRID_WORK: usize = 20_000_000;
/// While training (`coarse`), an eighth of that: the heatmap changes every frame and a wide
/// network's grid would otherwise cost more than the rest of the frame (64,64: a 23 × 23 grid,
/// smoothed when drawn).
const COARSE_GRID_WORK: usize = GRID_WORK / 8;
const MIN_RES: usize = 16;
/// While training, the deepest networks (six layers of 256) go down to this resolution.
const COARSE_MIN_RES: usize = 8;
/// Hidden units beyond this many get no map of their own (the weights panel shows maps only for
/// narrow layers).
const MAX_UNIT_MAPS: usize = 64;
/// Multiply-adds the principal components may cost: wide layers use a sample of the points.
const PCA_WORK: usize = 4_000_000;
/// While training (`coarse`), a quarter of that: a 64-unit layer's axes from 244 points, not
/// 976, took a millisecond off each frame; paused, the axes come from the full sample again.
const COARSE_PCA_WORK: usize = PCA_WORK / 4;
/// The warped grid: lines per direction and vertices per line.
const WARP_LINES: usize = 13;
const WARP_SAMPLES: usize = 41;

pub struct SpaceView {
    layer: usize,
    depth: usize,
    /// The grid's resolution for this network, at most `max_res`.
    res: usize,
    max_res: usize,
    window: Window,
    /// The input plane's window around the points: where the morph and the warped grid start.
    input_window: Window,
    available: bool,
    lines: bool,
    width: usize,
    images: usize,
    feature_maps: usize,
    task: Task,
    value_range: f64,
    /// Planes of res × res values, row 0 at the top (largest y): every output, then every
    /// hidden unit of the whole network, then every input feature.
    values: Vec<f32>,
    /// One RGBA image per plane, ready for `putImageData`.
    rgba: Vec<u8>,
    /// Coordinates of the training then the test points in this picture, `dims` per point.
    points: Vec<f64>,
    /// The points' input coordinates (x1, x2), for the morph from the input plane.
    origins: Vec<f64>,
    /// Every point's activations in this layer, `width` per point.
    acts: Vec<f64>,
    request: AxesRequest,
    basis: Basis,
    ranges: Vec<[f64; 2]>,
    boundaries: Vec<Boundary>,
    grid_ws: Option<Workspace>,
    feature_row: Vec<f64>,
    /// A window chosen by the caller (the sigmoid explorer's fixed [−6, 6]²), else automatic.
    fixed_window: Option<Window>,
    palette: raster::Palette,
    reason: Option<&'static str>,
    warp: Warp,
    regions: Regions,
    needs_hidden: bool,
    no_maps: bool,
    coarse: bool,
    discrete: bool,
    /// Multiply-adds one call may spend on the points' activations (0: no limit), and the
    /// update under way over several calls (see `in_steps`).
    step_work: usize,
    pending: Option<in_steps::Pending>,
}

impl SpaceView {
    pub fn new(layer: usize, res: usize) -> SpaceView {
        SpaceView {
            layer,
            depth: 0,
            res: res.max(2),
            max_res: res.max(2),
            window: Window::square(-1.0, 1.0),
            input_window: Window::square(-1.0, 1.0),
            available: false,
            lines: false,
            width: 0,
            images: 0,
            feature_maps: 0,
            task: Task::Binary,
            value_range: 1.0,
            values: Vec::new(),
            rgba: Vec::new(),
            points: Vec::new(),
            origins: Vec::new(),
            acts: Vec::new(),
            request: AxesRequest::Auto,
            basis: basis::plane(),
            ranges: Vec::new(),
            boundaries: Vec::new(),
            grid_ws: None,
            feature_row: Vec::new(),
            fixed_window: None,
            palette: raster::Palette::default(),
            reason: None,
            warp: Warp::default(),
            regions: Regions::default(),
            needs_hidden: false,
            no_maps: false,
            coarse: false,
            discrete: false,
            step_work: 0,
            pending: None,
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
        if layer != self.layer {
            self.pending = None; // its activations are of the other layer
        }
        self.layer = layer;
    }

    pub fn layer(&self) -> usize {
        self.layer
    }

    /// A view that shows "the last hidden layer" has nothing to show for a network with none
    /// (logistic regression), rather than the input plane.
    pub fn set_needs_hidden(&mut self, needs: bool) {
        self.needs_hidden = needs;
    }

    /// Whether the input space computes its per-unit maps (when the network is narrow enough).
    pub fn set_maps(&mut self, maps: bool) {
        self.no_maps = !maps;
    }

    /// A coarser heatmap grid (about 0.6 of the resolution): while training, the picture
    /// changes every frame and smoothing hides the difference.
    pub fn set_coarse(&mut self, coarse: bool) {
        self.coarse = coarse;
    }

    /// "Discretize output": the heatmap in class colours only (what the network predicts).
    pub fn set_discrete(&mut self, discrete: bool) {
        self.discrete = discrete;
    }

    /// Which axes a hidden layer is drawn on.
    pub fn set_axes(&mut self, request: AxesRequest) {
        self.request = request;
    }

    /// Whether to compute the warped grid (hidden layers) and the activation regions (input).
    pub fn set_extras(&mut self, warp: bool, regions: bool) {
        self.warp.on = warp;
        self.regions.on = regions;
    }

    pub fn info(&self) -> ViewInfo {
        ViewInfo {
            layer: self.layer,
            depth: self.depth,
            available: self.available,
            width: self.width,
            res: self.res,
            window: self.window,
            input_window: self.input_window,
            images: self.images,
            feature_maps: self.feature_maps,
            points: self.points.len() / self.dims().max(1),
            lines: self.lines,
            mode: self.basis.mode,
            dims: self.dims(),
            ranges: self.ranges.clone(),
            names: self.basis.names.clone(),
            caption: self.basis.caption.clone(),
            boundaries: self.boundaries.clone(),
            warp: (self.available && self.warp.on && self.layer > 0).then_some(WarpShape {
                lines: 2 * WARP_LINES,
                samples: WARP_SAMPLES,
            }),
            regions: (self.available && self.regions.on && self.layer == 0)
                .then_some(self.regions.count),
            task: self.task,
            value_range: self.value_range,
            reason: self.reason,
        }
    }

    fn dims(&self) -> usize {
        self.basis.axes.len()
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
    pub fn origins(&self) -> &[f64] {
        &self.origins
    }
    pub fn warp(&self) -> &[f64] {
        &self.warp.vertices
    }
    pub fn regions_rgba(&self) -> &[u8] {
        &self.regions.rgba
    }
    pub fn window(&self) -> Window {
        self.window
    }
    pub fn boundaries(&self) -> &[Boundary] {
        &self.boundaries
    }
    /// The plane's origin and axes in the layer's space.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }
}

pub(super) fn same_shape(ws: &Workspace, model: &Mlp) -> bool {
    let sizes = model.sizes();
    ws.a.len() == sizes.len() && ws.a.iter().zip(sizes).all(|(a, w)| a.ncols() == w)
}

#[cfg(test)]
mod tests;
