//! The skeleton as a procedure file, laid out like the hand-finished ones (keys aligned, one step
//! per table), with `# sopbook import:` comments where the editor has to decide. A comment that
//! names the problem also ends the `[steps.ID]` line, so `sopbook lint`, which shows that line
//! under its findings, shows the comment with them.

use toml_writer::{ToTomlKey as _, TomlKeyBuilder};

use super::structure::{Candidate, SectionOrigin, Skeleton, StepDraft, StepImage, StepKind};
use crate::text::{comment_line, shorten, toml_line, toml_string};

/// The marker of every comment the importer writes.
pub const MARKER: &str = "# sopbook import:";

pub fn to_toml(skeleton: &Skeleton) -> String {
    let mut out = String::new();
    let read_as = skeleton.encoding.map(|e| format!(" (lido como {e}: confira os acentos)")).unwrap_or_default();
    out.push_str(&format!(
        "# Esqueleto criado pelo `sopbook import` a partir de {}{read_as}.\n",
        toml_line(&skeleton.source_name)
    ));
    out.push_str(concat!(
        "# Todo o texto do manual está aqui, na ordem original, e cada passo leva ao seguinte (`next`).\n",
        "# Os comentários \"# sopbook import:\" apontam o que conferir: ligue as decisões, complete os\n",
        "# encaminhamentos, rode `sopbook lint` até ele não apontar mais nada e apague estes comentários.\n\n",
    ));

    let mut top: Vec<(&str, String, Option<String>)> = Vec::new();
    let title_comment =
        skeleton.original_title.as_ref().map(|t| format!("{MARKER} no manual, \"{}\"", comment_line(t)));
    top.push(("title", toml_string(&skeleton.title), title_comment));
    match (&skeleton.section, skeleton.section_origin) {
        (Some(section), SectionOrigin::References) => top.push((
            "section",
            toml_string(section),
            Some(format!("{MARKER} deduzida das referências do manual; confira")),
        )),
        (Some(section), _) => top.push(("section", toml_string(section), None)),
        (None, _) => top.push((
            "section",
            toml_string(""),
            Some(format!(
                "{MARKER} o manual não indica a seção: escreva o breadcrumb da pasta do Qualitor, ou importe com --section"
            )),
        )),
    }
    if let Some(summary) = &skeleton.summary {
        top.push(("summary", toml_string(summary), None));
    }
    if let Some(owner) = &skeleton.owner {
        top.push(("owner", toml_string(owner), None));
    }
    if let Some(updated) = skeleton.updated {
        top.push(("updated", updated.to_string(), None));
    }
    if !skeleton.tags.is_empty() {
        let tags: Vec<String> = skeleton.tags.iter().map(|t| toml_string(t)).collect();
        top.push(("tags", format!("[{}]", tags.join(", ")), None));
    }
    write_keys(&mut out, &top);
    if skeleton.summary.is_none() {
        out.push_str(&format!(
            "{MARKER} o manual não tem introdução: escreva um `summary` (quando usar este procedimento).\n"
        ));
    }
    if skeleton.owner.is_none() {
        out.push_str(&format!("{MARKER} o manual não diz qual setor responde por ele: acrescente `owner = \"…\"`.\n"));
    }
    if skeleton.updated.is_none() {
        out.push_str(&format!(
            "{MARKER} o manual não tem data: acrescente `updated = AAAA-MM-DD`, a data da última revisão.\n"
        ));
    }

    for step in &skeleton.steps {
        out.push('\n');
        write_step(&mut out, step, skeleton);
    }
    out
}

fn write_step(out: &mut String, step: &StepDraft, skeleton: &Skeleton) {
    let mut inline: Option<&str> = None;
    let mut lines: Vec<String> = Vec::new();
    let mut decisions: Vec<(&String, &Option<String>)> = Vec::new();
    for candidate in &step.candidates {
        match candidate {
            Candidate::Unreachable { after } => {
                inline = Some("nenhum passo leva até aqui");
                lines.push(format!(
                    "{MARKER} o passo anterior (\"{after}\") encerra o atendimento, e nenhum passo leva até aqui."
                ));
                if step.is_terminal() {
                    lines.push("#   Ligue este passo a uma resposta (`branches`) de uma decisão anterior.".into());
                } else {
                    lines.push(
                        "#   Ligue este passo a uma resposta (`branches`) de uma decisão anterior, ou, se esta parte descreve"
                            .into(),
                    );
                    lines.push(
                        "#   como fazer o encaminhamento, mova-a para um procedimento próprio e cite-o em `via`."
                            .into(),
                    );
                }
            }
            Candidate::DeadEnd => {
                inline = inline.or(Some("como o atendimento termina?"));
                lines.push(format!("{MARKER} o manual termina aqui sem dizer como o atendimento acaba. Troque por"));
                lines.push(
                    "#   `end = \"resolution\"` (resolvido) ou `end = \"escalation\"` (encaminhado), ou ligue-o a outro passo com `next`."
                        .into(),
                );
            }
            Candidate::Escalation { words } => {
                inline = inline.or(Some("escalonamento candidato"));
                lines.push(format!(
                    "{MARKER} escalonamento candidato (\"{}\"): confira se o atendimento termina aqui.",
                    comment_line(words)
                ));
                if let StepKind::Escalation { to, to_from_heading, sla, sla_words } = &step.kind {
                    match (to, to_from_heading) {
                        (None, _) => {
                            let cited = others(&skeleton.sectors, None);
                            lines.push(format!(
                                "#   O setor que recebe o caso não está nomeado aqui: preencha `to`{}.",
                                cited.map(|c| format!(" (o manual cita: {c})")).unwrap_or_default()
                            ));
                        }
                        (Some(_), Some(heading)) => lines.push(format!(
                            "#   O setor (`to`) veio do título da seção, \"{}\"; confira.",
                            comment_line(heading)
                        )),
                        (Some(_), None) => {}
                    }
                    match (sla, sla_words) {
                        (None, _) => {
                            let cited: Vec<String> = skeleton
                                .slas
                                .iter()
                                .take(MAX_HINTS + 1)
                                .map(|(s, w)| format!("{s} (\"{}\")", comment_line(w)))
                                .collect();
                            lines.push(format!(
                                "#   O prazo de retorno não está dito aqui: preencha `sla` (\"24h\", \"2d\", \"2du\"){}.",
                                if cited.is_empty() {
                                    String::new()
                                } else {
                                    format!("; o manual cita: {}", listed(&cited))
                                }
                            ));
                        }
                        // Business days are `du`; business hours have no unit of their own.
                        (Some(sla), Some(words)) if sla.ends_with('h') && crate::text::fold(words).contains(" ut") => {
                            lines.push(format!(
                                "#   O manual fala em horas úteis (\"{}\"); `sla` = \"{sla}\" conta horas corridas.",
                                comment_line(words)
                            ));
                        }
                        _ => {}
                    }
                }
            }
            Candidate::Resolution { words } => {
                inline = inline.or(Some("resolução candidata"));
                lines.push(format!(
                    "{MARKER} resolução candidata (\"{}\"): confira se o atendimento termina aqui, resolvido.",
                    comment_line(words)
                ));
            }
            Candidate::Decision { sentence, escalation } => decisions.push((sentence, escalation)),
            Candidate::MissingImage { words, pictures } => {
                inline = inline.or(Some("imagem ausente"));
                let what = if pictures.is_empty() {
                    format!(
                        "o texto cita uma imagem que não veio com o manual (\"{}\")",
                        comment_line(&words.join("\", \""))
                    )
                } else if pictures.len() == 1 {
                    "o manual original tinha aqui uma imagem que não pôde ser importada".to_string()
                } else {
                    format!("o manual original tinha aqui {} imagens que não puderam ser importadas", pictures.len())
                };
                lines.push(format!("{MARKER} {what}: veja a nota \"Imagem ausente\"."));
            }
            Candidate::ImageAlt { file } => {
                inline = inline.or(Some("imagem sem descrição"));
                lines.push(format!(
                    "{MARKER} a imagem \"{}\" veio sem descrição: escreva em `alt` o que ela mostra",
                    comment_line(file)
                ));
                lines.push("#   (o `sopbook lint` avisa, com a regra image-alt, até que ela tenha uma).".into());
            }
            Candidate::Unplaced => {
                lines.push(format!(
                    "{MARKER} a nota traz texto que o importador não soube posicionar; mova-o para onde couber."
                ));
            }
            Candidate::Provenance => {
                lines.push(format!(
                    "{MARKER} a nota \"Manual original\" guarda o cabeçalho e o fecho do manual (de onde vieram `title`,"
                ));
                lines.push("#   `owner` e `updated`); apague-a depois de conferi-los.".into());
            }
        }
    }
    if !decisions.is_empty() {
        inline = inline.or(Some("decisão candidata"));
        let mut example_no = "…".to_string();
        for (sentence, escalation) in &decisions {
            lines.push(format!("{MARKER} decisão candidata: \"{}\"", comment_line(&shorten(sentence, 110))));
            if let Some(id) = escalation {
                example_no = id.to_string();
            }
        }
        lines.push(
            "#   Se o analista precisa escolher um caminho aqui, troque `next` por respostas, por exemplo:".into(),
        );
        let yes = step.next.as_deref().filter(|n| *n != example_no).unwrap_or("…");
        lines.push(format!(
            "#   branches = [{{ when = \"Sim\", next = \"{yes}\" }}, {{ when = \"Não\", next = \"{example_no}\" }}]"
        ));
    }
    // Each line quotes the manual's words: whatever they hold, the line stays one comment.
    for line in lines {
        out.push_str(&comment_line(&line));
        out.push('\n');
    }
    out.push_str(&format!("[steps.{}]", TomlKeyBuilder::new(&step.id).as_default().to_toml_key()));
    if let Some(comment) = inline {
        out.push_str(&format!("  {MARKER} {comment}"));
    }
    out.push('\n');

    let mut keys: Vec<(&str, String, Option<String>)> = Vec::new();
    if let Some(title) = &step.title {
        keys.push(("title", toml_string(title), None));
    }
    if let StepKind::Escalation { .. } | StepKind::Resolution = step.kind {
        let end = if step.kind == StepKind::Resolution { "resolution" } else { "escalation" };
        keys.push(("end", toml_string(end), None));
    }
    for (key, paragraphs) in [("text", &step.text), ("note", &step.note), ("warning", &step.warning)] {
        if !paragraphs.is_empty() {
            keys.push((key, toml_string(&paragraphs.join("\n\n")), None));
        }
    }
    if !step.images.is_empty() {
        keys.push(("image", images(&step.images), None));
    }
    if let StepKind::Escalation { to, sla, .. } = &step.kind {
        if let Some(to) = to {
            keys.push(("to", toml_string(to), None));
        }
        if let Some(sla) = sla {
            keys.push(("sla", toml_string(sla), None));
        }
    }
    if let Some(next) = &step.next {
        keys.push(("next", toml_string(next), None));
    }
    write_keys(out, &keys);
}

/// `{ src = "…", alt = "…" }`, or an array of them, one a line. A picture without a description
/// gets `alt = ""`, for the editor to fill (and `image-alt` to warn about until then).
fn images(images: &[StepImage]) -> String {
    let one = |image: &StepImage| {
        let alt = image.alt.as_deref().unwrap_or_default();
        format!("{{ src = {}, alt = {} }}", toml_string(&image.src), toml_string(alt))
    };
    match images {
        [only] => one(only),
        many => format!("[\n{}]", many.iter().map(|i| format!("  {},\n", one(i))).collect::<String>()),
    }
}

/// `key = value`, with the `=` aligned within the group, as the hand-finished files are.
fn write_keys(out: &mut String, keys: &[(&str, String, Option<String>)]) {
    let width = keys.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    for (key, value, comment) in keys {
        out.push_str(&format!("{key:width$} = {value}"));
        if let Some(comment) = comment {
            out.push_str("  ");
            out.push_str(comment);
        }
        out.push('\n');
    }
}

/// How many sectors or promised returns a hint lists: it is repeated on every escalation that
/// lacks one, so a manual naming thousands must not multiply the file.
const MAX_HINTS: usize = 5;

fn others(list: &[String], except: Option<&str>) -> Option<String> {
    let rest: Vec<&str> = list.iter().map(String::as_str).filter(|s| Some(*s) != except).collect();
    (!rest.is_empty()).then(|| listed(&rest))
}

/// The first [`MAX_HINTS`] items, and `…` when there are more.
fn listed<T: AsRef<str>>(items: &[T]) -> String {
    let mut out: Vec<&str> = items.iter().take(MAX_HINTS).map(AsRef::as_ref).collect();
    if items.len() > MAX_HINTS {
        out.push("…");
    }
    out.join(", ")
}
