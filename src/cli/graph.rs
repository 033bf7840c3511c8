//! `sopbook graph`: one procedure's step graph for other tools: Graphviz DOT, Mermaid, or the
//! site's own SVG flowchart as a standalone file.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{SUCCESS, print};
use crate::flowchart::{self, Chart};
use crate::load::KnowledgeBase;
use crate::model::{Procedure, StepKind};
use crate::render::checklist;
use crate::render::lang::Strings;
use crate::render::links::LinkTable;
use crate::render::media::Media;
use crate::render::theme::Theme;
use crate::render::views::{self, ViewBuilder};
use crate::text::{comment_line, dot_string, mermaid_label};

#[derive(clap::Args)]
pub struct Args {
    /// The procedure: its slug (`certificado-digital/a1/perda-do-backup-a1`), its breadcrumb
    /// (`"Certificado Digital > A1 > Perda do Backup A1"`) or its file name.
    reference: String,
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Graphviz DOT, a Mermaid flowchart, or the site's SVG flowchart as a standalone file.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Dot,
    Mermaid,
    Svg,
}

/// One procedure's graph in DOT (also for the benchmark and the tests).
pub fn dot_of(procedure: &Procedure) -> String {
    dot(&Graph::of(procedure))
}

/// One procedure's graph as a Mermaid flowchart.
pub fn mermaid_of(procedure: &Procedure) -> String {
    mermaid(&Graph::of(procedure))
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kb = KnowledgeBase::load(&args.root)?;
    let index = checklist::find(&kb, &args.reference)?;
    let procedure = &kb.procedures[index];
    print(&match args.format {
        Format::Dot => dot_of(procedure),
        Format::Mermaid => mermaid_of(procedure),
        Format::Svg => svg(&kb, index)?,
    });
    Ok(SUCCESS)
}

/// The graph as DOT and Mermaid draw it: steps in file order, edges in the order written.
struct Graph<'a> {
    name: String,
    nodes: Vec<GraphNode<'a>>,
    /// From, to (indices into `nodes`), the branch answer.
    edges: Vec<(usize, usize, Option<&'a str>)>,
    start: Option<usize>,
}

struct GraphNode<'a> {
    id: &'a str,
    /// `N. label`.
    label: String,
    kind: StepKind,
    /// Mixed, incomplete, or pointing at a step that does not exist: drawn dashed.
    broken: bool,
}

impl<'a> Graph<'a> {
    fn of(procedure: &'a Procedure) -> Graph<'a> {
        // Every edge looks its target up in this map: a scan of the steps per edge took 15 s at
        // 100,000 steps. The first step of an ID wins, as `Procedure::step_index` finds it.
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(procedure.steps.len());
        for (i, step) in procedure.steps.iter().enumerate() {
            index.entry(step.id.get_ref().as_str()).or_insert(i);
        }
        let mut nodes = Vec::with_capacity(procedure.steps.len());
        let mut edges = Vec::new();
        for (i, step) in procedure.steps.iter().enumerate() {
            let kind = step.kind();
            let mut broken = matches!(kind, StepKind::Mixed | StepKind::Incomplete);
            let mut edge = |next: &Option<toml::Spanned<String>>, answer: Option<&'a str>| {
                if let Some(next) = next {
                    match index.get(next.get_ref().as_str()).copied() {
                        Some(j) => edges.push((i, j, answer)),
                        // Not drawn: `unknown-step` reports it; the step is drawn as broken.
                        None => broken = true,
                    }
                }
            };
            edge(&step.next, None);
            for branch in step.branches.as_ref().map_or(&[][..], |b| b.get_ref()) {
                edge(&branch.next, Some(branch.when.as_ref().map_or("", |w| w.get_ref().as_str())));
            }
            let label = format!("{}. {}", i + 1, views::label(step));
            nodes.push(GraphNode { id: step.id.get_ref(), label, kind, broken });
        }
        let name = procedure.breadcrumb().map_or_else(|| procedure.slug.clone(), |b| b.to_string());
        Graph { name, nodes, edges, start: procedure.start_index() }
    }
}

fn dot(graph: &Graph<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", dot_string(&graph.name));
    let _ = writeln!(out, "  label={};", dot_string(&graph.name));
    out.push_str("  labelloc=t;\n");
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    // Step IDs never start with `_`, but a broken file may have any ID: keep the name unique.
    let ids: HashSet<&str> = graph.nodes.iter().map(|n| n.id).collect();
    let mut start_name = "_start".to_string();
    while ids.contains(start_name.as_str()) {
        start_name.push('_');
    }
    if graph.start.is_some() {
        let _ = writeln!(out, "  {} [shape=point, width=0.15, label=\"\"];", dot_string(&start_name));
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let shape = match node.kind {
            StepKind::Decision => "shape=diamond",
            StepKind::Resolution => "shape=ellipse",
            StepKind::Escalation => "shape=box, peripheries=2",
            StepKind::Action | StepKind::Mixed | StepKind::Incomplete => "shape=box",
        };
        let _ = write!(out, "  {} [label={}, {shape}", dot_string(node.id), dot_string(&node.label));
        if graph.start == Some(i) {
            out.push_str(", penwidth=2");
        }
        if node.broken {
            out.push_str(", style=dashed, color=red");
        }
        out.push_str("];\n");
    }
    if let Some(start) = graph.start {
        let _ = writeln!(out, "  {} -> {};", dot_string(&start_name), dot_string(graph.nodes[start].id));
    }
    for &(from, to, answer) in &graph.edges {
        let _ = write!(out, "  {} -> {}", dot_string(graph.nodes[from].id), dot_string(graph.nodes[to].id));
        if let Some(answer) = answer {
            let _ = write!(out, " [label={}]", dot_string(answer));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// A comment's text: one line, tabs as spaces too.
fn mermaid_comment(text: &str) -> String {
    comment_line(text).replace('\t', " ")
}

fn mermaid(graph: &Graph<'_>) -> String {
    let mut out = String::from("flowchart TD\n");
    let _ = writeln!(out, "  %% {}", mermaid_comment(&graph.name));
    out.push_str("  classDef startpoint fill:#1f2328,stroke:#1f2328\n");
    out.push_str("  classDef broken stroke:#cf222e,stroke-dasharray: 5 5\n");
    if graph.start.is_some() {
        out.push_str("  s0((\" \"))\n  class s0 startpoint\n");
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let (open, close) = match node.kind {
            StepKind::Decision => ("{", "}"),
            StepKind::Resolution => ("([", "])"),
            StepKind::Escalation => ("[[", "]]"),
            StepKind::Action | StepKind::Mixed | StepKind::Incomplete => ("[", "]"),
        };
        let _ = writeln!(out, "  %% s{} = {}", i + 1, mermaid_comment(node.id));
        let _ = writeln!(out, "  s{}{open}\"{}\"{close}", i + 1, mermaid_label(&node.label));
        if node.broken {
            let _ = writeln!(out, "  class s{} broken", i + 1);
        }
    }
    if let Some(start) = graph.start {
        let _ = writeln!(out, "  s0 --> s{}", start + 1);
    }
    for &(from, to, answer) in &graph.edges {
        match answer {
            Some(answer) => {
                let _ = writeln!(out, "  s{} -->|\"{}\"| s{}", from + 1, mermaid_label(answer), to + 1);
            }
            None => {
                let _ = writeln!(out, "  s{} --> s{}", from + 1, to + 1);
            }
        }
    }
    out
}

/// The site's flowchart as a standalone SVG file: an XML declaration, and the theme's
/// `flowchart.css` inside the drawing so it looks as it does on the procedure's page.
fn svg(kb: &KnowledgeBase, index: usize) -> anyhow::Result<String> {
    let theme = Theme::load(&kb.root, &kb.config.build.theme)?;
    // The drawing's words in the language of the command line, as `sopbook checklist`'s.
    let t = Strings::load(&theme, crate::i18n::current())?;
    let links = LinkTable::build(kb);
    let views = ViewBuilder {
        kb,
        links: &links,
        t: &t,
        today: crate::load::today(),
        media: &Media::default(),
        history: None,
        paper: false,
    };
    let view = views.procedure(index, Vec::new(), Vec::new());
    let drawing = flowchart::render(&Chart::new(&view, &t));
    let css = match theme.file("static/flowchart.css") {
        Some(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        None => Theme::builtin("static/flowchart.css").unwrap_or_default().to_string(),
    };
    let style = format!("<style><![CDATA[\n{}\n]]></style>", css.trim().replace("]]>", "]]]]><![CDATA[>"));
    // After the accessible title and description, which should stay the first children.
    let at = match drawing.find("</desc>") {
        Some(i) => i + "</desc>".len(),
        None => drawing.find('>').map_or(drawing.len(), |i| i + 1),
    };
    let mut out = String::with_capacity(drawing.len() + style.len() + 64);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&drawing[..at]);
    out.push_str(&style);
    out.push_str(&drawing[at..]);
    out.push('\n');
    Ok(out)
}
