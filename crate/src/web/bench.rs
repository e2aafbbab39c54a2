//! The benchmark's training cases for the page to time through the public path
//! (`Playground.step(n)`, as the training worker calls it): see `www/bench-public.js`.

use super::to_js;
use wasm_bindgen::prelude::*;

/// `[{case, query, flopsPerEpoch}]`: every training case of `bench.rs`, its full query for
/// `new Playground(query)` and the floating-point work of one epoch (for the share of peak).
#[wasm_bindgen]
pub fn bench_training_cases() -> JsValue {
    to_js(&crate::bench::cases())
}

/// In how many parts a case's budget is timed, the fastest part counting (`bench.rs`'s
/// `PARTS`): the public path is timed as the inner loop is.
#[wasm_bindgen]
pub fn bench_parts() -> u32 {
    crate::bench::PARTS
}
