//! The kinds of value a config key takes: data sets, activations, optimizers, input features
//! and hidden-layer widths, with their text forms, and the excerpts messages quote.

use super::{MAX_DEPTH, MAX_WIDTH};
use serde::{Deserialize, Serialize};
use std::fmt;

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

impl Activation {
    pub fn name(self) -> &'static str {
        ACTIVATIONS[self as usize]
    }
}

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
///
/// The text is only compared with ASCII names, so it matches what full Unicode lower-casing would
/// (`char::to_lowercase`, whose ~11 KB table the wasm module then leaves out): no other
/// character but the Kelvin sign lowers to ASCII alone (a test checks every character).
pub(crate) fn normalise(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .map(|c| match c {
            '\u{212A}' => 'k',
            c => c.to_ascii_lowercase(),
        })
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
        let start = out.len();
        if c.is_control() {
            escape_control(c, &mut out);
        } else {
            out.push(c);
        }
        let w = if c.is_control() { out.len() - start } else { 1 };
        if width + w > EXCERPT_CHARS {
            out.truncate(start);
            break;
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

/// A control character as `char::escape_debug` writes it (`\\n`, `\\0`, `\\u{1b}`), without the
/// Unicode tables that function brings into the wasm module (~6 KB) for other characters.
fn escape_control(c: char, out: &mut String) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        _ => {
            out.push_str("\\u{");
            let hex = b"0123456789abcdef";
            let v = c as u32;
            let count = (32 - (v | 1).leading_zeros()).div_ceil(4);
            for k in (0..count).rev() {
                out.push(hex[(v >> (4 * k) & 15) as usize] as char);
            }
            out.push('}');
        }
    }
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
