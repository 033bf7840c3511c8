//! The promised return of an escalation: `24h`, `2d`, `2du`.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaUnit {
    /// `h`: hours.
    Hours,
    /// `d`: calendar days, weekends and holidays included.
    Days,
    /// `du` (*dias úteis*): business days, Monday to Friday less the holidays of `[calendar]`
    /// (see [`super::Calendar`]).
    BusinessDays,
}

impl SlaUnit {
    /// How the unit is written: `h`, `d`, `du`.
    pub fn suffix(self) -> &'static str {
        match self {
            SlaUnit::Hours => "h",
            SlaUnit::Days => "d",
            SlaUnit::BusinessDays => "du",
        }
    }

    /// The unit in words, for messages: "hours", "calendar days", "business days" (in the
    /// language of the messages).
    fn words(self) -> String {
        match self {
            SlaUnit::Hours => crate::t!("load-sla-hours"),
            SlaUnit::Days => crate::t!("load-sla-days"),
            SlaUnit::BusinessDays => crate::t!("load-sla-business-days"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sla {
    pub amount: u32,
    pub unit: SlaUnit,
}

impl Sla {
    /// The SLA in hours, for sorting and comparing. A business day counts as 7/5 of a calendar
    /// day, rounded up: its average length once the weekends are spread over the week, so that
    /// `1du` sorts between `1d` and `2d`, and `5du` with `7d`.
    pub fn hours(self) -> u64 {
        let amount = u64::from(self.amount);
        match self.unit {
            SlaUnit::Hours => amount,
            SlaUnit::Days => amount * 24,
            SlaUnit::BusinessDays => (amount * 24 * 7).div_ceil(5),
        }
    }
}

/// Why an SLA was not understood; the message is shown in the `escalation-incomplete` finding,
/// [`SlaError::help`] as its help.
#[derive(Debug, PartialEq, Eq)]
pub enum SlaError {
    NoNumber(String),
    Zero,
    /// A number without a unit (`"24"`).
    NoUnit(u32),
    Unit {
        unit: String,
        /// The SLA the text meant, when its unit was written in words (`"2 dias úteis"`).
        meant: Option<Sla>,
    },
}

impl std::error::Error for SlaError {}

impl fmt::Display for SlaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            SlaError::NoNumber(raw) => crate::t!("load-sla-no-number", sla = raw.as_str()),
            SlaError::Zero => crate::t!("load-sla-zero"),
            SlaError::NoUnit(amount) => crate::t!("load-sla-no-unit", amount = amount.to_string()),
            SlaError::Unit { unit, .. } => crate::t!("load-sla-unit", unit = unit.as_str()),
        })
    }
}

impl SlaError {
    /// What to write instead: "did you mean `"2du"` (business days)?" when the unit was written
    /// in words, else the three units with an example each.
    pub fn help(&self) -> String {
        match self {
            SlaError::Unit { meant: Some(sla), .. } => {
                crate::t!("load-sla-did-you-mean", sla = sla.to_string(), unit = sla.unit.words())
            }
            _ => crate::t!("load-sla-help"),
        }
    }
}

/// The unit a word stands for ("horas", "dias úteis", "business days"), compared without case
/// and accents.
fn unit_in_words(unit: &str) -> Option<SlaUnit> {
    let folded = crate::text::fold(unit);
    let words: Vec<&str> = folded.split(|c: char| c.is_whitespace() || c == '.').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        ["hr" | "hrs" | "hs" | "hora" | "horas" | "hour" | "hours"] => Some(SlaUnit::Hours),
        ["dia" | "dias" | "day" | "days"] | ["dia" | "dias", "corrido" | "corridos"] | ["calendar", "day" | "days"] => {
            Some(SlaUnit::Days)
        }
        ["d", "u"] | ["dia" | "dias", "util" | "uteis"] | ["business" | "working", "day" | "days"] | ["bd" | "ud"] => {
            Some(SlaUnit::BusinessDays)
        }
        _ => None,
    }
}

impl FromStr for Sla {
    type Err = SlaError;

    /// Accepts a positive whole number followed by `h`, `d` or `du`, with optional white space
    /// between (`"24h"`, `"2 d"`, `"2du"`). The unit is case-insensitive.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let raw = raw.trim();
        let digits_end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
        let (digits, unit) = raw.split_at(digits_end);
        let amount: u32 = digits.parse().map_err(|_| SlaError::NoNumber(raw.to_string()))?;
        if amount == 0 {
            return Err(SlaError::Zero);
        }
        let unit = match unit.trim().to_ascii_lowercase().as_str() {
            "" => return Err(SlaError::NoUnit(amount)),
            "h" => SlaUnit::Hours,
            "d" => SlaUnit::Days,
            "du" => SlaUnit::BusinessDays,
            other => {
                let meant = unit_in_words(other).map(|unit| Sla { amount, unit });
                return Err(SlaError::Unit { unit: unit.trim().to_string(), meant });
            }
        };
        Ok(Sla { amount, unit })
    }
}

impl fmt::Display for Sla {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.suffix())
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
    fn parses_business_days() {
        assert_eq!("2du".parse(), Ok(Sla { amount: 2, unit: SlaUnit::BusinessDays }));
        assert_eq!(" 1 DU ".parse::<Sla>().unwrap().to_string(), "1du");
        assert_eq!("5 Du".parse::<Sla>().unwrap().to_string(), "5du");
        // Sorted by their average length: 1d < 1du < 2d, and 5du = 7d.
        let hours = |s: &str| s.parse::<Sla>().unwrap().hours();
        assert!(hours("1d") < hours("1du") && hours("1du") < hours("2d"));
        assert_eq!(hours("5du"), hours("7d"));
        assert_eq!(hours("2du"), 68);
        assert_eq!("0du".parse::<Sla>(), Err(SlaError::Zero));
    }

    #[test]
    fn rejects_the_rest() {
        for bad in ["", "h", "24", "24 horas", "0h", "-1h", "1.5h", "24m", "2ud", "2 d u", "2dd", "du", "1.5du"] {
            assert!(bad.parse::<Sla>().is_err(), "{bad} should be rejected");
        }
        let missing = "24".parse::<Sla>().unwrap_err();
        assert_eq!(missing, SlaError::NoUnit(24));
        assert!(missing.to_string().starts_with("falta a unidade depois de `24`"), "{missing}");
    }

    #[test]
    fn a_unit_in_words_is_named_in_the_help() {
        let help = |s: &str| s.parse::<Sla>().unwrap_err().help();
        assert_eq!(help("24 horas"), "você quis dizer `\"24h\"` (horas)?");
        assert_eq!(help("2 dias úteis"), "você quis dizer `\"2du\"` (dias úteis)?");
        assert_eq!(help("1 dia util"), "você quis dizer `\"1du\"` (dias úteis)?");
        assert_eq!(help("3 Dias Corridos"), "você quis dizer `\"3d\"` (dias corridos)?");
        assert_eq!(help("2 business days"), "você quis dizer `\"2du\"` (dias úteis)?");
        assert_eq!(help("2 d.u."), "você quis dizer `\"2du\"` (dias úteis)?");
        assert!(help("24m").starts_with("escreva um número e uma unidade: `\"24h\"` (horas)"), "{}", help("24m"));
        assert!(help("0 dias").starts_with("escreva um número"), "zero is not helped to a unit");
        let en = crate::i18n::message_in(
            crate::i18n::Language::En,
            "load-sla-did-you-mean",
            &[("sla", "24h".into()), ("unit", "hours".into())],
        );
        assert_eq!(en, "did you mean `\"24h\"` (hours)?");
        let error = "2 dias úteis".parse::<Sla>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unidade desconhecida `dias úteis`: use `h` (horas), `d` (dias corridos) ou `du` (dias úteis)"
        );
    }
}
