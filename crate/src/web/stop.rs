//! The stop conditions, for the page: a stop that halted training (taken
//! once, after which training goes on), and why a set condition cannot fire.

use super::{to_js, Playground};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// True while a stop condition that fired holds training (every step trains nothing).
    pub fn stop_pending(&self) -> bool {
        self.session.stopped().is_some()
    }

    /// The stop that halted training, `{epoch, reason, value, target, message}` (`reason`:
    /// "epoch", "loss" or "accuracy"), once; null when none. Training goes on after it.
    pub fn take_stop(&mut self) -> JsValue {
        self.session
            .take_stop()
            .map_or(JsValue::NULL, |s| to_js(&s))
    }

    /// Why a set stop condition can never fire for this run, or null.
    pub fn stop_note(&self) -> Option<String> {
        self.session.stop_note()
    }
}
