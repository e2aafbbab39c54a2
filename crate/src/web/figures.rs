//! The figures' own small models (the sigmoid explorer and curves) and the benchmark entry.

use super::to_js;
use crate::config::{Activation, Config, Feature, Features};
use crate::data::{Split, Task};
use crate::nn::activation::sigmoid;
use crate::nn::{Layer, Mlp, Output, Workspace};
use crate::views::{SpaceView, Window};
use nalgebra::{DMatrix, DVector};
use wasm_bindgen::prelude::*;

/// The sigmoid explorer: σ(w1·x1 + w2·x2 + b) over a fixed window, as the same space view the
/// playground uses (a network with no hidden layer whose weights are the sliders).
#[wasm_bindgen]
pub struct SigmoidExplorer {
    model: Mlp,
    view: SpaceView,
    data: Split,
    features: Features,
    ws: Workspace,
}

#[wasm_bindgen]
impl SigmoidExplorer {
    #[wasm_bindgen(constructor)]
    pub fn new(lo: f64, hi: f64, res: usize) -> SigmoidExplorer {
        let model = Mlp {
            layers: vec![Layer {
                w: DMatrix::zeros(2, 1),
                b: DVector::zeros(1),
            }],
            activation: Activation::Linear,
            output: Output::Sigmoid,
        };
        let mut view = SpaceView::new(0, res);
        view.set_window(Some(Window::square(lo, hi)));
        let ws = model.workspace(1);
        SigmoidExplorer {
            model,
            view,
            data: Split {
                train: Default::default(),
                test: Default::default(),
                task: Task::Binary,
            },
            features: Features(vec![Feature::X1, Feature::X2]),
            ws,
        }
    }

    /// Sets w1, w2, b and recomputes the image and the surface values.
    pub fn set(&mut self, w1: f64, w2: f64, b: f64) {
        self.model.layers[0].w[(0, 0)] = w1;
        self.model.layers[0].w[(1, 0)] = w2;
        self.model.layers[0].b[0] = b;
        self.view
            .update(&self.model, &self.features, &self.data, &mut self.ws);
    }

    pub fn info(&self) -> JsValue {
        to_js(&self.view.info())
    }

    pub fn rgba_ptr(&self) -> *const u8 {
        self.view.rgba().as_ptr()
    }

    /// res × res values of σ, row 0 at the top (largest x2).
    pub fn values_ptr(&self) -> *const f32 {
        self.view.values().as_ptr()
    }
}

/// σ(w·x + b) at `n` points from `lo` to `hi`.
#[wasm_bindgen]
pub fn sigmoid_curve(w: f64, b: f64, lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| sigmoid(w * (lo + (hi - lo) * i as f64 / (n.max(2) - 1) as f64) + b))
        .collect()
}

/// An activation function (tanh, relu, leakyrelu, sigmoid, linear) at `n` points.
#[wasm_bindgen]
pub fn activation_curve(name: &str, lo: f64, hi: f64, n: usize) -> Result<Vec<f64>, JsValue> {
    let mut c = Config::default();
    c.set("activation", name)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok((0..n)
        .map(|i| {
            c.activation
                .apply(lo + (hi - lo) * i as f64 / (n.max(2) - 1) as f64)
        })
        .collect())
}

/// The benchmark cases of `bench.rs`, timed with the page's clock (`performance.now`); only in
/// the build with the `bench` feature (`cargo xtask bench`), so the page's module is smaller.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn run_benchmarks(now: &js_sys::Function, budget_ms: f64) -> JsValue {
    let clock = || {
        now.call0(&JsValue::NULL)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    to_js(&crate::bench::run(&clock, budget_ms))
}
