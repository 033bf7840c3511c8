//! Labels: the answer of every link, as a box centred on its line.
//!
//! A forward link's answer sits on its first point, in the row of labels under its step; a back
//! link's on the point where it turns towards its lane. Ordering and placement gave those points
//! the label's width, so a label touches no other label, step or line. A self-loop's answer
//! goes beside its loop, in the room the step keeps on its right.

use super::layout::{DrawnLabel, ItemOf, LOOP_LABEL_GAP, Layout};
use super::route::{LOOP_LABEL_SPACE, LOOP_OUT, LOOP_STEP};

/// Places every label box.
pub(super) fn place(lay: &mut Layout) {
    let mut labels = Vec::new();
    for item in &lay.items {
        let ItemOf::Link { edge, label: true } = item.of else {
            continue;
        };
        let Some(size) = &lay.label_sizes[edge] else {
            continue;
        };
        let band = lay.bands[item.row];
        labels.push(DrawnLabel {
            edge,
            back: lay.ranks.back[edge],
            x: item.x - size.w / 2.0,
            y: band.top + (band.h - size.h) / 2.0,
            w: size.w,
            h: size.h,
        });
    }
    let mut used = vec![0.0f64; lay.nodes.len()];
    for &e in &lay.ranks.loops {
        let Some(size) = &lay.label_sizes[e] else {
            continue;
        };
        let step = lay.ends[e].0;
        let (g, loops) = (&lay.nodes[step], &lay.loops[step]);
        let x = g.right() + LOOP_OUT + LOOP_STEP * loops.count.saturating_sub(1) as f64 + LOOP_LABEL_SPACE;
        // The labels of several loops on one step are stacked around its centre line.
        let y = g.cy - (loops.label_h - LOOP_LABEL_GAP) / 2.0 + used[step];
        used[step] += size.h + LOOP_LABEL_GAP;
        labels.push(DrawnLabel { edge: e, back: true, x, y, w: size.w, h: size.h });
    }
    labels.sort_by_key(|l| l.edge);
    lay.labels = labels;
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::{Chart, Edge, Node, NodeKind};

    #[test]
    fn each_answer_sits_on_its_own_line() {
        let node = |i: usize, kind| Node {
            id: format!("p{i}"),
            number: i + 1,
            kind,
            label: "Passo".into(),
            link_label: String::new(),
        };
        let edge = |from, to, label: &str| Edge { from, to, label: Some(label.into()) };
        let chart = Chart {
            title: String::new(),
            description: String::new(),
            nodes: vec![node(0, NodeKind::Decision), node(1, NodeKind::Action), node(2, NodeKind::Resolution)],
            edges: vec![
                edge(0, 1, "Sim"),
                edge(0, 2, "Não, e nada mais resolve"),
                edge(1, 0, "De novo"),
                edge(1, 1, "Outra vez"),
            ],
            start: 0,
        };
        let lay = layout(&chart);
        assert_eq!(lay.labels.len(), 4);
        for l in &lay.labels {
            let line = &lay.edges.iter().find(|e| e.edge == l.edge).unwrap().points;
            let (cx, cy) = (l.x + l.w / 2.0, l.y + l.h / 2.0);
            let through = line.windows(2).any(|w| {
                let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                (x0 - cx).abs() < 1e-6 && (x1 - cx).abs() < 1e-6 && y0.min(y1) < l.y && y0.max(y1) > l.y + l.h
            });
            // A self-loop's answer stands beside its loop instead.
            let beside = chart.edges[l.edge].from == chart.edges[l.edge].to
                && line.iter().all(|p| p.0 < l.x)
                && line.iter().any(|p| (p.1 - cy).abs() < l.h);
            assert!(through || beside, "label of edge {} at {:?} off its line {line:?}", l.edge, (cx, cy));
        }
    }
}
