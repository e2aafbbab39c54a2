//! The network: activations, the binary cross-entropy loss and a batched MLP.

pub mod activation;
pub mod loss;
pub mod mlp;

pub use mlp::{Gradients, Layer, Mlp, Workspace};
