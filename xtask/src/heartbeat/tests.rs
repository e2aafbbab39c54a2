use super::*;

const TWELVE: Duration = Duration::from_secs(12);

#[test]
fn colours_are_not_counted_as_text() {
    let bar = "\x1b[1m\x1b[36m    Building\x1b[0m [==> ] 3/9: walrus   ";
    assert_eq!(strip_ansi(bar), "    Building [==> ] 3/9: walrus   ");
}

#[test]
fn on_a_terminal_the_time_goes_into_cargos_bar_in_place() {
    let bar = b"\x1b[36m    Building\x1b[0m [==> ] 3/9: walrus          ";
    let (text, status) = heartbeat(bar, false, true, "compiling", TWELVE, TWELVE);
    assert!(!status);
    let shown = "\r    Building [==> ] 3/9: walrus (12 s)   \r";
    assert_eq!(strip_ansi(&text), shown);
    // As wide as the bar, so that cargo's next bar covers it.
    assert_eq!(
        shown.len() - 2,
        strip_ansi(std::str::from_utf8(bar).unwrap()).len()
    );
}

#[test]
fn on_a_terminal_without_a_bar_a_status_line_is_rewritten_in_place() {
    let first = heartbeat(b"", false, true, "optimising", TWELVE, TWELVE);
    assert_eq!(
        first,
        (format!("{ERASE}xtask: still optimising (12 s)"), true)
    );
    // A full bar has no room: the status takes its place until cargo draws it again.
    let full = b"    Building [==> ] 3/9: walrus, serde";
    let text = heartbeat(full, false, true, "compiling", TWELVE, TWELVE);
    let status = format!("{ERASE}xtask: still compiling (12 s)");
    assert_eq!(text, (status.clone(), true));
    // A line the command left unfinished stays: the status goes below it.
    let text = heartbeat(
        b"added 3 packages",
        false,
        true,
        "installing",
        TWELVE,
        TWELVE,
    );
    let below = format!("\n{ERASE}xtask: still installing (12 s)");
    assert_eq!(text, (below, true));
    // The next heartbeat replaces the status.
    let text = heartbeat(full, true, true, "compiling", TWELVE, TWELVE);
    assert_eq!(
        text,
        (format!("{ERASE}xtask: still compiling (12 s)"), true)
    );
}

#[test]
fn in_a_log_each_heartbeat_is_a_line() {
    let bar = b"    Building [==> ] 3/9: walrus          ";
    assert_eq!(
        heartbeat(bar, false, false, "compiling", TWELVE, TWELVE),
        ("\nxtask: still compiling (12 s)\n".to_string(), false)
    );
    assert_eq!(
        heartbeat(b"", false, false, "compiling", TWELVE, TWELVE),
        ("xtask: still compiling (12 s)".to_string() + "\n", false)
    );
}

#[test]
fn the_line_under_the_cursor_is_followed() {
    let mut out = Output::new();
    out.track(b"   Compiling walrus\n\r    Building [==> ] 3/9: walrus   \r");
    assert_eq!(out.screen_line(), b"    Building [==> ] 3/9: walrus   ");
    out.track(b"\x1b[K");
    assert_eq!(out.screen_line(), b"\x1b[K");
    out.track(b"    Finished\n");
    assert_eq!(out.screen_line(), b"");
    out.track(b"npm spinner");
    assert_eq!(out.screen_line(), b"npm spinner");
}

#[test]
fn a_quiet_command_ends_with_its_own_status() {
    // Silent for longer than QUIET (so heartbeats run), then failing.
    let status = run(
        Command::new("sh").args(["-c", "sleep 3; exit 3"]),
        "waiting",
    )
    .unwrap();
    assert_eq!(status.code(), Some(3));
}

#[test]
fn a_captured_command_gives_its_text_stream_by_stream() {
    // Quiet in the middle (heartbeats go to our stderr, not into the text).
    let (status, text) = run_capturing(
        Command::new("sh").args(["-c", "echo one; echo two >&2; sleep 3; echo three; exit 2"]),
        "waiting",
    )
    .unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(text, "one\nthree\ntwo\n");
}
