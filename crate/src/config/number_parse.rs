//! Reading a number's text as `str::parse::<f64>` does (the same texts accepted, the same
//! bits), without the standard library's float parser in the wasm module: its tables and code
//! are ~18 KB. Most texts (up to 15 significant digits, a power of ten up to 22) take the exact
//! fast path: one correctly rounded multiplication or division of two exact numbers. The rest
//! go to the standard parser natively and to JavaScript's `parseFloat` in the browser; both
//! round correctly, so they agree.

/// Powers of ten that f64 holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `text.parse::<f64>().ok()`: a sign, digits with at most one point (at least one digit), an
/// exponent `e±digits`; or `inf`, `infinity`, `nan` in any case. No spaces.
pub fn parse_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let signed = |v: f64| if negative { -v } else { v };
    if rest.first().is_some_and(|b| b.is_ascii_alphabetic()) {
        let word = std::str::from_utf8(rest).ok()?;
        let value = if word.eq_ignore_ascii_case("inf") || word.eq_ignore_ascii_case("infinity") {
            f64::INFINITY
        } else if word.eq_ignore_ascii_case("nan") {
            f64::NAN
        } else {
            return None;
        };
        return Some(signed(value));
    }
    // Digits (up to 19 kept exactly), the point's place, then the exponent.
    let (mut mantissa, mut kept, mut digits, mut scale) = (0u64, 0u32, 0u32, 0i64);
    let mut i = 0;
    let mut point = false;
    while i < rest.len() {
        match rest[i] {
            b @ b'0'..=b'9' => {
                digits += 1;
                if mantissa == 0 && b == b'0' {
                    // Leading zeros count for nothing but their place.
                } else if kept < 19 {
                    mantissa = mantissa * 10 + (b - b'0') as u64;
                    kept += 1;
                } else {
                    kept = u32::MAX; // too many digits for the fast path
                }
                if point && kept != u32::MAX {
                    scale -= 1;
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    let mut exponent = 0i64;
    if i < rest.len() {
        if !matches!(rest[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let negative_exp = match rest.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while i < rest.len() && rest[i].is_ascii_digit() {
            exponent = (exponent * 10 + (rest[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start || i < rest.len() {
            return None;
        }
        if negative_exp {
            exponent = -exponent;
        }
    }
    let power = scale + exponent;
    if kept != u32::MAX && mantissa < 1 << 53 && power.abs() <= 22 {
        let m = mantissa as f64;
        let v = if power >= 0 {
            m * POW10[power as usize]
        } else {
            m / POW10[(-power) as usize]
        };
        return Some(signed(v));
    }
    Some(slow(text))
}

/// A number of valid syntax beyond the fast path, correctly rounded.
#[cfg(not(target_arch = "wasm32"))]
fn slow(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

#[cfg(target_arch = "wasm32")]
fn slow(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn same(text: &str) {
        let ours = parse_number(text).map(f64::to_bits);
        let theirs = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, theirs, "{text:?}");
    }

    #[test]
    fn accepts_and_reads_what_str_parse_does() {
        for text in [
            "0",
            "-0",
            "+0",
            "1",
            "-1",
            "0.03",
            ".5",
            "5.",
            ".",
            "-.",
            "+",
            "-",
            "",
            " 1",
            "1 ",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1e",
            "1e+",
            "e5",
            ".e5",
            "1.5e-7",
            "00012.50",
            "1_000",
            "0x10",
            "1..2",
            "1.2.3",
            "1e5.5",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "infin",
            "nana",
            "1e400",
            "-1e400",
            "1e-400",
            "4.9e-324",
            "2.5e-324",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "9007199254740992",
            "123456789012345678901234567890",
            "0.1000000000000000055511",
            "1e22",
            "1e23",
            "3e-22",
            "3e-23",
            "0e999999999999999999999",
            "1e-999999999999999",
            "é",
            "1é",
            "0.30000000000000004",
            "2.2250738585072014e-308",
            "１",
        ] {
            same(text);
        }
    }

    #[test]
    fn random_numbers_read_back_bit_for_bit() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(12);
        for _ in 0..40_000 {
            let v = f64::from_bits(rng.random::<u64>());
            same(&v.to_string());
            same(&format!("{v:e}"));
            let digits = rng.random_range(1..20);
            same(&format!("{:.*}", digits, rng.random_range(-1e3..1e3)));
            let short = format!(
                "{}e{}",
                rng.random_range(0..100_000),
                rng.random_range(-30..30)
            );
            same(&short);
            same(&format!("-{short}"));
        }
    }
}
