//! Output that never goes quiet. One long crate (walrus, the core with LTO) or a wasm-opt pass
//! prints nothing for many seconds, and a newcomer cannot tell work from a hang. These run such
//! work and, whenever it has been quiet, say that it is still under way and for how long.
//!
//! On a terminal (or wherever cargo's bar is asked for with CARGO_TERM_PROGRESS_WHEN=always)
//! the heartbeat is written in place every `QUIET`: into cargo's progress bar when one is open,
//! else as a status line that the next output replaces. In a log it is a line every `LOG_QUIET`.

use std::io::{self, IsTerminal, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest stretch without output on a terminal.
pub const QUIET: Duration = Duration::from_secs(2);
/// The same in a log (CI), where every heartbeat stays as a line.
pub const LOG_QUIET: Duration = Duration::from_secs(10);

/// Erases from the cursor to the end of the line.
const ERASE_TO_END: &str = "\x1b[K";
/// Erases the line the cursor is on.
const ERASE: &str = "\r\x1b[K";

/// What the output looks like so far, for the heartbeat to fit in.
struct Output {
    /// Rewrite in place (a terminal) or add lines (a log).
    terminal: bool,
    /// When anything (the command's output or a heartbeat) was last written.
    last: Instant,
    /// The command's text after its last `\r` or `\n`.
    open: Vec<u8>,
    /// The text before the last `\r`, still on screen while nothing has replaced it: cargo
    /// draws its bar and then returns to the start of the line.
    under_cursor: Vec<u8>,
    /// When that text last changed (how long cargo's bar has shown the same crates).
    line_since: Instant,
    /// Whether a status line of ours is on screen, to be erased before the next output.
    status_shown: bool,
    /// What the command wrote to stdout and to stderr, when its caller reads it.
    captured: Option<[Vec<u8>; 2]>,
}

impl Output {
    fn new() -> Self {
        let terminal = io::stderr().is_terminal()
            || std::env::var("CARGO_TERM_PROGRESS_WHEN").is_ok_and(|v| v == "always");
        Output {
            terminal,
            // Half a pause already counted: the work before this (another command's quiet end,
            // the tasks' own set-up) has been quiet too.
            last: Instant::now() - QUIET / 2,
            open: Vec::new(),
            under_cursor: Vec::new(),
            line_since: Instant::now(),
            status_shown: false,
            captured: None,
        }
    }

    fn quiet(&self) -> bool {
        self.last.elapsed() >= if self.terminal { QUIET } else { LOG_QUIET }
    }

    /// Writes one heartbeat to stderr.
    fn beat(&mut self, doing: &str, elapsed: Duration) {
        let (text, status_shown) = heartbeat(
            self.screen_line(),
            self.status_shown,
            self.terminal,
            doing,
            elapsed,
            self.line_since.elapsed(),
        );
        self.status_shown = status_shown;
        write_err(&text);
        self.last = Instant::now();
    }

    /// Follows the command's output: which text is on the cursor's line.
    fn track(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' => {
                    self.open.clear();
                    self.under_cursor.clear();
                    self.line_since = Instant::now();
                }
                b'\r' if !self.open.is_empty() => {
                    if self.open != self.under_cursor {
                        self.line_since = Instant::now();
                    }
                    self.under_cursor = std::mem::take(&mut self.open);
                }
                b'\r' => {}
                _ => self.open.push(b),
            }
        }
    }

    /// The text on the cursor's line: what was written since the last `\r`, or, if that is
    /// nothing visible and did not erase the line, what was there before it.
    fn screen_line(&self) -> &[u8] {
        let open = String::from_utf8_lossy(&self.open);
        if !strip_ansi(&open).is_empty() || open.contains(ERASE_TO_END) {
            &self.open
        } else {
            &self.under_cursor
        }
    }

    /// Erases our status line, if one is shown.
    fn erase_status(&mut self) {
        if std::mem::take(&mut self.status_shown) {
            write_err(ERASE);
        }
    }
}

fn write_err(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Runs `cmd` to its end with its output passed through, adding a heartbeat whenever it is
/// quiet. `doing` names the work in the heartbeat's own lines ("building the core").
pub fn run(cmd: &mut Command, doing: &str) -> io::Result<ExitStatus> {
    if io::stderr().is_terminal() {
        // Piped, cargo would hide its bar and colours: ask for what the terminal would show.
        terminal_defaults(cmd);
    }
    Ok(watch(cmd, doing, false)?.0)
}

/// `run` for a command whose output is read afterwards (test counts): its stdout then its
/// stderr as text. The command writes as it would into a pipe (no colours asked for), so the
/// text is what a log of it shows.
pub fn run_capturing(cmd: &mut Command, doing: &str) -> io::Result<(ExitStatus, String)> {
    let (status, [out, err]) = watch(cmd, doing, true)?;
    let text = String::from_utf8_lossy(&out).into_owned() + &String::from_utf8_lossy(&err);
    Ok((status, text))
}

/// Runs `cmd`, passing its output through (and keeping it if `capture`) with heartbeats.
fn watch(cmd: &mut Command, doing: &str, capture: bool) -> io::Result<(ExitStatus, [Vec<u8>; 2])> {
    let start = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let mut output = Output::new();
    output.captured = capture.then(Default::default);
    let output = Arc::new(Mutex::new(output));
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let readers = [
        pass_through(stdout, io::stdout, 0, &output),
        pass_through(stderr, io::stderr, 1, &output),
    ];
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(200));
        let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
        if out.quiet() {
            out.beat(doing, start.elapsed());
        }
    };
    for reader in readers {
        let _ = reader.join();
    }
    let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
    out.erase_status();
    Ok((status, out.captured.take().unwrap_or_default()))
}

/// Runs `work` on this thread while another gives the heartbeat for it (work in this process
/// that prints nothing, such as generating the bindings).
pub fn during<T>(doing: &str, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let (done, finished) = channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut out = Output::new();
            let tick = if out.terminal { QUIET } else { LOG_QUIET };
            while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(tick) {
                out.beat(doing, start.elapsed());
            }
            out.erase_status();
        });
        let result = work();
        let _ = done.send(());
        result
    })
}

/// Copies a stream of the child (`stream` 0: stdout, 1: stderr) to ours as it comes, keeping
/// track of the open line.
fn pass_through<W: Write + 'static>(
    mut from: impl Read + Send + 'static,
    to: fn() -> W,
    stream: usize,
    output: &Arc<Mutex<Output>>,
) -> std::thread::JoinHandle<()> {
    let output = Arc::clone(output);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n @ 1..) = from.read(&mut buffer) {
            let bytes = &buffer[..n];
            let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
            out.erase_status();
            let mut sink = to();
            let _ = sink.write_all(bytes).and_then(|()| sink.flush());
            out.track(bytes);
            if let Some(captured) = &mut out.captured {
                captured[stream].extend_from_slice(bytes);
            }
            out.last = Instant::now();
        }
    })
}

/// The heartbeat's text after `open`, the text on the cursor's line, and maybe a status line
/// of ours (`status_shown`). On a terminal: cargo's bar rewritten in place with `line_age` (how
/// long it has stood) when one is shown and has room, the cursor put back at the line's start
/// where cargo expects it; else a status line in place with `elapsed` (the work's time). In a
/// log, a line. With it, whether a status line of ours is left on screen.
fn heartbeat(
    open: &[u8],
    status_shown: bool,
    terminal: bool,
    doing: &str,
    elapsed: Duration,
    line_age: Duration,
) -> (String, bool) {
    let bar = String::from_utf8_lossy(open);
    let visible = strip_ansi(&bar);
    let suffix = format!(" ({} s)", line_age.as_secs());
    let kept = bar.trim_end();
    let room = visible.chars().count();
    let used = strip_ansi(kept).chars().count() + suffix.len();
    let status = format!("xtask: still {doing} ({} s)", elapsed.as_secs());
    let is_bar = visible.trim_start().starts_with("Building");
    // A line the command left unfinished stays (a bar on a terminal is replaced); ours goes
    // below it.
    let unfinished = !visible.trim().is_empty();
    if !terminal {
        let below = if unfinished { "\n" } else { "" };
        (format!("{below}{status}\n"), false)
    } else if is_bar && used <= room && !status_shown {
        (
            format!("\r{kept}{suffix}{}\r", " ".repeat(room - used)),
            false,
        )
    } else {
        let below = if unfinished && !is_bar && !status_shown {
            "\n"
        } else {
            ""
        };
        (format!("{below}{ERASE}{status}"), true)
    }
}

/// The text a terminal shows: without the escape sequences of colours (ESC [ … letter).
fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Cargo's bar and colours, as a terminal of this width would get them, unless the user chose.
fn terminal_defaults(cmd: &mut Command) {
    let width = terminal_width().to_string();
    for (key, value) in [
        ("CARGO_TERM_PROGRESS_WHEN", "always"),
        ("CARGO_TERM_COLOR", "always"),
        ("CARGO_TERM_PROGRESS_WIDTH", width.as_str()),
    ] {
        if std::env::var_os(key).is_none() {
            cmd.env(key, value);
        }
    }
}

/// The terminal's columns (`stty size` on the controlling terminal), else $COLUMNS, else 80.
fn terminal_width() -> usize {
    let stty = std::fs::File::open("/dev/tty").ok().and_then(|tty| {
        Command::new("stty")
            .arg("size")
            .stdin(tty)
            .stderr(Stdio::null())
            .output()
            .ok()
    });
    let from_stty = stty.and_then(|out| {
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.split_whitespace().nth(1)?.parse().ok()
    });
    from_stty
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80)
}

#[cfg(test)]
mod tests;
