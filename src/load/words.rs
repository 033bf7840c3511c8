//! The wording the loader's problems share, from the catalogue (`locales/*/load.ftl`): "did you
//! mean", the kinds of TOML value found where another was expected, lists of choices.

use crate::t;

/// "did you mean `best`?"
pub fn did_you_mean(best: &str) -> String {
    t!("load-did-you-mean", best = best)
}

/// A TOML value's kind as `type_str()` names it (`string`, `integer`, `array`…), in words:
/// "string" / "um texto". An unknown kind shows as it is.
pub fn found(kind: &str) -> String {
    t!("load-found", kind = kind)
}

/// What serde says it found: `integer `3``, `string "12"`, `sequence`, `map`…, in words.
pub fn found_by_serde(found: &str) -> String {
    let (kind, value) = match found {
        "sequence" => return self::found("array"),
        "map" => return self::found("table"),
        _ => [("string ", "string"), ("integer ", "integer"), ("floating point ", "float"), ("boolean ", "boolean")]
            .iter()
            .find_map(|(prefix, kind)| found.strip_prefix(prefix).map(|value| (*kind, value)))
            .unwrap_or((found, "")),
    };
    if value.is_empty() {
        return self::found(kind);
    }
    t!("load-found-value", kind = kind, value = value)
}

/// What serde expected, in words: `u32` is a whole number, `a sequence` an array.
pub fn expected_by_serde(expected: &str) -> String {
    match expected {
        "u32" | "u64" | "i64" | "usize" => t!("load-shape-whole-number"),
        "a sequence" => t!("load-shape-array"),
        "a map" => t!("load-shape-table"),
        "a string" => t!("load-shape-string"),
        "a boolean" => t!("load-shape-a-boolean"),
        other => other.to_string(),
    }
}

/// The values in backticks of a serde list (``` `a` or `b` ```, ``` one of `a`, `b`, `c` ```).
pub fn quoted_values(list: &str) -> Vec<&str> {
    list.split('`').skip(1).step_by(2).collect()
}

/// Choices for a message: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
pub fn choices(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [a, b] => t!("load-choices-two", first = format!("`{a}`"), second = format!("`{b}`")),
        many => t!("load-choices-many", list = crate::text::quoted_list(many.iter().copied())),
    }
}
