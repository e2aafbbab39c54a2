//! What the launcher (`src/main.rs`) and the tasks (`src/tasks.rs`) share. Standard library
//! only, so that the launcher compiles in a second on a fresh machine.

pub mod heartbeat;
