//! Markdown (pulldown-cmark: tables, strikethrough, task lists) with `[[…]]` cross-references
//! resolved to links. Raw HTML in the text is shown as text, never passed through, and only
//! safe link targets survive.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd, html};

use super::links::{Link, LinkKind, LinkTable};
use crate::load::paths::is_local_link;
use crate::model::markdown::{Piece, Pieces};
use crate::safe_url::{self, is_safe_link};
use crate::text::{escape_html, escape_html_body, heading_anchor, unescape_html};

/// What rendering one text needs to know about the page it lands on.
pub struct Context<'a> {
    pub links: &'a LinkTable,
    /// The procedure the text belongs to, for `[[#step]]`.
    pub current: Option<usize>,
    /// Relative prefix from the page to the site root.
    pub root: &'a str,
    /// "passo 3".
    pub step_word: &'a dyn Fn(usize) -> String,
    /// Said after an external link, for screen readers ("(abre no Qualitor)").
    pub external_note: &'a str,
    /// Title of a manual without a URL.
    pub manual_note: &'a str,
    /// Title of a broken reference.
    pub broken_note: &'a str,
    /// Rewrite links to `.md` files as `.html` (the handbook).
    pub book: bool,
    /// The handbook's published images: `src` as written → URL relative to the site root.
    pub images: Option<&'a std::collections::HashMap<String, String>>,
}

/// Markdown → HTML.
pub fn to_html(text: &str, cx: &Context<'_>) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    if is_plain(text) {
        // A single paragraph of plain text: what pulldown-cmark would write, without parsing.
        return format!("<p>{}</p>\n", escape_html_body(text.trim()));
    }
    let mut events = Vec::new();
    let mut skipped_links: Vec<bool> = Vec::new();
    for piece in Pieces::new(text) {
        let event = match piece {
            // Raw HTML comes as text too: it is shown as the editor typed it.
            Piece::Text(t) => Event::Text(t),
            Piece::Reference(reference) => {
                let link = cx.links.resolve(&reference, cx.current, cx.step_word);
                Event::InlineHtml(CowStr::from(link_html(&link, cx)))
            }
            Piece::Event(event, _) => event,
        };
        match event {
            // An unsafe target is dropped with its end: the link's text or image's alt stays, as text.
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let target = safe_target(&dest_url).and_then(|url| rewrite(link_type, &dest_url, url, cx));
                skipped_links.push(target.is_none());
                if let Some(dest_url) = target {
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            // No file named in Markdown is copied into the site (`missing-image` reports it): its
            // alt text is shown instead of a broken picture. The lint reads images the same way.
            // The handbook's own images are the exception: published under `media/` once checked.
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let published = cx.images.and_then(|images| images.get(dest_url.as_ref()));
                let safe = match published {
                    Some(url) => Some(CowStr::from(format!("{}{url}", cx.root))),
                    None if is_local_link(&dest_url) => None,
                    None => safe_target(&dest_url),
                };
                skipped_links.push(safe.is_none());
                if let Some(dest_url) = safe {
                    events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if !skipped_links.pop().unwrap_or(false) {
                    events.push(Event::End(end));
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    // A code block may scroll sideways: keyboard users must be able to reach it.
    if out.contains("<pre>") {
        out = out.replace("<pre>", "<pre tabindex=\"0\">");
    }
    out
}

/// A heading of a handbook chapter, for its table of contents.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Markdown → HTML where every heading gets a unique `id` (for links and the chapter's contents).
pub fn to_html_with_headings(text: &str, cx: &Context<'_>) -> (String, Vec<Heading>) {
    let html = to_html(text, cx);
    let mut headings = Vec::new();
    let mut used = std::collections::HashSet::new();
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<h") {
        let level = rest.as_bytes().get(start + 2).copied().unwrap_or(b'0');
        if !(b'1'..=b'6').contains(&level) || rest.as_bytes().get(start + 3) != Some(&b'>') {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        }
        let close = format!("</h{}>", level as char);
        let Some(end) = rest[start..].find(&close).map(|e| start + e) else {
            break;
        };
        let inner = &rest[start + 4..end];
        let text = unescape_html(&strip_tags(inner));
        let base = heading_anchor(&text);
        let mut id = base.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        out.push_str(&rest[..start]);
        out.push_str(&format!("<h{} id=\"{}\">{inner}{close}", level as char, escape_html(&id)));
        headings.push(Heading { level: level - b'0', id, text });
        rest = &rest[end + close.len()..];
    }
    out.push_str(rest);
    (out, headings)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Markdown → plain text (for flowchart labels, search and the guided mode's case note):
/// formatting dropped, references shown as their text.
/// Characters that may start inline Markdown (or a second line) anywhere in a text.
const INLINE_SYNTAX: &[char] = &['*', '_', '`', '[', ']', '<', '>', '&', '\\', '~', '|', '\n', '\r', '\t'];

/// Text that Markdown would render as one paragraph of exactly these words: no inline syntax,
/// one line, and no block marker (list, heading, quote, code indent) at its start.
fn is_plain(text: &str) -> bool {
    let trimmed = text.trim_start_matches(' ');
    let indent = text.len() - trimmed.len();
    let starts_block =
        trimmed.starts_with(['-', '+', '#', '=', '>']) || trimmed.starts_with(|c: char| c.is_ascii_digit());
    indent < 4 && !starts_block && !text.contains(INLINE_SYNTAX)
}

pub fn to_plain(text: &str) -> String {
    to_plain_with(text, &|reference| {
        let default = match (&reference.target, &reference.step) {
            (Some(crumb), _) => crumb.to_string(),
            (None, Some(step)) => format!("#{step}"),
            _ => String::new(),
        };
        reference.shown.clone().filter(|s| !s.is_empty()).unwrap_or(default)
    })
}

/// Plain text for paper: each reference as its resolved text, followed by the manual's address
/// when it is a Qualitor manual with one (a printed page has no links).
pub fn to_paper(text: &str, cx: &Context<'_>) -> String {
    to_plain_with(text, &|reference| {
        let link = cx.links.resolve(reference, cx.current, cx.step_word);
        match (link.kind, &link.url) {
            (super::links::LinkKind::External, Some(url)) => format!("{} ({url})", link.text),
            _ => link.text,
        }
    })
}

fn to_plain_with(text: &str, show: &dyn Fn(&crate::model::Reference) -> String) -> String {
    // Most titles and many texts have no Markdown at all: skip the parser for them.
    if is_plain(text) {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(text.len());
    for piece in Pieces::new(text) {
        match piece {
            Piece::Text(t) | Piece::Event(Event::Code(t), _) => out.push_str(&t),
            Piece::Reference(reference) => out.push_str(&show(&reference)),
            // Whatever ends a block, a cell, or starts an item (inside another) separates words.
            Piece::Event(
                Event::SoftBreak
                | Event::HardBreak
                | Event::Start(Tag::Item)
                | Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::TableRow,
                ),
                _,
            ) => out.push(' '),
            Piece::Event(..) => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text for paper, block by block, for the checklists that lay lists and tables out in plain
/// text (see [`to_paper_blocks`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaperBlock {
    /// A paragraph (or a heading, a quote, a code block) as plain text.
    Paragraph(String),
    /// An item of a list: how deep it is (0 for a list inside no other), its marker (`-`, `3.`)
    /// and its text, up to any list inside it.
    Item { depth: usize, marker: String, text: String },
    /// A table's rows, its header row first, each cell as plain text.
    Table(Vec<Vec<String>>),
}

/// The blocks of a text for paper, with references as [`to_paper`] shows them. A text of one
/// line (no list or table can be one) gives nothing: [`to_paper`] is all it needs.
pub fn to_paper_blocks(text: &str, cx: &Context<'_>) -> Vec<PaperBlock> {
    if !text.trim().contains('\n') {
        return Vec::new();
    }
    let mut paper = Paper::default();
    for piece in Pieces::new(text) {
        match piece {
            Piece::Text(t) | Piece::Event(Event::Code(t), _) => paper.text.push_str(&t),
            Piece::Reference(reference) => {
                let link = cx.links.resolve(&reference, cx.current, cx.step_word);
                paper.text.push_str(&match (link.kind, &link.url) {
                    (super::links::LinkKind::External, Some(url)) => format!("{} ({url})", link.text),
                    _ => link.text,
                });
            }
            Piece::Event(event, _) => paper.event(event),
        }
    }
    paper.flush();
    paper.blocks
}

/// [`to_paper_blocks`] at work: the blocks so far, the text of the one being read, the open
/// lists (the number of each one's next item), the item being read, the table being read.
#[derive(Default)]
struct Paper {
    blocks: Vec<PaperBlock>,
    text: String,
    lists: Vec<Option<u64>>,
    item: Option<(usize, String)>,
    table: Option<(Vec<Vec<String>>, Vec<String>)>,
}

impl Paper {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "-".to_string(),
                };
                self.item = Some((depth, marker));
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                if self.item.is_some() {
                    self.text.push(' ');
                } else {
                    self.flush();
                }
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.table = Some(Default::default());
            }
            Event::End(TagEnd::TableCell) => {
                let cell = collapse(&std::mem::take(&mut self.text));
                if let Some((_, row)) = &mut self.table {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some((rows, row)) = &mut self.table {
                    rows.push(std::mem::take(row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((rows, _)) = self.table.take() {
                    self.blocks.push(PaperBlock::Table(rows));
                }
            }
            _ => {}
        }
    }

    fn flush(&mut self) {
        let text = collapse(&std::mem::take(&mut self.text));
        match self.item.take() {
            Some((depth, marker)) => self.blocks.push(PaperBlock::Item { depth, marker, text }),
            None if !text.is_empty() => self.blocks.push(PaperBlock::Paragraph(text)),
            None => {}
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The markup of a resolved reference (the `link.html` partial writes the same for `see`/`via`).
pub fn link_html(link: &Link, cx: &Context<'_>) -> String {
    let text = escape_html(&link.text);
    match (&link.kind, &link.url) {
        (LinkKind::Internal, Some(url)) => {
            format!("<a href=\"{}{}\">{text}</a>", cx.root, escape_html(url))
        }
        (LinkKind::External, Some(url)) => format!(
            "<a class=\"external\" href=\"{}\" rel=\"noopener noreferrer\">{text}<span class=\"visually-hidden\"> {}</span></a>",
            escape_html(url),
            escape_html(cx.external_note)
        ),
        (LinkKind::Manual, _) => {
            format!("<span class=\"manual-ref\" title=\"{}\">{text}</span>", escape_html(cx.manual_note))
        }
        _ => format!("<span class=\"broken-ref\" title=\"{}\">{text}</span>", escape_html(cx.broken_note)),
    }
}

/// A link or image target as the page writes it ([`safe_url::clean`]), if it is safe.
fn safe_target(url: &str) -> Option<CowStr<'static>> {
    is_safe_link(url).then(|| CowStr::from(safe_url::clean(url)))
}

/// Where a safe link leads from the page, `None` for nowhere (shown as its text). In a
/// procedure's text, an anchor leads to that step on the procedure's page (the text is shown on
/// checklists too, where the step has another id), and a path to a file leads nowhere: the site
/// does not publish it (`broken-link` reports it). In the handbook, `.md` becomes `.html`.
/// `written` is the target as the text has it (the linter judges that), `url` as it is cleaned.
fn rewrite<'e>(link_type: LinkType, written: &str, url: CowStr<'e>, cx: &Context<'_>) -> Option<CowStr<'e>> {
    if link_type == LinkType::Email {
        return Some(url);
    }
    if let (Some(procedure), false) = (cx.current, cx.book) {
        if let Some(step) = url.strip_prefix('#') {
            cx.links.step_index(procedure, step)?;
            return Some(CowStr::from(format!("{}{}#{step}", cx.root, cx.links.procedure(procedure))));
        }
        return (!is_local_link(written)).then_some(url);
    }
    Some(rewrite_book(url, cx))
}

fn rewrite_book<'e>(url: CowStr<'e>, cx: &Context<'_>) -> CowStr<'e> {
    if !cx.book || url.contains("://") {
        return url;
    }
    let (path, fragment) = url.split_once('#').map_or((url.as_ref(), None), |(p, f)| (p, Some(f)));
    match path.strip_suffix(".md") {
        Some(stem) => {
            let mut out = format!("{stem}.html");
            if let Some(fragment) = fragment {
                out.push('#');
                out.push_str(fragment);
            }
            CowStr::from(out)
        }
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::load::KnowledgeBase;
    use crate::model::markdown::options;

    fn render(text: &str) -> String {
        let kb = KnowledgeBase::from_memory(vec![
            (
                "procedures/a/debug.toml".into(),
                "title = \"Debug\"\nsection = \"CD > A1\"\n[steps.recuperar]\nnext = \"fim\"\n[steps.fim]\nend = \"resolution\"\n".into(),
            ),
            ("manuals.toml".into(), "[[manual]]\npath = \"Q > Com url\"\nurl = \"https://q.example/1\"\n[[manual]]\npath = \"Q > Sem url\"\n[[manual]]\npath = \"Q > Hostil\"\nurl = \"javascript:alert(1)\"\n".into()),
        ]);
        let links = LinkTable::build(&kb);
        let step_word = |n: usize| format!("passo {n}");
        let cx = Context {
            links: &links,
            current: Some(0),
            root: "../../",
            step_word: &step_word,
            external_note: "(externo)",
            manual_note: "sem endereço",
            broken_note: "quebrada",
            book: false,
            images: None,
        };
        to_html(text, &cx)
    }

    #[test]
    fn references_become_links() {
        let html = render("Siga [[CD>A1>Debug]], [[CD > A1 > Debug#fim|o fim]] e [[#recuperar]].");
        assert!(html.contains("<a href=\"../../procedures/a/debug.html\">CD &gt; A1 &gt; Debug</a>"), "{html}");
        assert!(html.contains("<a href=\"../../procedures/a/debug.html#fim\">o fim</a>"), "{html}");
        assert!(html.contains("<a href=\"../../procedures/a/debug.html#recuperar\">passo 1</a>"), "{html}");
    }

    #[test]
    fn manuals_are_external_links_or_text() {
        let html = render("[[Q > Com url]] [[Q > Sem url]] [[Q > Hostil]] [[Nada > Aqui]]");
        assert!(html.contains("<a class=\"external\" href=\"https://q.example/1\""), "{html}");
        assert!(html.contains("<span class=\"manual-ref\" title=\"sem endereço\">Q &gt; Sem url</span>"), "{html}");
        assert!(html.contains("<span class=\"manual-ref\" title=\"sem endereço\">Q &gt; Hostil</span>"), "{html}");
        assert!(html.contains("<span class=\"broken-ref\""), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn raw_html_and_unsafe_links_are_text() {
        let html = render("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let html = render(
            "Texto com <b onclick=\"x()\">negrito</b>, [x](javascript:alert(1)), [y]( JAVASCRIPT:alert(1)) e ![i](data:image/png;base64,AA).",
        );
        assert!(!html.contains("<b ") && html.contains("&lt;b onclick="), "{html}");
        assert!(!html.contains("href=\"javascript") && !html.contains("href=\"JAVASCRIPT"), "{html}");
        assert!(!html.contains("src=\"data:"), "{html}");
    }

    #[test]
    fn anchors_lead_to_the_procedures_page_and_paths_to_files_are_text() {
        let html = render(
            "[volte](#recuperar), [nada](#nao-existe), [manual](manual.pdf), [abs](/x.html), <suporte@x.example> e [web](https://x.example/a)",
        );
        assert!(html.contains("<a href=\"../../procedures/a/debug.html#recuperar\">volte</a>"), "{html}");
        assert!(!html.contains("nao-existe") && html.contains("nada"), "{html}");
        assert!(!html.contains("manual.pdf") && !html.contains("/x.html") && html.contains("manual"), "{html}");
        assert!(html.contains("href=\"mailto:suporte@x.example\"") && html.contains("href=\"https://x.example/a\""));
    }

    #[test]
    fn only_images_on_the_web_are_shown_local_ones_are_their_alt_text() {
        let html = render("![Tela](tela.png) ![Abs](/x.png) ![Web](https://x.example/a.png)");
        assert!(!html.contains("tela.png") && !html.contains("/x.png"), "{html}");
        assert!(html.contains("Tela") && html.contains("Abs"), "{html}");
        assert!(html.contains("<img src=\"https://x.example/a.png\" alt=\"Web\""), "{html}");
    }

    #[test]
    fn tables_strikethrough_and_task_lists() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~velho~~\n\n- [x] feito\n- [ ] a fazer\n");
        assert!(
            html.contains("<table>") && html.contains("<del>velho</del>") && html.contains("type=\"checkbox\""),
            "{html}"
        );
    }

    #[test]
    fn paper_blocks_lay_out_lists_and_tables() {
        let kb = KnowledgeBase::from_memory(vec![(
            "procedures/a/debug.toml".into(),
            "title = \"Debug\"\nsection = \"CD > A1\"\n[steps.fim]\nend = \"resolution\"\n".into(),
        )]);
        let links = LinkTable::build(&kb);
        let step_word = |n: usize| format!("passo {n}");
        let cx = Context {
            links: &links,
            current: Some(0),
            root: "",
            step_word: &step_word,
            external_note: "",
            manual_note: "",
            broken_note: "",
            book: false,
            images: None,
        };
        let text = "Siga a ordem:\n\n1. Clique em **Renovar**.\n2. Escolha:\n   - Vídeo, pelo [portal](https://a.example);\n   - Presencial.\n3. Veja [[CD > A1 > Debug]].\n\n| Campo | Exemplo |\n| --- | --- |\n| CNPJ | 00.000.000/0001-00 |\n| Nome | A \\| B |\n";
        let item = |depth: usize, marker: &str, text: &str| PaperBlock::Item {
            depth,
            marker: marker.into(),
            text: text.into(),
        };
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            to_paper_blocks(text, &cx),
            [
                PaperBlock::Paragraph("Siga a ordem:".into()),
                item(0, "1.", "Clique em Renovar."),
                item(0, "2.", "Escolha:"),
                item(1, "-", "Vídeo, pelo portal;"),
                item(1, "-", "Presencial."),
                item(0, "3.", "Veja CD > A1 > Debug."),
                PaperBlock::Table(vec![
                    row(&["Campo", "Exemplo"]),
                    row(&["CNPJ", "00.000.000/0001-00"]),
                    row(&["Nome", "A | B"])
                ]),
            ]
        );
        // The one-line form no longer glues words that a list or a table kept apart.
        let line = to_paper(text, &cx);
        assert!(line.contains("Escolha: Vídeo") && line.contains("Campo Exemplo CNPJ"), "{line}");
        assert!(to_paper_blocks("Uma linha só, com [[CD > A1 > Debug]].", &cx).is_empty());
    }

    #[test]
    fn code_blocks_keep_references_literally() {
        let html = render("```toml\ntext = \"[[Nada > Aqui]]\"\n```\n");
        assert!(html.contains("[[Nada &gt; Aqui]]") && !html.contains("broken-ref"), "{html}");
    }

    #[test]
    fn references_in_code_and_escaped_ones_are_text() {
        let html = render("`[[Nada > Existe]]` e \\[[Não > Ref]].\n\n```\n[[Outro > Nada]]\n```\n");
        assert!(html.contains("<code>[[Nada &gt; Existe]]</code>"), "{html}");
        assert!(html.contains("e [[Não &gt; Ref]].</p>"), "{html}");
        assert!(html.contains("[[Outro &gt; Nada]]\n</code></pre>"), "{html}");
        assert!(!html.contains("broken-ref"), "{html}");
        // An escaped backslash before a reference leaves the reference a reference.
        let html = render("C:\\\\[[CD>A1>Debug]]");
        assert!(html.contains("C:\\<a href=\"../../procedures/a/debug.html\">"), "{html}");
    }

    #[test]
    fn references_inside_a_link_or_an_image_are_text() {
        // A link inside a link is not HTML; an image's alt text holds no markup.
        let html = render("[veja [[CD>A1>Debug]]](https://x.example) ![tela [[CD>A1>Debug]]](https://x.example/a.png)");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert!(html.contains(">veja [[CD&gt;A1&gt;Debug]]</a>"), "{html}");
        assert!(html.contains("alt=\"tela [[CD&gt;A1&gt;Debug]]\""), "{html}");
    }

    #[test]
    fn plain_text_keeps_references_in_code_and_escaped_ones_as_written() {
        assert_eq!(to_plain("\\[[A > B|x]] e `[[C|y]]` e [[D|z]]"), "[[A > B|x]] e [[C|y]] e z");
    }

    #[test]
    fn html_fast_path_agrees_with_the_parser() {
        let step_word = |n: usize| format!("passo {n}");
        let kb = KnowledgeBase::from_memory(vec![]);
        let links = LinkTable::build(&kb);
        let cx = Context {
            links: &links,
            current: None,
            root: "",
            step_word: &step_word,
            external_note: "",
            manual_note: "",
            broken_note: "",
            book: false,
            images: None,
        };
        for text in [
            "O cliente tem acesso à máquina, sem formatação? Sim.",
            "  texto com espaços  ",
            "Aspas \"duplas\" e 'simples' (e parênteses). Fim!",
            "Confirme o acesso: www.exemplo.com.br e http://exemplo.com.",
            "1. lista",
            "- item",
            "    código",
            "# título",
            "a_b_c",
        ] {
            let mut parsed = String::new();
            html::push_html(&mut parsed, Parser::new_ext(text, options()));
            assert_eq!(to_html(text, &cx), parsed.replace("<pre>", "<pre tabindex=\"0\">"), "{text}");
        }
        assert_eq!(to_html("   ", &cx), "");
    }

    #[test]
    fn plain_text_fast_path_agrees_with_the_parser() {
        for text in ["Texto simples, com acentuação: é isso.", "  espaços   extras  ", "Gerar novo arquivo"] {
            let mut parsed = String::new();
            for event in Parser::new_ext(text, options()) {
                if let Event::Text(t) = event {
                    parsed.push_str(&t);
                }
            }
            assert_eq!(to_plain(text), parsed.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn plain_text_keeps_the_words() {
        assert_eq!(
            to_plain("Siga o *manual* [[A > B|aqui]] e `código`.\n\nDepois [[#x]]."),
            "Siga o manual aqui e código. Depois #x."
        );
    }
}
