//! What the exports need from the core beyond `state()` and the data: the network's outputs at
//! every point, which an exported script checks its own predictions against.

use super::{to_js, Playground};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// The output layer's activations for the training then the test points (σ(z), the
    /// softmax's probabilities, or the regression's value), `outputs` numbers per point.
    pub fn outputs(&mut self) -> Vec<f64> {
        self.session.outputs()
    }

    /// `[{W, b}]`: the weights the run started from (as Reset restores them).
    pub fn initial_weights(&self) -> JsValue {
        to_js(&self.session.initial_weights())
    }
}
