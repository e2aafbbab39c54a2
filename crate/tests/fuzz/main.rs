//! Generated hostile input for the two parsers that take text from anywhere: the URL hash
//! (`Config::from_query`) and CSV files (`csv::parse`). Neither may panic; every error names
//! its key or line with a short, printable message; good input still counts.
#![cfg(not(target_arch = "wasm32"))]

use featurespace::config::{Config, KEYS, MAX_LISTED_ERRORS, MORE_ERRORS_KEY};
use proptest::prelude::*;

/// CSV files.
mod csv_text;

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
