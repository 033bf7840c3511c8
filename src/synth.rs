//! A deterministic synthetic knowledge base, for benchmarks and scale tests. Each procedure has
//! ten steps: two decisions (one with a retry loop that has a way out), five actions, a
//! resolution and an escalation, and cross-references to a neighbour procedure, one of its steps
//! and a Qualitor manual. Five `[[scenarios]]` follow the steps, each along a real path to the
//! terminal it expects, and together they take every branch. The result lints clean.

use std::fmt::Write as _;
use std::path::Path;

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
    for (path, text) in knowledge_base(n) {
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
}
