//! A deterministic synthetic knowledge base, for benchmarks and scale tests. Each procedure has
//! ten steps: two decisions (one with a retry loop that has a way out), five actions, a
//! resolution and an escalation, and cross-references to a neighbour procedure, one of its steps
//! and a Qualitor manual. Five `[[scenarios]]` follow the steps, each along a real path to the
//! terminal it expects, and together they take every branch. The result lints clean.
//!
//! [`realistic`] makes a second kind of base, with the same shape of files: procedures of the
//! same size as users' (2–4 KB of varied Portuguese prose with notes, warnings, tables, codes),
//! for benchmarks that should not flatter sopbook with a tiny repeated vocabulary.

mod realistic;
pub mod words;

use std::fmt::Write as _;
use std::path::Path;

pub use realistic::realistic;

/// The files of a knowledge base of `n` procedures: `(path relative to the root, text)`.
pub fn knowledge_base(n: usize) -> Vec<(String, String)> {
    let mut files = vec![
        ("sopbook.toml".to_string(), "[site]\ntitle = \"Base sintética\"\n".to_string()),
        (
            "manuals.toml".to_string(),
            "[[manual]]\npath = \"Qualitor > Abrir chamado\"\nurl = \"https://qualitor.example.com.br/kb/1\"\n"
                .to_string(),
        ),
    ];
    files.extend((0..n).map(|i| (format!("procedures/{}/{}.toml", folder(i), slug(i)), procedure(i, n))));
    files
}

/// Writes [`knowledge_base`] under `root`.
pub fn write(root: &Path, n: usize) -> std::io::Result<()> {
    write_files(root, knowledge_base(n))
}

/// Writes [`realistic`] under `root`.
pub fn write_realistic(root: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    write_files(root, realistic(n, seed))
}

/// Writes `(path relative to root, text)` files, making their folders.
/// The arguments of the corpus examples (`synth`, `synth_markdown`): `[--realistic] N FOLDER
/// [--seed SEED]`; the seed is `Some` (19 unless given) for the realistic base only.
pub fn corpus_args(args: impl IntoIterator<Item = String>) -> Option<(usize, String, Option<u64>)> {
    let (mut realistic, mut seed, mut positional) = (false, None, Vec::new());
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--realistic" => realistic = true,
            "--seed" => seed = Some(args.next()?.parse().ok()?),
            _ => positional.push(arg),
        }
    }
    let [n, dir] = <[String; 2]>::try_from(positional).ok()?;
    Some((n.parse().ok()?, dir, realistic.then_some(seed.unwrap_or(REALISTIC_SEED))))
}

/// The seed of the realistic base when `--seed` is not given.
pub const REALISTIC_SEED: u64 = 19;

pub fn write_files(root: &Path, files: Vec<(String, String)>) -> std::io::Result<()> {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("every path has a folder"))?;
        std::fs::write(path, text)?;
    }
    Ok(())
}

fn folder(i: usize) -> String {
    format!("secao-{:02}/sub-{}", i % 20, i % 7)
}

fn slug(i: usize) -> String {
    format!("procedimento-{i:05}")
}

fn breadcrumb(i: usize) -> String {
    format!("Seção {:02} > Sub {} > Procedimento {i:05}", i % 20, i % 7)
}

fn procedure(i: usize, n: usize) -> String {
    let neighbour = breadcrumb((i + 1) % n);
    let mut t = String::with_capacity(2048);
    let section = format!("Seção {:02} > Sub {}", i % 20, i % 7);
    let _ = write!(
        t,
        r#"title = "Procedimento {i:05}"
section = "{section}"
summary = "Quando o cliente relata o problema número {i}, com acentuação: não, ação, é."
owner = "Equipe {owner}"
updated = 2099-{month:02}-15
tags = ["sintético", "grupo-{group}"]

[steps.verificar]
title = "Verificar o acesso"
text = "Confirme o acesso do cliente. Consulte [[{neighbour}]] e [[{neighbour}#confirmar|o passo de confirmação]]."
next = "tem-acesso"

[steps.tem-acesso]
text = "O cliente tem acesso à máquina?"
branches = [
  {{ when = "Sim", next = "exportar" }},
  {{ when = "Não", next = "coletar" }},
]

[steps.exportar]
text = "Exporte o arquivo seguindo o assistente."
note = "Se a opção estiver *inibida*, use o modo de recuperação."
next = "conferir"

[steps.conferir]
text = "Confira o arquivo gerado com o cliente."
next = "confirmar"

[steps.confirmar]
text = "O arquivo abriu corretamente?"
branches = [
  {{ when = "Sim", next = "resolvido" }},
  {{ when = "Não, tentar de novo", next = "exportar" }},
  {{ when = "Não, após três tentativas", next = "coletar" }},
]

[steps.coletar]
text = "Colete os dados do cliente para o chamado."
warning = "Confirme **dois** telefones de contato."
see = ["Qualitor > Abrir chamado"]
next = "descrever"

[steps.descrever]
text = "Descreva todo o processo realizado, de forma clara e objetiva."
next = "salvar"

[steps.salvar]
text = "Salve o chamado e informe o número ao cliente."
next = "chamado"

[steps.resolvido]
end = "resolution"
text = "Arquivo entregue ao cliente."

[steps.chamado]
end = "escalation"
to = "Setor {sector}"
sla = "{sla}"
via = "Qualitor > Abrir chamado"
fields = ["CNPJ", "Nome", "Descrição do problema", "Telefone 1", "Telefone 2", "E-mail"]

[[scenarios]]
name = "Sem acesso à máquina"
answers = ["Não"]
expect = {{ end = "escalation", to = "Setor {sector}" }}

[[scenarios]]
name = "Arquivo abre de primeira"
answers = ["Sim", "Sim"]
expect = "resolvido"

[[scenarios]]
name = "Abre na segunda tentativa"
answers = {{ tem-acesso = "Sim", confirmar = ["Não, tentar de novo", "Sim"] }}
expect = "resolvido"

[[scenarios]]
name = "Três tentativas sem sucesso"
answers = {{ tem-acesso = "Sim", confirmar = ["Não, tentar de novo", "Não, tentar de novo", "Não, após três tentativas"] }}
expect = "chamado"

[[scenarios]]
name = "Desiste na primeira tentativa"
answers = ["Sim", "Não, após três tentativas"]
expect = {{ end = "escalation" }}
"#,
        owner = i % 5,
        month = i % 12 + 1,
        group = i % 10,
        sector = i % 4,
        sla = if i.is_multiple_of(2) { "24h" } else { "2d" },
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::run;
    use crate::load::KnowledgeBase;

    #[test]
    fn the_synthetic_base_lints_clean() {
        let kb = KnowledgeBase::from_memory(knowledge_base(50));
        assert_eq!(kb.procedures.len(), 50);
        let outcome = run(&kb);
        assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
        // Each procedure's five scenarios pass and take every branch.
        for procedure in &kb.procedures {
            let walks = crate::scenarios::walks(procedure);
            assert_eq!(walks.len(), 5);
            assert!(walks.iter().all(|w| w.as_ref().is_some_and(|w| w.passed())), "{walks:#?}");
            let coverage = crate::scenarios::coverage(procedure, walks.iter().flatten());
            assert_eq!((coverage.branches, coverage.missed.len()), (5, 0));
        }
    }

    fn realistic_procedures(files: &[(String, String)]) -> impl Iterator<Item = &(String, String)> {
        files.iter().filter(|(path, _)| path.starts_with("procedures/"))
    }

    #[test]
    fn the_realistic_base_is_the_same_for_the_same_seed() {
        let files = realistic(60, 7);
        assert_eq!(files.len(), 62, "sopbook.toml, manuals.toml and 60 procedures");
        assert_eq!(files, realistic(60, 7));
        assert_ne!(files, realistic(60, 8));
        // A procedure does not depend on how many follow it (only its references do).
        let longer = realistic(61, 7);
        assert_eq!(files[2].0, longer[2].0);
    }

    #[test]
    fn realistic_procedures_weigh_two_to_four_kilobytes() {
        let files = realistic(400, 19);
        let sizes: Vec<usize> = realistic_procedures(&files).map(|(_, text)| text.len()).collect();
        assert_eq!(sizes.len(), 400);
        let (min, max) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
        assert!(min >= 2048 && max <= 4096, "sizes from {min} to {max} bytes");
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((2700..=3400).contains(&mean), "mean {mean} bytes");
    }

    #[test]
    fn the_realistic_vocabulary_has_thousands_of_words_with_a_zipf_tail() {
        let kb = KnowledgeBase::from_memory(realistic(1000, 19));
        assert_eq!(kb.procedures.len(), 1000);
        let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for procedure in &kb.procedures {
            let texts = procedure.markdown_texts().map(|(_, t)| t.get_ref().as_str());
            for text in texts.chain(procedure.title.iter().map(|t| t.get_ref().as_str())) {
                for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
                    *counts.entry(word.to_lowercase()).or_default() += 1;
                }
            }
        }
        assert!(counts.len() >= 3000, "{} distinct words", counts.len());
        let accented = counts.keys().filter(|w| w.chars().any(|c| "áàâãéêíóôõúç".contains(c))).count();
        assert!(accented >= 500, "{accented} words with accents");
        // Few words are very frequent and many are rare, as in real text.
        let mut frequencies: Vec<usize> = counts.values().copied().collect();
        frequencies.sort_unstable_by(|a, b| b.cmp(a));
        assert!(frequencies[0] >= 20 * frequencies[200], "{} vs {}", frequencies[0], frequencies[200]);
        let rare = frequencies.iter().filter(|&&f| f <= 3).count();
        assert!(rare * 10 >= counts.len(), "{rare} words seen at most 3 times");
    }

    #[test]
    fn the_realistic_base_lints_clean_and_its_scenarios_take_every_branch() {
        let files = realistic(200, 19);
        let joined: String = realistic_procedures(&files).map(|(_, t)| t.as_str()).collect();
        // Tables, lists, notes, warnings, codes, inline code, bold menus, references, manuals.
        for marker in
            ["|---|", "\n- ", "\nnote = ", "\nwarning = ", "Rejeição ", "CFOP ", "NCM ", "`", "**", "[[#", "\nsee = "]
        {
            assert!(joined.contains(marker), "no {marker:?} in the base");
        }
        let kb = KnowledgeBase::from_memory(files);
        assert_eq!(kb.procedures.len(), 200);
        let outcome = run(&kb);
        assert!(outcome.findings.is_empty(), "{:#?}", &outcome.findings[..outcome.findings.len().min(5)]);
        let mut tested = 0;
        for procedure in &kb.procedures {
            assert_eq!(procedure.steps.len(), 10);
            let decisions = procedure.steps.iter().filter(|s| s.kind() == crate::model::StepKind::Decision).count();
            assert_eq!(decisions, 2, "{}", procedure.slug);
            if procedure.scenarios.is_empty() {
                continue;
            }
            tested += 1;
            let walks = crate::scenarios::walks(procedure);
            assert!(walks.iter().all(|w| w.as_ref().is_some_and(|w| w.passed())), "{walks:#?}");
            let coverage = crate::scenarios::coverage(procedure, walks.iter().flatten());
            assert!(coverage.missed.is_empty(), "{}: {:?}", procedure.slug, coverage.missed);
        }
        // About a third of the procedures have scenarios.
        assert!((40..=100).contains(&tested), "{tested} procedures with scenarios");
    }
}
