//! `featurespace train`: the playground's training, headless. Every flag is a config key and is
//! read by the same parser as the URL hash, so a run here equals the same link in the browser.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
