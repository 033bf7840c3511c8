//! Bytes to text. Manuals saved by Word in Brazil are often not UTF-8: "Texto sem formatação"
//! and "Página da Web, filtrada" default to Windows-1252, and "Texto Unicode" is UTF-16. Each of
//! these is read; what is not UTF-8 is said, so the editor can check the accents.

pub struct Decoded {
    pub text: String,
    /// `None` for UTF-8.
    pub encoding: Option<&'static str>,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return decode(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        let units = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
        return Decoded {
            text: char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect(),
            encoding: Some("UTF-16"),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        let units = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
        return Decoded {
            text: char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect(),
            encoding: Some("UTF-16"),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded { text: text.to_string(), encoding: None },
        Err(_) => Decoded { text: bytes.iter().map(|&b| windows_1252(b)).collect(), encoding: Some("Windows-1252") },
    }
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F (the five bytes it leaves
/// undefined map to the C1 controls, as browsers do).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_windows_1252_and_utf16() {
        let utf8 = decode("Observações".as_bytes());
        assert_eq!((utf8.text.as_str(), utf8.encoding), ("Observações", None));
        let latin = decode(b"Observa\xe7\xf5es \x93Aten\xe7\xe3o\x94 \x96 fim");
        assert_eq!(latin.text, "Observações “Atenção” – fim");
        assert_eq!(latin.encoding, Some("Windows-1252"));
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("Atenção".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).text, "Atenção");
        assert_eq!(decode(b"\xef\xbb\xbfSim").text, "Sim");
    }
}
