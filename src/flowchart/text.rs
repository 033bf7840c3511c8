//! Text measuring and wrapping: widths estimated from character classes (the drawing is made
//! without fonts), greedy wrapping at spaces.

/// Width of a character in units of an average character (0.6 em).
pub(super) fn char_units(c: char) -> f64 {
    let u = c as u32;
    if (0x300..0x370).contains(&u) || (0x200B..=0x200F).contains(&u) {
        0.0
    } else if (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x1F300..=0x1FAFF).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u)
    {
        1.7
    } else {
        1.0
    }
}

pub(super) fn str_units(s: &str) -> f64 {
    if s.is_ascii() { s.len() as f64 } else { s.chars().map(char_units).sum() }
}

/// Text broken into lines: byte ranges into the original text.
#[derive(Clone, Debug, Default)]
pub(super) struct Wrapped {
    pub lines: Vec<(usize, usize)>,
    /// The last line is cut and ends with "…".
    pub ellipsis: bool,
    /// Width of the widest line, in character units (the first line's indent included).
    pub widest: f64,
}

/// Greedy wrapping at spaces into lines of at most `max` units; words longer than a line are
/// broken hard. The first line starts `indent` units in (the step number goes there).
pub(super) fn wrap(text: &str, max: f64, indent: f64, max_lines: usize) -> Wrapped {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut widest = indent;
    let mut cur: Option<usize> = None;
    let mut cur_end = 0;
    let mut cur_w = indent;
    let mut truncated = false;
    let base = text.as_ptr() as usize;
    'words: for word in text.split_whitespace() {
        let ws = word.as_ptr() as usize - base;
        let we = ws + word.len();
        let ww = str_units(word);
        if let Some(start) = cur {
            if cur_w + 1.0 + ww <= max {
                cur_end = we;
                cur_w += 1.0 + ww;
                continue;
            }
            lines.push((start, cur_end));
            widest = widest.max(cur_w);
            cur = None;
            cur_w = 0.0;
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        if cur_w + ww <= max {
            cur = Some(ws);
            cur_end = we;
            cur_w += ww;
            continue;
        }
        // A word longer than the line: break it hard.
        let mut pos = ws;
        loop {
            let mut w = cur_w;
            let mut end = pos;
            for (i, c) in text[pos..we].char_indices() {
                let u = char_units(c);
                if w + u > max && end > pos {
                    break;
                }
                w += u;
                end = pos + i + c.len_utf8();
            }
            if end == we {
                cur = Some(pos);
                cur_end = we;
                cur_w = w;
                break;
            }
            lines.push((pos, end));
            widest = widest.max(w);
            cur_w = 0.0;
            if lines.len() == max_lines {
                truncated = true;
                break 'words;
            }
            pos = end;
        }
    }
    if !truncated {
        if let Some(start) = cur {
            lines.push((start, cur_end));
            widest = widest.max(cur_w);
        }
    } else if let Some(last) = lines.last_mut() {
        // Make room for the ellipsis and drop a dangling separator before it.
        let (s, mut e) = *last;
        let lead = if lines.len() == 1 { indent } else { 0.0 };
        let mut w = lead + str_units(&text[s..e]);
        while e > s {
            let c = text[s..e].chars().next_back().unwrap_or(' ');
            let dangling = c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-' | '–' | '—');
            if w + 1.0 <= max && !dangling {
                break;
            }
            w -= char_units(c);
            e -= c.len_utf8();
        }
        if let Some(last) = lines.last_mut() {
            last.1 = e;
        }
        widest = widest.max(w + 1.0);
    }
    Wrapped { lines, ellipsis: truncated, widest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping() {
        let w = wrap("um dois três quatro cinco", 9.0, 0.0, 4);
        let lines: Vec<&str> = w.lines.iter().map(|&(s, e)| &"um dois três quatro cinco"[s..e]).collect();
        assert_eq!(lines, ["um dois", "três", "quatro", "cinco"]);
        assert!(!w.ellipsis);
        let text = "abcdefghijklmnopqrstuvwxyz";
        let w = wrap(text, 10.0, 3.0, 2);
        let lines: Vec<&str> = w.lines.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(lines, ["abcdefg", "hijklmnop"]);
        assert!(w.ellipsis && w.widest <= 10.0);
        assert!(wrap("", 10.0, 2.0, 4).lines.is_empty());
    }
}
