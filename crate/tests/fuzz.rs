//! Generated hostile input for the two parsers that take text from anywhere: the URL hash
//! (`Config::from_query`) and CSV files (`csv::parse`). Neither may panic; every error names
//! its key or line with a short, printable message; good input still counts.
#![cfg(not(target_arch = "wasm32"))]

use featurespace::config::{Config, KEYS, MAX_LISTED_ERRORS, MORE_ERRORS_KEY};
use featurespace::data::csv::{self, MAX_CLASS, MAX_ROWS, MAX_TARGET};
use featurespace::data::Task;
use proptest::prelude::*;

/// The longest message (and key) an error may have, in characters (an unknown key lists the
/// known ones).
const MAX_MESSAGE: usize = 320;
const MAX_KEY: usize = 80;

/// Values each key takes, in the forms people write them.
fn valid_values(key: &str) -> &'static [&'static str] {
    match key {
        "dataset" => &["band", "Blobs", "XOR", " spiral ", "blobs_3", "custom"],
        "points" => &["4", "500", "20000", "1e3", " 64 "],
        "noise" => &["0", "0.5", "2", "1e-1"],
        "trainRatio" => &["0.05", "0.8", "1"],
        "seed" => &["0", "7", "9007199254740991"],
        "features" => &["x1,x2", "x1, x2, x1x2", "sin_x1", "X1SQ,x2sq", "sinx2"],
        "hidden" => &["none", "NONE", "2", "8,8", " 256 , 1 ", "1,1,1,1,1,1"],
        "activation" => &[
            "tanh",
            "Leaky ReLU",
            "leaky_relu",
            "relu",
            "sigmoid",
            "Linear",
        ],
        "optimizer" => &["sgd", "momentum", "RMSprop", "adam", "L-BFGS"],
        "lr" => &["10", "0.001", "1e-3", "0.5"],
        "batch" => &["1", "20000", "32"],
        "l1" | "l2" => &["0", "0.0001", "10"],
        "momentum" => &["0", "0.999", "0.5"],
        "nesterov" => &["true", "0", "Yes", "off", "ON"],
        "stopAtEpoch" => &["0", "37", "1e3", "1000000000"],
        "stopAtLoss" => &["0", "0.05", "1e-3", "1000000"],
        "stopAtAccuracy" => &["0", "0.95", "1"],
        "drawn" => &[
            "",
            "1~-1~-1~2~",
            "1~0~0~10~AAAB__-A",
            " 1~-6.5~-6.5~13~AAAA ",
        ],
        _ => unreachable!("{key} is not a key"),
    }
}

/// Hostile values: malformed escapes, numbers out of every range, text of every kind.
fn junk_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "%",
            "%F",
            "%FF",
            "%zz",
            "%00",
            "%%",
            "%2",
            "%E2%82",
            "%C3%28",
            "+",
            "=",
            "&",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "Infinity",
            "-1",
            "-0",
            "0",
            "1e400",
            "-1e308",
            "1e-400",
            "4294967296",
            "18446744073709551616",
            "0x10",
            "1_000",
            "8,,8",
            ",",
            "none,8",
            "x1,x1",
            "xor%00",
            "true.",
            "\u{0}",
            "\u{202e}band",
        ])
        .prop_map(String::from),
        "[0-9]{20,400}",
        "-?[0-9]{1,5}(\\.[0-9]{1,5})?(e-?[0-9]{1,4})?",
        ".{0,40}",
        "\\PC{0,2000}",
        "[\\x00-\\x1f\\x7f]{1,20}",
        "(%[0-9A-Fa-fzZ]{0,2}){1,30}",
    ]
}

/// Keys: real ones (often), unknown, empty, long or strange ones.
fn any_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS.to_vec()).prop_map(String::from),
        1 => Just(String::new()),
        1 => "[a-zA-Z]{1,12}",
        1 => ".{0,60}",
        1 => "\\PC{100,2000}",
        1 => "[\\x00-\\x1f]{1,5}",
    ]
}

/// Every byte as `%XX`, or spaces as `+` and the rest kept when plain.
fn encode(text: &str, every_byte: bool) -> String {
    let mut out = String::new();
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() && !every_byte {
            out.push(b as char);
        } else if b == b' ' && !every_byte {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One `key=value` piece of a query: a real key with a valid value (encoded), or anything.
#[derive(Clone, Debug)]
enum Piece {
    Valid {
        key: String,
        value: String,
        every_byte: bool,
    },
    Raw {
        key: String,
        value: String,
        eq: bool,
    },
}

fn piece() -> impl Strategy<Value = Piece> {
    let valid = (
        prop::sample::select(KEYS.to_vec()),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(key, i, every_byte)| Piece::Valid {
            key: key.to_string(),
            value: i.get(valid_values(key)).to_string(),
            every_byte,
        });
    let raw = (any_key(), junk_value(), any::<bool>()).prop_map(|(key, value, eq)| Piece::Raw {
        key,
        value,
        eq,
    });
    prop_oneof![3 => valid, 2 => raw]
}

impl Piece {
    fn text(&self) -> String {
        match self {
            Piece::Valid {
                key,
                value,
                every_byte,
            } => format!(
                "{}={}",
                encode(key, *every_byte),
                encode(value, *every_byte)
            ),
            Piece::Raw { key, value, eq } if *eq => format!("{key}={value}"),
            Piece::Raw { key, .. } => key.clone(),
        }
    }
}

/// `%XX` escapes and `+` decoded, malformed escapes kept as written (as a URL hash is read).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn check_error_words(key: &str, message: &str) {
    assert!(!message.is_empty());
    assert!(
        message.chars().count() <= MAX_MESSAGE,
        "{} characters: {message}",
        message.chars().count()
    );
    assert!(
        key.chars().count() <= MAX_KEY,
        "key of {} characters",
        key.len()
    );
    assert!(!message.chars().any(char::is_control), "{message:?}");
    assert!(!key.chars().any(char::is_control), "{key:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_query_is_read_without_panic_and_good_pairs_count(
        hash in any::<bool>(),
        // Short queries, and long ones that pass the number of errors listed.
        pieces in prop_oneof![
            prop::collection::vec(piece(), 0..12),
            prop::collection::vec(piece(), 20..70),
        ],
        empties in prop::collection::vec(any::<bool>(), 70),
    ) {
        let mut query = if hash { "#".to_string() } else { String::new() };
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                query.push('&');
            }
            if empties[i] {
                query.push('&');
            }
            query.push_str(&p.text());
        }
        let (config, errors) = Config::from_query(&query);

        // The pairs as the query splits them, applied one by one: good ones set, bad ones
        // reported and skipped.
        let mut expected = Config::default();
        let mut rejected = 0;
        let body = query.trim_start_matches('#');
        for pair in body.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if expected.set(&decode(key), &decode(value)).is_err() {
                rejected += 1;
            }
        }
        prop_assert_eq!(&config, &expected);

        // Every valid piece is valid, and the last one of each key holds unless a later pair
        // of that key was also good.
        for p in &pieces {
            if let Piece::Valid { key, value, .. } = p {
                let mut c = Config::default();
                prop_assert!(c.set(key, value).is_ok(), "{}={:?}", key, value);
            }
        }
        if let Some(Piece::Valid { key, value, .. }) = pieces.last() {
            let mut c = Config::default();
            c.set(key, value).unwrap();
            prop_assert_eq!(config.get(key), c.get(key));
        }

        // Errors: at most the listed number and one counting the rest, each short and named.
        if rejected > MAX_LISTED_ERRORS {
            prop_assert_eq!(errors.len(), MAX_LISTED_ERRORS + 1);
            let last = errors.last().unwrap();
            prop_assert_eq!(last.key.as_str(), MORE_ERRORS_KEY);
            let count = format!("{} more rejected pair", rejected - MAX_LISTED_ERRORS);
            prop_assert!(last.message.starts_with(&count), "{}", last.message);
        } else {
            prop_assert_eq!(errors.len(), rejected);
        }
        for e in &errors {
            check_error_words(&e.key, &e.message);
            if e.key.is_empty() {
                prop_assert!(e.message.contains("no key name"), "{}", e.message);
            } else {
                let prefix = format!("{}: ", e.key);
                prop_assert!(e.to_string().starts_with(&prefix), "{}", e);
            }
        }
    }
}

/// A row of a CSV file, and whether it is a good row; only good ones when `clean`.
fn row(clean: bool) -> impl Strategy<Value = (String, bool)> {
    let number = prop_oneof![
        (-1e6f64..1e6).prop_map(|v| v.to_string()),
        (-100i32..100).prop_map(|v| v.to_string()),
        Just("1e-3".to_string()),
        Just(" 2.5 ".to_string()),
    ];
    let label = prop_oneof![
        (0u8..=9).prop_map(|v| v.to_string()),
        (0u8..=1).prop_map(|v| v.to_string()),
        (-1e6f64..1e6).prop_map(|v| v.to_string()),
    ];
    let good = (number.clone(), number, label).prop_map(|(a, b, c)| (format!("{a},{b},{c}"), true));
    let bad_field = prop_oneof![
        Just("abc".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-infinity".to_string()),
        Just("1e999".to_string()),
        Just("--1".to_string()),
        Just("0x1".to_string()),
        "[0-9]{400,5000}",
        "\\PC{1,300}",
        "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]{1,5}",
    ];
    let bad = prop_oneof![
        (bad_field.clone(), 0usize..3).prop_map(|(f, at)| {
            let mut cells = vec!["0".to_string(); 3];
            cells[at] = f;
            (cells.join(","), false)
        }),
        Just(("1,2".to_string(), false)),
        Just(("1".to_string(), false)),
        Just(("1,,0".to_string(), false)),
        Just(("1,2,\"3".to_string(), false)),
        Just(("\"1,2,3".to_string(), false)),
        Just(("1,\"\"\"\",0".to_string(), false)),
        Just(("1,2,12".to_string(), false)),
        Just(("1,2,-1".to_string(), false)),
        Just(("1,2,1e7".to_string(), false)),
        "\\PC{0,200}".prop_map(|t| (t, false)),
    ];
    // Blank lines and quoted good values are good rows too (blank ones add no point).
    let other = prop_oneof![
        Just((String::new(), true)),
        Just(("   ".to_string(), true)),
        Just((",,".to_string(), true)),
        Just(("\"1\",\"2\",\"0\"".to_string(), true)),
        Just(("1,2,0,extra,\"more\"".to_string(), true)),
    ];
    let bad_weight = if clean { 0 } else { 3 };
    prop_oneof![6 => good, bad_weight => bad, 1 => other]
}

fn header() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        6 => Just(("x1,x2,label".to_string(), true)),
        1 => Just(("label, X2 ,x1,note".to_string(), true)),
        1 => Just(("x1,x2".to_string(), false)),
        1 => Just((String::new(), false)),
        1 => "\\PC{0,3000}".prop_map(|t| (t, false)),
    ]
}

fn blank(row: &str) -> bool {
    row.split(',').all(|f| f.trim().is_empty())
}

/// Checks a parse: points are finite with labels as documented, or the error is short and
/// names a line of the file.
fn check_csv(text: &str, good: Option<usize>) -> Result<(), TestCaseError> {
    match csv::parse(text) {
        Ok((data, task)) => {
            prop_assert!(!data.is_empty() && data.len() <= MAX_ROWS);
            prop_assert_eq!(data.x.len(), data.y.len());
            prop_assert!(data.x.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
            match task {
                Task::Regression => {
                    prop_assert!(data
                        .y
                        .iter()
                        .all(|y| y.is_finite() && y.abs() <= MAX_TARGET));
                    prop_assert!(data.y.iter().any(|y| y.fract() != 0.0));
                }
                t => {
                    let k = t.classes();
                    prop_assert!((2..=MAX_CLASS as usize + 1).contains(&k));
                    prop_assert_eq!(matches!(t, Task::Binary), k == 2);
                    prop_assert!(data
                        .y
                        .iter()
                        .all(|&y| y.fract() == 0.0 && y >= 0.0 && (y as usize) < k));
                    if let Task::Multiclass(_) = t {
                        // Three or more classes: the highest label makes the count.
                        prop_assert!(data.y.iter().any(|&y| y as usize == k - 1));
                    }
                }
            }
            if let Some(n) = good {
                prop_assert_eq!(data.len(), n);
            }
        }
        Err(e) => {
            let lines = text.lines().count().max(1) as u64;
            prop_assert!(
                (1..=lines).contains(&e.line),
                "line {} of {}: {}",
                e.line,
                lines,
                e
            );
            check_error_words("", &e.reason);
            let prefix = format!("line {}: ", e.line);
            prop_assert!(e.to_string().starts_with(&prefix), "{}", e);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_csv_is_read_without_panic(
        header in header(),
        rows in any::<bool>().prop_flat_map(|clean| prop::collection::vec(row(clean), 0..40)),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = header.0.clone();
        for (r, _) in &rows {
            text.push_str(end);
            text.push_str(r);
        }
        if final_newline {
            text.push_str(end);
        }
        // All good: every non-blank row is a point (unless the labels together are out of
        // range, which good rows avoid by being all classes or all within the target range).
        let points = rows.iter().filter(|(r, _)| !blank(r)).count();
        let all_good = header.1 && rows.iter().all(|(_, good)| *good) && points > 0;
        check_csv(&text, all_good.then_some(points))?;
    }
}

proptest! {
    // Each case parses 20,000 rows: a few are enough.
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn too_many_rows_are_refused(extra in 1usize..3, blank_lines in 1usize..3) {
        let mut text = String::from("x1,x2,label\n");
        for i in 0..MAX_ROWS + extra {
            // Blank lines before some rows (the first one past the limit among them).
            if i % 5000 == 0 {
                text.push_str(&"\n".repeat(blank_lines));
            }
            text.push_str(&format!("{},{},{}\n", i % 13, i % 7, i % 2));
        }
        let e = csv::parse(&text).unwrap_err();
        prop_assert!(e.reason.starts_with("more than 20000 rows"), "{}", e);
        prop_assert_eq!(e.line, MAX_ROWS as u64 + 2 + 5 * blank_lines as u64);
        check_csv(&text, None)?;
    }
}
