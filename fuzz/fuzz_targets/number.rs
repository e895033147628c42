//! The number parsers and formatters: amounts as Vietnamese write them
//! (`model::generic::money`: "1.234.567,89", "50.000 EUR (= 54.000 USD)") and the grouped
//! integers and decimals of `text::number`. Input: text for the parsers; its first 8 bytes
//! are also an integer and a float for the formatters. What parses must format back to
//! text that parses the same (money as a record keeps it: normalised and
//! checked); a formatted integer must read back as itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::model::generic::money::{Money, format_amount, parse_amount};
use ngoaivu::text::number::{format_decimal, format_int};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(cents) = parse_amount(text) {
            assert!(cents >= 0, "{text:?} gave {cents}");
            let shown = format_amount(cents);
            assert_eq!(
                parse_amount(&shown),
                Some(cents),
                "{text:?} shown as {shown:?}"
            );
        }
        // As a record keeps it: normalised, and only if it passes the kind's check.
        if let Ok(mut money) = Money::parse(text) {
            money.normalize();
            if money.check().is_ok() {
                let shown = money.display();
                let mut back = Money::parse(&shown)
                    .unwrap_or_else(|e| panic!("{text:?} shown as {shown:?} is refused: {e:?}"));
                back.normalize();
                assert_eq!(back, money, "{text:?} shown as {shown:?}");
            }
        }
    }
    let mut word = [0u8; 8];
    let n = data.len().min(8);
    word[..n].copy_from_slice(&data[..n]);
    let int = i64::from_le_bytes(word);
    let shown = format_int(int);
    assert_eq!(shown.replace('.', "").parse::<i64>(), Ok(int), "{shown:?}");
    let float = f64::from_le_bytes(word);
    let decimals = data.get(8).map_or(2, |b| usize::from(*b));
    let shown = format_decimal(float, decimals);
    if float.is_finite() {
        let plain = shown.replace('.', "").replace(',', ".");
        assert!(plain.parse::<f64>().is_ok(), "{float:e} shown as {shown:?}");
    }
});
