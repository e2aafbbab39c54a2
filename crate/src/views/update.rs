//! Recomputing a view for new weights: `update` does it whole; `in_steps` may spread the
//! points' part over several calls, and both share its phases here.

use super::{
    SpaceView, Window, COARSE_GRID_WORK, COARSE_MIN_RES, GRID_WORK, MAX_UNIT_MAPS, MIN_RES,
};
use crate::config::Features;
use crate::data::Split;
use crate::nn::{Mlp, Workspace};

impl SpaceView {
    /// Recomputes points, window, values and pixels for the model's current weights.
    pub fn update(&mut self, model: &Mlp, features: &Features, data: &Split, ws: &mut Workspace) {
        self.pending = None;
        if self.begin(model, features, data) {
            self.place_points(model, features, data, ws);
            self.finish(model, features);
        }
    }

    /// What the view is for this model and data (its width, whether it can be drawn); clears
    /// it and returns false where it cannot.
    pub(super) fn begin(&mut self, model: &Mlp, features: &Features, data: &Split) -> bool {
        let sizes = model.sizes();
        let output_layer = sizes.len() - 1;
        self.depth = output_layer - 1;
        self.task = data.task;
        self.value_range = data.train.y.iter().fold(1e-9f64, |m, y| m.max(y.abs()));
        // The input space is always the plane (x1, x2), whatever features the network reads.
        self.width = if self.layer == 0 {
            2
        } else {
            sizes.get(self.layer).copied().unwrap_or(0)
        };
        self.available = self.available_for(model);
        self.lines = self.layer > 0 || features.is_plain();
        self.reason = None;
        if !self.available {
            self.clear();
        }
        self.available
    }

    pub(super) fn available_for(&self, model: &Mlp) -> bool {
        let output_layer = model.layers.len();
        self.layer < output_layer && !(self.needs_hidden && output_layer == 1)
    }

    /// Everything after the points' activations: axes, window, lines, heatmap, warped grid.
    pub(super) fn finish(&mut self, model: &Mlp, features: &Features) {
        let sizes = model.sizes();
        let output_layer = sizes.len() - 1;
        // Once per update, not per read of the view's info.
        self.input_window = Window::covering(&self.origins, None);
        self.choose_basis(model);
        self.project_points();
        self.fit_window(model.activation);
        // Coordinates near ±1e308 overflow any window: say so rather than draw nothing.
        let w = self.window;
        let spans = [w.x[1] - w.x[0], w.y[1] - w.y[0]];
        if !spans
            .iter()
            .chain(self.ranges.iter().map(|r| &r[1]))
            .all(|s| s.is_finite())
        {
            self.clear();
            self.reason = Some("the points lie too far apart to draw (coordinates near ±1e308)");
            return;
        }
        self.find_boundaries(model);
        if self.dims() == 3 {
            // A turnable scatter: points, planes and the warped grid, no heatmap.
            self.images = 0;
            self.feature_maps = 0;
        } else {
            // The input space also shows every hidden unit and input, as small maps (of a
            // narrow network).
            let hidden_units: usize = sizes[1..output_layer].iter().sum();
            let maps = self.layer == 0 && !self.no_maps && hidden_units <= MAX_UNIT_MAPS;
            self.feature_maps = if maps { sizes[0] } else { 0 };
            self.images = 1 + if maps { hidden_units + sizes[0] } else { 0 };
            let work = if self.coarse {
                COARSE_GRID_WORK
            } else {
                GRID_WORK
            };
            // A grid point costs the layers from this view's on (and its place in the layer).
            let per_point: usize = model.layers[self.layer..]
                .iter()
                .map(|l| l.w.len() + l.b.len())
                .sum::<usize>()
                + 2 * self.width;
            let affordable = (work / per_point.max(1)).isqrt();
            let cap = if self.coarse {
                (self.max_res * 5 / 8).max(MIN_RES)
            } else {
                self.max_res
            };
            let least = if self.coarse { COARSE_MIN_RES } else { MIN_RES };
            self.res = affordable.clamp(least.min(cap), cap);
            self.evaluate_grid(model, features, sizes[output_layer], hidden_units);
            self.paint(model, sizes[output_layer]);
        }
        if self.layer > 0 && self.warp.on {
            let input = Window::covering(&self.origins, None);
            self.warp
                .compute(model, features, self.layer, input, &self.basis);
        }
    }

    fn clear(&mut self) {
        self.available = false;
        self.images = 0;
        self.feature_maps = 0;
        self.points.clear();
        self.boundaries.clear();
        self.basis = super::basis::plane();
    }
}
