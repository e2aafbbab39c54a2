//! Binary cross-entropy of a sigmoid output, computed from the logit so that it stays finite.

/// −y·log σ(z) − (1−y)·log(1−σ(z)) = log(1 + e^z) − y·z, evaluated without overflow.
pub fn bce_from_logit(z: f64, y: f64) -> f64 {
    z.max(0.0) - y * z + libm::log1p(libm::exp(-z.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::activation::sigmoid;

    #[test]
    fn equals_the_textbook_form() {
        for (z, y) in [(-3.0, 0.0), (-0.2, 1.0), (0.5, 0.0), (4.0, 1.0)] {
            let p = sigmoid(z);
            let textbook = -y * p.ln() - (1.0 - y) * (1.0 - p).ln();
            assert!((bce_from_logit(z, y) - textbook).abs() < 1e-12);
        }
        assert!(bce_from_logit(800.0, 0.0).is_finite());
        assert!(bce_from_logit(-800.0, 1.0).is_finite());
    }
}
