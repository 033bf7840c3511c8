//! A ticket field of an escalation: `"CNPJ"` or `{ name = "Telefone 2", kind = "phone",
//! required = false }`.

use serde::Serialize;
use toml::Spanned;

use super::Span;
use crate::text::fold;

/// One entry of an escalation's `fields`.
#[derive(Debug)]
pub struct Field {
    pub name: Spanned<String>,
    /// The declared kind; [`Field::kind`] infers one from the name when absent.
    pub declared_kind: Option<Spanned<FieldKind>>,
    /// Whether the ticket cannot be opened without it. Default `true`.
    pub required: bool,
    /// The whole entry: the string, or the inline table.
    pub span: Span,
}

impl Field {
    /// A required field with only a name, as the string form writes it.
    pub fn named(name: Spanned<String>) -> Self {
        Field { span: name.span(), name, declared_kind: None, required: true }
    }

    /// The declared kind, or the one inferred from the name.
    pub fn kind(&self) -> FieldKind {
        self.declared_kind.as_ref().map_or_else(|| FieldKind::infer(self.name.get_ref()), |k| *k.get_ref())
    }
}

/// What a field holds, so the guided mode can check and format it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    Cnpj,
    Cpf,
    Phone,
    Email,
    Text,
    LongText,
}

/// Pieces of a folded name that give its kind, checked in this order.
const CLUES: &[(&[&str], FieldKind)] = &[
    (&["cnpj"], FieldKind::Cnpj),
    (&["cpf"], FieldKind::Cpf),
    (&["telefone", "celular", "fone", "whatsapp"], FieldKind::Phone),
    (&["e-mail", "email"], FieldKind::Email),
    (&["descricao", "solucao", "observac", "detalhe", "historico", "motivo"], FieldKind::LongText),
];

impl FieldKind {
    /// Every kind with its name in the file, in the order the book lists them.
    pub const ALL: [(&'static str, FieldKind); 6] = [
        ("cnpj", FieldKind::Cnpj),
        ("cpf", FieldKind::Cpf),
        ("phone", FieldKind::Phone),
        ("email", FieldKind::Email),
        ("text", FieldKind::Text),
        ("long-text", FieldKind::LongText),
    ];

    /// The kind named `raw` in a file (`"long-text"`).
    pub fn parse(raw: &str) -> Option<FieldKind> {
        Self::ALL.iter().find(|(name, _)| *name == raw).map(|(_, kind)| *kind)
    }

    /// The kind a field's name suggests, without accents or case: `"CNPJ"` → cnpj, `"Telefone 2"`
    /// → phone, `"E-mail"` → email, `"Descrição do problema"` → long-text, anything else → text.
    /// Editors then declare `kind` only where the name misleads.
    pub fn infer(name: &str) -> FieldKind {
        let folded = fold(name);
        CLUES
            .iter()
            .find(|(clues, _)| clues.iter().any(|clue| folded.contains(clue)))
            .map_or(FieldKind::Text, |(_, kind)| *kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_fields_get_their_kinds() {
        let expected = [
            ("CNPJ", FieldKind::Cnpj),
            ("Nome", FieldKind::Text),
            ("Dados do cartão", FieldKind::Text),
            ("Descrição do problema", FieldKind::LongText),
            ("Solução da questão", FieldKind::LongText),
            ("Categorização", FieldKind::Text),
            ("Telefone 1", FieldKind::Phone),
            ("Telefone 2", FieldKind::Phone),
            ("E-mail", FieldKind::Email),
        ];
        for (name, kind) in expected {
            assert_eq!(FieldKind::infer(name), kind, "{name}");
        }
    }

    #[test]
    fn inference_ignores_accents_and_case() {
        assert_eq!(FieldKind::infer("CPF do titular"), FieldKind::Cpf);
        assert_eq!(FieldKind::infer("WhatsApp"), FieldKind::Phone);
        assert_eq!(FieldKind::infer("OBSERVAÇÕES"), FieldKind::LongText);
        assert_eq!(FieldKind::infer("Histórico"), FieldKind::LongText);
        assert_eq!(FieldKind::infer("Email do contador"), FieldKind::Email);
    }

    #[test]
    fn a_declared_kind_wins_and_names_round_trip() {
        let mut field = Field::named(Spanned::new(0..4, "Nome".into()));
        assert_eq!(field.kind(), FieldKind::Text);
        field.declared_kind = Some(Spanned::new(0..4, FieldKind::Cpf));
        assert_eq!(field.kind(), FieldKind::Cpf);
        for (name, kind) in FieldKind::ALL {
            assert_eq!(FieldKind::parse(name), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), name);
        }
        assert_eq!(FieldKind::parse("telefone"), None);
    }
}
