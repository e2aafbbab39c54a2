//! Feature Space: a neural-network playground. This crate is the pure-Rust core (data sets,
//! network, optimizers, training session, view buffers); `web` is a thin wasm-bindgen layer.

// The benchmark cases: native always (the CLI's `bench`), in wasm only in the build with the
// `bench` feature that `cargo xtask bench` makes for www/bench.html (the page never loads them).
#[cfg(any(feature = "bench", not(target_arch = "wasm32")))]
pub mod bench;
pub mod config;
pub mod data;
pub mod edit;
pub mod history;
pub mod nn;
pub mod optim;
pub mod raster;
pub mod session;
pub mod views;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use config::Config;
pub use session::{Metrics, Session};
