//! The one place that reads the clock, so the model stays plain data.

use crate::model::Date;

/// Today in UTC, or `SOPBOOK_TODAY=YYYY-MM-DD` when set (for reproducible runs and tests).
pub fn today() -> Date {
    if let Some(date) = std::env::var("SOPBOOK_TODAY").ok().and_then(|s| Date::parse(&s)) {
        return date;
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_days((secs / 86_400) as i64)
}
