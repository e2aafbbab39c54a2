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

#[wasm_bindgen_test]
fn loaded_points_survive_config_changes_and_reset() {
    let mut p = Playground::new("");
    let mut csv = String::from("x1,x2,label\n");
    for i in 0..30 {
        csv.push_str(&format!(
            "{},{},{}\n",
            i as f64 / 30.0,
            (i % 7) as f64 / 7.0,
            i % 2
        ));
    }
    assert!(json(p.load_csv(&csv)).as_array().unwrap().is_empty());
    let points = |p: &Playground| p.train_len() + p.test_len();
    assert_eq!(points(&p), 30);
    for change in [
        "hidden=8,8",
        "lr=0.3",
        "activation=relu",
        "seed=9",
        "trainRatio=0.5",
    ] {
        assert!(json(p.set_config(change)).as_array().unwrap().is_empty());
        assert_eq!(points(&p), 30, "after {change}");
        assert_eq!(json(p.config())["dataset"], "custom");
    }
    assert_eq!(p.train_len(), 15, "split anew by the new ratio");
    p.reset();
    assert_eq!(points(&p), 30, "after reset");
    // Choosing another data set replaces the points; choosing custom again has none.
    json(p.set_config("dataset=xor"));
    assert_eq!(json(p.config())["points"], 500);
    json(p.set_config("dataset=custom"));
    assert_eq!(points(&p), 0);
}

#[wasm_bindgen_test]
fn the_schema_describes_every_key() {
    let schema = json(featurespace::web::config_schema());
    let keys: Vec<&str> = schema
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, featurespace::config::KEYS);
}

#[wasm_bindgen_test]
fn theme_colours_reach_the_heatmap() {
    let mut p = Playground::new("");
    let before = json(p.view_info(0));
    let plane = before["res"].as_u64().unwrap() as usize;
    let read = |p: &Playground| unsafe {
        std::slice::from_raw_parts(p.view_rgba_ptr(0), plane * plane * 4).to_vec()
    };
    let old = read(&p);
    p.set_class_colours(&[255, 0, 0, 0, 255, 0]);
    let new = read(&p);
    assert_ne!(old, new);
    // Every pixel is a tint of red or green over white now: no blue component below the others.
    assert!(new.chunks_exact(4).all(|px| px[2] <= px[0].max(px[1])));
}
