//! Two runs side by side (the element's `compare` link): the linked playground copies the other's
//! initial weights through these calls.

use super::Playground;
use crate::session::sizes_text;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// The layer sizes: inputs, each hidden layer's units, outputs.
    pub fn shape(&self) -> Vec<u32> {
        self.session.shape().iter().map(|&s| s as u32).collect()
    }

    /// The network's shape as the reader writes it: `2-3-1`.
    pub fn shape_text(&self) -> String {
        sizes_text(&self.session.shape())
    }

    /// All weights and biases, layer by layer (W input-major, then b).
    pub fn params(&self) -> Vec<f64> {
        self.session.params()
    }

    /// Starts this untrained run from another playground's weights (`shape()` and `params()`
    /// of the other) and redraws; an error says why they do not fit (trained already, another
    /// shape).
    pub fn start_from(&mut self, shape: &[u32], params: &[f64]) -> Result<(), JsValue> {
        let shape: Vec<usize> = shape.iter().map(|&s| s as usize).collect();
        self.session
            .start_from(&shape, params)
            .map_err(|e| JsValue::from_str(&e))?;
        self.render();
        Ok(())
    }
}
