//! The one description of an experiment. The URL hash, the JS API, the CLI and the tests all
//! read and write it through `set`, so a key means the same thing everywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

pub mod fields;
mod number_parse;
mod number_text;
pub use number_parse::parse_number;
pub use number_text::{exp_fixed, exponent, fixed, plain, Plain};
pub mod schema;
mod values;
use schema::{spec, KeySpec, Kind, SCHEMA};
use values::normalise;
pub use values::*;

pub const MAX_WIDTH: usize = 256;
/// Points × weights at most: a pass over the data (to train, or to measure loss and accuracy)
/// then costs at most ~0.1 s in a browser.
pub const MAX_WORK: u64 = 100_000_000;
pub const MAX_DEPTH: usize = 6;
pub const MAX_POINTS: usize = 20_000;
/// The largest `stopAtEpoch` (a billion epochs: days of training at any speed).
pub const MAX_STOP_EPOCH: u64 = 1_000_000_000;
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
    /// Stop conditions (0 = off), checked at each epoch's end by `Session` (see `session::stop`).
    pub stop_at_epoch: u64,
    pub stop_at_loss: f64,
    pub stop_at_accuracy: f64,
    /// Points drawn on the input plane (see `data::drawn`): the `custom` data set when not empty.
    pub drawn: crate::data::drawn::Drawn,
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
            stop_at_epoch: 0,
            stop_at_loss: 0.0,
            stop_at_accuracy: 0.0,
            drawn: Default::default(),
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
    let parsed = parse_number(value.trim()).filter(|v| v.is_finite());
    let out_of_range = || {
        let kind = if whole { "whole number" } else { "number" };
        let range = if above_min {
            format!("above {} and at most {}", Plain(min), Plain(max))
        } else {
            format!("from {} to {}", Plain(min), Plain(max))
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
    // serde's own string deserializer: its errors need none of serde_json's formatting.
    let text =
        serde::de::value::StringDeserializer::<serde::de::value::Error>::new(normalise(value));
    T::deserialize(text).map_err(|_| {
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
        let work = (self.point_count() as u64).saturating_mul(weights as u64);
        if work <= MAX_WORK {
            return Ok(());
        }
        Err(format!(
            "{} points and hidden layers {} ({weights} weights) make {work} multiply-adds per pass \
             over the data, more than the {MAX_WORK} a browser stays responsive with: use fewer \
             points or smaller layers",
            self.point_count(),
            self.hidden
        ))
    }

    /// The points the data set has: the drawn ones for a drawn `custom` set, else `points`.
    pub fn point_count(&self) -> usize {
        if self.dataset == DatasetKind::Custom && !self.drawn.is_empty() {
            self.drawn.count()
        } else {
            self.points
        }
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
            "stopAtEpoch" => self.stop_at_epoch = number(spec, value)? as u64,
            "stopAtLoss" => self.stop_at_loss = number(spec, value)?,
            "stopAtAccuracy" => self.stop_at_accuracy = number(spec, value)?,
            "drawn" => {
                self.drawn = crate::data::drawn::Drawn::parse(value).map_err(|m| err(key, m))?
            }
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
        // The size is the whole config's: judged once every pair is in, so that
        // `hidden=…&points=…` counts its own points in either order. Only a config too big as a
        // whole is built again pair by pair, refusing the pair that makes it so.
        let before = self.clone();
        let mut errors = self.apply_pairs(query, false);
        if self.check_size().is_err() {
            *self = before;
            errors = self.apply_pairs(query, true);
        }
        let unlisted = errors.len().saturating_sub(MAX_LISTED_ERRORS);
        errors.truncate(MAX_LISTED_ERRORS);
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

    /// Each pair set (by `set`, with the size checked after each, if `checked`); the errors of
    /// those rejected.
    fn apply_pairs(&mut self, query: &str, checked: bool) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (percent_decode(key), percent_decode(value));
            let set = if checked {
                Config::set
            } else {
                Config::set_one
            };
            if let Err(e) = set(self, &key, &value) {
                errors.push(e);
            }
        }
        errors
    }

    /// The text form of one key, as `set` reads it.
    pub fn get(&self, key: &str) -> Option<String> {
        let fields = fields::fields(self).ok()?;
        let (_, value) = fields.iter().find(|(k, _)| *k == key)?;
        Some(value.text())
    }

    /// The URL-hash form: every key, in a fixed order, so links are stable (`drawn` only when
    /// there is a drawing).
    pub fn to_query(&self) -> String {
        let fields = fields::fields(self).unwrap_or_default();
        let text = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.text())
                .unwrap_or_default()
        };
        KEYS.iter()
            .filter(|&&k| k != "drawn" || !self.drawn.is_empty())
            .map(|k| format!("{k}={}", text(k)))
            .collect::<Vec<_>>()
            .join("&")
    }
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
mod tests;
