//! The index's number strings and its JavaScript form.

use serde::Serialize;

use crate::text::push_json_ascii;

/// Last digits of a number (base 62).
pub const FINAL: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Leading digits of a number (base 26): printable ASCII that needs no escaping in JSON or HTML.
pub const MORE: &[u8; 26] = b"!#$%()*+,-./:;=?@[]^_`{|}~";

/// Appends `v` in the variable-length form described in the module docs.
pub fn push_number(out: &mut String, v: usize) {
    let mut digits = Vec::with_capacity(4);
    digits.push(FINAL[v % FINAL.len()]);
    let mut rest = v / FINAL.len();
    while rest > 0 {
        digits.push(MORE[rest % MORE.len()]);
        rest /= MORE.len();
    }
    out.extend(digits.iter().rev().map(|&b| char::from(b)));
}

/// `prefix` + the value as escaped JSON + `;`.
pub fn js_assign<T: Serialize + ?Sized>(prefix: &str, value: &T) -> String {
    let json = serde_json::to_string(value).expect("the index serialises");
    let mut out = String::with_capacity(prefix.len() + json.len() + json.len() / 8 + 1);
    out.push_str(prefix);
    push_json_ascii(&mut out, &json);
    out.push(';');
    out
}

/// The numbers of a string written by [`push_number`].
#[cfg(test)]
pub fn numbers(code: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut acc = 0;
    for b in code.bytes() {
        if let Some(d) = MORE.iter().position(|&m| m == b) {
            acc = acc * MORE.len() + d;
        } else {
            let d = FINAL.iter().position(|&f| f == b).expect("a digit");
            out.push(acc * FINAL.len() + d);
            acc = 0;
        }
    }
    assert_eq!(acc, 0, "a number was left unfinished in {code:?}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let values = [0, 1, 61, 62, 63, 1611, 1612, 41_911, 41_912, 1_000_000, 123_456_789];
        let mut text = String::new();
        for v in values {
            push_number(&mut text, v);
        }
        assert_eq!(numbers(&text), values);
        let mut one = String::new();
        push_number(&mut one, 61);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn escaped_json_is_ascii_without_markup() {
        let js = js_assign("x=", &vec!["</script><!-- & \u{2028} 🙂 ação"]);
        assert!(js.is_ascii());
        assert!(!js.contains(['<', '>', '&']));
        assert!(js.contains("\\u2028"));
        let json: Vec<String> =
            serde_json::from_str(js.strip_prefix("x=").unwrap().strip_suffix(';').unwrap()).unwrap();
        assert_eq!(json[0], "</script><!-- & \u{2028} 🙂 ação");
    }
}
