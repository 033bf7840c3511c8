//! The message catalogue of the command line: every sentence sopbook says to a person comes from
//! `locales/LANG/*.ftl` (Fluent), in Brazilian Portuguese (the default) or English, through
//! [`t!`](crate::t). Rule ids, JSON, SARIF and JUnit field names are not messages: they stay
//! English and stable.
//!
//! The language is chosen once per process ([`set`]): `--lang`, else `[site] language` of the
//! base, else `LC_ALL`/`LC_MESSAGES`/`LANG`, else pt-BR (see [`choose`]).

mod choose;

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The settings file of a knowledge base, whose `[site] language` the messages follow.
pub const CONFIG_FILE: &str = "sopbook.toml";

/// A language of the site and of the command line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "pt-BR")]
    PtBr,
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// Its BCP 47 tag: the `lang` of the pages and the name of its table in the theme.
    pub fn code(self) -> &'static str {
        match self {
            Language::PtBr => "pt-BR",
            Language::En => "en",
        }
    }
}

pub use choose::{choose, from_env, language_of_base, parse_tag};

/// A value for a placeable of a message: text or a number (numbers choose plurals).
pub type Arg<'a> = FluentValue<'a>;

/// The catalogue files, one per area of the command line, in each language.
macro_rules! catalogue {
    ($($area:literal),* $(,)?) => {
        /// `(area, pt-BR text, en text)` of every catalogue file.
        pub const FILES: &[(&str, &str, &str)] = &[
            $(($area,
               include_str!(concat!("../../locales/pt-BR/", $area, ".ftl")),
               include_str!(concat!("../../locales/en/", $area, ".ftl")))),*
        ];
    };
}

catalogue!["common", "cli", "lint", "rules", "load", "build", "serve", "import", "test", "diff"];

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on. Called once, at the start of a command.
pub fn set(language: Language) {
    CURRENT.store(language as u8, Ordering::Relaxed);
}

/// The language messages are in now.
pub fn current() -> Language {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Language::En,
        _ => Language::PtBr,
    }
}

struct Bundles {
    pt_br: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static BUNDLES: LazyLock<Bundles> =
    LazyLock::new(|| Bundles { pt_br: bundle(Language::PtBr), en: bundle(Language::En) });

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = language.code().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: terminals and test snapshots show them as noise.
    bundle.set_use_isolating(false);
    for (_, pt_br, en) in FILES {
        let text = if language == Language::En { en } else { pt_br };
        // A syntax error is caught by the catalogue's tests; here, what parsed is kept.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(resource, _)| resource);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// The message `id` in the current language, with `args` filled in. A message missing from the
/// catalogue shows as its id (the catalogue's tests make that a failure, never a crash).
pub fn message(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    message_in(current(), id, args)
}

/// The message `id` in the current language, if the catalogue has it (for ids made at run time).
pub fn lookup(id: &str) -> Option<String> {
    let text = message(id, &[]);
    (text != id).then_some(text)
}

/// The message `id` in `language`.
pub fn message_in(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = match language {
        Language::En => &BUNDLES.en,
        Language::PtBr => &BUNDLES.pt_br,
    };
    let (message_id, attribute) = match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    };
    let Some(message) = bundle.get_message(message_id) else {
        return id.to_string();
    };
    let pattern = match attribute {
        Some(attribute) => message.get_attribute(attribute).map(|a| a.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, (!args.is_empty()).then_some(&fluent_args), &mut errors);
    text.into_owned()
}

/// A message of the catalogue: `t!("dead-end")`, `t!("dead-end", id = step)`. Values are
/// text (`&str`, `String`) or numbers, which choose the plural form (`t!("errors", count = n)`).
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests;
