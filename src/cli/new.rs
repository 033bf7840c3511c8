//! `sopbook new "Section > Title"`: a new procedure file in the folder of its breadcrumb
//! (`procedures/section/.../title.toml`, every part slugified), with placeholder texts in
//! Portuguese and a minimal graph that lints clean: an action, a decision, a resolution and an
//! escalation, with one `[[scenarios]]` per terminal (the answers that lead there) that passes.
//!
//! The `owner` is copied from the procedures nearest in the section tree: the most common owner
//! among the procedures of the same section, else of its parent section, and so on up to the
//! whole knowledge base; with no owner anywhere, "Suporte Técnico". The file's header comment
//! says which it was, so the editor can check it.

use std::path::{Path, PathBuf};

use super::staged::Staged;
use super::{SUCCESS, print};
use crate::load::paths::write_inside;
use crate::load::{KnowledgeBase, PROCEDURES_DIR};
use crate::model::{Breadcrumb, Date};
use crate::t;
use crate::text::{slug, toml_line};

#[derive(clap::Args)]
pub struct Args {
    /// The new procedure's breadcrumb: its section, then its title
    /// (`"Certificado Digital > A1 > Perda do Backup A1"`).
    breadcrumb: String,
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

/// The owner when no procedure of the knowledge base names one.
const DEFAULT_OWNER: &str = "Suporte Técnico";

pub fn run(args: Args) -> anyhow::Result<u8> {
    let segments = segments(&args.breadcrumb)?;
    let (title, section) = segments.split_last().expect("at least two segments");
    let rel = relative_path(&segments);
    let crumb = Breadcrumb::parse(&segments.join(" > "));

    let root = &args.root;
    if !root.is_dir() {
        return Err(anyhow::Error::msg(t!("new-root-not-folder", root = root.display().to_string())));
    }
    if !root.join(PROCEDURES_DIR).is_dir() {
        let root = root.display().to_string();
        return Err(anyhow::Error::msg(t!("new-no-procedures", root = root, folder = PROCEDURES_DIR)));
    }
    let kb = KnowledgeBase::load(root)?;
    if let Some(same) = kb.procedures.iter().find(|p| p.breadcrumb().as_ref() == Some(&crumb)) {
        let path = kb.file_of(same).path.as_str();
        return Err(anyhow::Error::msg(t!("new-duplicate", breadcrumb = crumb.as_str(), path = path)));
    }
    let path = root.join(&rel);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(anyhow::Error::msg(already_exists(&kb, &rel)));
    }

    let owner = choose_owner(&kb, section);
    let text = procedure_text(title, section, &owner, crate::load::today());
    write_inside(root, &path)?;
    // Through a temporary file: a full disk leaves no truncated file, nor the folders made for it.
    let mut staged = Staged::default();
    match staged.create(&path, text.as_bytes()).and_then(|()| staged.commit()) {
        Ok(()) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(anyhow::Error::msg(already_exists(&kb, &rel)));
        }
        Err(e) => return Err(e.into()),
    }

    let shown = if root == Path::new(".") { rel.clone() } else { path.display().to_string() };
    let mut out = format!(
        "{}\n  {}\n",
        t!("new-created", path = shown),
        t!("new-owner", owner = owner.name.as_str(), origin = owner.origin.describe())
    );
    if kb.manuals.iter().any(|m| Breadcrumb::parse(m.path.get_ref()) == crumb) {
        out.push_str(&format!("{}: {}\n", t!("label-note"), t!("new-replaces-manual", breadcrumb = crumb.as_str())));
    }
    out.push_str(&format!("{}\n", t!("new-next")));
    print(&out);
    Ok(SUCCESS)
}

/// The trimmed segments of a breadcrumb, at least a section and a title, each usable as a file
/// or folder name and in a `[[…]]` reference.
fn segments(raw: &str) -> anyhow::Result<Vec<String>> {
    if raw.trim().is_empty() {
        return Err(anyhow::Error::msg(t!("new-empty")));
    }
    let segments: Vec<String> = raw.split('>').map(|s| s.trim().to_string()).collect();
    if segments.len() < 2 {
        return Err(anyhow::Error::msg(t!("new-no-section", breadcrumb = raw.trim())));
    }
    let normalised = segments.join(" > ");
    for segment in &segments {
        if segment.is_empty() {
            return Err(anyhow::Error::msg(t!("new-empty-part", breadcrumb = normalised.as_str())));
        }
        if let Some(c) = segment.chars().find(|c| "#|[]".contains(*c) || c.is_control()) {
            return Err(anyhow::Error::msg(match c.is_control() {
                true => t!("new-control-char", segment = segment),
                false => t!("new-bad-char", segment = segment, char = c.to_string()),
            }));
        }
        if slug(segment) == "-" {
            return Err(anyhow::Error::msg(t!("new-no-letter", segment = segment)));
        }
    }
    Ok(segments)
}

/// `procedures/certificado-digital/a1/perda-do-backup-a1.toml`.
fn relative_path(segments: &[String]) -> String {
    let parts: Vec<String> = segments.iter().map(|s| slug(s)).collect();
    format!("{PROCEDURES_DIR}/{}.toml", parts.join("/"))
}

fn already_exists(kb: &KnowledgeBase, rel: &str) -> String {
    let named = kb.procedures.iter().find(|p| kb.file_of(p).path == rel).and_then(|p| p.breadcrumb());
    match named {
        Some(crumb) => t!("new-already-exists-procedure", path = rel, breadcrumb = crumb.as_str()),
        None => t!("new-already-exists", path = rel),
    }
}

struct Owner {
    name: String,
    origin: Origin,
}

enum Origin {
    /// The most common owner among the procedures of this section (or one of its ancestors).
    Section(String),
    /// The most common owner of the whole knowledge base.
    Base,
    /// No procedure names an owner.
    Default,
}

impl Origin {
    /// For the command's output, in the language of the messages.
    fn describe(&self) -> String {
        match self {
            Origin::Section(section) => t!("new-origin-section", section = section),
            Origin::Base => t!("new-origin-base"),
            Origin::Default => t!("new-origin-default"),
        }
    }

    /// The sentence of the file's header comment, in Portuguese as the whole file is, whatever
    /// the language of the messages; `name` is already quoted.
    fn portuguese(&self, name: &str) -> String {
        match self {
            Origin::Section(section) => {
                format!("O responsável (owner) {name} é o mais comum entre os procedimentos de \"{section}\".")
            }
            Origin::Base => format!("O responsável (owner) {name} é o mais comum entre os procedimentos da base."),
            Origin::Default => {
                format!("Nenhum procedimento da base informa um responsável (owner) ainda: {name} é provisório.")
            }
        }
    }
}

/// The most common owner of the procedures nearest in the section tree: the same section, then
/// its parent, up to the first segment, then the whole base. Sections are compared by their
/// slugs, as folders are. Ties go to the owner met first (procedures are in path order).
fn choose_owner(kb: &KnowledgeBase, section: &[String]) -> Owner {
    let wanted: Vec<String> = section.iter().map(|s| slug(s)).collect();
    let sections: Vec<(Vec<String>, &str)> = kb
        .procedures
        .iter()
        .filter_map(|p| {
            let owner = p.owner.as_ref()?.get_ref().trim();
            let section = p.section.as_ref()?.get_ref();
            let slugs = Breadcrumb::parse(section).segments().map(slug).collect();
            (!owner.is_empty()).then_some((slugs, owner))
        })
        .collect();
    for depth in (1..=wanted.len()).rev() {
        let prefix = &wanted[..depth];
        let owners = sections.iter().filter(|(s, _)| s.starts_with(prefix)).map(|(_, o)| *o);
        if let Some(name) = most_common(owners) {
            return Owner { name, origin: Origin::Section(section[..depth].join(" > ")) };
        }
    }
    match most_common(sections.iter().map(|(_, o)| *o)) {
        Some(name) => Owner { name, origin: Origin::Base },
        None => Owner { name: DEFAULT_OWNER.into(), origin: Origin::Default },
    }
}

fn most_common<'a>(names: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for name in names {
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n.to_string())
}

fn procedure_text(title: &str, section: &[String], owner: &Owner, today: Date) -> String {
    let (title, section, name) = (toml_line(title), toml_line(&section.join(" > ")), toml_line(&owner.name));
    let origin = owner.origin.portuguese(&name);
    format!(
        r##"# Criado pelo `sopbook new` em {today}. Os textos abaixo são lembretes do que escrever:
# troque-os pelo procedimento de verdade, acrescente ou apague passos (e acerte os cenários do
# fim do arquivo), e rode `sopbook lint`.
#
# {origin}
# Troque-o se outro setor cuida deste procedimento.

title   = {title}
section = {section}
summary = "Descreva quando usar este procedimento."
owner   = {name}
updated = {today}

# Uma ação: o que o analista faz, e qual passo vem depois (`next`).
[steps.primeiro-passo]
title = "Primeiro passo"
text  = "Descreva o que o analista deve fazer."
next  = "resolveu"

# Uma pergunta: cada resposta (`when`) leva a outro passo (`next`).
[steps.resolveu]
text = "O problema foi resolvido?"
branches = [
  {{ when = "Sim", next = "resolvido" }},
  {{ when = "Não", next = "chamado" }},
]

# O fim do atendimento com o problema resolvido.
[steps.resolvido]
end  = "resolution"
text = "Descreva o resultado: como o cliente fica ao final."

# O encaminhamento a outro setor: `to` é o setor, `sla` o prazo de retorno ("24h" em horas, "2d"
# em dias corridos, "2du" em dias úteis) e `fields` os dados que o chamado precisa.
[steps.chamado]
end    = "escalation"
text   = "Abra um chamado para o setor responsável, contando o que já foi feito."
to     = "Defina o setor"
sla    = "24h"
fields = ["CNPJ", "Nome", "Descrição do problema"]

# Os cenários de teste: um atendimento para cada final, com a resposta dada a cada pergunta do
# caminho, na ordem (`answers`), e o passo em que ele deve terminar (`expect`). O `sopbook test`
# percorre cada um; troque os nomes pelos casos que o atendimento conhece.
[[scenarios]]
name    = "Problema resolvido no atendimento"
answers = ["Sim"]
expect  = "resolvido"

[[scenarios]]
name    = "Problema não resolvido, chamado aberto"
answers = ["Não"]
expect  = "chamado"
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_trimmed_and_checked() {
        assert_eq!(segments(" Emissão de Nota >Cancelamento ").unwrap(), ["Emissão de Nota", "Cancelamento"]);
        assert!(segments("Sozinho").unwrap_err().to_string().contains("não tem seção"));
        assert!(segments("A >  > B").unwrap_err().to_string().contains("uma parte vazia"));
        assert!(segments("A > B#c").unwrap_err().to_string().contains("`#`"));
        assert!(segments("A > \u{7}").unwrap_err().to_string().contains("caractere de controle"));
        assert!(segments("A > !!!").unwrap_err().to_string().contains("nenhuma letra ou algarismo"));
        let english = crate::i18n::message_in(
            crate::i18n::Language::En,
            "new-no-section",
            &[("breadcrumb", crate::i18n::Arg::from("Sozinho"))],
        );
        assert!(english.starts_with("`Sozinho` has no section: a procedure's breadcrumb is its section"), "{english}");
    }

    #[test]
    fn path_follows_the_breadcrumb() {
        let segments = segments("Certificado Digital > A1 > Perda do Backup A1").unwrap();
        assert_eq!(relative_path(&segments), "procedures/certificado-digital/a1/perda-do-backup-a1.toml");
    }

    #[test]
    fn quotes_are_escaped_and_the_text_lints_clean() {
        assert_eq!(toml_line(r#"Diz "olá" \ fim"#), r#""Diz \"olá\" \\ fim""#);
        let today = Date::new(2026, 11, 27).unwrap();
        let owner = Owner { name: "Suporte \"N1\"".into(), origin: Origin::Default };
        let text = procedure_text("Título \"entre aspas\"", &["Seção".into(), "Sub".into()], &owner, today);
        let kb = KnowledgeBase::from_memory(vec![("procedures/secao/sub/titulo.toml".into(), text)]);
        assert!(kb.problems.is_empty(), "{:?}", kb.problems);
        let procedure = &kb.procedures[0];
        assert_eq!(procedure.breadcrumb().unwrap().as_str(), "Seção > Sub > Título \"entre aspas\"");
        assert_eq!(procedure.owner.as_ref().unwrap().get_ref(), "Suporte \"N1\"");
        assert!(crate::lint::run_on(&kb, today).findings.is_empty());
    }

    /// The template has one scenario per terminal, ending there, and each passes.
    #[test]
    fn the_text_has_a_passing_scenario_per_terminal() {
        use crate::model::StepKind;
        let owner = Owner { name: DEFAULT_OWNER.into(), origin: Origin::Default };
        let text = procedure_text("Título", &["Seção".into()], &owner, Date::new(2026, 11, 27).unwrap());
        let kb = KnowledgeBase::from_memory(vec![("procedures/secao/titulo.toml".into(), text)]);
        assert!(kb.problems.is_empty(), "{:?}", kb.problems);
        let procedure = &kb.procedures[0];
        let walks = crate::scenarios::walks(procedure);
        let mut reached: Vec<usize> = walks
            .iter()
            .map(|w| w.as_ref().expect("a valid scenario"))
            .map(|w| {
                assert!(w.passed(), "{w:?}");
                w.reached.expect("a terminal")
            })
            .collect();
        reached.sort_unstable();
        let terminals: Vec<usize> = (0..procedure.steps.len())
            .filter(|&i| matches!(procedure.steps[i].kind(), StepKind::Resolution | StepKind::Escalation))
            .collect();
        assert_eq!(reached, terminals, "one scenario per terminal");
        let coverage = crate::scenarios::coverage(procedure, walks.iter().flatten());
        assert!(coverage.missed.is_empty(), "{coverage:?}");
    }

    #[test]
    fn owner_comes_from_the_nearest_section() {
        let procedure = |section: &str, owner: &str| {
            format!("title = \"T\"\nsection = \"{section}\"\nowner = \"{owner}\"\n[steps.a]\nend = \"resolution\"\n")
        };
        let kb = KnowledgeBase::from_memory(vec![
            ("procedures/a.toml".into(), procedure("Fiscal > NFe", "Fiscal")),
            ("procedures/b.toml".into(), procedure("Certificado Digital > A3", "Suporte N2")),
            ("procedures/c.toml".into(), procedure("Certificado Digital > A1", "Suporte N1")),
            ("procedures/d.toml".into(), procedure("Certificado Digital > A3", "Suporte N2")),
        ]);
        let section = |s: &str| s.split(" > ").map(String::from).collect::<Vec<_>>();
        let owner = choose_owner(&kb, &section("certificado digital > A1"));
        assert_eq!(owner.name, "Suporte N1");
        assert!(matches!(owner.origin, Origin::Section(ref s) if s == "certificado digital > A1"));
        let owner = choose_owner(&kb, &section("Certificado Digital > Nuvem"));
        assert_eq!(owner.name, "Suporte N2");
        assert!(matches!(owner.origin, Origin::Section(ref s) if s == "Certificado Digital"));
        assert!(matches!(choose_owner(&kb, &section("Outro")).origin, Origin::Base));
        let empty = KnowledgeBase::from_memory(Vec::new());
        assert_eq!(choose_owner(&empty, &section("Outro")).name, DEFAULT_OWNER);
    }
}
