//! Stepping by one sample or one minibatch, and the arrows of that update in the space views
//! (see `session::probe` and `views::arrows`).

use super::{to_js, Playground};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// One optimizer update on training point `index` (negative: the next point of the run's
    /// order): `{kind, points, lossBefore, lossAfter, epoch, epochEnded}`, or an error message.
    pub fn step_sample(&mut self, index: i32) -> Result<JsValue, JsValue> {
        let update = self
            .session
            .step_sample(usize::try_from(index).ok())
            .map_err(|e| JsValue::from_str(&e))?;
        let result = to_js(&update);
        self.update = Some(update);
        Ok(result)
    }

    /// The next minibatch of the epoch under way, as `step_batches(1)`; as `step_sample`.
    pub fn step_batch(&mut self) -> Result<JsValue, JsValue> {
        let update = self
            .session
            .step_batch()
            .map_err(|e| JsValue::from_str(&e))?;
        let result = to_js(&update);
        self.update = Some(update);
        Ok(result)
    }

    /// The training point the next sample step uses when none is chosen (−1: none).
    pub fn next_sample(&self) -> i32 {
        self.session
            .next_sample()
            .map_or(-1, |i| i32::try_from(i).unwrap_or(-1))
    }

    /// The last sample or batch step's arrows in view `which` (0 input, 1 feature), five
    /// numbers each: the point's index, where it is drawn (x, y) and its move (dx, dy) in the
    /// view's coordinates as last rendered. Empty once the weights changed otherwise (a play,
    /// an epoch step, a reset, an edit): the arrows then clear.
    pub fn update_arrows(&mut self, which: u32) -> Vec<f64> {
        let mut out = Vec::new();
        if let Some(update) = &self.update {
            if !self.session.shows(update) {
                self.update = None;
                return out;
            }
            let s = &self.session;
            self.view(which).arrows(
                &update.before,
                s.model(),
                &s.config().features,
                s.data(),
                &update.points,
                &mut out,
            );
        }
        out
    }

    /// Forgets the last step's arrows.
    pub fn clear_update(&mut self) {
        self.update = None;
    }
}
