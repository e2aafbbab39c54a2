//! A JSON float's text as serde_json writes it (`0.03`, `1.0`, `1e-6`, `1.5e+16`), from the
//! standard library's shortest round-trip digits: the config's URL form keeps its look, and the
//! wasm module needs no second float formatter (serde_json's tables are ~20 KB). Where a value
//! has two shortest 17-digit forms the last digit may differ; both read back to the same bits.

/// Decimal from 1e-5 up to 1e16 (with `.0` when whole), else `d.ddde±x`.
pub fn float_text(v: f64) -> String {
    let exponent_form = format!("{v:e}");
    let exp: i32 = exponent_form
        .rsplit('e')
        .next()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    if v == 0.0 || (-5..16).contains(&exp) {
        let mut text = format!("{v}");
        if !text.contains('.') {
            text.push_str(".0");
        }
        text
    } else {
        let (digits, _) = exponent_form
            .split_once('e')
            .unwrap_or((&exponent_form, ""));
        let sign = if exp > 0 { "+" } else { "" };
        format!("{digits}e{sign}{exp}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_serde_json() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            0.5,
            0.03,
            1e-4,
            1e-5,
            1e-6,
            1.5e-7,
            123.456,
            1e15,
            1e16,
            1.5e16,
            9.99e15,
            1e21,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            100.0,
            0.1 + 0.2,
            2.5e-5,
            -3e20,
        ];
        // And a spread of bit patterns over the whole range.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if v.is_finite() {
                values.push(v);
                values.push((v.abs().log10().rem_euclid(40.0) - 20.0).exp2());
            }
        }
        let mut differ = 0;
        for v in values {
            let (ours, theirs) = (float_text(v), serde_json::Value::from(v).to_string());
            if ours != theirs {
                // Two 17-digit forms may both be shortest: then the same length, the same bits.
                assert_eq!(ours.len(), theirs.len(), "{v:e}: {ours} {theirs}");
                assert_eq!(
                    ours.parse::<f64>().map(f64::to_bits),
                    Ok(v.to_bits()),
                    "{ours}"
                );
                assert_eq!(
                    theirs.parse::<f64>().map(f64::to_bits),
                    Ok(v.to_bits()),
                    "{theirs}"
                );
                differ += 1;
            }
        }
        assert!(differ < 200, "{differ} of 40,000 differ in a last digit");
    }
}
