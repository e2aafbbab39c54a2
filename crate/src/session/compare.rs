//! Two runs side by side (the element's `compare` link): the linked run starts from the other
//! run's initial weights when the two networks have the same shape, so that what differs
//! between the runs is only what the reader chose to differ (optimizer, activation, rate…).

use super::Session;

impl Session {
    /// The layer sizes: inputs, each hidden layer's units, outputs.
    pub fn shape(&self) -> Vec<usize> {
        self.model.sizes()
    }

    /// All weights and biases, as `Mlp::write_params` lays them out.
    pub fn params(&self) -> Vec<f64> {
        let mut params = vec![0.0; self.model.param_count()];
        self.model.write_params(&mut params);
        params
    }

    /// Starts this run, not yet trained, from another run's weights (`shape` and `params` as
    /// `shape()` and `params()` give them), with a fresh optimizer. An error says why they do
    /// not fit: the run has trained already, or the networks differ in shape.
    pub fn start_from(&mut self, shape: &[usize], params: &[f64]) -> Result<(), String> {
        if self.epoch != 0 || self.cursor != 0 {
            return Err(format!(
                "this run has trained {} epochs already; reset it first",
                self.epoch
            ));
        }
        let own = self.shape();
        if shape != own.as_slice() || params.len() != self.model.param_count() {
            return Err(format!(
                "the networks differ in shape ({} against {})",
                sizes_text(shape),
                sizes_text(&own)
            ));
        }
        if let Some(bad) = params.iter().find(|p| !p.is_finite()) {
            return Err(format!(
                "'{}' is not a finite weight",
                crate::config::Plain(*bad)
            ));
        }
        self.restore_params(params);
        self.finite.copy_from_slice(params);
        self.finite_epoch = 0;
        Ok(())
    }
}

/// Layer sizes as the reader writes a network: `2-3-1`.
pub fn sizes_text(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {

    use crate::session::test_session as session;

    #[test]
    fn a_linked_run_starts_from_the_others_weights_and_trains_its_own_way() {
        let mut a = session("seed=7&optimizer=adam");
        let mut b = session("seed=8&optimizer=sgd");
        assert_ne!(a.params(), b.params());
        b.start_from(&a.shape(), &a.params()).unwrap();
        assert_eq!(a.params(), b.params());
        a.step(5);
        b.step(5);
        assert_ne!(
            a.params(),
            b.params(),
            "different optimizers train differently"
        );
        assert!(b.params().iter().all(|p| p.is_finite()));
    }

    #[test]
    fn weights_of_another_shape_or_a_trained_run_are_refused() {
        let a = session("hidden=2");
        let mut b = session("hidden=3");
        let err = b.start_from(&a.shape(), &a.params()).unwrap_err();
        assert!(err.contains("2-2-1 against 2-3-1"), "{err}");
        let mut c = session("hidden=2");
        c.step(1);
        assert!(c
            .start_from(&a.shape(), &a.params())
            .unwrap_err()
            .contains("reset"));
        let mut d = session("hidden=2");
        let mut bad = a.params();
        bad[0] = f64::NAN;
        assert!(d.start_from(&a.shape(), &bad).is_err());
        // Nothing changed on refusal.
        assert_eq!(d.params(), session("hidden=2").params());
    }
}
