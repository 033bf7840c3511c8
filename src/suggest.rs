//! "Did you mean …?" suggestions for keys, step IDs, rule IDs and breadcrumbs.

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    best(candidates.into_iter().filter_map(|c| similarity(word, c).map(|score| (score, c))))
}

/// The breadcrumb closest to `crumb`. Its last segment (the manual's title) must be a plausible
/// typo of the one written too: siblings share their sections, and a wholly different title is
/// not a typo however long the shared section.
pub fn closest_breadcrumb<'a>(crumb: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let last = |s: &'a str| s.rsplit('>').next().unwrap_or(s).trim();
    let title = crumb.rsplit('>').next().unwrap_or(crumb).trim();
    // The titles first (short): only the closest few are compared whole, so that a broken
    // reference in a base of 10,000 procedures with look-alike titles stays cheap.
    let mut near: Vec<(f64, &'a str)> =
        candidates.into_iter().filter_map(|c| Some((similarity(title, last(c))?, c))).collect();
    if near.len() > CLOSEST_TITLES {
        let order = |a: &(f64, &str), b: &(f64, &str)| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1));
        near.select_nth_unstable_by(CLOSEST_TITLES, order);
        near.truncate(CLOSEST_TITLES);
    }
    best(near.into_iter().filter_map(|(_, c)| similarity(crumb, c).map(|score| (score, c))))
}

/// How many breadcrumbs with the closest titles are compared whole with a broken one.
const CLOSEST_TITLES: usize = 64;

fn best<'a>(scored: impl Iterator<Item = (f64, &'a str)>) -> Option<&'a str> {
    // Ties go to the alphabetically first candidate, so the answer never depends on hash order.
    scored.max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1))).map(|(_, c)| c)
}

/// How alike two words are (0 to 1), or `None` when they are too far apart to be a typo.
fn similarity(word: &str, candidate: &str) -> Option<f64> {
    let (word, candidate) = (word.to_lowercase(), candidate.to_lowercase());
    let (a, b) = (word.chars().count(), candidate.chars().count());
    // A long shared beginning also makes a plausible typo (`resolved` → `resolution`).
    let shorter = a.min(b);
    let prefix = word.chars().zip(candidate.chars()).take_while(|(x, y)| x == y).count();
    let shares_stem = (4..=20).contains(&shorter) && prefix * 10 >= shorter * 6;
    // At least |a - b| edits: when even that is too many, the distance need not be computed
    // (a broken reference is compared with every breadcrumb of the base).
    let longest = a.max(b);
    if !shares_stem && longest > 0 && (a.abs_diff(b) as f64) / (longest as f64) > 0.4 {
        return None;
    }
    let edits = if longest == 0 { 1.0 } else { 1.0 - strsim::osa_distance(&word, &candidate) as f64 / longest as f64 };
    (edits >= 0.6 || shares_stem).then_some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(closest("nxet", ["next", "text", "note"]), Some("next"));
        assert_eq!(closest("Debg", ["Debug", "Exportar"]), Some("Debug"));
        assert_eq!(closest("resolved", ["resolution", "escalation"]), Some("resolution"));
        assert_eq!(closest("zzzzzz", ["next", "text"]), None);
    }

    #[test]
    fn breadcrumbs_need_a_similar_title() {
        let known = ["Certificado Digital > A1 > Debug", "Certificado Digital > A1 > Exportar/Trocar senha A1"];
        assert_eq!(closest_breadcrumb("Certificado Digital > A1 > Debg", known), Some(known[0]));
        assert_eq!(closest_breadcrumb("Certificado Digital > A3 > Debug", known), Some(known[0]));
        assert_eq!(closest_breadcrumb("Certificado Digital > A1 > Instalação", known), None);
    }

    /// Among thousands of look-alike titles, the one closest in title and in section wins,
    /// though only the closest titles are compared whole.
    #[test]
    fn the_closest_of_many_look_alikes_is_found() {
        let known: Vec<String> =
            (0..10_000).map(|i| format!("Seção {} > Sub {} > Procedimento {i:05}", i % 20, i % 7)).collect();
        let candidates = || known.iter().map(String::as_str);
        // A title two edits off, the section right, beats the title one edit off in another
        // section (00124, in "Seção 4 > Sub 5").
        assert_eq!(known[123], "Seção 3 > Sub 4 > Procedimento 00123");
        assert_eq!(
            closest_breadcrumb("Seção 3 > Sub 4 > Procedimento 00124x", candidates()),
            Some(known[123].as_str())
        );
        // The title right, the section misspelt.
        assert_eq!(
            closest_breadcrumb("Seçao 7 > Sub 3 > Procedimento 04567", candidates()),
            Some(known[4567].as_str())
        );
    }
}
