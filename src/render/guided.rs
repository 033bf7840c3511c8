//! The guided mode's data, embedded in each procedure page as JSON for `guided.js`: what the
//! case note needs besides the steps and, for an SLA in business days, the holidays.
//!
//! The step graph itself is not repeated here: `guided.js` reads it from the page's step list
//! (IDs, kinds, titles, texts, links to the next steps, and the escalations' `data-*`
//! attributes), so each step's text is written once per page.

use serde::Serialize;

use super::views::ProcedureView;
use crate::model::{Calendar, StepKind};
use crate::text::json_for_html;

/// The guided mode's data: the procedure's title and breadcrumb for the case note, the step
/// where the walk starts, and the holidays of `calendar` when an escalation promises business
/// days.
pub(super) fn guided_json(view: &ProcedureView, calendar: &Calendar) -> String {
    #[derive(Serialize)]
    struct Guided<'a> {
        title: &'a str,
        breadcrumb: &'a str,
        start: &'a str,
        /// The days that are not business days besides weekends, `YYYY-MM-DD`: only on a page
        /// whose deadlines count business days.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        holidays: Vec<String>,
    }
    let start = view.steps.get(view.start).map_or("", |s| s.id.as_str());
    let business_days =
        view.steps.iter().any(|s| s.kind == StepKind::Escalation && s.sla_unit == super::views::BUSINESS_DAYS);
    let holidays = if business_days { calendar.holidays().map(|d| d.to_string()).collect() } else { Vec::new() };
    json_for_html(&Guided { title: &view.title, breadcrumb: &view.breadcrumb, start, holidays })
}
