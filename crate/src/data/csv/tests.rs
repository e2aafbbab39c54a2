//! Tests of CSV reading: good files, every kind of bad one, and the limits.

use super::*;
use std::io;

#[test]
fn reads_classes_and_regression() {
    let (d, t) = parse("x1,x2,label\n0.5,1,1\n-2,3e-1,0\n\n1,1,0\n").unwrap();
    assert_eq!(t, Task::Binary);
    assert_eq!(d.x, vec![[0.5, 1.0], [-2.0, 0.3], [1.0, 1.0]]);
    assert_eq!(d.y, vec![1.0, 0.0, 0.0]);
    let (_, t) = parse("label,x2,x1\n2,0,0\n0,1,1\n1,2,2\n").unwrap();
    assert_eq!(t, Task::Multiclass(3));
    let (d, t) = parse("x1,x2,label\n0,0,0.25\n1,1,-3\n").unwrap();
    assert_eq!(t, Task::Regression);
    assert_eq!(d.y, vec![0.25, -3.0]);
}

#[test]
fn errors_name_the_line_and_reason() {
    let cases = [
        ("x1,label\n1,1\n", 1, "missing column 'x2'"),
        ("x1,x2,label\n1,2,0\n1,2\n", 3, "missing column 'label'"),
        (
            "x1,x2,label\n1,2,0\n1,abc,1\n",
            3,
            "x2 'abc' is not a number",
        ),
        ("x1,x2,label\n1,NaN,0\n", 2, "NaN"),
        ("x1,x2,label\n1,inf,0\n", 2, "infinity"),
        ("x1,x2,label\n1,1,0\n2,2,12\n", 3, "out of range"),
        ("x1,x2,label\n1,1,-1\n", 2, "out of range"),
        ("x1,x2,label\n1,1,0.5\n2,2,1e9\n", 3, "out of range"),
        ("x1,x2,label\n", 1, "no points"),
    ];
    for (text, line, reason) in cases {
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.to_string().contains(reason), "{text:?}: {e}");
    }
}

#[test]
fn lines_count_blank_lines_and_crlf() {
    let cases = [
        ("\n\nx1,x2,label\n\n1,2,0\n\n\n1,x,1\n", 8),
        ("\r\n\r\nx1,x2,label\r\n\r\n1,2,0\r\n\r\n1,x,1\r\n", 7),
        ("\r\rx1,x2,label\r\r1,2,0\r\r1,x,1\r", 7),
        ("x1,x2,label\r\n1,2,\"0\r\n\"\r\n\r\n1,x,1", 5),
        ("x1,x2,label\n1,2,0\n  \n,,\n1,x,1", 5),
        ("x1,x2,label\n1,2,\"0\n\"\n\n1,x,1", 5),
    ];
    for (text, line) in cases {
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.reason.contains("x2 'x'"), "{text:?}: {e}");
    }
    let e = parse("x1,x2,label\n\n\n0,0,0\n\n1,1,0.5\n\n2,2,7e6\n").unwrap_err();
    assert_eq!(e.line, 8, "{e}");
    let e = parse("\n\nx1,x2\n").unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    let e = parse("\nx1,x2,label\n\n").unwrap_err();
    assert_eq!(
        (e.line, e.reason.starts_with("no points")),
        (2, true),
        "{e}"
    );
}

#[test]
fn quoted_fields() {
    let (d, t) =
        parse("\"x1\",\" x2 \",label\n\"1.5\", 2 ,\"0\"\n\"-1\",\"3e-1\",\"1\"\n").unwrap();
    assert_eq!(
        (d.x, d.y, t),
        (vec![[1.5, 2.0], [-1.0, 0.3]], vec![0.0, 1.0], Task::Binary)
    );
    let cases = [
        ("x1,x2,label\n\"1,5\",0,0\n", 2, "x1 '1,5' is not a number"),
        (
            "x1,x2,label\n1,\"2\"\"\",0\n",
            2,
            "x2 '2\"' is not a number",
        ),
        ("x1,x2,label\n1,\"2\"x,0\n", 2, "x2 '2x' is not a number"),
        (
            "x1,x2,label\n1,2\"3\",0\n",
            2,
            "x2 '2\"3\"' is not a number",
        ),
    ];
    for (text, line, reason) in cases {
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.reason.contains(reason), "{text:?}: {e}");
    }
}

#[test]
fn an_empty_file_says_so() {
    for text in ["", " ", "\n", "\n\n\r\n", "  \n\t\n  ", ",,\n"] {
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, 1, "{text:?}");
        assert!(e.reason.starts_with("the file is empty"), "{text:?}: {e}");
    }
    let e = parse("x1,x2,label\n\n  \n").unwrap_err();
    assert!(e.reason.contains("no points"), "{e}");
}

#[test]
fn messages_quote_a_short_excerpt() {
    // A quote left open makes the rest of the file one field.
    let mut text = String::from("x1,x2,label\n0,0,0\n1,\"2,0\n");
    for i in 0..5000 {
        text.push_str(&format!("{i},{i},1\n"));
    }
    let e = parse(&text).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.reason.len() < 160, "{e}");
    assert!(e.reason.starts_with("x2 '2,0\\n0,0,1\\n"), "{e}");
    assert!(
        e.reason.contains("more characters)' is not a number"),
        "{e}"
    );
    assert!(e.reason.ends_with("is a quote left open?"), "{e}");
    let e = parse(&format!("x1,x2,label\n{},0,0\n", "7".repeat(400))).unwrap_err();
    assert!(e.reason.len() < 120, "{e}");
    let e = parse(&format!("x1,x2,label\n{}e999,0,0\n", "7".repeat(400))).unwrap_err();
    assert!(e.reason.contains("infinity") && e.reason.len() < 160, "{e}");
    let e = parse(&format!("{}\n1,1,1\n", "h".repeat(5000))).unwrap_err();
    assert!(e.reason.len() < 160, "{e}");
    assert!(
        e.reason.contains("missing column 'x1' in the header 'hhh"),
        "{e}"
    );
    let e = parse(&format!("x1,x2,label\n0,0,1{}\n", "0".repeat(300))).unwrap_err();
    assert!(e.reason.contains("label 1e300 out of range"), "{e}");
}

#[test]
fn a_row_cannot_grow_without_end() {
    let mut text = String::from("x1,x2,label\n0,0,0\n\"");
    text.push_str(&"1,1,1\n".repeat(MAX_ROW_BYTES as usize / 5));
    let e = parse(&text).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.reason.contains("longer than 1048576 bytes"), "{e}");
}

#[test]
fn too_many_rows() {
    let mut text = String::from("x1,x2,label\n");
    for i in 0..MAX_ROWS {
        text.push_str(&format!("{i},0,0\n"));
    }
    assert_eq!(parse(&text).unwrap().0.len(), MAX_ROWS);
    text.push_str("\n1,1,1\n");
    let e = parse(&text).unwrap_err();
    assert!(
        e.reason
            .contains("more than 20000 rows; the limit is 20000 points"),
        "{e}"
    );
    assert_eq!(e.line, MAX_ROWS as u64 + 3);
}

#[test]
fn rows_are_read_as_they_come() {
    // A reader that fails after the limit: reading stops at the first row past it.
    let mut text = String::from("x1,x2,label\n");
    for i in 0..=MAX_ROWS {
        text.push_str(&format!("{i},0,0\n"));
    }
    let endless = text.as_bytes().chain(io::repeat(b'\n').take(1 << 40));
    let e = read(endless).unwrap_err();
    assert!(e.reason.starts_with("more than 20000 rows"), "{e}");
}

#[test]
fn bytes_that_are_not_utf8() {
    let e = read(&b"x1,x2,label\n\n1,\xff,0\n"[..]).unwrap_err();
    assert_eq!((e.line, e.reason.as_str()), (3, "not UTF-8 text"), "{e}");
}

#[test]
fn test_set_must_use_the_training_classes() {
    let text = "x1,x2,label\n0,0,1\n\n0,0,2\n";
    let points = read(text.as_bytes()).unwrap();
    assert_eq!(points.lines, [2, 4]);
    let e = check_against(&points, Task::Binary).unwrap_err();
    assert_eq!(e.line, 4);
    assert!(check_against(&points, Task::Multiclass(3)).is_ok());
    assert!(check_against(&points, Task::Regression).is_ok());
}
