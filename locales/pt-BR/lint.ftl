# lint: messages of lint (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

# Resumo do fim do `sopbook lint`: "2 erros, 1 aviso em 14 procedimentos".
lint-summary = { $errors }, { $warnings } em { $procedures }

## dead-end
dead-end = o passo `{ $id }` não leva a lugar nenhum
    .label = sem `next`, `branches` nem `end`
    .help = acrescente `next = "…"` para continuar, `branches` para fazer uma pergunta, ou `end = "resolution"` / `end = "escalation"` para terminar
