//! One point's forward pass with its own numbers, for the card shown when a reader points at
//! it: every input, then per layer each unit's weighted sum and activation, then the output.

use crate::config::Features;
use crate::data::{Split, Task};
use crate::nn::Mlp;
use serde::Serialize;

/// Units (and terms of a sum) listed per layer; the rest are counted.
const SHOWN: usize = 6;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub index: usize,
    /// "train" or "test".
    pub set: &'static str,
    pub x: [f64; 2],
    pub label: f64,
    /// The network's inputs: (name, value).
    pub inputs: Vec<(String, f64)>,
    pub layers: Vec<CardLayer>,
    /// The output's values (P(class 1), the class probabilities, or the prediction).
    pub output: Vec<f64>,
    /// What the network predicts: a class, or a value.
    pub prediction: f64,
    pub correct: Option<bool>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardLayer {
    /// "tanh", "relu", …, or the output's "sigmoid", "softmax", "linear".
    pub activation: &'static str,
    pub units: Vec<CardUnit>,
    /// Units not listed.
    pub more: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardUnit {
    pub unit: usize,
    /// (weight, input value) of the first terms of z = Σ w·a + b.
    pub terms: Vec<[f64; 2]>,
    pub more_terms: usize,
    pub b: f64,
    pub z: f64,
    pub a: f64,
}

/// The card of point `index` (training points first, then test points); None past the end.
pub fn card(model: &Mlp, features: &Features, data: &Split, index: usize) -> Option<Card> {
    let n_train = data.train.len();
    let (set, name, i) = if index < n_train {
        (&data.train, "train", index)
    } else {
        (&data.test, "test", index - n_train)
    };
    let x = *set.x.get(i)?;
    let mut a: Vec<f64> = features.0.iter().map(|f| f.of(x)).collect();
    let inputs = features
        .0
        .iter()
        .zip(&a)
        .map(|(f, v)| (f.name().to_string(), *v))
        .collect();
    let last = model.layers.len() - 1;
    let mut layers = Vec::new();
    for (l, layer) in model.layers.iter().enumerate() {
        let z: Vec<f64> = (0..layer.fan_out())
            .map(|j| {
                layer.b[j]
                    + (0..layer.fan_in())
                        .map(|k| layer.w[(k, j)] * a[k])
                        .sum::<f64>()
            })
            .collect();
        let next: Vec<f64> = if l < last {
            z.iter().map(|&z| model.activation.apply(z)).collect()
        } else {
            output(model, &z)
        };
        let units = (0..layer.fan_out().min(SHOWN))
            .map(|j| CardUnit {
                unit: j,
                terms: (0..layer.fan_in().min(SHOWN))
                    .map(|k| [layer.w[(k, j)], a[k]])
                    .collect(),
                more_terms: layer.fan_in().saturating_sub(SHOWN),
                b: layer.b[j],
                z: z[j],
                a: next[j],
            })
            .collect();
        let activation = if l < last {
            model.activation.name()
        } else {
            output_name(data.task)
        };
        layers.push(CardLayer {
            activation,
            units,
            more: layer.fan_out().saturating_sub(SHOWN),
        });
        a = next;
    }
    let label = set.y[i];
    let (prediction, correct) = match data.task {
        Task::Binary => {
            let p = f64::from(u8::from(a[0] > 0.5));
            (p, Some(p == label))
        }
        Task::Multiclass(_) => {
            let best = a
                .iter()
                .enumerate()
                .fold(
                    (0, f64::NEG_INFINITY),
                    |b, (k, &v)| if v > b.1 { (k, v) } else { b },
                )
                .0 as f64;
            (best, Some(best == label))
        }
        Task::Regression => (a[0], None),
    };
    Some(Card {
        index,
        set: name,
        x,
        label,
        inputs,
        layers,
        output: a,
        prediction,
        correct,
    })
}

fn output(model: &Mlp, z: &[f64]) -> Vec<f64> {
    let m = nalgebra::DMatrix::from_row_slice(1, z.len(), z);
    let mut out = m.clone();
    model.output.activate(&m, &mut out);
    out.iter().copied().collect()
}

fn output_name(task: Task) -> &'static str {
    match task {
        Task::Binary => "sigmoid",
        Task::Multiclass(_) => "softmax",
        Task::Regression => "linear",
    }
}
