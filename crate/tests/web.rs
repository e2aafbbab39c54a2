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
    assert_eq!(input["images"], 5);
    assert_eq!(input["featureMaps"], 2);
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
    assert_eq!(feature["available"], true);
    assert_eq!(feature["width"], 8);
    assert_eq!(feature["layer"], 2);
    assert_eq!(feature["mode"], "projection");
    assert_eq!(feature["boundaries"][0]["exact"], true);
    // The layer picker and picked axes keep the run; a bad axes value is named.
    let epoch = p.epoch();
    assert_eq!(json(p.set_space(1, "2,3")).as_array().unwrap().len(), 0);
    let feature = json(p.view_info(1));
    assert_eq!(
        (feature["layer"].as_u64(), feature["mode"].as_str()),
        (Some(1), Some("units"))
    );
    assert_eq!(json(p.set_space(-1, "1,1"))[0]["key"], "axes");
    assert_eq!(json(p.view_info(1))["layer"], 2);
    assert_eq!(p.epoch(), epoch);
}

#[wasm_bindgen_test]
fn lines_are_dragged_and_weights_typed_in() {
    let mut p = Playground::new("hidden=3");
    let before = p.state();
    let w0 = json(before)["layers"][0]["W"].clone();
    let mid = p.line_middle(0, 1);
    assert_eq!(mid.len(), 2);
    p.move_line(0, 1, 0.25, -0.5).unwrap();
    let after = json(p.state());
    let (w1, w2) = (w0[0][1].as_f64().unwrap(), w0[1][1].as_f64().unwrap());
    assert_eq!(after["layers"][0]["W"][0][1].as_f64(), Some(w1));
    let b = after["layers"][0]["b"][1].as_f64().unwrap();
    p.turn_line(
        0,
        1,
        mid[0] + 0.25,
        mid[1] - 0.5,
        mid[0] + 1.25,
        mid[1] - 0.5,
    )
    .unwrap();
    let turned = json(p.state());
    let (n1, n2) = (
        turned["layers"][0]["W"][0][1].as_f64().unwrap(),
        turned["layers"][0]["W"][1][1].as_f64().unwrap(),
    );
    // Horizontal now, with the same norm, through the moved middle.
    assert!(
        n1.abs() < 1e-12 && (n2.abs() - w1.hypot(w2)).abs() < 1e-12,
        "{n1} {n2} {b}"
    );
    p.set_param(1, 3, 0, 0.5).unwrap();
    assert_eq!(json(p.state())["layers"][1]["b"][0].as_f64(), Some(0.5));
    assert!(p.set_param(1, 4, 0, 0.5).is_err());
    // The feature space of a 3-unit layer is 3D: its lines cannot be dragged there.
    assert!(p.move_line(1, 0, 0.1, 0.1).is_err());
    let card = json(p.point_card(0));
    assert_eq!(card["set"], "train");
    assert_eq!(card["layers"].as_array().unwrap().len(), 2);
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

/// The next of a xorshift sequence: bit patterns spread over every f64.
fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

/// In wasm the shortest digits of a number come from JavaScript's `Number.prototype.toString`:
/// every text is the standard library's `{}` and `{:e}` (which this test still has) character
/// for character, so native and wasm runs write the same config links and messages.
#[wasm_bindgen_test]
fn numbers_written_as_the_standard_library_writes_them() {
    use featurespace::config::{exponent, plain};
    let mut values = vec![
        0.0,
        -0.0,
        1e21,
        1e-7,
        123e-20,
        5e-324,
        f64::MAX,
        0.1 + 0.2,
        -2.5,
    ];
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..20_000 {
        x = xorshift(x);
        let v = f64::from_bits(x);
        if v.is_finite() {
            values.push(v);
            values.push((v.abs().log10().rem_euclid(60.0) - 30.0).exp2());
        }
        values.push((x % 1_000_001) as f64 / 10f64.powi(i % 12));
    }
    // 2^50 + 0.25 is halfway between two shortest forms: both builds write the even one.
    assert_eq!(plain(2f64.powi(50) + 0.25), "1125899906842624.2");
    let mut ties = 0;
    for v in values {
        for (ours, theirs) in [(plain(v), format!("{v}")), (exponent(v), format!("{v:e}"))] {
            if ours != theirs {
                // At a tie `{}` may write the other form: the same length and bits, ours even.
                let parse = |t: &str| t.parse::<f64>().map(f64::to_bits);
                assert_eq!((ours.len(), parse(&ours)), (theirs.len(), Ok(v.to_bits())));
                assert_eq!(parse(&theirs), Ok(v.to_bits()), "{ours} {theirs}");
                let mantissa = ours.split('e').next().unwrap_or_default();
                assert!(mantissa.ends_with(['0', '2', '4', '6', '8']), "{ours}");
                ties += 1;
            }
        }
    }
    assert!(ties < 100, "{ties}");
}

/// Numbers beyond the exact fast path are read by JavaScript's `parseFloat` in wasm: the same
/// bits as the standard library's parser (natively, that parser itself), for every kind of text.
#[wasm_bindgen_test]
fn numbers_read_as_the_standard_parser_reads_them() {
    use featurespace::config::parse_number;
    let same = |text: &str| {
        let ours = parse_number(text).map(f64::to_bits);
        let theirs = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, theirs, "{text:?}");
    };
    for text in [
        "1e400",
        "-1e400",
        "1e-400",
        "4.9e-324",
        "2.4703282292062328e-324",
        "1.7976931348623159e308",
        "9007199254740993",
        "123456789012345678901234567890",
        "0.1000000000000000055511151231257827",
        "1e23",
        "3e-23",
        "0e999999999999999999999",
        "-0e-99999",
        "5.",
        ".5e-30",
        "-nan",
        "+inf",
        "2.2250738585072011e-308",
        "7.3177701707893310e+15",
    ] {
        same(text);
    }
    // Shortest and 17-digit texts of values spread over the whole range (many beyond the fast
    // path), and long decimals.
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    for i in 0..20_000 {
        x = xorshift(x);
        let v = f64::from_bits(x);
        same(&v.to_string());
        same(&format!("{v:.16e}"));
        same(&format!(
            "{:.*}",
            15 + i % 20,
            (x >> 11) as f64 / (1u64 << 53) as f64
        ));
    }
}
