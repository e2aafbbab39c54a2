//! The one description of every config key: its name, kind, choices or bounds, and words for
//! people. `Config::set` validates against it, the wasm layer exports it, and the front end
//! builds its controls, attributes and properties from it, so no bound is written twice.

use super::{
    Config, ACTIVATIONS, DATASETS, FEATURES, MAX_DEPTH, MAX_POINTS, MAX_SEED, MAX_STOP_EPOCH,
    MAX_WIDTH, OPTIMIZERS,
};
use serde::Serialize;

/// What values a key takes.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Kind {
    /// One of `choices`; `labels` are the words shown for them.
    Choice {
        choices: &'static [&'static str],
        labels: &'static [&'static str],
    },
    /// Several of `choices`, separated by commas.
    List {
        choices: &'static [&'static str],
    },
    /// A whole number from `min` to `max`.
    Integer {
        min: f64,
        max: f64,
    },
    /// A number from `min` to `max` (above `min` when `above_min`); `step` for controls.
    #[serde(rename_all = "camelCase")]
    Number {
        min: f64,
        max: f64,
        step: f64,
        above_min: bool,
    },
    /// Hidden-layer widths: `none`, or widths separated by commas.
    #[serde(rename_all = "camelCase")]
    Widths {
        max_width: usize,
        max_depth: usize,
    },
    Boolean,
    /// Points drawn on the input plane, as text (see `data::drawn`); no control of its own (the
    /// input view's drawing tools edit it). A link carries at most `link_points` of them.
    #[serde(rename_all = "camelCase")]
    Points {
        max_points: usize,
        link_points: usize,
    },
}

/// One config key.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct KeySpec {
    pub key: &'static str,
    /// A short name for a control.
    pub label: &'static str,
    /// "data", "network" or "training": where its control sits.
    pub group: &'static str,
    pub help: &'static str,
    #[serde(flatten)]
    pub kind: Kind,
}

const fn number(min: f64, max: f64, step: f64) -> Kind {
    Kind::Number {
        min,
        max,
        step,
        above_min: false,
    }
}

pub const SCHEMA: [KeySpec; 19] = [
    KeySpec {
        key: "dataset",
        label: "Dataset",
        group: "data",
        help: "The points to learn",
        kind: Kind::Choice {
            choices: &DATASETS,
            labels: &[
                "band (the tutorial's)",
                "Gaussian blobs",
                "xor quadrants",
                "circle",
                "spiral",
                "two moons",
                "three blobs (3 classes)",
                "plane (regression)",
                "bumps (regression)",
                "custom (drawn or a CSV file)",
            ],
        },
    },
    KeySpec {
        key: "points",
        label: "Points",
        group: "data",
        help: "How many points are generated",
        kind: Kind::Integer {
            min: 4.0,
            max: MAX_POINTS as f64,
        },
    },
    KeySpec {
        key: "noise",
        label: "Noise",
        group: "data",
        help: "Standard deviation of the Gaussian jitter added to the coordinates",
        kind: number(0.0, 2.0, 0.05),
    },
    KeySpec {
        key: "trainRatio",
        label: "Train ratio",
        group: "data",
        help: "Share of the points used for training; the rest are test points",
        kind: number(0.05, 1.0, 0.05),
    },
    KeySpec {
        key: "seed",
        label: "Seed",
        group: "data",
        help: "Random seed of the data and the initial weights",
        kind: Kind::Integer {
            min: 0.0,
            max: MAX_SEED as f64,
        },
    },
    KeySpec {
        key: "features",
        label: "Features",
        group: "network",
        help: "The network's inputs, separated by commas",
        kind: Kind::List { choices: &FEATURES },
    },
    KeySpec {
        key: "hidden",
        label: "Hidden units",
        group: "network",
        help: "Widths of the hidden layers separated by commas, or none (logistic regression)",
        kind: Kind::Widths {
            max_width: MAX_WIDTH,
            max_depth: MAX_DEPTH,
        },
    },
    KeySpec {
        key: "activation",
        label: "Activation",
        group: "network",
        help: "The hidden units' nonlinearity",
        kind: Kind::Choice {
            choices: &ACTIVATIONS,
            labels: &["tanh", "relu", "leaky relu", "sigmoid", "linear"],
        },
    },
    KeySpec {
        key: "optimizer",
        label: "Optimizer",
        group: "training",
        help: "How the weights are updated",
        kind: Kind::Choice {
            choices: &OPTIMIZERS,
            labels: &[
                "SGD",
                "SGD + momentum",
                "RMSprop",
                "Adam",
                "L-BFGS (full batch)",
            ],
        },
    },
    KeySpec {
        key: "lr",
        label: "Learning rate",
        group: "training",
        help: "Step size of the optimizer",
        kind: Kind::Number {
            min: 0.0,
            max: 10.0,
            step: 0.001,
            above_min: true,
        },
    },
    KeySpec {
        key: "batch",
        label: "Batch size",
        group: "training",
        help: "Examples per weight update",
        kind: Kind::Integer {
            min: 1.0,
            max: MAX_POINTS as f64,
        },
    },
    KeySpec {
        key: "l1",
        label: "L1",
        group: "training",
        help: "L1 penalty on the weights (not the biases)",
        kind: number(0.0, 10.0, 0.0001),
    },
    KeySpec {
        key: "l2",
        label: "L2",
        group: "training",
        help: "L2 penalty on the weights (not the biases)",
        kind: number(0.0, 10.0, 0.0001),
    },
    KeySpec {
        key: "momentum",
        label: "Momentum",
        group: "training",
        help: "Momentum coefficient of the momentum optimizer",
        kind: number(0.0, 0.999, 0.05),
    },
    KeySpec {
        key: "nesterov",
        label: "Nesterov",
        group: "training",
        help: "Nesterov's form of momentum",
        kind: Kind::Boolean,
    },
    KeySpec {
        key: "stopAtEpoch",
        label: "Stop at epoch",
        group: "training",
        help: "Training stops by itself at this epoch (0: never); Play goes on after it",
        kind: Kind::Integer {
            min: 0.0,
            max: MAX_STOP_EPOCH as f64,
        },
    },
    KeySpec {
        key: "stopAtLoss",
        label: "Stop at loss",
        group: "training",
        help: "Training stops by itself at the first epoch whose training loss is at most this (0: never)",
        kind: number(0.0, 1e6, 0.001),
    },
    KeySpec {
        key: "stopAtAccuracy",
        label: "Stop at accuracy",
        group: "training",
        help: "Training stops by itself at the first epoch whose training accuracy is at least this, 0 to 1 (0: never; classification only, ignored for regression)",
        kind: number(0.0, 1.0, 0.01),
    },
    KeySpec {
        key: "drawn",
        label: "Drawn points",
        group: "drawing",
        help: "Points drawn on the input plane (the custom data set), encoded: 1~X0~Y0~SIZE~ then \
               four base64url characters per point",
        kind: Kind::Points {
            max_points: MAX_POINTS,
            link_points: crate::data::drawn::LINK_POINTS,
        },
    },
];

pub fn spec(key: &str) -> Option<&'static KeySpec> {
    SCHEMA.iter().find(|s| s.key == key)
}

/// A key's description with its default, as the config's JSON form has it (so the front end
/// compares it with `config()` directly).
#[derive(Serialize)]
pub struct KeyDescription {
    #[serde(flatten)]
    pub spec: KeySpec,
    pub default: super::fields::Scalar,
}

/// Every key with its default, in the order of `SCHEMA` (the URL's order).
pub fn describe() -> Vec<KeyDescription> {
    let defaults = super::fields::fields(&Config::default()).unwrap_or_default();
    SCHEMA
        .iter()
        .map(|spec| KeyDescription {
            spec: *spec,
            default: defaults
                .iter()
                .find(|(k, _)| *k == spec.key)
                .map_or(super::fields::Scalar::Null, |(_, v)| v.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_described_once_and_takes_its_default() {
        let described = describe();
        assert_eq!(described.len(), super::super::KEYS.len());
        let mut config = Config::default();
        for d in &described {
            assert_eq!(
                SCHEMA.iter().filter(|s| s.key == d.spec.key).count(),
                1,
                "{}",
                d.spec.key
            );
            let text = d.default.text();
            config.set(d.spec.key, &text).unwrap();
            if let Kind::Choice { choices, labels } = d.spec.kind {
                assert_eq!(choices.len(), labels.len(), "{}", d.spec.key);
                for c in choices {
                    Config::default().set(d.spec.key, c).unwrap();
                }
            }
        }
        assert_eq!(config, Config::default());
    }

    #[test]
    fn bounds_come_from_the_schema() {
        let mut c = Config::default();
        assert!(c.set("points", "20000").is_ok());
        let e = c.set("points", "20001").unwrap_err();
        assert!(e.message.contains("from 4 to 20000"), "{}", e.message);
        assert!(c.set("points", "12.5").is_err());
        assert!(c.set("lr", "0").unwrap_err().message.contains("above 0"));
        assert_eq!(
            c.set("lr", "-1").unwrap_err().message,
            "'-1' is not a number above 0 and at most 10"
        );
        assert!(c.set("noise", "inf").is_err());
        assert!(c.set("seed", "9007199254740991").is_ok());
        assert!(c.set("seed", "9007199254740992").is_err());
    }

    #[test]
    fn the_description_serialises_for_the_front_end() {
        let json = serde_json::to_value(describe()).unwrap();
        let lr = &json[9];
        assert_eq!(lr["key"], "lr");
        assert_eq!(lr["type"], "number");
        assert_eq!(lr["aboveMin"], true);
        assert_eq!(lr["default"], 0.01);
        assert_eq!(json[2]["default"], 0.0);
        assert_eq!(json[6]["default"], "2");
        assert_eq!(json[0]["choices"][0], "band");
        assert_eq!(json[6]["type"], "widths");
    }
}
