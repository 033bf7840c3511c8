//! The pages that list procedures: home (search, sections, recently changed), sections, tags,
//! escalations by sector, procedures to review, and the 404 page.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use super::changes;
use super::error::Result;
use super::lang::Strings;
use super::links;
use super::output::{Sink, Written};
use super::templates::{File, render, render_at};
use super::views::{self, Card};
use crate::load::KnowledgeBase;
use crate::model::Date;
use crate::scenarios;
use crate::text::{fold, slug};
use crate::timeline::{Review, Timeline};

/// A section of the Qualitor tree, with everything below it.
#[derive(Debug, Default)]
struct SectionNode<'a> {
    name: String,
    /// The slug of `name`: what its page is named after.
    key: String,
    url: String,
    /// Procedures in this section and below.
    count: usize,
    count_text: String,
    children: Vec<SectionNode<'a>>,
    procedures: Vec<&'a Card>,
}

/// What a section page shows: its own name and procedures, and one line per subsection (not
/// their subtrees, so that a page's size does not grow with the depth of the tree).
#[derive(Serialize)]
struct SectionPage<'a> {
    name: &'a str,
    count_text: &'a str,
    children: Vec<SubsectionLine<'a>>,
    procedures: &'a [&'a Card],
}

#[derive(Serialize)]
struct SubsectionLine<'a> {
    name: &'a str,
    url: &'a str,
    count_text: &'a str,
}

/// How many procedures the home page lists as recently changed.
const RECENT: usize = 8;

/// The page of the changes of the last days.
pub const NEWS_PAGE: &str = "news.html";

/// A procedure of the review page whose steps changed since its last review.
#[derive(Serialize)]
struct Unreviewed<'a> {
    procedure: &'a Card,
    /// The date of the oldest change not reviewed.
    oldest: Option<views::DateView>,
    commits: usize,
    text: String,
    #[serde(skip)]
    sort: (Date, String),
}

/// A procedure in the home page's "recently changed" list.
#[derive(Serialize)]
struct Recent<'a> {
    procedure: &'a Card,
    /// Where it lives: `Certificado Digital > A1`.
    section: String,
    updated: views::DateView,
}

/// What the list pages are made from.
pub(super) struct Lists<'a> {
    pub(super) kb: &'a KnowledgeBase,
    /// Each procedure as lists show it.
    pub(super) cards: &'a [Card],
    pub(super) t: &'a Strings,
    pub(super) tera: &'a Tera,
    pub(super) today: Date,
    pub(super) history: Option<&'a Timeline>,
}

impl Lists<'_> {
    /// The pages that list procedures (home, sections, tags, escalations, review) and the 404
    /// page, each written as soon as rendered.
    pub(super) fn list_pages(&self, sink: &dyn Sink) -> Result<(Written, Vec<String>)> {
        let mut written = Written::default();
        let mut paths = Vec::new();
        let mut put = |(path, bytes): File| -> Result<()> {
            sink.write(&path, &bytes)?;
            written = written.sum(Written::of(&path, &bytes));
            paths.push(path);
            Ok(())
        };
        let tree = self.section_tree();
        put(self.home_page(&tree)?)?;
        self.section_pages(&tree, &mut put)?;
        self.tag_pages(&mut put)?;
        put(self.escalations_page()?)?;
        put(self.review_page()?)?;
        if let Some(timeline) = self.history {
            put(self.news_page(timeline)?)?;
        }
        let mut context = Context::new();
        context.insert("page_title", self.t.get("not_found_title"));
        context.insert("base_url", &format!("{}/", self.kb.config.site.base_url.trim_end_matches('/')));
        let root = crate::safe_url::base_of_links(&self.kb.config.site.base_url);
        let page = render_at(self.tera, "404.html", "404.html", &root, &mut context)?;
        put(("404.html".to_string(), page.into_bytes()))?;
        let mut context = Context::new();
        context.insert("page_title", self.t.get("search_page_title"));
        put(render(self.tera, "search.html", "search.html", &mut context)?)?;
        Ok((written, paths))
    }

    /// The home page: the search box, the top sections as cards, the procedures changed last.
    fn home_page(&self, tree: &SectionNode<'_>) -> Result<File> {
        let sections: Vec<SubsectionLine<'_>> = tree
            .children
            .iter()
            .map(|c| SubsectionLine { name: &c.name, url: &c.url, count_text: &c.count_text })
            .collect();
        let mut context = Context::new();
        context.insert("sections", &sections);
        context.insert("recent", &self.recently_changed());
        context.insert("news_url", &self.history.map(|_| NEWS_PAGE));
        context.insert("total", &self.t.count("procedures_count", tree.count));
        context.insert("page_title", self.t.get("home"));
        render(self.tera, "index.html", "index.html", &mut context)
    }

    /// The [`RECENT`] procedures with the latest `updated` date, ties by title; undated ones
    /// are left out.
    fn recently_changed(&self) -> Vec<Recent<'_>> {
        let mut dated: Vec<(Reverse<Date>, String, usize)> = self
            .kb
            .procedures
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                Some((
                    Reverse(self.last_change(i).or(p.updated.as_ref().map(|u| *u.get_ref()))?),
                    fold(&self.cards[i].title),
                    i,
                ))
            })
            .collect();
        if dated.len() > RECENT {
            dated.select_nth_unstable(RECENT);
            dated.truncate(RECENT);
        }
        dated.sort_unstable();
        dated
            .into_iter()
            .map(|(Reverse(date), _, i)| Recent {
                procedure: &self.cards[i],
                section: views::section_segments(&self.kb.procedures[i]).join(" > "),
                updated: views::DateView::new(date, self.t),
            })
            .collect()
    }

    /// The date of the last commit that changed procedure `i`, with a history.
    fn last_change(&self, i: usize) -> Option<Date> {
        Some(self.history?.story(i)?.last()?.date)
    }

    /// "Novidades": the changes of the last `[history] days`, newest first, each with what it
    /// changed.
    fn news_page(&self, timeline: &Timeline) -> Result<File> {
        let news = changes::news(timeline, self.kb, self.t);
        let days = timeline.days.to_string();
        let mut context = Context::new();
        context.insert("page_title", self.t.get("news_title"));
        context.insert("intro", &self.t.fill("news_intro", &[("days", &days)]));
        context.insert("news", &news);
        let cut = timeline.news_total.saturating_sub(news.len());
        context.insert("cut", &(cut > 0).then(|| self.t.fill("news_cut", &[("n", &cut.to_string())])));
        let shallow = timeline.shallow_since.map(|d| self.t.fill("history_shallow", &[("date", &self.t.date(d))]));
        context.insert("shallow_note", &shallow);
        render(self.tera, NEWS_PAGE, NEWS_PAGE, &mut context)
    }

    /// The procedures whose steps changed since `updated` last moved, oldest unreviewed change
    /// first; `None` without a history.
    fn unreviewed(&self) -> Option<Vec<Unreviewed<'_>>> {
        let timeline = self.history?;
        let mut rows: Vec<Unreviewed<'_>> = (0..self.kb.procedures.len())
            .filter_map(|i| {
                let Review::Changed { commits, uncommitted } = &timeline.story(i)?.review else {
                    return None;
                };
                let oldest = commits.last().map(|c| c.date);
                Some(Unreviewed {
                    procedure: &self.cards[i],
                    oldest: oldest.map(|d| views::DateView::new(d, self.t)),
                    commits: commits.len(),
                    text: self.unreviewed_text(commits.len(), *uncommitted),
                    sort: (oldest.unwrap_or(self.today), fold(&self.cards[i].title)),
                })
            })
            .collect();
        rows.sort_by(|a, b| a.sort.cmp(&b.sort));
        Some(rows)
    }

    fn unreviewed_text(&self, commits: usize, uncommitted: bool) -> String {
        let mut text = self.t.count("unreviewed_commits", commits);
        if uncommitted {
            if commits > 0 {
                text.push_str("; ");
            } else {
                text.clear();
            }
            text.push_str(self.t.get("unreviewed_uncommitted"));
        }
        text
    }

    fn section_tree(&self) -> SectionNode<'_> {
        let mut root = SectionNode::default();
        let mut order: Vec<usize> = (0..self.kb.procedures.len()).collect();
        order.sort_by_cached_key(|&i| fold(views::text(&self.kb.procedures[i].title)));
        for i in order {
            let procedure = &self.kb.procedures[i];
            let mut node = &mut root;
            let segments = views::section_segments(procedure);
            for (depth, segment) in segments.iter().enumerate() {
                node.count += 1;
                // Names that differ only by case, accents or punctuation share a page (and the
                // `name-variant` warning): merged here by their slug, so no procedure disappears
                // from a list.
                let key = slug(segment);
                let position = node.children.iter().position(|c| c.key == key);
                let position = position.unwrap_or_else(|| {
                    let names: Vec<&str> = segments[..=depth].iter().map(String::as_str).collect();
                    let url = links::section_url(&names);
                    node.children.push(SectionNode { name: segment.clone(), key, url, ..SectionNode::default() });
                    node.children.len() - 1
                });
                node = &mut node.children[position];
            }
            node.count += 1;
            node.procedures.push(&self.cards[i]);
        }
        finish_tree(&mut root, self.t);
        root
    }

    /// One page per section, parents first; an explicit stack rather than recursion.
    fn section_pages(&self, root: &SectionNode<'_>, put: &mut dyn FnMut(File) -> Result<()>) -> Result<()> {
        let mut trail: Vec<views::Crumb> = Vec::new();
        let mut stack: Vec<(&SectionNode<'_>, usize)> = root.children.iter().rev().map(|c| (c, 0)).collect();
        while let Some((node, depth)) = stack.pop() {
            trail.truncate(depth);
            trail.push(views::Crumb { name: node.name.clone(), url: Some(node.url.clone()) });
            let full: Vec<&str> = trail.iter().map(|c| c.name.as_str()).collect();
            let page = SectionPage {
                name: &node.name,
                count_text: &node.count_text,
                children: node
                    .children
                    .iter()
                    .map(|c| SubsectionLine { name: &c.name, url: &c.url, count_text: &c.count_text })
                    .collect(),
                procedures: &node.procedures,
            };
            let mut context = Context::new();
            context.insert("page_title", &self.t.fill("section_title", &[("section", &full.join(" > "))]));
            context.insert("trail", &trail);
            context.insert("section", &page);
            put(render(self.tera, "section.html", &node.url, &mut context)?)?;
            stack.extend(node.children.iter().rev().map(|c| (c, depth + 1)));
        }
        Ok(())
    }

    fn tag_pages(&self, put: &mut dyn FnMut(File) -> Result<()>) -> Result<()> {
        let mut tags: BTreeMap<String, (String, Vec<&Card>)> = BTreeMap::new();
        for (procedure, card) in self.kb.procedures.iter().zip(self.cards) {
            for tag in &procedure.tags {
                let entry =
                    tags.entry(links::tag_url(tag.get_ref())).or_insert_with(|| (tag.get_ref().clone(), Vec::new()));
                entry.1.push(card);
            }
        }
        for (url, (name, mut cards)) in tags {
            cards.sort_by_cached_key(|c| fold(&c.title));
            let mut context = Context::new();
            context.insert("page_title", &self.t.fill("tag_title", &[("tag", &name)]));
            context.insert("tag", &name);
            context.insert("procedures", &cards);
            put(render(self.tera, "tag.html", &url, &mut context)?)?;
        }
        Ok(())
    }

    fn escalations_page(&self) -> Result<File> {
        #[derive(Serialize)]
        struct Item<'a> {
            procedure: &'a Card,
            step_id: String,
            step_number: usize,
            step_title: String,
            sla: String,
            sla_text: String,
            sla_hours: u64,
        }
        #[derive(Serialize)]
        struct Group<'a> {
            sector: String,
            items: Vec<Item<'a>>,
        }
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        for (procedure, card) in self.kb.procedures.iter().zip(self.cards) {
            for (i, step) in procedure.steps.iter().enumerate() {
                if step.kind() != crate::model::StepKind::Escalation {
                    continue;
                }
                let sector = views::text(&step.to).trim().to_string();
                let sla = views::text(&step.sla).to_string();
                let parsed = sla.parse::<crate::model::Sla>().ok();
                let group =
                    groups.entry(fold(&sector)).or_insert_with(|| Group { sector: sector.clone(), items: Vec::new() });
                group.items.push(Item {
                    procedure: card,
                    step_id: step.id.get_ref().clone(),
                    step_number: i + 1,
                    step_title: views::label(step),
                    sla_text: parsed.map(|s| self.t.sla(s)).unwrap_or_else(|| sla.clone()),
                    sla_hours: parsed.map_or(u64::MAX, |s| s.hours()),
                    sla,
                });
            }
        }
        let groups: Vec<Group> = groups
            .into_values()
            .map(|mut g| {
                g.items.sort_by(|a, b| {
                    (a.sla_hours, &a.procedure.breadcrumb).cmp(&(b.sla_hours, &b.procedure.breadcrumb))
                });
                g
            })
            .collect();
        let mut context = Context::new();
        context.insert("page_title", self.t.get("escalations_title"));
        context.insert("groups", &groups);
        render(self.tera, "escalations.html", "escalations.html", &mut context)
    }

    fn review_page(&self) -> Result<File> {
        #[derive(Serialize)]
        struct Item<'a> {
            procedure: &'a Card,
            due: views::DateView,
            overdue: bool,
            /// "changed" or "untouched" since the last review; empty without a history.
            since_review: &'static str,
        }
        #[derive(Serialize)]
        struct Group<'a> {
            owner: String,
            items: Vec<Item<'a>>,
        }
        let horizon = self.today.add_days(30);
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let mut due: Vec<(Date, usize)> = self
            .kb
            .procedures
            .iter()
            .enumerate()
            .filter_map(|(i, p)| views::due_date(self.kb, p).filter(|d| *d <= horizon).map(|d| (d, i)))
            .collect();
        due.sort();
        for (date, i) in due {
            let procedure = &self.kb.procedures[i];
            let owner = views::text(&procedure.owner).trim();
            let owner = if owner.is_empty() { self.t.get("no_owner").to_string() } else { owner.to_string() };
            let group = groups.entry(fold(&owner)).or_insert_with(|| Group { owner, items: Vec::new() });
            group.items.push(Item {
                procedure: &self.cards[i],
                due: views::DateView::new(date, self.t),
                overdue: date < self.today,
                since_review: match self.history.map(|h| h.story(i).is_some_and(|s| s.review.is_changed())) {
                    Some(true) => "changed",
                    Some(false) => "untouched",
                    None => "",
                },
            });
        }
        let groups: Vec<Group> = groups.into_values().collect();
        let mut context = Context::new();
        context.insert("page_title", self.t.get("review_title"));
        context.insert("groups", &groups);
        context.insert("coverage", &self.coverage());
        context.insert("has_history", &self.history.is_some());
        context.insert("unreviewed", &self.unreviewed().unwrap_or_default());
        render(self.tera, "review.html", "review.html", &mut context)
    }

    /// How much of each procedure's decisions its scenarios walk through, least covered first;
    /// `None` when no procedure has a scenario.
    fn coverage(&self) -> Option<CoverageTable<'_>> {
        use rayon::prelude::*;
        if self.kb.procedures.iter().all(|p| p.scenarios.is_empty()) {
            return None;
        }
        let each: Vec<scenarios::Coverage> = self
            .kb
            .procedures
            .par_iter()
            .map(|p| scenarios::coverage(p, scenarios::walks(p).iter().flatten()))
            .collect();
        let mut order: Vec<usize> = (0..each.len()).collect();
        // Least covered first (in thousandths of a percent), procedures without decisions last.
        let share = |c: &scenarios::Coverage| c.percent().map_or(u64::MAX, |p| (p * 1000.0) as u64);
        order.sort_by_cached_key(|&i| (share(&each[i]), fold(&self.cards[i].breadcrumb)));
        let total = scenarios::Coverage::sum(&each);
        let rows = order
            .into_iter()
            .map(|i| CoverageRow {
                procedure: &self.cards[i],
                scenarios: self.kb.procedures[i].scenarios.len(),
                text: self.coverage_text(&each[i]),
            })
            .collect();
        Some(CoverageTable { rows, total: self.coverage_text(&total) })
    }

    /// "4 de 6 respostas (67%)"; empty without decisions.
    fn coverage_text(&self, coverage: &scenarios::Coverage) -> String {
        let Some(percent) = coverage.percent() else { return String::new() };
        let key = if coverage.branches == 1 { "coverage_answers_one" } else { "coverage_answers_other" };
        let values = [
            ("covered", coverage.covered().to_string()),
            ("total", coverage.branches.to_string()),
            ("percent", whole_percent(percent, coverage.covered(), coverage.branches).to_string()),
        ];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.t.fill(key, &values)
    }
}

/// The review page's coverage of the scenarios.
#[derive(Serialize)]
struct CoverageTable<'a> {
    rows: Vec<CoverageRow<'a>>,
    /// The whole base's, as [`Lists::coverage_text`] writes it.
    total: String,
}

#[derive(Serialize)]
struct CoverageRow<'a> {
    procedure: &'a Card,
    scenarios: usize,
    /// Empty for a procedure without decisions.
    text: String,
}

/// `percent` rounded to a whole number, but never 100 before every answer is covered nor 0
/// once one is.
fn whole_percent(percent: f64, covered: usize, total: usize) -> u32 {
    let rounded = percent.round() as u32;
    match covered {
        0 => 0,
        c if c == total => 100,
        _ => rounded.clamp(1, 99),
    }
}

fn finish_tree(root: &mut SectionNode<'_>, t: &Strings) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        node.count_text = t.count("procedures_count", node.count);
        node.children.sort_by_cached_key(|c| fold(&c.name));
        stack.extend(node.children.iter_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::whole_percent;

    #[test]
    fn a_whole_percent_is_never_full_or_empty_before_its_time() {
        assert_eq!(whole_percent(200.0 / 3.0, 4, 6), 67);
        assert_eq!(whole_percent(99.6, 249, 250), 99);
        assert_eq!(whole_percent(0.4, 1, 250), 1);
        assert_eq!(whole_percent(0.0, 0, 6), 0);
        assert_eq!(whole_percent(100.0, 6, 6), 100);
    }
}
