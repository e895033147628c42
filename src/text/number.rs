//! Numbers as Vietnamese users write them: "." groups thousands, "," starts decimals
//! ("1.234.567,5").

/// Most decimals `format_decimal` shows; f64 carries about 17 significant digits, and the cap
/// keeps a bad argument from asking the formatter for a huge string.
pub const MAX_DECIMALS: usize = 20;

/// "1.234.567", "-1.234". Handles `i64::MIN` (its magnitude does not fit in i64).
pub fn format_int(n: i64) -> String {
    let mut out = String::with_capacity(27);
    if n < 0 {
        out.push('-');
    }
    push_grouped(&n.unsigned_abs().to_string(), &mut out);
    out
}

/// Appends a string of ASCII digits with "." between groups of three.
fn push_grouped(digits: &str, out: &mut String) {
    let first = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    for (i, ch) in digits.char_indices() {
        if i > 0 && (i + 3 - first) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
}

/// `format_decimal(1234567.5, 1) == "1.234.567,5"`; 0 decimals gives no comma.
/// Rounds half away from zero, as spreadsheets do (2,5 → 3), not half to even; decimals
/// beyond `MAX_DECIMALS` are capped. NaN and infinities are written "NaN", "∞", "-∞".
/// A value that rounds to zero is written without a sign.
pub fn format_decimal(x: f64, decimals: usize) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "-∞" }.to_string();
    }
    let decimals = decimals.min(MAX_DECIMALS);
    // Exact path: scale to an integer that f64 still represents exactly (< 2^53), round it,
    // and place the comma by hand, so no binary tie-breaking sneaks into the digits.
    if decimals <= 15 {
        let scale = 10f64.powi(decimals as i32);
        let scaled = (x * scale).round();
        if scaled.abs() < 9_007_199_254_740_992.0 {
            let n = scaled as i64;
            let magnitude = n.unsigned_abs();
            let pow = 10u64.pow(decimals as u32);
            let mut out = String::new();
            if n < 0 {
                out.push('-');
            }
            push_grouped(&(magnitude / pow).to_string(), &mut out);
            if decimals > 0 {
                out.push(',');
                out.push_str(&format!("{:0width$}", magnitude % pow, width = decimals));
            }
            return out;
        }
    }
    // Huge magnitudes or many decimals: let the formatter produce the digits.
    let formatted = format!("{:.*}", decimals, x.abs());
    let (int_part, frac_part) = formatted.split_once('.').unwrap_or((&formatted, ""));
    let is_zero = formatted.bytes().all(|b| b == b'0' || b == b'.');
    let mut out = String::with_capacity(formatted.len() + formatted.len() / 3 + 1);
    if x < 0.0 && !is_zero {
        out.push('-');
    }
    push_grouped(int_part, &mut out);
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn integers() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(7), "7");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1000), "1.000");
        assert_eq!(format_int(-1000), "-1.000");
        assert_eq!(format_int(-1234), "-1.234");
        assert_eq!(format_int(123456), "123.456");
        assert_eq!(format_int(1234567), "1.234.567");
        assert_eq!(format_int(i64::MAX), "9.223.372.036.854.775.807");
        assert_eq!(format_int(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals() {
        assert_eq!(format_decimal(1234567.5, 1), "1.234.567,5");
        assert_eq!(format_decimal(1234567.5, 0), "1.234.568");
        assert_eq!(format_decimal(2.5, 0), "3");
        assert_eq!(format_decimal(-2.5, 0), "-3");
        assert_eq!(format_decimal(0.125, 2), "0,13");
        assert_eq!(format_decimal(0.0, 2), "0,00");
        assert_eq!(format_decimal(-0.001, 2), "0,00");
        assert_eq!(format_decimal(-1234.5, 2), "-1.234,50");
        assert_eq!(format_decimal(2_300_000.0, 0), "2.300.000");
        assert_eq!(format_decimal(0.05, 1), "0,1");
        assert_eq!(format_decimal(1e20, 0), "100.000.000.000.000.000.000");
        assert_eq!(format_decimal(-1e20, 1), "-100.000.000.000.000.000.000,0");
        assert_eq!(format_decimal(0.5, 17), "0,50000000000000000");
        assert_eq!(
            format_decimal(1.0, usize::MAX).len(),
            "1,".len() + MAX_DECIMALS
        );
        assert_eq!(format_decimal(f64::NAN, 2), "NaN");
        assert_eq!(format_decimal(f64::INFINITY, 2), "∞");
        assert_eq!(format_decimal(f64::NEG_INFINITY, 2), "-∞");
        assert!(format_decimal(f64::MAX, 2).starts_with("179.769."));
        assert_eq!(format_decimal(f64::MIN_POSITIVE, 3), "0,000");
    }

    fn ungroup(s: &str) -> String {
        s.replace('.', "").replace(',', ".")
    }

    proptest! {
        #[test]
        fn int_round_trips(n in any::<i64>()) {
            prop_assert_eq!(ungroup(&format_int(n)).parse::<i64>(), Ok(n));
        }

        #[test]
        fn decimal_is_close(x in -1e12f64..1e12, d in 0usize..6) {
            let s = format_decimal(x, d);
            let back: f64 = ungroup(&s).parse().expect("digits");
            // Scaling by 10^d may round once in binary, so allow a relative 1e-15 over half a unit.
            let half_unit = 0.5 * 10f64.powi(-(d as i32));
            prop_assert!((back - x).abs() <= half_unit + x.abs() * 1e-15, "{} {}", x, s);
            prop_assert_eq!(s.contains(','), d > 0);
        }

        #[test]
        fn decimal_never_panics(x in any::<f64>(), d in any::<usize>()) {
            let _ = format_decimal(x, d);
        }
    }
}
