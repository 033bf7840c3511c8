//! Measuring: the size of each node from its wrapped text and shape, and of each answer label.

use super::text::{Wrapped, str_units, wrap};
use super::{Node, NodeKind};

// Sizes, in CSS pixels of the natural size (the CSS scales the whole drawing down to fit).

pub(super) const FONT: f64 = 13.0;
/// Estimated advance of one character: 0.6 em.
const CHAR_W: f64 = FONT * 0.6;
pub(super) const LINE_H: f64 = 16.0;
/// A step's whole text is shown, in as many lines as it needs; past this many (some 800
/// characters) it is cut with an ellipsis, and the whole text is in a tooltip.
pub(super) const MAX_LINES: usize = 24;
/// Up to this many lines, a step keeps its narrow width; a longer text gets the wide one.
const FEW_LINES: usize = 4;
const BOX_TEXT_W: f64 = 186.0;
const BOX_WIDE_TEXT_W: f64 = 264.0;
const BOX_MIN_W: f64 = 150.0;
const BOX_PAD_X: f64 = 12.0;
const BOX_PAD_Y: f64 = 11.0;
const DIAMOND_TEXT_W: f64 = 132.0;
const DIAMOND_WIDE_TEXT_W: f64 = 176.0;
const DIAMOND_MAX_W: f64 = 360.0;
/// Largest radius of a resolution's rounded ends: a tall one stays a box with round corners.
pub(super) const PILL_MAX_R: f64 = 24.0;
pub(super) const LABEL_FONT: f64 = 11.5;
const LABEL_CHAR_W: f64 = LABEL_FONT * 0.6;
pub(super) const LABEL_LINE_H: f64 = 14.0;
const LABEL_TEXT_W: f64 = 140.0;
/// An answer is shown whole up to some 130 characters.
const LABEL_MAX_LINES: usize = 6;
const LABEL_PAD_X: f64 = 4.0;
const LABEL_PAD_Y: f64 = 2.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Action: rounded box.
    Rect,
    /// Decision.
    Diamond,
    /// Resolution: stadium.
    Pill,
    /// Escalation: box with a double border.
    Double,
    /// Broken step: box with a dashed border (CSS).
    Dashed,
}

fn shape_of(kind: NodeKind) -> Shape {
    match kind {
        NodeKind::Action => Shape::Rect,
        NodeKind::Decision => Shape::Diamond,
        NodeKind::Resolution => Shape::Pill,
        NodeKind::Escalation => Shape::Double,
        NodeKind::Other => Shape::Dashed,
    }
}

/// The marker that tells kinds apart without colour, before the step number.
pub(super) fn marker(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Resolution => "✓ ",
        NodeKind::Escalation => "▲ ",
        NodeKind::Other => "? ",
        NodeKind::Action | NodeKind::Decision => "",
    }
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

#[derive(Clone, Debug)]
pub(super) struct NodeBox {
    pub cx: f64,
    pub cy: f64,
    pub w: f64,
    pub h: f64,
    pub shape: Shape,
    pub text: Wrapped,
}

impl NodeBox {
    /// Half the span of the top and bottom along which ports are spread.
    pub fn port_half(&self) -> f64 {
        match self.shape {
            Shape::Diamond => self.w * 0.25,
            Shape::Pill => (self.w / 2.0 - self.pill_r()).max(0.0),
            _ => (self.w / 2.0 - 12.0).max(0.0),
        }
    }

    /// Half the span of a side along which side ports are spread.
    pub fn side_half(&self) -> f64 {
        match self.shape {
            Shape::Diamond => self.h * 0.2,
            Shape::Pill => (self.h / 2.0 - 7.0).max(0.0),
            _ => (self.h / 2.0 - 8.0).max(0.0),
        }
    }

    /// y where a vertical line at `x` meets the top (or bottom) of the shape.
    pub fn boundary_y(&self, x: f64, top: bool) -> f64 {
        let dy = match self.shape {
            Shape::Diamond => {
                let t = ((x - self.cx).abs() / (self.w / 2.0)).clamp(0.0, 1.0);
                self.h / 2.0 * (1.0 - t)
            }
            _ => self.h / 2.0,
        };
        if top { self.cy - dy } else { self.cy + dy }
    }

    /// x where a horizontal line at `cy + dy` meets the right (or left) side of the shape.
    pub fn boundary_x(&self, dy: f64, right: bool) -> f64 {
        let dx = match self.shape {
            Shape::Diamond => {
                let t = (dy.abs() / (self.h / 2.0)).clamp(0.0, 1.0);
                self.w / 2.0 * (1.0 - t)
            }
            Shape::Pill => {
                // Straight in the middle, round near the ends.
                let r = self.pill_r();
                let from_end = (self.h / 2.0 - dy.abs()).max(0.0);
                let inset = if from_end < r { r - (r * r - (r - from_end).powi(2)).max(0.0).sqrt() } else { 0.0 };
                self.w / 2.0 - inset
            }
            _ => self.w / 2.0,
        };
        if right { self.cx + dx } else { self.cx - dx }
    }

    /// Radius of a resolution's rounded ends.
    pub fn pill_r(&self) -> f64 {
        (self.h / 2.0).min(PILL_MAX_R)
    }

    pub fn left(&self) -> f64 {
        self.cx - self.w / 2.0
    }
    pub fn right(&self) -> f64 {
        self.cx + self.w / 2.0
    }
    pub fn top(&self) -> f64 {
        self.cy - self.h / 2.0
    }
}

fn prefix_units(node: &Node) -> f64 {
    str_units(marker(node.kind)) + digits(node.number) as f64 + 2.0
}

pub(super) fn measure(node: &Node) -> NodeBox {
    let shape = shape_of(node.kind);
    let indent = prefix_units(node);
    let (w, h, text) = match shape {
        Shape::Diamond => {
            let text = wrap_fitting(&node.label, DIAMOND_TEXT_W, DIAMOND_WIDE_TEXT_W, indent);
            let tw = text.widest * CHAR_W;
            let th = text.lines.len().max(1) as f64 * LINE_H;
            let w = (tw * 1.8 + 28.0).clamp(120.0, DIAMOND_MAX_W);
            let free = (1.0 - (tw + 12.0) / w).max(0.2);
            let h = (th / free + 14.0).max(64.0);
            (w, h, text)
        }
        _ => {
            let text = wrap_fitting(&node.label, BOX_TEXT_W, BOX_WIDE_TEXT_W, indent);
            let tw = text.widest * CHAR_W;
            let lines = text.lines.len().max(1) as f64;
            let extra = if shape == Shape::Double { 4.0 } else { 0.0 };
            let h = lines * LINE_H + 2.0 * (BOX_PAD_Y + extra);
            let w = if shape == Shape::Pill {
                (tw + h.min(2.0 * PILL_MAX_R) * 0.6 + 2.0 * BOX_PAD_X).max(BOX_MIN_W)
            } else {
                (tw + 2.0 * (BOX_PAD_X + extra)).max(BOX_MIN_W)
            };
            (w, h, text)
        }
    };
    NodeBox { cx: 0.0, cy: 0.0, w, h, shape, text }
}

/// A step's text wrapped at the narrow width (pixels), or at the wide one when that takes more
/// than a few lines. The narrow try stops one line past a few: up to there, it is the whole
/// wrapping (nothing cut), and past it only the wide one is used.
fn wrap_fitting(text: &str, narrow: f64, wide: f64, indent: f64) -> Wrapped {
    let wrapped = wrap(text, narrow / CHAR_W, indent, FEW_LINES + 1);
    if wrapped.lines.len() <= FEW_LINES { wrapped } else { wrap(text, wide / CHAR_W, indent, MAX_LINES) }
}

/// An edge answer, measured.
#[derive(Clone, Debug)]
pub(super) struct LabelSize {
    pub text: Wrapped,
    pub w: f64,
    pub h: f64,
}

pub(super) fn measure_label(label: Option<&str>) -> Option<LabelSize> {
    let label = label?;
    if label.trim().is_empty() {
        return None;
    }
    let text = wrap(label, LABEL_TEXT_W / LABEL_CHAR_W, 0.0, LABEL_MAX_LINES);
    let w = text.widest * LABEL_CHAR_W + 2.0 * LABEL_PAD_X;
    let h = text.lines.len().max(1) as f64 * LABEL_LINE_H + 2.0 * LABEL_PAD_Y;
    Some(LabelSize { text, w, h })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: NodeKind, label: &str) -> Node {
        Node { id: "p".into(), number: 3, kind, label: label.into(), link_label: String::new() }
    }

    #[test]
    fn a_step_shows_its_whole_text_and_widens_when_it_is_long() {
        let short = measure(&node(NodeKind::Action, "Trocar o cabo"));
        assert_eq!((short.w, short.text.lines.len()), (BOX_MIN_W, 1));
        let text = "Ligue o cabo em outra porta do roteador e confira se a luz da porta aparece no painel \
                    do roteador. Se o painel estiver longe, peça ao cliente que leia a cor de cada luz.";
        let long = measure(&node(NodeKind::Action, text));
        assert!(!long.text.ellipsis && long.text.lines.len() > FEW_LINES);
        assert!(long.w > BOX_TEXT_W + 2.0 * BOX_PAD_X, "the wide width: {}", long.w);
        assert_eq!(long.h, long.text.lines.len() as f64 * LINE_H + 2.0 * BOX_PAD_Y);
        let words: usize = long.text.lines.iter().map(|&(s, e)| text[s..e].split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count(), "no word lost");
        let decision = measure(&node(NodeKind::Decision, text));
        assert!(!decision.text.ellipsis && decision.w <= DIAMOND_MAX_W);
    }

    #[test]
    fn a_tall_resolution_keeps_round_corners_not_round_ends() {
        let g = measure(&node(NodeKind::Resolution, &"Resolvido com a troca do cabo. ".repeat(8)));
        assert!(g.h > 2.0 * PILL_MAX_R && g.pill_r() == PILL_MAX_R);
        // The side is straight in the middle and rounds off near the ends.
        assert_eq!(g.boundary_x(0.0, true), g.cx + g.w / 2.0);
        assert!(g.boundary_x(g.h / 2.0 - 2.0, true) < g.cx + g.w / 2.0 - 5.0);
    }

    #[test]
    fn an_answer_is_shown_whole() {
        let l = measure_label(Some("Não, mas ainda há outra porta a testar")).unwrap();
        assert_eq!((l.text.lines.len(), l.text.ellipsis), (2, false));
        assert!(measure_label(Some("  ")).is_none() && measure_label(None).is_none());
    }
}
