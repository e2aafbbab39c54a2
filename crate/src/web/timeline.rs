//! The timeline through wasm: the recorded epochs, showing one of them in every view while the
//! run goes on, and continuing from one (see `session::timeline`).

use super::Playground;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// The epochs the timeline holds, oldest first.
    pub fn timeline_epochs(&self) -> Vec<f64> {
        self.session.timeline().iter().map(|&e| e as f64).collect()
    }

    /// Shows the recorded epoch nearest `epoch` in every view while the run goes on; a negative
    /// or NaN `epoch` goes back to the live run. Returns the epoch shown, -1 for the live run.
    pub fn scrub(&mut self, epoch: f64) -> f64 {
        let wanted = (epoch >= 0.0).then_some(epoch as u64);
        self.session.scrub(wanted).map_or(-1.0, |e| e as f64)
    }

    /// The epoch scrubbed to, -1 when the live run is shown.
    pub fn scrubbed_epoch(&self) -> f64 {
        self.session.scrubbed().map_or(-1.0, |e| e as f64)
    }

    /// Between `show_scrubbed(true)` and `show_scrubbed(false)` every read of the model (views,
    /// `state`, confusion, point cards) is of the scrubbed epoch; the page brackets its frames.
    pub fn show_scrubbed(&mut self, on: bool) {
        self.session.show_scrubbed(on);
    }

    /// Goes back to a recorded epoch and continues from it (later epochs are dropped); an error
    /// names the nearest recorded epoch.
    pub fn continue_from(&mut self, epoch: f64) -> Result<f64, JsValue> {
        if epoch.is_nan() || epoch < 0.0 || epoch.fract() != 0.0 {
            return Err(JsValue::from_str(&format!(
                "'{}' is not an epoch",
                crate::config::Plain(epoch)
            )));
        }
        self.session
            .continue_from(epoch as u64)
            .map(|e| e as f64)
            .map_err(|e| JsValue::from_str(&e))
    }

    /// Whether continuing from the timeline repeats the run bit for bit (not under L-BFGS,
    /// which continues from the weights with its curvature memory afresh).
    pub fn timeline_exact(&self) -> bool {
        self.session.timeline_exact()
    }
}
