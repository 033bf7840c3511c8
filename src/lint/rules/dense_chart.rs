use std::collections::HashMap;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::flowchart;
use crate::t;

declare_rule! {
    DenseChart: "dense-chart", Warning,
    summary: "a flowchart too dense to draw in full",
    doc: r#"### What it finds
A procedure whose flowchart would cost more than the layout's budget: its steps, its links and,
above all, the layers that long links cross (a decision that leads to many far steps). The site
then draws a simplified flowchart, with only the links from each step to the next one, and says
how many links it left out.

### Why it matters
Drawing every link of such a graph takes minutes and gigabytes and gives an unreadable picture;
the simplified chart keeps the build fast but no longer shows the procedure's paths.

### Example
A decision that sends each answer to a different step of a long line of steps:
```toml
title   = "Diagnóstico do certificado"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.p0]
text = "Qual o sintoma?"
branches = [
  { when = "Sintoma 1", next = "p1" },
  { when = "Sintoma 2", next = "p2" },
  # … one answer for each step, up to { when = "Sintoma 120", next = "p120" }
]

[steps.p1]
text = "Verifique o item 1."
next = "p2"

# … and so on: each step leads to the next one, up to

[steps.p120]
end  = "resolution"
text = "Verifique o item 120."
```

### Fix
Split the procedure into smaller ones linked by `[[…]]` references, or group the answers so
each decision leads to a few nearby steps."#,
}

impl Rule for DenseChart {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        let steps = &procedure.steps;
        let ids: HashMap<&str, usize> = steps.iter().enumerate().map(|(i, s)| (s.id.get_ref().as_str(), i)).collect();
        // The same links, in the same order, as the site's chart.
        let pairs: Vec<(usize, usize)> = steps
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                s.targets().into_iter().filter_map(|t| ids.get(t.get_ref().as_str())).map(move |&j| (i, j))
            })
            .collect();
        let cost = flowchart::cost(steps.len(), procedure.start_index().unwrap_or(0), &pairs);
        let Some(why) = cost.why() else {
            return;
        };
        let span = match (&procedure.title, steps.first()) {
            (Some(title), _) => title.span(),
            (None, Some(step)) => step.span.clone(),
            (None, None) => 0..0,
        };
        let message = t!("dense-chart", steps = cost.steps, links = cost.links);
        out.push(cx.finding(&META, span, message).label(why).help(t!("dense-chart.help")));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    /// `n` decisions, each leading to every later step, then two resolutions.
    pub(crate) fn complete(n: usize) -> String {
        let mut ids: Vec<String> = (0..n).map(|i| format!("d{i}")).collect();
        ids.extend(["fim".to_string(), "fim2".to_string()]);
        let mut text = String::from(
            "title = \"Denso\"\nsection = \"Teste\"\nsummary = \"Grafo completo.\"\nowner = \"Suporte\"\nupdated = 2099-01-01\n",
        );
        for i in 0..n {
            text.push_str(&format!("\n[steps.d{i}]\ntext = \"Decisão {i}?\"\nbranches = [\n"));
            for id in &ids[i + 1..] {
                text.push_str(&format!("  {{ when = \"Ir para {id}\", next = \"{id}\" }},\n"));
            }
            text.push_str("]\n");
        }
        text.push_str("\n[steps.fim]\nend = \"resolution\"\n\n[steps.fim2]\nend = \"resolution\"\n");
        text
    }

    #[test]
    fn fails_on_a_complete_graph() {
        let text = complete(60);
        let found = check(RuleId::DenseChart, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "\"Denso\"");
        assert!(found[0].message.contains("62 passos"), "{}", found[0].message);
        assert!(found[0].message.contains("simplificado"));
    }

    #[test]
    fn passes_a_small_complete_graph_and_the_valid_procedure() {
        assert!(check(RuleId::DenseChart, &complete(10)).is_empty());
        assert!(check(RuleId::DenseChart, VALID).is_empty());
    }
}
