//! The guided mode's data, embedded in each procedure page as JSON for `guided.js`: the step
//! graph, the words the case note needs and, for an SLA in business days, the holidays.

use std::collections::BTreeMap;

use serde::Serialize;

use super::links;
use super::views::{FieldView, ProcedureView};
use crate::model::{Calendar, Sla, SlaUnit, StepKind};
use crate::text::json_for_html;

/// One step as the guided mode sees it (`guided.js`).
#[derive(Serialize)]
struct GuidedStep<'a> {
    number: usize,
    kind: StepKind,
    title: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    branches: Vec<GuidedBranch<'a>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    escalation: Option<GuidedEscalation<'a>>,
}

#[derive(Serialize)]
struct GuidedBranch<'a> {
    when: &'a str,
    next: Option<&'a str>,
}

#[derive(Serialize)]
struct GuidedEscalation<'a> {
    to: &'a str,
    sla: &'a str,
    sla_text: &'a str,
    /// The SLA as a number, in the unit it was written in (hours, calendar days or business
    /// days), so the page can compute the return deadline; none when the SLA is missing or
    /// invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    sla_hours: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sla_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sla_business_days: Option<u32>,
    fields: &'a [FieldView],
    via: Option<&'a str>,
    via_url: Option<String>,
}

/// The guided mode's data: the graph and the words the case note needs, and the holidays of
/// `calendar` when an escalation promises business days.
pub(super) fn guided_json(view: &ProcedureView, calendar: &Calendar) -> String {
    let root = links::root_of(&view.url);
    let steps: BTreeMap<&str, GuidedStep<'_>> = view
        .steps
        .iter()
        .map(|s| {
            let sla = s.sla.parse::<Sla>().ok();
            let amount = |unit| sla.filter(|s| s.unit == unit).map(|s| s.amount);
            let escalation = (s.kind == StepKind::Escalation).then(|| GuidedEscalation {
                to: &s.to,
                sla: &s.sla,
                sla_text: &s.sla_text,
                sla_hours: amount(SlaUnit::Hours),
                sla_days: amount(SlaUnit::Days),
                sla_business_days: amount(SlaUnit::BusinessDays),
                fields: &s.fields,
                via: s.via.as_ref().map(|v| v.text.as_str()),
                via_url: s.via.as_ref().and_then(|via| match (via.kind, &via.url) {
                    (links::LinkKind::Internal, Some(url)) => Some(format!("{root}{url}")),
                    (links::LinkKind::External, Some(url)) => Some(url.clone()),
                    _ => None,
                }),
            });
            let step = GuidedStep {
                number: s.number,
                kind: s.kind,
                title: &s.title,
                text: &s.text_plain,
                next: s.next.as_ref().filter(|_| s.kind == StepKind::Action).map(|n| n.id.as_str()),
                branches: s
                    .branches
                    .iter()
                    .map(|b| GuidedBranch { when: &b.when, next: b.target.as_ref().map(|t| t.id.as_str()) })
                    .collect(),
                escalation,
            };
            (s.id.as_str(), step)
        })
        .collect();
    #[derive(Serialize)]
    struct Guided<'a> {
        title: &'a str,
        breadcrumb: &'a str,
        start: &'a str,
        steps: BTreeMap<&'a str, GuidedStep<'a>>,
        /// The days that are not business days besides weekends, `YYYY-MM-DD`: only on a page
        /// whose deadlines count business days.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        holidays: Vec<String>,
    }
    let start = view.steps.get(view.start).map_or("", |s| s.id.as_str());
    let business_days = steps.values().any(|s| s.escalation.as_ref().is_some_and(|e| e.sla_business_days.is_some()));
    let holidays = if business_days { calendar.holidays().map(|d| d.to_string()).collect() } else { Vec::new() };
    json_for_html(&Guided { title: &view.title, breadcrumb: &view.breadcrumb, start, steps, holidays })
}
