//! The promised return of an escalation: `24h`, `2d`.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaUnit {
    Hours,
    Days,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sla {
    pub amount: u32,
    pub unit: SlaUnit,
}

impl Sla {
    /// The SLA in hours, for sorting and comparing.
    pub fn hours(self) -> u64 {
        match self.unit {
            SlaUnit::Hours => u64::from(self.amount),
            SlaUnit::Days => u64::from(self.amount) * 24,
        }
    }
}

/// Why an SLA was not understood; the message is shown in the `escalation-incomplete` finding.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    #[error("`{0}` does not start with a number")]
    NoNumber(String),
    #[error("an SLA of zero promises nothing")]
    Zero,
    #[error("unknown unit `{0}`: use `h` (hours) or `d` (days)")]
    Unit(String),
}

impl FromStr for Sla {
    type Err = SlaError;

    /// Accepts a positive whole number followed by `h` or `d`, with optional white space between
    /// (`"24h"`, `"2 d"`). The unit is case-insensitive.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let raw = raw.trim();
        let digits_end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
        let (digits, unit) = raw.split_at(digits_end);
        let amount: u32 = digits.parse().map_err(|_| SlaError::NoNumber(raw.to_string()))?;
        if amount == 0 {
            return Err(SlaError::Zero);
        }
        let unit = match unit.trim().to_ascii_lowercase().as_str() {
            "h" => SlaUnit::Hours,
            "d" => SlaUnit::Days,
            other => return Err(SlaError::Unit(other.to_string())),
        };
        Ok(Sla { amount, unit })
    }
}

impl fmt::Display for Sla {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            SlaUnit::Hours => 'h',
            SlaUnit::Days => 'd',
        };
        write!(f, "{}{unit}", self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hours_and_days() {
        assert_eq!("24h".parse(), Ok(Sla { amount: 24, unit: SlaUnit::Hours }));
        assert_eq!("2d".parse::<Sla>().unwrap().hours(), 48);
        assert_eq!(" 3 D ".parse::<Sla>().unwrap().to_string(), "3d");
    }

    #[test]
    fn rejects_the_rest() {
        for bad in ["", "h", "24", "24 horas", "0h", "-1h", "1.5h", "24m"] {
            assert!(bad.parse::<Sla>().is_err(), "{bad} should be rejected");
        }
    }
}
