//! `sopbook init [DIR]`: a new knowledge base with every setting spelled out, a commented
//! `manuals.toml`, one example procedure that lints clean (with a passing scenario for each of its
//! endings), and a `.gitignore` for the built site.
//! It never overwrites: when any of its files already exists it writes nothing at all.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::staged::Staged;
use super::{SUCCESS, print};
use crate::model::Date;
use crate::t;
use crate::text::shell_word;

#[derive(clap::Args)]
pub struct Args {
    /// The folder of the new knowledge base (created if missing).
    #[arg(default_value = ".")]
    root: PathBuf,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

/// The example procedure, relative to the root.
const EXAMPLE: &str = "procedures/exemplo/primeiro-procedimento.toml";

pub fn run(args: Args) -> anyhow::Result<u8> {
    let root = &args.root;
    if root.exists() && !root.is_dir() {
        return Err(anyhow::Error::msg(t!("init-not-folder", root = root.display().to_string())));
    }
    let files = files(crate::load::today());

    // Refuse before writing anything. `symlink_metadata` also sees a dangling symlink, which a
    // write would follow.
    let existing: Vec<&str> =
        files.iter().map(|(rel, _)| *rel).filter(|rel| std::fs::symlink_metadata(root.join(rel)).is_ok()).collect();
    if !existing.is_empty() {
        let list = existing.iter().map(|rel| format!("`{rel}`")).collect::<Vec<_>>().join(", ");
        let root = root.display().to_string();
        return Err(anyhow::Error::msg(t!("init-refusal", root = root, files = list, count = existing.len())));
    }

    for (rel, _) in &files {
        crate::load::paths::write_inside(root, &root.join(rel))?;
    }

    // Every file first goes to a temporary file beside it; on any failure (a full disk, say)
    // nothing is left behind, not even the folders created for them.
    let mut staged = Staged::default();
    for (rel, content) in &files {
        staged.create(&root.join(rel), content.as_bytes()).with_context(|| t!("init-nothing-written"))?;
    }
    staged.commit().with_context(|| t!("init-nothing-written"))?;

    let mut out = format!("{}\n", t!("init-created", root = root.display().to_string()));
    for (rel, _) in &files {
        out.push_str(&format!("  {rel}\n"));
    }
    out.push_str(&format!("\n{}\n", t!("init-next-steps")));
    if root != Path::new(".") {
        out.push_str(&format!("  cd {}\n", shell_word(&root.display().to_string())));
    }
    out.push_str(&format!("  sopbook lint     {}\n", t!("init-next-lint")));
    out.push_str(&format!("  sopbook build    {}\n", t!("init-next-build")));
    out.push_str(&format!("  sopbook serve    {}\n", t!("init-next-serve")));
    out.push_str(&format!("\n{}\n", t!("init-example", path = EXAMPLE)));
    print(&out);
    Ok(SUCCESS)
}

/// Every file `init` writes, relative to the root, in the order they are written and listed.
fn files(today: Date) -> [(&'static str, String); 4] {
    [
        ("sopbook.toml", SETTINGS.to_string()),
        ("manuals.toml", MANUALS.to_string()),
        (EXAMPLE, EXAMPLE_PROCEDURE.replace("{today}", &today.to_string())),
        (".gitignore", GITIGNORE.to_string()),
    ]
}

const SETTINGS: &str = r##"# Configurações desta base de conhecimento. Todas as chaves são opcionais: os valores abaixo são
# os padrões. Mude o que precisar e apague o resto, se preferir.

[site]
# O título do site, no topo de todas as páginas.
title    = "Base de Conhecimento"
# O idioma da interface do site: "pt-BR" (português) ou "en" (inglês).
language = "pt-BR"
# O endereço onde o site é publicado. Use "/" quando ele fica na raiz do servidor.
base_url = "/"

[build]
# A pasta onde o `sopbook build` grava o site.
output = "site"
# O tema: "default" (o tema embutido) ou o nome de uma pasta em themes/.
theme  = "default"

[review]
# De quantos em quantos meses um procedimento deve ser revisado, quando ele não informa
# review_months. Passado esse prazo desde `updated`, o `sopbook lint` avisa.
months = 12

[search]
# Sinônimos para a busca, valendo para a base inteira: cada linha junta palavras ou expressões
# que significam o mesmo, e buscar uma delas encontra também as outras. Exemplo (tire o "#"):
# synonyms = { pfx = ["certificado a1", "arquivo do certificado"] }

[history]
# O histórico do git: cada página mostra quem alterou o procedimento e quando, e a página
# Novidades lista o que mudou nos últimos dias. Fora de um repositório git, nada disso aparece.
enabled = true
# Quantos dias a página Novidades e as marcas "novo" e "alterado" alcançam.
days    = 30

[checklist]
# As linhas do cabeçalho do atendimento, no alto de cada checklist impresso, para preencher à mão.
# Sem esta chave: Analista, Data/hora, Nº do chamado e Cliente/CNPJ; `case_fields = []` não imprime
# nenhuma. Exemplo (tire o "#"):
# case_fields = ["Analista", "Data/hora", "Nº do chamado", "Cliente/CNPJ", "Contato"]

[calendar]
# Os feriados, para os prazos em dias úteis (`sla = "2du"`): além dos sábados e domingos, estas
# datas não contam como dia útil. Datas sem aspas, ano-mês-dia. Exemplo (tire o "#"):
# holidays = [2026-12-25, 2027-01-01]

[lint]
# A severidade de cada regra do `sopbook lint`: "error", "warning" ou "allow" (desligada).
# Sem nenhuma linha aqui, cada regra usa a sua severidade padrão; `sopbook rules` lista todas.
# Exemplos:
# review-overdue = "allow"    # não avisar sobre revisões vencidas
# image-alt      = "error"    # imagem sem texto alternativo passa a ser erro
"##;

const MANUALS: &str = r##"# Manuais que ainda existem apenas no Qualitor e são citados pelos procedimentos desta base,
# em [[Breadcrumb]], em `see` ou em `via`. Um breadcrumb é procurado primeiro entre os
# procedimentos da base e depois aqui; o que não for encontrado em nenhum dos dois é um erro
# (broken-reference) do `sopbook lint`.
#
# Acrescente um bloco [[manual]] para cada manual. O endereço (url) é opcional: sem ele, a
# referência aparece no site como texto, sem link. Exemplo (tire o "#" do começo das linhas):
#
# [[manual]]
# path = "Certificado Digital > A1 > Debug"
# url  = "https://qualitor.example.com.br/kb/123"
"##;

const EXAMPLE_PROCEDURE: &str = r##"# Procedimento de exemplo, criado pelo `sopbook init`. Ele mostra cada tipo de passo: uma
# pergunta (decisão), uma ação, uma resolução e um encaminhamento (escalonamento), e termina com
# dois cenários de teste. Use-o como modelo e apague-o quando a base tiver os seus próprios
# procedimentos.
#
# O nome do arquivo e das pastas acompanha o breadcrumb: "Exemplo > Primeiro Procedimento" fica
# em procedures/exemplo/primeiro-procedimento.toml. Para criar um procedimento novo já no lugar
# certo, use: sopbook new "Seção > Subseção > Título"

title   = "Primeiro Procedimento"
section = "Exemplo"
summary = "Modelo de procedimento: o cliente não consegue entrar no sistema."
owner   = "Suporte Técnico"
updated = {today}
tags    = ["exemplo"]
# Como o cliente descreve o problema, com as palavras dele: a busca também encontra o
# procedimento por elas.
aliases = ["não consigo entrar", "esqueci a senha"]

# O primeiro passo do arquivo é onde o atendimento começa. Um passo com `branches` é uma
# pergunta: cada resposta (`when`) leva a outro passo (`next`).
[steps.tela-de-login]
title = "Tela de entrada"
text  = "O cliente consegue abrir a tela de entrada do sistema?"
branches = [
  { when = "Sim", next = "redefinir-senha" },
  { when = "Não", next = "chamado" },
]

# Um passo com `next` é uma ação: o que fazer, e qual passo vem depois.
[steps.redefinir-senha]
title = "Redefinir a senha"
text  = "Oriente o cliente a clicar em **Esqueci minha senha** e seguir as instruções enviadas por e-mail."
note  = "Se o e-mail não chegar em alguns minutos, peça ao cliente que confira a caixa de spam."
next  = "resolvido"

# Um passo com `end = "resolution"` encerra o atendimento com o problema resolvido.
[steps.resolvido]
end  = "resolution"
text = "O cliente entrou no sistema com a nova senha."

# Um passo com `end = "escalation"` encaminha o caso a outro setor: `to` é o setor, `sla` o prazo
# de retorno (um número e "h" para horas, "d" para dias corridos ou "du" para dias úteis) e
# `fields` os dados do chamado; um dado opcional se escreve
# `{ name = "Telefone 2", required = false }`.
[steps.chamado]
title  = "Chamado para a Infraestrutura"
end    = "escalation"
text   = "Abra um chamado para a Infraestrutura, contando o que foi verificado no passo [[#tela-de-login]]. Informe ao cliente que ele terá retorno em até 24 horas."
to     = "Infraestrutura"
sla    = "24h"
fields = ["CNPJ", "Nome", "Descrição do problema", "Telefone", "E-mail"]

# Os cenários de teste: atendimentos de verdade, com as respostas dadas e onde cada um deve
# terminar. O `sopbook test` percorre cada um e avisa quando uma mudança nos passos leva o
# atendimento para outro final. As respostas (`answers`) vão numa lista, uma por pergunta do
# caminho, na ordem, ou pelo ID da pergunta; o final esperado (`expect`) é o ID de um passo
# final, ou o tipo de final (e, num escalonamento, o setor).
[[scenarios]]
name    = "Esqueceu a senha"
answers = ["Sim"]
expect  = "resolvido"

[[scenarios]]
name    = "Tela de entrada não abre"
answers = { tela-de-login = "Não" }
expect  = { end = "escalation", to = "Infraestrutura" }
"##;

const GITIGNORE: &str = "# O site gerado pelo `sopbook build` e as pastas temporárias dele.\n/site\n/.site.sopbook-*\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::KnowledgeBase;

    #[test]
    fn the_files_lint_clean() {
        let today = Date::new(2026, 11, 27).unwrap();
        let toml = files(today).into_iter().filter(|(p, _)| p.ends_with(".toml")).map(|(p, t)| (p.to_string(), t));
        let kb = KnowledgeBase::from_memory(toml.collect());
        assert!(kb.problems.is_empty(), "{:?}", kb.problems);
        assert_eq!(kb.procedures.len(), 1);
        assert!(crate::lint::run_on(&kb, today).findings.is_empty());
        // Every branch of the example is taken by a scenario that passes.
        let procedure = &kb.procedures[0];
        let walks = crate::scenarios::walks(procedure);
        assert_eq!(walks.len(), 2);
        assert!(walks.iter().all(|w| w.as_ref().is_some_and(|w| w.passed())), "{walks:?}");
        assert!(crate::scenarios::coverage(procedure, walks.iter().flatten()).missed.is_empty());
        assert_eq!(kb.config.site.title, crate::load::config::Config::default().site.title);
        assert_eq!(kb.config.review.months, 12);
        assert!(kb.config.lint.is_empty());
    }
}
