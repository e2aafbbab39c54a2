//! The hidden-space views' settings and the model edited by hand: which layer and axes the
//! feature view shows, one point's forward pass, weights typed in and lines dragged.

use super::{to_js, Playground};
use crate::config::ConfigError;
use crate::edit;
use crate::views::{card, AxesRequest, Mode, SpaceView};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Shows hidden layer `layer` in the feature view (0 = the input plane, negative = the
    /// last hidden layer; beyond the last, the last) on `axes` (`auto`, `projection`, `1,3`…).
    /// Returns the rejected settings as `[{key, message}]`; the run goes on either way.
    pub fn set_space(&mut self, layer: i32, axes: &str) -> JsValue {
        let mut errors = Vec::new();
        self.space = usize::try_from(layer).ok();
        match AxesRequest::parse(axes) {
            Ok(request) => self.feature.set_axes(request),
            Err(message) => errors.push(ConfigError {
                key: "axes".into(),
                message,
            }),
        }
        self.rebuilt();
        to_js(&errors)
    }

    /// Whether the views compute the warped grid (feature view) and the activation regions
    /// (input view); takes effect at the next render.
    pub fn set_extras(&mut self, warp: bool, regions: bool) {
        self.input.set_extras(false, regions);
        self.feature.set_extras(warp, false);
    }

    /// "Discretize output": the views' heatmaps in class colours only; takes effect at the next
    /// render.
    pub fn set_discrete(&mut self, discrete: bool) {
        self.input.set_discrete(discrete);
        self.feature.set_discrete(discrete);
    }

    /// The confusion matrix of the test (or training) points: k × k counts, row = true class,
    /// column = predicted; empty for regression.
    pub fn confusion(&mut self, test: bool) -> Vec<u32> {
        let mut out = Vec::new();
        self.session.confusion(test, &mut out);
        out
    }

    /// Point `index`'s forward pass (training points first), or null past the end.
    pub fn point_card(&self, index: usize) -> JsValue {
        let s = &self.session;
        card::card(s.model(), &s.config().features, s.data(), index)
            .map_or(JsValue::NULL, |c| to_js(&c))
    }

    /// Sets layer `layer`'s (0 = the first weights) weight from input `row` to `unit`, or its
    /// bias when `row` equals the layer's inputs. Training continues from there.
    pub fn set_param(
        &mut self,
        layer: usize,
        row: usize,
        unit: usize,
        value: f64,
    ) -> Result<(), JsValue> {
        self.session
            .set_param(layer, row, unit, value)
            .map_err(|e| JsValue::from_str(&e))?;
        self.render();
        Ok(())
    }

    /// The point of unit `unit`'s line nearest the view's centre (where its drag handle sits),
    /// or empty when the line cannot be dragged in this view.
    pub fn line_middle(&self, which: u32, unit: usize) -> Vec<f64> {
        let view = self.view(which);
        let w = view.window();
        let centre = [(w.x[0] + w.x[1]) / 2.0, (w.y[0] + w.y[1]) / 2.0];
        self.line_of(view, unit)
            .and_then(|(w, b)| edit::middle(w, b, centre))
            .map_or_else(Vec::new, |p| p.to_vec())
    }

    /// Moves unit `unit`'s line in view `which` by (dx, dy): only its bias changes.
    pub fn move_line(&mut self, which: u32, unit: usize, dx: f64, dy: f64) -> Result<(), JsValue> {
        let (w, b) = self
            .line_of(self.view(which), unit)
            .ok_or_else(not_draggable)?;
        let layer = self.view(which).layer();
        self.set_param(layer, 2, unit, edit::translate(w, b, [dx, dy]))
    }

    /// Turns unit `unit`'s line in view `which` about `(px, py)` to pass through `(hx, hy)`,
    /// keeping ‖w‖.
    pub fn turn_line(
        &mut self,
        which: u32,
        unit: usize,
        px: f64,
        py: f64,
        hx: f64,
        hy: f64,
    ) -> Result<(), JsValue> {
        let (w, _) = self
            .line_of(self.view(which), unit)
            .ok_or_else(not_draggable)?;
        let Some((n, b)) = edit::rotate(w, [px, py], [hx, hy]) else {
            return Ok(());
        };
        let layer = self.view(which).layer();
        self.session
            .set_param(layer, 0, unit, n[0])
            .map_err(|e| JsValue::from_str(&e))?;
        self.session
            .set_param(layer, 1, unit, n[1])
            .map_err(|e| JsValue::from_str(&e))?;
        self.set_param(layer, 2, unit, b)
    }
}

fn not_draggable() -> JsValue {
    JsValue::from_str("only the lines of a plane's own axes can be dragged")
}

impl Playground {
    /// (w, b) of unit `unit` of the layer after the view's, when the view draws that layer's
    /// own two coordinates (so its units are exactly these lines).
    fn line_of(&self, view: &SpaceView, unit: usize) -> Option<([f64; 2], f64)> {
        let info = view.info();
        if !info.available || !info.lines || info.mode != Mode::Plane || info.width != 2 {
            return None;
        }
        let layer = self.session.model().layers.get(view.layer())?;
        (unit < layer.fan_out() && layer.fan_in() == 2)
            .then(|| ([layer.w[(0, unit)], layer.w[(1, unit)]], layer.b[unit]))
    }
}
