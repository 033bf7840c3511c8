//! Writing the SVG: the back end, which only draws what the layout placed.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::layout::Layout;
use super::measure::{FONT, LABEL_FONT, LABEL_LINE_H, LINE_H, Shape, marker};
use super::text::Wrapped;
use super::{Chart, NodeKind};
use crate::text::push_markup as esc;

const MARGIN: f64 = 6.0;
const CORNER: f64 = 5.0;

/// The natural width of the drawing of `lay`, in CSS pixels.
pub(super) fn width(lay: &Layout) -> f64 {
    (lay.bounds.max_x - lay.bounds.min_x + 2.0 * MARGIN).ceil()
}

/// The drawing of `chart` laid out as `lay`.
pub(super) fn write(chart: &Chart, lay: &Layout) -> String {
    let mut out = String::with_capacity(2048 + chart.nodes.len() * 520 + chart.edges.len() * 160);
    write_svg(&mut out, chart, lay);
    out
}

/// The drawing of a chart without steps: its title and description only.
pub(super) fn empty(chart: &Chart) -> String {
    let mut out = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc fc-empty\" viewBox=\"0 0 16 16\" \
         width=\"16\" height=\"16\" aria-labelledby=\"fc-title fc-desc\">",
    );
    write_title_desc(&mut out, chart);
    out.push_str("</svg>");
    out
}

/// Writes an unsigned integer (a chart has thousands: `itoa` skips `fmt`'s machinery).
fn uint(out: &mut String, v: u64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Percent-encodes a step ID for a URL fragment (characters safe in a fragment and in an HTML
/// attribute stay as they are).
fn fragment(out: &mut String, s: &str) {
    out.extend(utf8_percent_encode(s, FRAGMENT));
}

/// What [`fragment`] encodes: all but letters, digits and `-._~!$()*+,;=:@/?`.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?');

/// Writes a coordinate with at most one decimal.
fn num(out: &mut String, v: f64) {
    let t = v * 10.0;
    // Rounds half away from zero; NaN becomes 0 and infinities saturate (they never occur).
    let t = if t >= 0.0 { (t + 0.5) as i64 } else { (t - 0.5) as i64 };
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    uint(out, t / 10);
    if t % 10 != 0 {
        out.push('.');
        out.push((b'0' + (t % 10) as u8) as char);
    }
}

fn attr(out: &mut String, name: &str, v: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    num(out, v);
    out.push('"');
}

fn write_title_desc(out: &mut String, chart: &Chart) {
    out.push_str("<title id=\"fc-title\">");
    esc(out, &chart.title);
    out.push_str("</title><desc id=\"fc-desc\">");
    esc(out, &chart.description);
    out.push_str("</desc>");
}

fn write_lines(out: &mut String, text: &str, w: &Wrapped, cx: f64, first_baseline: f64, line_h: f64) {
    for (i, &(s, e)) in w.lines.iter().enumerate() {
        out.push_str("<tspan");
        attr(out, "x", cx);
        attr(out, "y", first_baseline + i as f64 * line_h);
        out.push('>');
        esc(out, &text[s..e]);
        if w.ellipsis && i + 1 == w.lines.len() {
            out.push('…');
        }
        out.push_str("</tspan>");
    }
}

/// A character of an XML 1.0 name, after the first (SVG element ids must be XML names); no colon.
fn is_name_char(c: char) -> bool {
    let u = c as u32;
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | '_' | '\u{B7}')
        || (0xC0..=0x2FF).contains(&u) && u != 0xD7 && u != 0xF7
        || (0x300..=0x37D).contains(&u)
        || (0x37F..=0x1FFF).contains(&u)
        || (0x200C..=0x200D).contains(&u)
        || (0x203F..=0x2040).contains(&u)
        || (0x2070..=0x218F).contains(&u)
        || (0x2C00..=0x2FEF).contains(&u)
        || (0x3001..=0xD7FF).contains(&u)
        || (0xF900..=0xFDCF).contains(&u)
        || (0xFDF0..=0xFFFD).contains(&u)
        || (0x10000..=0xEFFFF).contains(&u)
}

/// Step IDs that can be used as `fc-ID` element ids: non-empty XML names, not clashing with the
/// chart's own ids, first of their name. Other nodes get no id (their link still works).
pub(super) fn usable_ids(chart: &Chart) -> Vec<bool> {
    let mut ok: Vec<bool> = chart
        .nodes
        .iter()
        .map(|n| !n.id.is_empty() && n.id.chars().all(is_name_char) && !matches!(n.id.as_str(), "title" | "desc"))
        .collect();
    let mut sorted: Vec<usize> = (0..chart.nodes.len()).collect();
    sorted.sort_by(|&a, &b| chart.nodes[a].id.cmp(&chart.nodes[b].id).then(a.cmp(&b)));
    for w in sorted.windows(2) {
        if chart.nodes[w[0]].id == chart.nodes[w[1]].id {
            ok[w[1]] = false;
        }
    }
    ok
}

fn write_points(out: &mut String, pts: &[(f64, f64)], ox: f64, oy: f64) {
    // Drop repeated and collinear points, then round the corners.
    let mut p: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for &q in pts {
        if let Some(&last) = p.last()
            && (q.0 - last.0).abs() < 0.05
            && (q.1 - last.1).abs() < 0.05
        {
            continue;
        }
        if p.len() >= 2 {
            let (a, b) = (p[p.len() - 2], p[p.len() - 1]);
            let cross = (b.0 - a.0) * (q.1 - b.1) - (b.1 - a.1) * (q.0 - b.0);
            let dot = (b.0 - a.0) * (q.0 - b.0) + (b.1 - a.1) * (q.1 - b.1);
            if cross.abs() < 0.01 && dot > 0.0 {
                p.pop();
            }
        }
        p.push(q);
    }
    out.push_str(" d=\"M");
    num(out, p[0].0 - ox);
    out.push(' ');
    num(out, p[0].1 - oy);
    for i in 1..p.len() {
        let b = p[i];
        if i + 1 < p.len() {
            let (a, c) = (p[i - 1], p[i + 1]);
            let d1 = ((b.0 - a.0).hypot(b.1 - a.1) / 2.0).min(CORNER);
            let d2 = ((c.0 - b.0).hypot(c.1 - b.1) / 2.0).min(CORNER);
            let r = d1.min(d2);
            if r > 0.5 {
                let l1 = (b.0 - a.0).hypot(b.1 - a.1);
                let l2 = (c.0 - b.0).hypot(c.1 - b.1);
                let p1 = (b.0 - (b.0 - a.0) / l1 * r, b.1 - (b.1 - a.1) / l1 * r);
                let p2 = (b.0 + (c.0 - b.0) / l2 * r, b.1 + (c.1 - b.1) / l2 * r);
                out.push('L');
                num(out, p1.0 - ox);
                out.push(' ');
                num(out, p1.1 - oy);
                out.push('Q');
                num(out, b.0 - ox);
                out.push(' ');
                num(out, b.1 - oy);
                out.push(' ');
                num(out, p2.0 - ox);
                out.push(' ');
                num(out, p2.1 - oy);
                continue;
            }
        }
        out.push('L');
        num(out, b.0 - ox);
        out.push(' ');
        num(out, b.1 - oy);
    }
    out.push('"');
}

fn write_svg(out: &mut String, chart: &Chart, lay: &Layout) {
    let ox = lay.bounds.min_x - MARGIN;
    let oy = lay.bounds.min_y - MARGIN;
    let width = width(lay);
    let height = (lay.bounds.max_y - lay.bounds.min_y + 2.0 * MARGIN).ceil();
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc\" viewBox=\"0 0 ");
    num(out, width);
    out.push(' ');
    num(out, height);
    out.push('"');
    attr(out, "width", width);
    attr(out, "height", height);
    out.push_str(" aria-labelledby=\"fc-title fc-desc\">");
    write_title_desc(out, chart);
    out.push_str(
        "<defs><marker id=\"fc_arrow\" class=\"fc-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">\
         <path d=\"M0 0L10 5L0 10z\"/></marker>\
         <marker id=\"fc_arrow_back\" class=\"fc-arrow fc-back\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">\
         <path d=\"M0 0L10 5L0 10z\"/></marker></defs>",
    );

    // Edges under everything; what they all share is said once, on their group (the SVG
    // properties fill, stroke and marker-end are inherited).
    out.push_str("<g class=\"fc-edges\" fill=\"none\" stroke=\"currentColor\" marker-end=\"url(#fc_arrow)\">");
    for e in &lay.edges {
        if e.points.len() < 2 {
            continue;
        }
        out.push_str(if e.back { "<path class=\"fc-edge fc-back\"" } else { "<path class=\"fc-edge\"" });
        write_points(out, &e.points, ox, oy);
        out.push_str(if e.back { " marker-end=\"url(#fc_arrow_back)\"/>" } else { "/>" });
    }
    out.push_str("</g>");

    // Nodes.
    let ids = usable_ids(chart);
    out.push_str("<g class=\"fc-nodes\">");
    for (i, (node, g)) in chart.nodes.iter().zip(&lay.nodes).enumerate() {
        out.push_str("<a href=\"#");
        fragment(out, &node.id);
        // No aria-label: the link's name is its visible text (number and label), as WCAG's
        // "label in name" wants; a shortened label keeps the whole one in a <title>.
        out.push_str("\"><g class=\"fc-node ");
        out.push_str(match node.kind {
            NodeKind::Action => "fc-action",
            NodeKind::Decision => "fc-decision",
            NodeKind::Resolution => "fc-resolution",
            NodeKind::Escalation => "fc-escalation",
            NodeKind::Other => "fc-other",
        });
        // As in the layout: a start out of range falls back to the first step.
        if i == chart.start || (i == 0 && chart.start >= chart.nodes.len()) {
            out.push_str(" fc-start");
        }
        out.push('"');
        if ids[i] {
            out.push_str(" id=\"fc-");
            esc(out, &node.id);
            out.push('"');
        }
        out.push('>');
        if g.text.ellipsis {
            out.push_str("<title>");
            esc(out, if node.link_label.trim().is_empty() { &node.label } else { &node.link_label });
            out.push_str("</title>");
        }
        let (cx, cy) = (g.cx - ox, g.cy - oy);
        let (l, t) = (g.left() - ox, g.top() - oy);
        match g.shape {
            Shape::Diamond => {
                out.push_str("<polygon class=\"fc-shape\" points=\"");
                for (k, (px, py)) in
                    [(cx, t), (cx + g.w / 2.0, cy), (cx, t + g.h), (cx - g.w / 2.0, cy)].into_iter().enumerate()
                {
                    if k > 0 {
                        out.push(' ');
                    }
                    num(out, px);
                    out.push(',');
                    num(out, py);
                }
                out.push_str("\" fill=\"none\" stroke=\"currentColor\"/>");
            }
            _ => {
                let rx = match g.shape {
                    Shape::Pill => g.pill_r(),
                    Shape::Rect => 7.0,
                    _ => 3.0,
                };
                out.push_str("<rect class=\"fc-shape\"");
                attr(out, "x", l);
                attr(out, "y", t);
                attr(out, "width", g.w);
                attr(out, "height", g.h);
                attr(out, "rx", rx);
                out.push_str(" fill=\"none\" stroke=\"currentColor\"/>");
                if g.shape == Shape::Double {
                    out.push_str("<rect class=\"fc-inner\"");
                    attr(out, "x", l + 4.0);
                    attr(out, "y", t + 4.0);
                    attr(out, "width", g.w - 8.0);
                    attr(out, "height", g.h - 8.0);
                    attr(out, "rx", 1.5);
                    out.push_str(" fill=\"none\" stroke=\"currentColor\"/>");
                }
            }
        }
        // Text: the number (after the kind marker) starts the first line.
        let lines = g.text.lines.len().max(1);
        let baseline = cy - (lines - 1) as f64 * LINE_H / 2.0 + FONT * 0.35;
        out.push_str("<text class=\"fc-text\" text-anchor=\"middle\">");
        let mut first = true;
        let write_num = |out: &mut String| {
            out.push_str("<tspan class=\"fc-num\">");
            out.push_str(marker(node.kind));
            uint(out, node.number as u64);
            out.push('.');
            out.push_str("</tspan>");
        };
        if g.text.lines.is_empty() {
            out.push_str("<tspan");
            attr(out, "x", cx);
            attr(out, "y", baseline);
            out.push('>');
            write_num(out);
            out.push_str("</tspan>");
        }
        for (k, &(s, e)) in g.text.lines.iter().enumerate() {
            out.push_str("<tspan");
            attr(out, "x", cx);
            attr(out, "y", baseline + k as f64 * LINE_H);
            out.push('>');
            if first {
                write_num(out);
                out.push(' ');
                first = false;
            }
            esc(out, &node.label[s..e]);
            if g.text.ellipsis && k + 1 == g.text.lines.len() {
                out.push('…');
            }
            out.push_str("</tspan>");
        }
        out.push_str("</text></g></a>");
    }
    out.push_str("</g>");

    // Answer labels over the edges.
    if !lay.labels.is_empty() {
        out.push_str("<g class=\"fc-labels\">");
        for l in &lay.labels {
            let Some(size) = &lay.label_sizes[l.edge] else {
                continue;
            };
            let Some(text) = chart.edges[l.edge].label.as_deref() else {
                continue;
            };
            out.push_str(if l.back { "<g class=\"fc-edge-label fc-back\">" } else { "<g class=\"fc-edge-label\">" });
            if size.text.ellipsis {
                out.push_str("<title>");
                esc(out, text);
                out.push_str("</title>");
            }
            out.push_str("<rect");
            attr(out, "x", l.x - ox);
            attr(out, "y", l.y - oy);
            attr(out, "width", l.w);
            attr(out, "height", l.h);
            out.push_str(" rx=\"3\" fill=\"none\"/><text text-anchor=\"middle\">");
            let lines = size.text.lines.len().max(1);
            let cy = l.y + l.h / 2.0 - oy;
            let baseline = cy - (lines - 1) as f64 * LABEL_LINE_H / 2.0 + LABEL_FONT * 0.35;
            write_lines(out, text, &size.text, l.x + l.w / 2.0 - ox, baseline, LABEL_LINE_H);
            out.push_str("</text></g>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_escapes() {
        let mut out = String::new();
        for v in [0.0, -0.04, 12.25, -3.5, 7.0, 1234.56, f64::NAN] {
            num(&mut out, v);
            out.push(' ');
        }
        assert_eq!(out, "0 0 12.3 -3.5 7 1234.6 0 ");
        out.clear();
        esc(&mut out, "a\u{85}b\u{FDD0}c\u{FFFF}d\u{1FFFE}e é ç ✓ 𝄞 <&>");
        assert_eq!(out, "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e é ç ✓ 𝄞 &lt;&amp;&gt;");
        out.clear();
        fragment(&mut out, "passo-1 é#%");
        assert_eq!(out, "passo-1%20%C3%A9%23%25");
    }
}
