//! Business days, for `sla = "…du"`: Monday to Friday, less the holidays of `sopbook.toml`'s
//! `[calendar]`. `themes/default/static/guided.js` mirrors [`Calendar::add_business_days`] for
//! the guided mode's return deadline: the two change together.

use std::collections::BTreeSet;

use super::Date;

/// The holidays of a knowledge base; every other Monday to Friday is a business day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<Date>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = Date>) -> Calendar {
        Calendar { holidays: holidays.into_iter().collect() }
    }

    /// The holidays, in date order, each once.
    pub fn holidays(&self) -> impl Iterator<Item = Date> + '_ {
        self.holidays.iter().copied()
    }

    /// Monday to Friday and not a holiday.
    pub fn is_business_day(&self, date: Date) -> bool {
        date.weekday() < 5 && !self.holidays.contains(&date)
    }

    /// The date `n` business days after `from`: the days after `from` are counted, the business
    /// days among them, and the `n`-th is the answer. So a Friday + 1 is the Monday after, a
    /// Saturday or a Sunday + 1 is that Monday too (the first business day after it), and + 0 is
    /// `from` itself.
    pub fn add_business_days(&self, from: Date, n: u32) -> Date {
        let mut date = from;
        let mut left = i64::from(n);
        // Whole weeks at once while more than 5 days are left: 5 business days each, less the
        // holidays that fall on their weekdays. At least one day is left for the walk below, so
        // the answer is a business day.
        while left > 5 {
            let weeks = (left - 1) / 5;
            let end = date.add_days(weeks * 7);
            let lost = self.holidays.range(date.add_days(1)..=end).filter(|d| d.weekday() < 5).count() as i64;
            left -= weeks * 5 - lost;
            date = end;
        }
        while left > 0 {
            date = date.add_days(1);
            if self.is_business_day(date) {
                left -= 1;
            }
        }
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// Counted one day at a time, as the definition says.
    fn one_by_one(calendar: &Calendar, from: Date, n: u32) -> Date {
        let (mut date, mut left) = (from, n);
        while left > 0 {
            date = date.add_days(1);
            if calendar.is_business_day(date) {
                left -= 1;
            }
        }
        date
    }

    #[test]
    fn a_friday_plus_one_business_day_is_the_monday() {
        let none = Calendar::default();
        // 2026-11-27 is a Friday.
        assert_eq!(none.add_business_days(day("2026-11-27"), 1), day("2026-11-30"));
        assert_eq!(none.add_business_days(day("2026-11-27"), 2), day("2026-12-01"));
        assert_eq!(none.add_business_days(day("2026-11-26"), 1), day("2026-11-27"), "Thursday + 1");
        assert_eq!(none.add_business_days(day("2026-11-28"), 1), day("2026-11-30"), "Saturday + 1");
        assert_eq!(none.add_business_days(day("2026-11-29"), 1), day("2026-11-30"), "Sunday + 1");
        assert_eq!(none.add_business_days(day("2026-11-30"), 5), day("2026-12-07"), "Monday + 5");
        assert_eq!(none.add_business_days(day("2026-11-28"), 5), day("2026-12-04"), "Saturday + 5");
    }

    #[test]
    fn zero_business_days_is_the_same_day() {
        let none = Calendar::default();
        for from in ["2026-11-27", "2026-11-28"] {
            assert_eq!(none.add_business_days(day(from), 0), day(from));
        }
    }

    #[test]
    fn holidays_are_skipped() {
        let christmas = Calendar::new([day("2026-12-25"), day("2027-01-01")]);
        // Thursday 24 Dec + 1 skips Friday 25 and the weekend.
        assert_eq!(christmas.add_business_days(day("2026-12-24"), 1), day("2026-12-28"));
        // Wednesday 23 Dec + 2: Thursday 24, then Monday 28; + 3 is Tuesday 29.
        assert_eq!(christmas.add_business_days(day("2026-12-23"), 2), day("2026-12-28"));
        assert_eq!(christmas.add_business_days(day("2026-12-23"), 3), day("2026-12-29"));
        // Without the holiday, + 2 would be Friday 25.
        assert_eq!(Calendar::default().add_business_days(day("2026-12-23"), 2), day("2026-12-25"));
        // Across both: Thursday 31 Dec + 1 is Monday 4 Jan.
        assert_eq!(christmas.add_business_days(day("2026-12-31"), 1), day("2027-01-04"));
        assert!(!christmas.is_business_day(day("2026-12-25")));
        assert!(christmas.is_business_day(day("2026-12-24")));
        assert_eq!(christmas.holidays().map(|d| d.to_string()).collect::<Vec<_>>(), ["2026-12-25", "2027-01-01"]);
    }

    #[test]
    fn a_holiday_on_a_weekend_changes_nothing() {
        // 2027-12-25 is a Saturday.
        let weekend = Calendar::new([day("2027-12-25")]);
        let none = Calendar::default();
        for n in [1, 2, 5, 6, 11] {
            let from = day("2027-12-24");
            assert_eq!(weekend.add_business_days(from, n), none.add_business_days(from, n), "+ {n}");
        }
        assert_eq!(weekend.add_business_days(day("2027-12-24"), 1), day("2027-12-27"));
    }

    #[test]
    fn whole_weeks_at_once_agree_with_counting_day_by_day() {
        let calendar = Calendar::new(
            ["2026-12-25", "2027-01-01", "2027-02-15", "2027-02-16", "2027-04-02", "2027-04-21", "2027-05-01"].map(day),
        );
        for offset in 0..14 {
            let from = day("2026-12-14").add_days(offset);
            for n in 0..=120 {
                assert_eq!(calendar.add_business_days(from, n), one_by_one(&calendar, from, n), "{from} + {n}");
            }
        }
        // A large SLA takes no time.
        assert!(Calendar::default().add_business_days(day("2026-11-27"), u32::MAX).weekday() < 5);
    }
}
