//! The frame's buffers: the views recomputed for the current weights, and where each buffer
//! lies in wasm memory (pointer and length) for the page to read in place.

use super::{to_js, Playground};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Recomputes both views' buffers for the current weights.
    pub fn render(&mut self) {
        self.render_views(true, true);
    }

    /// Recomputes the buffers of the views an element shows (the others keep older ones).
    pub fn render_views(&mut self, input: bool, feature: bool) {
        self.render_views_maps(input, feature, true, false);
    }

    /// As `render_views`; `maps` false leaves out the input view's per-unit maps (the diagram
    /// and the weights panel redraw less often than the spaces while training), and `coarse`
    /// draws the heatmaps on a coarser grid (while training, when they change every frame).
    pub fn render_views_maps(&mut self, input: bool, feature: bool, maps: bool, coarse: bool) {
        self.input.set_maps(maps);
        self.input.set_coarse(coarse);
        self.feature.set_coarse(coarse);
        if input {
            self.session.render(&mut self.input);
        }
        if feature {
            self.session.render_in_steps(&mut self.feature);
        }
    }

    /// Multiply-adds a frame may spend placing the feature view's points (0: no limit): past
    /// it the view is updated over several frames, each for the weights its first frame had,
    /// and shows its last whole update meanwhile (the deepest networks while training).
    pub fn set_step_work(&mut self, work: f64) {
        self.feature.set_step_work(work.max(0.0) as usize);
    }

    /// Whether the feature view's update is still under way (see `set_step_work`).
    pub fn view_pending(&self) -> bool {
        self.feature.pending()
    }

    /// 0 = input space, 1 = feature space: `{layer, available, width, res, window, images, points, lines, task, valueRange}`.
    pub fn view_info(&self, which: u32) -> JsValue {
        to_js(&self.view(which).info())
    }

    pub fn view_rgba_ptr(&self, which: u32) -> *const u8 {
        self.view(which).rgba().as_ptr()
    }

    pub fn view_points_ptr(&self, which: u32) -> *const f64 {
        self.view(which).points().as_ptr()
    }

    /// The points' input coordinates (x1, x2), two per point, for the morph.
    pub fn view_origins_ptr(&self, which: u32) -> *const f64 {
        self.view(which).origins().as_ptr()
    }

    /// The warped grid's vertices (see `ViewInfo::warp`).
    pub fn view_warp_ptr(&self, which: u32) -> *const f64 {
        self.view(which).warp().as_ptr()
    }

    /// res × res RGBA pixels: one colour per activation pattern (see `ViewInfo::regions`).
    pub fn view_regions_ptr(&self, which: u32) -> *const u8 {
        self.view(which).regions_rgba().as_ptr()
    }

    pub fn colour_scale_ptr(&self) -> *const u8 {
        self.scale.as_ptr()
    }

    pub fn labels_ptr(&self) -> *const f64 {
        self.labels.as_ptr()
    }

    pub fn train_len(&self) -> usize {
        self.session.data().train.len()
    }

    pub fn test_len(&self) -> usize {
        self.session.data().test.len()
    }

    /// The loss chart's entries, five numbers each (`history::ENTRY_LEN`): epoch, train loss,
    /// test loss, train accuracy, test accuracy (NaN where there is none).
    pub fn history_ptr(&self) -> *const f64 {
        self.session.history().as_ptr().cast()
    }

    pub fn history_len(&self) -> usize {
        self.session.history().len()
    }
}
