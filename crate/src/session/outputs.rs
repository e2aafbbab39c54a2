//! What exports need beyond the state: the network's outputs at every point (the Python script
//! checks its own predictions against them) and the initial weights (it trains from them).

use super::passes::{load, Inputs};
use super::Session;
use crate::data::{self, Stream};
use crate::nn::{LayerWeights, Mlp, Workspace};

impl Session {
    /// The output layer's activations (σ(z), the softmax's probabilities or the regression's
    /// value) for the training then the test points, `outputs` values per point.
    pub fn outputs(&mut self) -> Vec<f64> {
        let mut out = Vec::new();
        let ws = &mut self.eval_ws;
        append_outputs(&self.model, &self.train_inputs, ws, &mut out);
        append_outputs(&self.model, &self.test_inputs, ws, &mut out);
        out
    }

    /// The weights this run started from, which Reset goes back to: the same seeded draw as
    /// `Session::with_data`.
    pub fn initial_weights(&self) -> Vec<LayerWeights> {
        let model = &self.model;
        let mut rng = data::rng(self.config.seed, Stream::Init);
        Mlp::new(&model.sizes(), model.activation, model.output, &mut rng).weights()
    }
}

fn append_outputs(model: &Mlp, inputs: &Inputs, ws: &mut Workspace, out: &mut Vec<f64>) {
    let last = model.layers.len();
    let n = inputs.values.len() / inputs.width.max(1);
    ws.in_chunks(n, |ws, chunk| {
        load(inputs, chunk.start, chunk.end, ws);
        model.forward(ws);
        let a = &ws.a[last];
        for r in 0..a.nrows() {
            out.extend((0..a.ncols()).map(|k| a[(r, k)]));
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::session::Session;

    #[test]
    fn outputs_are_the_networks_predictions_for_every_point() {
        let (config, errors) = Config::from_query("dataset=blobs3&points=90&hidden=3");
        assert!(errors.is_empty());
        let mut s = Session::new(config);
        s.step(5);
        let out = s.outputs();
        let n = s.data().train.len() + s.data().test.len();
        assert_eq!(out.len(), 3 * n);
        for p in out.chunks(3) {
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
        // The predicted classes give the reported accuracy.
        let train = s.data().train.clone();
        let right = out
            .chunks(3)
            .zip(&train.y)
            .filter(|(p, &y)| {
                let best = (0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b });
                best as f64 == y
            })
            .count();
        let acc = s.train_metrics().accuracy.unwrap();
        assert!((right as f64 / train.len() as f64 - acc).abs() < 1e-12);
    }

    #[test]
    fn initial_weights_are_the_ones_reset_starts_from() {
        let (config, _) = Config::from_query("dataset=xor&hidden=4,3&points=60");
        let mut s = Session::new(config.clone());
        let start = s.model().weights();
        s.step(3);
        assert_ne!(s.model().weights(), start);
        assert_eq!(s.initial_weights(), start);
    }
}
