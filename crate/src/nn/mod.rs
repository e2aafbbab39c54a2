//! The network: activations, output layers with their losses, and a batched MLP.

pub mod activation;
pub mod fastmath;
pub mod kernels;
pub mod loss;
pub mod mlp;

pub use loss::Output;
pub use mlp::{Gradients, Layer, LayerWeights, Mlp, Workspace};
