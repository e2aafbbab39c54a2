//! Passes over the data: the network's inputs per point, gathering minibatches, and whole-set
//! losses, gradients and metrics a workspace-full at a time (no allocation while training).

use super::Metrics;
use crate::config::Features;
use crate::data::Dataset;
use crate::nn::{Gradients, Mlp, Workspace};

/// The network's inputs for a set of points: the configured features, row by row.
pub(super) struct Inputs {
    pub(super) width: usize,
    pub(super) values: Vec<f64>,
}

impl Inputs {
    pub(super) fn new(features: &Features, data: &Dataset) -> Inputs {
        let mut values = Vec::with_capacity(data.len() * features.0.len());
        for &p in &data.x {
            values.extend(features.0.iter().map(|f| f.of(p)));
        }
        Inputs {
            width: features.0.len(),
            values,
        }
    }
}

/// Copies the chosen rows' inputs into the workspace and their labels into `y`.
pub(super) fn gather(
    inputs: &Inputs,
    labels: &[f64],
    rows: &[usize],
    ws: &mut Workspace,
    y: &mut Vec<f64>,
) {
    let input = &mut ws.a[0];
    // Column k of the batch from each row's input k, through plain slices: indexing the matrix
    // checked both bounds per number (8% of a small network's training in wasm).
    let m = input.nrows();
    debug_assert!(rows.len() <= m);
    let (width, values) = (inputs.width, &inputs.values[..]);
    for (k, column) in input.as_mut_slice().chunks_exact_mut(m).enumerate() {
        for (v, &i) in column.iter_mut().zip(rows) {
            *v = values[i * width + k];
        }
    }
    y.clear();
    y.extend(rows.iter().map(|&i| labels[i]));
}

/// Loads rows start..end into the workspace (unused rows are left as they were).
pub(super) fn load(inputs: &Inputs, start: usize, end: usize, ws: &mut Workspace) {
    // Column by column through plain slices, as `gather` (indexing the matrix checks both
    // bounds per number).
    let input = &mut ws.a[0];
    let m = input.nrows();
    debug_assert!(end - start <= m);
    let width = inputs.width;
    let rows = &inputs.values[start * width..end * width];
    for (k, column) in input.as_mut_slice().chunks_exact_mut(m).enumerate() {
        for (v, row) in column.iter_mut().zip(rows.chunks_exact(width)) {
            *v = row[k];
        }
    }
}

/// Mean data loss and its gradient over a whole data set, a workspace-full at a time.
pub(super) fn full_batch_gradient(
    model: &Mlp,
    inputs: &Inputs,
    data: &Dataset,
    ws: &mut Workspace,
    grads: &mut Gradients,
    chunk: &mut Gradients,
) -> f64 {
    grads.fill_zero();
    let n = data.len();
    let mut loss = 0.0;
    let mut start = 0;
    // Whole-capacity chunks, the last one too (its extra rows count nothing), as the sums
    // have always been made: an evaluation may have left the workspace shorter.
    ws.set_rows(ws.capacity());
    while start < n {
        let end = (start + ws.rows()).min(n);
        load(inputs, start, end, ws);
        model.forward(ws);
        // A short last chunk: backward only counts the rows it has labels for.
        let l = model.backward(ws, &data.y[start..end], chunk);
        let w = (end - start) as f64 / n as f64;
        grads.add_scaled(chunk, w);
        loss += l * w;
        start = end;
    }
    loss
}

/// Mean data loss and accuracy over a whole data set, a workspace-full at a time, and its
/// confusion matrix as a by-product: `classes` × `classes` counts, row = true class, column =
/// predicted class (empty for regression), written into `confusion`, which is reused.
pub(super) fn evaluate(
    model: &Mlp,
    inputs: &Inputs,
    data: &Dataset,
    ws: &mut Workspace,
    classes: usize,
    confusion: &mut Vec<u32>,
) -> Metrics {
    confusion.clear();
    confusion.resize(classes * classes, 0);
    if data.is_empty() {
        return Metrics::default();
    }
    let last = model.layers.len() - 1;
    let (mut loss, mut correct, mut counted) = (0.0, 0usize, false);
    // A short last chunk computes its own rows only.
    ws.in_chunks(data.len(), |ws, chunk| {
        load(inputs, chunk.start, chunk.end, ws);
        model.forward(ws);
        model
            .output
            .add_losses(&ws.z[last], &data.y[chunk.clone()], &mut loss);
        for (r, i) in chunk.enumerate() {
            if let Some(ok) = model.output.correct(&ws.z[last], r, data.y[i]) {
                counted = true;
                correct += usize::from(ok);
            }
            if let Some(p) = model.output.predicted(&ws.z[last], r) {
                let y = data.y[i] as usize;
                if y < classes && p < classes {
                    confusion[y * classes + p] += 1;
                }
            }
        }
    });
    let n = data.len() as f64;
    Metrics {
        loss: loss / n,
        accuracy: counted.then(|| correct as f64 / n),
    }
}
