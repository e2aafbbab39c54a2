//! The wasm build, run in headless Chromium by wasm-bindgen-test: the core trains the same way
//! it does natively, and the JS-facing `Playground` answers as the page expects.
#![cfg(target_arch = "wasm32")]

use featurespace::web::Playground;
use featurespace::{Config, Session};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn json(v: wasm_bindgen::JsValue) -> Value {
    serde_wasm_bindgen::from_value(v).expect("plain JSON-like value")
}

#[wasm_bindgen_test]
fn the_tutorial_setup_learns_in_wasm() {
    let mut s = Session::new(Config::default());
    s.step(100);
    assert!(s.train_metrics().accuracy.unwrap() >= 0.99);
}

#[wasm_bindgen_test]
fn state_has_the_documented_shape() {
    let mut p = Playground::new("");
    p.step(3);
    let state = json(p.state());
    assert_eq!(state["epoch"], 3);
    assert!(state["train"]["loss"].as_f64().unwrap() > 0.0);
    assert!(state["test"]["accuracy"].as_f64().is_some());
    let layers = state["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2);
    // W is input-major: 2 inputs × 2 units, then 2 × 1.
    assert_eq!(layers[0]["W"].as_array().unwrap().len(), 2);
    assert_eq!(layers[0]["W"][0].as_array().unwrap().len(), 2);
    assert_eq!(layers[1]["W"].as_array().unwrap().len(), 2);
    assert_eq!(layers[1]["W"][0].as_array().unwrap().len(), 1);
    assert_eq!(layers[1]["b"].as_array().unwrap().len(), 1);
}

#[wasm_bindgen_test]
fn config_errors_are_reported_and_defaults_kept() {
    let mut p = Playground::new("lr=banana&hidden=8,8&wat=1");
    let errors = json(p.take_errors());
    let keys: Vec<&str> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["lr", "wat"]);
    let config = json(p.config());
    assert_eq!(config["hidden"], "8,8");
    assert_eq!(config["lr"], Config::default().lr);
    assert_eq!(json(p.take_errors()).as_array().unwrap().len(), 0);
}

#[wasm_bindgen_test]
fn views_fill_their_buffers() {
    let mut p = Playground::new("");
    let input = json(p.view_info(0));
    assert_eq!(input["available"], true);
    assert_eq!(input["images"], 3);
    assert_eq!(input["lines"], true);
    assert_eq!(input["task"]["kind"], "binary");
    assert_eq!(input["points"], 500);
    let feature = json(p.view_info(1));
    assert_eq!(feature["available"], true);
    assert_eq!(feature["layer"], 1);
    assert!(!p.view_rgba_ptr(0).is_null());
    json(p.set_config("hidden=8,8"));
    p.render();
    let feature = json(p.view_info(1));
    assert_eq!(feature["available"], false);
    assert_eq!(feature["width"], 8);
}
