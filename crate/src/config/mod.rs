//! The one description of an experiment. The URL hash, the JS API, the CLI and the tests all
//! read and write it through `set`, so a key means the same thing everywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

pub mod schema;
use schema::{spec, KeySpec, Kind, SCHEMA};

/// Which generated data set to train on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetKind {
    Band,
    Blobs,
    Xor,
    Circle,
    Spiral,
    Moons,
    Blobs3,
    Plane,
    Bumps,
    /// Points supplied by the user (CSV); the session is built with `Session::with_data`.
    Custom,
}

pub const DATASETS: [&str; 10] = [
    "band", "blobs", "xor", "circle", "spiral", "moons", "blobs3", "plane", "bumps", "custom",
];

/// Nonlinearity of the hidden units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Tanh,
    Relu,
    #[serde(rename = "leakyrelu")]
    LeakyRelu,
    Sigmoid,
    Linear,
}

pub const ACTIVATIONS: [&str; 5] = ["tanh", "relu", "leakyrelu", "sigmoid", "linear"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Rmsprop,
    Adam,
    Lbfgs,
}

pub const OPTIMIZERS: [&str; 5] = ["sgd", "momentum", "rmsprop", "adam", "lbfgs"];

/// An input feature computed from the point (x1, x2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    X1,
    X2,
    X1sq,
    X2sq,
    X1x2,
    Sinx1,
    Sinx2,
}

pub const FEATURES: [&str; 7] = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"];

impl Feature {
    pub fn of(self, p: [f64; 2]) -> f64 {
        match self {
            Feature::X1 => p[0],
            Feature::X2 => p[1],
            Feature::X1sq => p[0] * p[0],
            Feature::X2sq => p[1] * p[1],
            Feature::X1x2 => p[0] * p[1],
            Feature::Sinx1 => libm::sin(p[0]),
            Feature::Sinx2 => libm::sin(p[1]),
        }
    }

    pub fn name(self) -> &'static str {
        FEATURES[self as usize]
    }
}

/// The network's inputs, in order; `x1,x2` by default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features(pub Vec<Feature>);

impl Features {
    /// True when the inputs are the plane's own coordinates, so first-layer units are lines there.
    pub fn is_plain(&self) -> bool {
        self.0 == [Feature::X1, Feature::X2]
    }
}

impl fmt::Display for Features {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|x| x.name()).collect();
        f.write_str(&names.join(","))
    }
}

impl std::str::FromStr for Features {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for part in s.split(',') {
            let name = normalise(part);
            let feature = FEATURES
                .iter()
                .position(|f| *f == name)
                .map(|i| ALL_FEATURES[i])
                .ok_or_else(|| {
                    format!(
                        "'{}' is not one of {}",
                        excerpt(part.trim()),
                        FEATURES.join(", ")
                    )
                })?;
            if out.contains(&feature) {
                return Err(format!("'{}' is listed twice", feature.name()));
            }
            out.push(feature);
        }
        Ok(Features(out))
    }
}

const ALL_FEATURES: [Feature; 7] = [
    Feature::X1,
    Feature::X2,
    Feature::X1sq,
    Feature::X2sq,
    Feature::X1x2,
    Feature::Sinx1,
    Feature::Sinx2,
];

impl Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Features {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            List(Vec<String>),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(t) => t,
            Raw::List(l) => l.join(","),
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Lower case without spaces, dashes or underscores: "Leaky ReLU" and "leaky_relu" name the same.
/// Every other character is kept, so "xor\0" or "x1!" names nothing and is rejected.
fn normalise(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Characters of user input a message quotes at most (control characters count as escaped).
pub const EXCERPT_CHARS: usize = 40;

/// A short, printable excerpt of user input for a message: the input itself when short, else
/// its first [`EXCERPT_CHARS`] characters, `…` and how many more there are. Control characters
/// are escaped (`\u{0}`), so a message never carries them.
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let (mut width, mut kept) = (0, 0);
    for c in text.chars() {
        let w = if c.is_control() {
            c.escape_debug().count()
        } else {
            1
        };
        if width + w > EXCERPT_CHARS {
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
        width += w;
        kept += 1;
    }
    let more = text.chars().count() - kept;
    if more > 0 {
        let plural = if more == 1 { "" } else { "s" };
        out.push_str(&format!("… ({more} more character{plural})"));
    }
    out
}

/// Widths of the hidden layers; empty means logistic regression (`none`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hidden(pub Vec<usize>);

impl fmt::Display for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        let parts: Vec<String> = self.0.iter().map(|w| w.to_string()).collect();
        f.write_str(&parts.join(","))
    }
}

impl std::str::FromStr for Hidden {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let expected =
            format!("expected widths from 1 to {MAX_WIDTH} separated by commas, or none");
        if s.is_empty() {
            // An empty value is a slip (a cleared field), not a way of saying `none`.
            return Err(format!("no value: {expected}"));
        }
        if s.eq_ignore_ascii_case("none") {
            return Ok(Hidden(Vec::new()));
        }
        let widths = s
            .split(',')
            .map(|p| match p.trim().parse::<usize>() {
                Ok(w) if (1..=MAX_WIDTH).contains(&w) => Ok(w),
                _ => Err(format!("'{}': {expected}", excerpt(s))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        if widths.len() > MAX_DEPTH {
            return Err(format!("at most {MAX_DEPTH} hidden layers"));
        }
        Ok(Hidden(widths))
    }
}

impl Serialize for Hidden {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Hidden {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Accept "8,8", "none", a bare number or a JSON list of widths.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(usize),
            List(Vec<usize>),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(t) => t,
            Raw::Number(n) => n.to_string(),
            Raw::List(l) => Hidden(l).to_string(),
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

pub const MAX_WIDTH: usize = 256;
/// Points × weights at most: a pass over the data (to train, or to measure loss and accuracy)
/// then costs at most ~0.1 s in a browser.
pub const MAX_WORK: u64 = 100_000_000;
pub const MAX_DEPTH: usize = 6;
pub const MAX_POINTS: usize = 20_000;
/// Seeds stay exact as JavaScript numbers.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// Every knob of an experiment. Field names are the public keys (`trainRatio` in camelCase).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    pub dataset: DatasetKind,
    pub points: usize,
    pub noise: f64,
    pub train_ratio: f64,
    pub seed: u64,
    pub hidden: Hidden,
    pub activation: Activation,
    pub optimizer: OptimizerKind,
    pub lr: f64,
    pub batch: usize,
    pub features: Features,
    /// L1 penalty on the weights (not biases): objective += l1·‖W‖₁.
    pub l1: f64,
    /// L2 penalty on the weights (not biases): objective += l2/2·‖W‖². scikit-learn's C is 1/(C·n).
    pub l2: f64,
    /// Momentum coefficient of the `momentum` optimizer.
    pub momentum: f64,
    /// Nesterov's form of momentum.
    pub nesterov: bool,
}

/// The tutorial's setup: a 2-2-1 tanh network trained by Adam with batch 10 on the band.
impl Default for Config {
    fn default() -> Self {
        Config {
            dataset: DatasetKind::Band,
            points: 500,
            noise: 0.0,
            train_ratio: 0.8,
            seed: 1,
            hidden: Hidden(vec![2]),
            activation: Activation::Tanh,
            optimizer: OptimizerKind::Adam,
            lr: 0.01,
            batch: 10,
            features: Features(vec![Feature::X1, Feature::X2]),
            l1: 0.0,
            l2: 0.0,
            momentum: 0.9,
            nesterov: false,
        }
    }
}

/// A rejected key or value, with words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            // A pair with no key name: its message says so.
            return f.write_str(&self.message);
        }
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// Errors `apply_query` lists at most; the rest are counted in one more error.
pub const MAX_LISTED_ERRORS: usize = 20;

/// The key of the error that counts the errors not listed.
pub const MORE_ERRORS_KEY: &str = "…";

impl std::error::Error for ConfigError {}

/// The public keys in their fixed (URL) order.
pub const KEYS: [&str; SCHEMA.len()] = {
    let mut keys = [""; SCHEMA.len()];
    let mut i = 0;
    while i < SCHEMA.len() {
        keys[i] = SCHEMA[i].key;
        i += 1;
    }
    keys
};

fn err(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        key: key.to_string(),
        message: message.into(),
    }
}

/// A number within the key's bounds from the schema.
fn number(spec: &KeySpec, value: &str) -> Result<f64, ConfigError> {
    let (min, max, above_min, whole) = match spec.kind {
        Kind::Integer { min, max } => (min, max, false, true),
        Kind::Number {
            min,
            max,
            above_min,
            ..
        } => (min, max, above_min, false),
        _ => unreachable!("{} is not a number key", spec.key),
    };
    let parsed = value.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let out_of_range = || {
        let kind = if whole { "whole number" } else { "number" };
        let range = if above_min {
            format!("above {min} and at most {max}")
        } else {
            format!("from {min} to {max}")
        };
        err(
            spec.key,
            format!("'{}' is not a {kind} {range}", excerpt(value)),
        )
    };
    let v = parsed.ok_or_else(out_of_range)?;
    if v < min || v > max || (whole && v.fract() != 0.0) || (above_min && v <= min) {
        return Err(out_of_range());
    }
    Ok(v)
}

fn choice<T: for<'de> Deserialize<'de>>(spec: &KeySpec, value: &str) -> Result<T, ConfigError> {
    let Kind::Choice { choices, .. } = spec.kind else {
        unreachable!("{} is not a choice key", spec.key)
    };
    serde_json::from_value(serde_json::Value::String(normalise(value))).map_err(|_| {
        err(
            spec.key,
            format!("'{}' is not one of {}", excerpt(value), choices.join(", ")),
        )
    })
}

impl Config {
    /// Sets one key from its text form, leaving the config unchanged on error (also when the
    /// value would make the network and data too big to train and draw in a browser).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        let before = self.clone();
        self.set_one(key, value)?;
        if let Err(message) = self.check_size() {
            *self = before;
            return Err(err(key, message));
        }
        Ok(())
    }

    /// Weights and biases of the configured network (one output unit for unknown data).
    pub fn weight_count(&self) -> usize {
        let outputs = crate::data::Task::of(self.dataset).outputs();
        let mut sizes = vec![self.features.0.len()];
        sizes.extend(&self.hidden.0);
        sizes.push(outputs);
        sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum()
    }

    /// Points × weights: one pass over the data costs that many multiply-adds.
    pub fn check_size(&self) -> Result<(), String> {
        let weights = self.weight_count();
        // In u64: usize is 32 bits in wasm.
        let work = (self.points as u64).saturating_mul(weights as u64);
        if work <= MAX_WORK {
            return Ok(());
        }
        Err(format!(
            "{} points and hidden layers {} ({weights} weights) make {work} multiply-adds per pass \
             over the data, more than the {MAX_WORK} a browser stays responsive with: use fewer \
             points or smaller layers",
            self.points, self.hidden
        ))
    }

    fn set_one(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        let Some(spec) = spec(key) else {
            if key.trim().is_empty() {
                return Err(err(
                    "",
                    format!(
                        "a pair with no key name (write key=value); known keys are {}",
                        KEYS.join(", ")
                    ),
                ));
            }
            // The key is echoed as an excerpt: an unknown key may be any text.
            return Err(err(
                &excerpt(key),
                format!("unknown key; known keys are {}", KEYS.join(", ")),
            ));
        };
        match key {
            "dataset" => self.dataset = choice(spec, value)?,
            "points" => self.points = number(spec, value)? as usize,
            "noise" => self.noise = number(spec, value)?,
            "trainRatio" => self.train_ratio = number(spec, value)?,
            "seed" => self.seed = number(spec, value)? as u64,
            "hidden" => self.hidden = value.parse().map_err(|m| err(key, m))?,
            "activation" => self.activation = choice(spec, value)?,
            "optimizer" => self.optimizer = choice(spec, value)?,
            "features" => self.features = value.parse().map_err(|m| err(key, m))?,
            "l1" => self.l1 = number(spec, value)?,
            "l2" => self.l2 = number(spec, value)?,
            "momentum" => self.momentum = number(spec, value)?,
            "nesterov" => {
                self.nesterov = match normalise(value).as_str() {
                    "true" | "1" | "yes" | "on" => true,
                    "false" | "0" | "no" | "off" => false,
                    _ => {
                        let value = excerpt(value);
                        return Err(err(key, format!("'{value}' is not true or false")));
                    }
                }
            }
            "lr" => self.lr = number(spec, value)?,
            "batch" => self.batch = number(spec, value)? as usize,
            _ => unreachable!("every key of the schema is set above"),
        }
        Ok(())
    }

    /// Reads `key=value&…` pairs (a URL hash, with or without `#`) over the defaults. Every bad
    /// pair is reported and skipped, so a typo never costs the rest of the link.
    pub fn from_query(query: &str) -> (Config, Vec<ConfigError>) {
        let mut config = Config::default();
        let errors = config.apply_query(query);
        (config, errors)
    }

    /// Applies `key=value&…` pairs to this config; returns what was rejected: the first
    /// [`MAX_LISTED_ERRORS`] errors and, when there were more, one error (key
    /// [`MORE_ERRORS_KEY`]) counting the rest. Every good pair is applied all the same.
    pub fn apply_query(&mut self, query: &str) -> Vec<ConfigError> {
        let query = query.trim_start_matches('#');
        let mut errors = Vec::new();
        let mut unlisted = 0usize;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (percent_decode(key), percent_decode(value));
            if let Err(e) = self.set(&key, &value) {
                if errors.len() < MAX_LISTED_ERRORS {
                    errors.push(e);
                } else {
                    unlisted += 1;
                }
            }
        }
        if unlisted > 0 {
            let pairs = if unlisted == 1 { "pair" } else { "pairs" };
            errors.push(err(
                MORE_ERRORS_KEY,
                format!(
                    "{unlisted} more rejected {pairs} not listed (only the first \
                     {MAX_LISTED_ERRORS} are)"
                ),
            ));
        }
        errors
    }

    /// The text form of one key, as `set` reads it.
    pub fn get(&self, key: &str) -> Option<String> {
        text_of(serde_json::to_value(self).ok()?.get(key)?)
    }

    /// The URL-hash form: every key, in a fixed order, so links are stable.
    pub fn to_query(&self) -> String {
        let json = serde_json::to_value(self).unwrap_or_default();
        KEYS.iter()
            .map(|k| format!("{k}={}", json.get(k).and_then(text_of).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn text_of(value: &serde_json::Value) -> Option<String> {
    Some(match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// Decodes `%XX` escapes and `+`; malformed escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_tutorial_setup() {
        let c = Config::default();
        assert_eq!(c.dataset, DatasetKind::Band);
        assert_eq!(c.hidden, Hidden(vec![2]));
        assert_eq!(c.activation, Activation::Tanh);
        assert_eq!(c.optimizer, OptimizerKind::Adam);
        assert_eq!(c.batch, 10);
    }

    #[test]
    fn query_round_trips() {
        let (c, errors) =
            Config::from_query("#dataset=xor&hidden=8,8&activation=relu&lr=0.03&batch=5&seed=7");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(c.dataset, DatasetKind::Xor);
        assert_eq!(c.hidden, Hidden(vec![8, 8]));
        assert_eq!(c.activation, Activation::Relu);
        assert_eq!(c.lr, 0.03);
        assert_eq!(c.batch, 5);
        assert_eq!(c.seed, 7);
        let (again, errors) = Config::from_query(&c.to_query());
        assert!(errors.is_empty());
        assert_eq!(again, c);
    }

    #[test]
    fn hidden_forms() {
        assert_eq!("none".parse::<Hidden>().unwrap(), Hidden(vec![]));
        assert_eq!(" 2 ".parse::<Hidden>().unwrap(), Hidden(vec![2]));
        assert_eq!("8,8".parse::<Hidden>().unwrap(), Hidden(vec![8, 8]));
        assert!("0".parse::<Hidden>().is_err());
        assert!("8,,8".parse::<Hidden>().is_err());
        assert!("two".parse::<Hidden>().is_err());
        assert_eq!(Hidden(vec![8, 8]).to_string(), "8,8");
        assert_eq!(Hidden(vec![]).to_string(), "none");
    }

    #[test]
    fn bad_pairs_are_named_and_defaults_kept() {
        let (c, errors) =
            Config::from_query("dataset=moon&colour=red&lr=-1&points=abc&hidden=2&batch=0");
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["dataset", "colour", "lr", "points", "batch"]);
        assert!(errors[0].message.contains("moon"));
        assert!(errors[1].message.contains("unknown key"));
        let d = Config::default();
        assert_eq!(c.dataset, d.dataset);
        assert_eq!(c.lr, d.lr);
        assert_eq!(c.points, d.points);
        assert_eq!(c.batch, d.batch);
    }

    #[test]
    fn garbage_never_panics() {
        for q in [
            "",
            "#",
            "&&&",
            "=",
            "==",
            "a=b=c",
            "%",
            "lr=%zz",
            "seed=%31%32",
            "lr=NaN",
        ] {
            let _ = Config::from_query(q);
        }
        let (c, e) = Config::from_query("seed=%31%32");
        assert!(e.is_empty());
        assert_eq!(c.seed, 12);
        let (_, e) = Config::from_query("lr=NaN");
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn messages_quote_a_short_excerpt_of_long_input() {
        let long = "9".repeat(5000);
        let e = Config::default().set("lr", &long).unwrap_err();
        assert_eq!(e.key, "lr");
        assert!(e.message.len() < 200, "{}", e.message);
        assert!(
            e.message
                .starts_with(&format!("'{}… (4960 more characters)'", "9".repeat(40))),
            "{}",
            e.message
        );
        for (key, value) in [
            ("dataset", "x".repeat(3000)),
            ("nesterov", "y".repeat(3000)),
            ("features", "z".repeat(3000)),
            ("hidden", "8,".repeat(3000)),
            ("points", "-".repeat(3000)),
        ] {
            let e = Config::default().set(key, &value).unwrap_err();
            assert_eq!(e.key, key);
            assert!(e.message.len() < 200, "{key}: {}", e.message);
            assert!(
                e.message.contains("more characters"),
                "{key}: {}",
                e.message
            );
        }
        let e = Config::default().set(&"k".repeat(3000), "1").unwrap_err();
        assert!(e.key.len() < 80, "{}", e.key);
        assert!(e.key.starts_with("kkkk") && e.key.ends_with("(2960 more characters)"));
        assert!(e.message.contains("unknown key"));
        // Short values are quoted whole; control characters are shown escaped.
        assert!(excerpt("moon") == "moon");
        assert_eq!(excerpt("a\u{0}b\n"), "a\\0b\\n");
        assert_eq!(
            excerpt(&"é".repeat(41)),
            format!("{}… (1 more character)", "é".repeat(40))
        );
    }

    #[test]
    fn many_bad_pairs_give_a_bounded_list() {
        let query: Vec<String> = (0..20_000).map(|i| format!("junk{i}=1")).collect();
        let (c, errors) = Config::from_query(&(query.join("&") + "&lr=0.5"));
        assert_eq!(errors.len(), MAX_LISTED_ERRORS + 1);
        assert_eq!(errors[0].key, "junk0");
        assert_eq!(errors[19].key, "junk19");
        let last = &errors[MAX_LISTED_ERRORS];
        assert_eq!(last.key, MORE_ERRORS_KEY);
        assert!(
            last.message
                .contains("19980 more rejected pairs not listed"),
            "{}",
            last.message
        );
        // Good pairs after the listed errors still count.
        assert_eq!(c.lr, 0.5);
        let (_, errors) = Config::from_query("a=1&b=2");
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn an_empty_hidden_value_is_rejected_but_none_is_not() {
        let mut c = Config::default();
        let e = c.set("hidden", "").unwrap_err();
        assert!(e.message.contains("expected widths"), "{}", e.message);
        assert!(e.message.contains("or none"));
        assert!(c.set("hidden", " ").is_err());
        assert_eq!(c.hidden, Hidden(vec![2]));
        let (c, errors) = Config::from_query("hidden=");
        assert_eq!(errors.len(), 1);
        assert_eq!(c.hidden, Hidden(vec![2]));
        let (c, errors) = Config::from_query("hidden=none");
        assert!(errors.is_empty());
        assert_eq!(c.hidden, Hidden(vec![]));
        let (c, errors) = Config::from_query("hidden=None");
        assert!(errors.is_empty());
        assert_eq!(c.hidden, Hidden(vec![]));
    }

    #[test]
    fn names_drop_only_spaces_dashes_and_underscores() {
        for name in [
            "leakyrelu",
            "Leaky ReLU",
            "leaky_relu",
            "leaky-relu",
            " LEAKYRELU ",
        ] {
            let mut c = Config::default();
            c.set("activation", name).unwrap();
            assert_eq!(c.activation, Activation::LeakyRelu, "{name}");
        }
        let mut c = Config::default();
        c.set("features", "X1, x_2, sin x1").unwrap();
        assert_eq!(c.features.to_string(), "x1,x2,sinx1");
        c.set("nesterov", "Yes").unwrap();
        assert!(c.nesterov);
        for (key, value, shown) in [
            ("dataset", "xor\0", "'xor\\0'"),
            ("dataset", "xor\u{1b}", "'xor\\u{1b}'"),
            ("dataset", "x.o.r", "'x.o.r'"),
            ("activation", "relu!", "'relu!'"),
            ("optimizer", "adam;", "'adam;'"),
            ("features", "x1,x2?", "'x2?'"),
            ("nesterov", "true.", "'true.'"),
        ] {
            let e = Config::default().set(key, value).unwrap_err();
            assert!(e.message.contains(shown), "{key}={value:?}: {}", e.message);
        }
        let (c, errors) = Config::from_query("dataset=xor%00");
        assert_eq!(c.dataset, DatasetKind::Band);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("xor\\0"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_pair_without_a_key_says_so() {
        for query in ["=5", "&=&", "%20=1"] {
            let (_, errors) = Config::from_query(query);
            assert_eq!(errors.len(), 1, "{query}");
            let e = &errors[0];
            assert!(
                e.message.contains("a pair with no key name"),
                "{query}: {e}"
            );
            let shown = e.to_string();
            assert!(!shown.starts_with(':') && !shown.contains(" :"), "{shown}");
            assert!(shown.starts_with("a pair with no key name"), "{shown}");
        }
    }

    #[test]
    fn json_is_the_same_config() {
        let c = Config::default();
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"trainRatio\""));
        assert!(json.contains("\"hidden\":\"2\""));
        let back: Config = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let partial: Config = serde_json::from_str(r#"{"hidden": [8, 8], "lr": 0.1}"#).unwrap();
        assert_eq!(partial.hidden, Hidden(vec![8, 8]));
        assert!(serde_json::from_str::<Config>(r#"{"bogus": 1}"#).is_err());
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn a_network_too_big_for_its_data_is_refused_by_the_key_that_makes_it_so() {
        let (c, errors) = Config::from_query("points=20000&hidden=256,256,256,256,256,256&batch=1");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].key, "hidden");
        assert!(errors[0].message.contains("fewer points or smaller layers"));
        assert_eq!(c.hidden, Config::default().hidden);
        assert_eq!(c.points, 20000);
        // The same layers with fewer points fit, and then more points are refused.
        let (mut c, errors) = Config::from_query("points=200&hidden=256,256,256");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(c.weight_count(), 3 * 256 + 257 * 256 * 2 + 257);
        assert!(c.set("points", "20000").is_err());
        assert_eq!(c.points, 200);
        // What the speed issue's wide case needs stays possible.
        assert!(Config::from_query("points=2000&hidden=64,64").1.is_empty());
    }
}
