//! Generated hostile CSV files for `csv::parse`: no panic, every error names its line with a
//! short, printable message, and good rows all count.

use super::check_error_words;
use featurespace::data::csv::{self, MAX_CLASS, MAX_ROWS, MAX_TARGET};
use featurespace::data::Task;
use proptest::prelude::*;

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
