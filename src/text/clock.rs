//! Timestamps: stored as Unix milliseconds (UTC), shown as local dd/mm/yyyy HH:MM.

use chrono::{Local, TimeZone, Utc};

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// "28/11/2026 14:05" in the server's local time; an impossible value shows as "?".
pub fn format_timestamp(ms: i64) -> String {
    match Local.timestamp_millis_opt(ms).single() {
        Some(t) => t.format("%d/%m/%Y %H:%M").to_string(),
        None => "?".to_string(),
    }
}

/// ISO 8601 with offset, for machine-readable output.
pub fn iso_timestamp(ms: i64) -> String {
    match Utc.timestamp_millis_opt(ms).single() {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_day_first() {
        let ms = Local
            .with_ymd_and_hms(2024, 3, 5, 9, 7, 0)
            .unwrap()
            .timestamp_millis();
        assert_eq!(format_timestamp(ms), "05/03/2024 09:07");
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_timestamp(i64::MAX), "?");
    }
}
