//! The wasm32 test runner cargo calls with a test's .wasm path (`cargo xtask test` sets it as
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER): the pinned wasm-bindgen test runner, as a
//! library, so that no CLI needs installing. Built only with the `test-runner` feature.

fn main() {
    let argv =
        std::iter::once("wasm-bindgen-test-runner".to_string()).chain(std::env::args().skip(1));
    if let Err(e) = wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(argv) {
        eprintln!("wasm-test-runner: {e:#}");
        std::process::exit(1);
    }
}
