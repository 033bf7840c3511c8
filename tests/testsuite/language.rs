//! The language of the command line: pt-BR by default, English with `--lang en`, with
//! `[site] language = "en"` in the base, or with an English locale; `--lang` wins over the base,
//! and the base over the locale.

use crate::{base, sopbook};

const DEAD_END: &str = "title = \"P\"\nsection = \"S\"\nowner = \"Suporte\"\nupdated = 2026-11-01\n\
                        [steps.parado]\ntext = \"Faça algo.\"\n";

fn lint_output(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

const PORTUGUESE: &str = "erro[dead-end]: o passo `parado` não leva a lugar nenhum";
const ENGLISH: &str = "error[dead-end]: step `parado` leads nowhere";

#[test]
fn portuguese_by_default_and_with_a_c_locale() {
    let (_dir, root) = base(&[("procedures/p.toml", DEAD_END)]);
    for locale in [None, Some("C"), Some("C.UTF-8"), Some("pt_BR.UTF-8")] {
        let mut cmd = sopbook();
        if let Some(locale) = locale {
            cmd.env("LANG", locale);
        }
        let text = lint_output(cmd.arg("lint").arg(&root));
        assert!(text.contains(PORTUGUESE), "{locale:?}: {text}");
        assert!(text.contains("ajuda: acrescente `next = \"…\"`"), "{locale:?}: {text}");
        assert!(text.ends_with("1 erro, nenhum aviso em 1 procedimento\n"), "{locale:?}: {text}");
    }
}

#[test]
fn english_with_the_locale_the_flag_or_the_base() {
    let (_dir, root) = base(&[("procedures/p.toml", DEAD_END)]);
    let by_locale = lint_output(sopbook().env("LANG", "en_US.UTF-8").arg("lint").arg(&root));
    let by_lc_all =
        lint_output(sopbook().env("LANG", "pt_BR.UTF-8").env("LC_ALL", "en_GB.UTF-8").arg("lint").arg(&root));
    let by_flag = lint_output(sopbook().args(["lint", "--lang", "en"]).arg(&root));
    let by_flag_first = lint_output(sopbook().args(["--lang=en", "lint"]).arg(&root));
    for text in [&by_locale, &by_lc_all, &by_flag, &by_flag_first] {
        assert!(text.contains(ENGLISH), "{text}");
        assert!(text.contains("help: add `next = \"…\"`"), "{text}");
        assert!(text.ends_with("1 error, no warnings in 1 procedure\n"), "{text}");
    }
    let (_dir, english_base) =
        base(&[("procedures/p.toml", DEAD_END), ("sopbook.toml", "[site]\nlanguage = \"en\"\n")]);
    assert!(lint_output(sopbook().arg("lint").arg(&english_base)).contains(ENGLISH));
    // The flag wins over the base, the base over the locale.
    let flag_over_base = lint_output(sopbook().args(["lint", "--lang", "pt-BR"]).arg(&english_base));
    assert!(flag_over_base.contains(PORTUGUESE), "{flag_over_base}");
    let base_over_locale = lint_output(sopbook().env("LANG", "pt_BR.UTF-8").arg("lint").arg(&english_base));
    assert!(base_over_locale.contains(ENGLISH), "{base_over_locale}");
}

#[test]
fn plurals_follow_the_count() {
    let two = DEAD_END.to_string() + "[steps.outro]\ntext = \"Faça outra coisa.\"\n";
    let (_dir, root) = base(&[("procedures/p.toml", &two)]);
    let text = lint_output(sopbook().arg("lint").arg(&root));
    assert!(text.ends_with("\n3 erros, nenhum aviso em 1 procedimento\n"), "{text}");
    let text = lint_output(sopbook().args(["lint", "--lang", "en"]).arg(&root));
    assert!(text.ends_with("\n3 errors, no warnings in 1 procedure\n"), "{text}");
}

#[test]
fn json_and_sarif_keep_english_fields_and_translate_messages() {
    let (_dir, root) = base(&[("procedures/p.toml", DEAD_END)]);
    let json = lint_output(sopbook().args(["lint", "--format", "json"]).arg(&root));
    let findings: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(findings[0]["rule"], "dead-end");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["message"], "o passo `parado` não leva a lugar nenhum");
    let sarif = lint_output(sopbook().args(["lint", "--format", "sarif", "--lang", "en"]).arg(&root));
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "dead-end");
    let text = sarif["runs"][0]["results"][0]["message"]["text"].as_str().unwrap();
    assert!(text.starts_with("step `parado` leads nowhere\n"), "{text}");
}

#[test]
fn clap_speaks_the_language_too() {
    let out = sopbook().args(["lint", "--formt", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("erro: argumento inesperado `--formt`\n"), "{stderr}");
    assert!(stderr.contains("dica: você quis dizer `--format`?"), "{stderr}");
    assert!(stderr.contains("Uso: sopbook lint"), "{stderr}");
    // Outside any base (this repository's own says pt-BR), the locale decides.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = sopbook();
    let out = cmd.current_dir(elsewhere.path()).env("LANG", "en_US.UTF-8").args(["lint", "--formt", "json"]).output();
    let out = out.unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: unexpected argument `--formt`\n"), "{stderr}");
    assert!(stderr.contains("tip: did you mean `--format`?"), "{stderr}");

    let out = sopbook().args(["lint", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for words in ["Uso: sopbook lint [OPÇÕES]", "Opções:", "Argumentos:", "Mostra esta ajuda", "[padrão: human]"] {
        assert!(help.contains(words), "{words}: {help}");
    }
    let same = sopbook().args(["help", "lint"]).output().unwrap();
    assert_eq!(String::from_utf8(same.stdout).unwrap(), help);
    let english = sopbook().args(["--lang", "en", "lint", "--help"]).output().unwrap();
    let english = String::from_utf8(english.stdout).unwrap();
    assert!(english.contains("Usage: sopbook lint [OPTIONS]") && english.contains("Print help"), "{english}");

    let out = sopbook().args(["--lang", "fr", "lint"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("idioma desconhecido `fr`: use `pt-BR` ou `en`"), "{stderr}");
}
