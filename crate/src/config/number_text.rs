//! Numbers as text without the standard library's float formatter in the wasm module (its
//! Grisu and Dragon code, bignums and tables are ~21 KB). The shortest digits that read back
//! come from JavaScript's `Number.prototype.toString` in the browser and from `zmij` natively:
//! both give the shortest, the nearest of those, and at an exact tie between two (2^50 + 0.25
//! is halfway between …4.2 and …4.3) the even one, so the digits are the same. (`{}` takes the
//! one above there, so it cannot be the native source.) Every form is written from those digits
//! here, so native and wasm texts agree character for character: `plain` is `{}`, `exponent` is
//! `{:e}`; `fixed` and `exp_fixed` round the digits half up (`{:.4}` and `{:.3e}` round the exact
//! binary value, half to even).

use std::fmt;

/// The shortest decimal digits that read back to a finite nonzero |v|: |v| = d.ddd × 10^exp.
struct Digits {
    digits: Vec<u8>,
    exp: i32,
}

#[cfg(not(target_arch = "wasm32"))]
fn shortest_text(v: f64) -> String {
    zmij::Buffer::new().format_finite(v).to_string()
}

#[cfg(target_arch = "wasm32")]
fn shortest_text(v: f64) -> String {
    js_sys::Number::from(v)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// `v` finite and nonzero. Reads `1.25e-7`, `0.000125`, `125000` and `1.25e+21` alike.
fn shortest(v: f64) -> Digits {
    let text = shortest_text(v.abs());
    let (mantissa, e) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    // |v| = digits × 10^scale
    let mut scale = e - frac.len() as i32;
    let lead = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..lead);
    while digits.last() == Some(&b'0') {
        digits.pop();
        scale += 1;
    }
    let exp = scale + digits.len() as i32 - 1;
    Digits { digits, exp }
}

/// NaN and the infinities as the standard library writes them, or the sign and the digits (a
/// zero is the digit 0).
fn parts(v: f64) -> Result<(&'static str, Digits), &'static str> {
    if v.is_nan() {
        return Err("NaN");
    }
    if v.is_infinite() {
        return Err(if v > 0.0 { "inf" } else { "-inf" });
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    let digits = if v == 0.0 {
        Digits {
            digits: vec![b'0'],
            exp: 0,
        }
    } else {
        shortest(v)
    };
    Ok((sign, digits))
}

/// Keeps the first `keep` digits, rounding half up on the next one; a carry past the first
/// digit raises the exponent. Fewer than one digit kept rounds to zero or to one unit.
fn round(d: Digits, keep: i32) -> Digits {
    let Digits {
        mut digits,
        mut exp,
    } = d;
    if keep >= digits.len() as i32 {
        return Digits { digits, exp };
    }
    if keep < 0 {
        return Digits {
            digits: Vec::new(),
            exp,
        };
    }
    let up = digits[keep as usize] >= b'5';
    digits.truncate(keep as usize);
    if up {
        match digits.iter().rposition(|&c| c != b'9') {
            Some(i) => {
                digits[i] += 1;
                digits.truncate(i + 1);
            }
            None => {
                digits = vec![b'1'];
                exp += 1;
            }
        }
    }
    Digits { digits, exp }
}

/// The digit at the power of ten `place` (0 for ones), 0 outside the digits.
fn digit_at(d: &Digits, place: i32) -> char {
    let i = d.exp - place;
    if i >= 0 && (i as usize) < d.digits.len() {
        d.digits[i as usize] as char
    } else {
        '0'
    }
}

/// Places `from` down to `to` (inclusive) of `d`.
fn places(d: &Digits, from: i32, to: i32, out: &mut String) {
    for place in (to..=from).rev() {
        out.push(digit_at(d, place));
    }
}

/// As `{}` writes an f64: every digit, no exponent (`0.0000001`, `1e21` in full).
pub fn plain(v: f64) -> String {
    match parts(v) {
        Ok((sign, d)) => {
            let decimals = (d.digits.len() as i32 - 1 - d.exp).max(0) as usize;
            decimal(sign, &d, decimals)
        }
        Err(text) => text.into(),
    }
}

/// `d` in decimal with `decimals` digits after the point (none: no point).
fn decimal(sign: &str, d: &Digits, decimals: usize) -> String {
    let mut out = String::from(sign);
    places(d, d.exp.max(0), 0, &mut out);
    if decimals > 0 {
        out.push('.');
        places(d, -1, -(decimals as i32), &mut out);
    }
    out
}

/// As `{:e}` writes an f64: `1.5e-7`, `1e0`, `1.25e21`.
pub fn exponent(v: f64) -> String {
    match parts(v) {
        Ok((sign, d)) => scientific(sign, &d, d.digits.len() - 1),
        Err(text) => text.into(),
    }
}

/// `d` as `d.ddd` with `decimals` digits after the point, then `e` and the exponent.
fn scientific(sign: &str, d: &Digits, decimals: usize) -> String {
    let mut out = String::from(sign);
    out.push(digit_at(d, d.exp));
    if decimals > 0 {
        out.push('.');
        places(d, d.exp - 1, d.exp - decimals as i32, &mut out);
    }
    out.push('e');
    out.push_str(&d.exp.to_string());
    out
}

/// `v` with `decimals` digits after the point (as `{:.N}`, rounding the shortest digits).
pub fn fixed(v: f64, decimals: usize) -> String {
    let (sign, d) = match parts(v) {
        Ok(p) => p,
        Err(text) => return text.into(),
    };
    let keep = d.exp + 1 + decimals as i32;
    decimal(sign, &round(d, keep), decimals)
}

/// `v` as `d.ddd` with `decimals` digits after the point, then the exponent (as `{:.Ne}`).
pub fn exp_fixed(v: f64, decimals: usize) -> String {
    match parts(v) {
        Ok((sign, d)) => {
            let d = round(d, decimals as i32 + 1);
            scientific(sign, &d, decimals)
        }
        Err(text) => text.into(),
    }
}

/// An f64 for a format string, written as `{}` writes it (see `plain`).
pub struct Plain(pub f64);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(self.0))
    }
}

/// A JSON float's text as serde_json writes it (`0.03`, `1.0`, `1e-6`, `1.5e+16`), character
/// for character (its zmij takes the even form at a tie too): the config's URL form keeps its
/// look, and the module needs no second float formatter (serde_json's tables are ~20 KB).
///
/// Decimal from 1e-5 up to 1e16 (with `.0` when whole), else `d.ddde±x`.
pub fn float_text(v: f64) -> String {
    // The digits once (a call into JavaScript in the browser), then one of two forms.
    let (sign, d) = match parts(v) {
        Ok(p) => p,
        Err(text) => return text.into(),
    };
    if v == 0.0 || (-5..16).contains(&d.exp) {
        let decimals = (d.digits.len() as i32 - 1 - d.exp).max(1) as usize;
        decimal(sign, &d, decimals)
    } else {
        let text = scientific(sign, &d, d.digits.len() - 1);
        let plus = if d.exp > 0 { "+" } else { "" };
        text.replacen('e', &format!("e{plus}"), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values over the whole range: chosen ones, random bit patterns, and short decimals.
    fn spread() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.03,
            1e-7,
            1.5e-7,
            123.456,
            1e15,
            1e16,
            1e21,
            1e22,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            100.0,
            0.1 + 0.2,
            2.5e-5,
            -3e20,
            9.9999,
            0.99995,
            999.99995,
            0.0001,
            0.00099995,
            0.125,
            2.5,
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if v.is_finite() {
                values.push(v);
                values.push((v.abs().log10().rem_euclid(40.0) - 20.0).exp2());
            }
            values.push((x % 2_000_001) as f64 / 10f64.powi(i % 9) - 1000.0);
            // Values with an 18-digit decimal ending in 5, halfway between two shortest forms.
            values.push(2f64.powi(50 + i % 3) + (x % 4) as f64 * 0.25);
            values.push(1.0 + (2 * (x % 65_536) + 1) as f64 / 131_072.0);
        }
        values
    }

    /// `ours` is `theirs`, or both are the two shortest forms of a value halfway between them
    /// and `ours` ends in the even digit.
    fn same_or_even_at_tie(ours: &str, theirs: &str, v: f64) {
        if ours == theirs {
            return;
        }
        let (a, b) = (
            ours.split('e').next().unwrap(),
            theirs.split('e').next().unwrap(),
        );
        assert_eq!(a.len(), b.len(), "{v:e}: {ours} {theirs}");
        assert_eq!(a[..a.len() - 1], b[..b.len() - 1], "{v:e}: {ours} {theirs}");
        assert_eq!(
            (a.as_bytes()[a.len() - 1] - b'0') % 2,
            0,
            "{v:e}: {ours} {theirs}"
        );
        for t in [ours, theirs] {
            assert_eq!(t.parse::<f64>().map(f64::to_bits), Ok(v.to_bits()), "{t}");
        }
    }

    #[test]
    fn plain_and_exponent_write_what_the_standard_library_writes() {
        let mut ties = 0;
        for v in spread()
            .into_iter()
            .chain([f64::NAN, f64::INFINITY, -f64::INFINITY])
        {
            ties += usize::from(plain(v) != format!("{v}"));
            same_or_even_at_tie(&plain(v), &format!("{v}"), v);
            same_or_even_at_tie(&Plain(v).to_string(), &format!("{v}"), v);
            same_or_even_at_tie(&exponent(v), &format!("{v:e}"), v);
        }
        assert!((1_000..20_000).contains(&ties), "{ties} ties");
    }

    /// 2^50 + 0.25 lies halfway between 1125899906842624.2 and …4.3: the even one, as
    /// JavaScript writes it (`{}` writes …4.3).
    #[test]
    fn an_exact_tie_goes_to_the_even_digit() {
        let v = 2f64.powi(50) + 0.25;
        assert_eq!(format!("{v}"), "1125899906842624.3");
        assert_eq!(plain(v), "1125899906842624.2");
        assert_eq!(plain(-v), "-1125899906842624.2");
        assert_eq!(exponent(v), "1.1258999068426242e15");
        let w = 2f64.powi(50) + 0.75;
        assert_eq!(plain(w), "1125899906842624.8");
    }

    /// Rounded forms agree with `{:.N}` and `{:.Ne}` except in two cases. Where the shortest
    /// digits end in a 5 just past the cut: rounded half up here, by the exact value there.
    /// Where fewer digits than asked for read back: padded with zeros here (`0.1000`), the exact
    /// binary value's digits there (`0.1000000000000000055511`).
    #[test]
    fn rounded_forms_agree_with_the_standard_library_but_at_a_last_five() {
        let mut ties = 0;
        let reads_back = |text: &str, v: f64| text.parse::<f64>().map(f64::abs) == Ok(v.abs());
        for v in spread() {
            let shortest = format!("{:e}", v.abs());
            let (mantissa, e) = shortest.split_once('e').unwrap();
            let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
            let n_digits = digits.len() as i32;
            let tie = |kept: i32| n_digits == kept + 1 && digits.ends_with('5');
            for n in [0, 1, 3, 4, 6] {
                let kept = e.parse::<i32>().unwrap() + 1 + n as i32;
                let (ours, theirs) = (fixed(v, n), format!("{v:.n$}"));
                if n_digits <= kept {
                    assert!(reads_back(&ours, v), "{v:e} to {n}: {ours}");
                } else if ours != theirs {
                    assert!(tie(kept), "{v:e} to {n}: {ours} {theirs}");
                    ties += 1;
                }
                let (ours, theirs) = (exp_fixed(v, n), format!("{v:.n$e}"));
                if n_digits <= n as i32 + 1 {
                    assert!(reads_back(&ours, v), "{v:e} to {n}e: {ours}");
                } else if ours != theirs {
                    assert!(tie(n as i32 + 1), "{v:e} to {n}e: {ours} {theirs}");
                }
            }
        }
        assert!(ties < 8_000, "{ties}");
        assert_eq!(fixed(0.125, 2), "0.13");
        assert_eq!(fixed(999.99995, 4), "1000.0000");
        assert_eq!(fixed(-0.4, 0), "-0");
        assert_eq!(exp_fixed(9.9996e-4, 3), "1.000e-3");
        assert_eq!(exp_fixed(0.0, 3), "0.000e0");
    }

    #[test]
    fn matches_serde_json() {
        let mut values = spread();
        values.extend([1e-4, 1e-5, 1e-6, 1.5e16, 9.99e15]);
        for v in values {
            assert_eq!(
                float_text(v),
                serde_json::Value::from(v).to_string(),
                "{v:e}"
            );
        }
    }
}
