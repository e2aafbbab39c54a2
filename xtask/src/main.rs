//! `cargo xtask …` starts here. This launcher uses the standard library alone, so cargo builds
//! it in a second; it then builds the tasks (`src/tasks.rs`, whose dependencies take a few
//! minutes on a fresh machine) with cargo's progress shown and a heartbeat whenever cargo is
//! quiet, and runs them with the same arguments.

use std::path::PathBuf;
use std::process::{exit, Command};
use xtask::heartbeat;

const TASKS: &str = "xtask-tasks";

fn main() {
    let exe = std::env::current_exe().expect("the launcher's own path");
    // Cargo puts every binary of the package in the same folder.
    let tasks: PathBuf = exe.with_file_name(format!("{TASKS}{}", std::env::consts::EXE_SUFFIX));
    if !tasks.exists() {
        eprintln!(
            "xtask: compiling the project's tools once (the wasm bindings generator and its \
             dependencies; a few minutes on a fresh machine)"
        );
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = heartbeat::run(
        Command::new(cargo).args(["build", "--package", "xtask", "--bin", TASKS]),
        "compiling the project's tools",
    );
    match built {
        Ok(status) if status.success() => {}
        Ok(status) => exit(status.code().unwrap_or(1)),
        Err(e) => {
            eprintln!("xtask: could not run cargo to build the tools: {e}");
            exit(1);
        }
    }
    let mut run = Command::new(&tasks);
    run.args(std::env::args_os().skip(1));
    exit(replace_with(&mut run));
}

/// Runs the tasks in this process's place where the system allows (signals and process groups
/// then reach them directly), else as a child, returning its exit code.
#[cfg(unix)]
fn replace_with(cmd: &mut Command) -> i32 {
    use std::os::unix::process::CommandExt;
    let error = cmd.exec();
    eprintln!("xtask: could not start {}: {error}", TASKS);
    1
}

#[cfg(not(unix))]
fn replace_with(cmd: &mut Command) -> i32 {
    match cmd.status() {
        Ok(status) => status.code().unwrap_or(1),
        Err(e) => {
            eprintln!("xtask: could not start {TASKS}: {e}");
            1
        }
    }
}
