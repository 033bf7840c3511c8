# diff: o que mudou nos procedimentos, passo a passo (`sopbook diff`, a página de mudanças do
# site, o histórico de cada procedimento) (pt-BR). Sintaxe do Fluent:
# https://projectfluent.org/fluent/guide/
# O plural em pt-BR: [0] para zero, [one] para 1, *[other] para o resto.
# O atributo `.feminine` é a mesma frase concordando com um nome feminino ("seção alterada").

## Um passo

# "passo 7 (Abrir chamado)", "passo 7 `chamado`", "passo inexistente `x`".
diff-step-titled = passo { $number } ({ $title })
diff-step-id = passo { $number } { $id }
diff-step-missing = passo inexistente { $id }
diff-kind-action = ação
diff-kind-decision = decisão
diff-kind-resolution = resolução
diff-kind-escalation = escalonamento
diff-kind-broken = passo incompleto

## Valores: "setor do escalonamento alterado: A → B"

diff-value-changed = { $label } alterado: { $old } → { $new }
    .feminine = { $label } alterada: { $old } → { $new }
diff-value-set = { $label } definido: { $new }
    .feminine = { $label } definida: { $new }
diff-value-removed = { $label } removido (era { $old })
    .feminine = { $label } removida (era { $old })
diff-text-added = { $name } adicionado: { $text }
    .feminine = { $name } adicionada: { $text }
diff-text-removed = { $name } removido (era: { $text })
    .feminine = { $name } removida (era: { $text })
# Etiquetas e frases do cliente: "adicionadas "a", "b"; removida "c"".
diff-list-added = adicionadas { $items }
    .one = adicionada { $items }
diff-list-removed = removidas { $items }
    .one = removida { $items }

## O procedimento

diff-unreadable-old = a versão antiga não pôde ser lida: { $message }
diff-unreadable-new = a versão nova não pôde ser lida: { $message }
diff-not-a-procedure = não é um arquivo de procedimento
diff-problem-at = { $message } (linha { $line }, coluna { $column })
diff-field-title = título
diff-field-section = seção
diff-field-summary = resumo
diff-field-owner = responsável
diff-label-updated = última revisão ({ $key })
diff-review-cycle = ciclo de revisão: { $old } → { $new }
diff-months = { $count ->
        [0] 0 meses
        [one] { $count } mês
       *[other] { $count } meses
    }
diff-months-default = o padrão da base
diff-tags = etiquetas
diff-aliases = frases do cliente (aliases)
diff-start-changed = o procedimento agora começa no { $new } em vez do { $old }
diff-start-set = o procedimento agora começa no { $new }
diff-start-removed = o procedimento não tem mais passo inicial (era o { $old })
diff-scenario-added = cenário de teste adicionado: { $name }
diff-scenario-removed = cenário de teste removido: { $name }
diff-scenario-changed = cenário de teste { $name }: { $parts }
diff-scenario-answers = respostas { $old } → { $new }
diff-scenario-expect = fim esperado { $old } → { $new }

## Os passos

diff-step-added = passo adicionado ({ $kind })
diff-step-removed = passo removido ({ $kind })
diff-step-moved = mudou de lugar; era o passo { $old }
diff-step-field-title = título
diff-step-field-text = texto
diff-step-field-note = observação
diff-step-field-warning = aviso (Atenção)
diff-resolution-to-escalation = a resolução virou um escalonamento
diff-escalation-to-resolution = o escalonamento virou uma resolução
diff-kind-changed = tipo alterado: { $old } → { $new }
diff-next-changed = agora segue para o { $new } em vez do { $old }
diff-next-set = agora segue para o { $new }
diff-next-removed = não segue mais para o { $old }
diff-rerouted-changed = a resposta { $answer } agora leva ao { $new } em vez do { $old }
diff-rerouted-set = a resposta { $answer } agora leva ao { $new }
diff-rerouted-removed = a resposta { $answer } não leva mais ao { $old }
diff-answer-added = resposta { $answer } adicionada, levando ao { $to }
diff-answer-added-nowhere = resposta { $answer } adicionada, sem passo seguinte
diff-answer-removed = resposta { $answer } removida
diff-answer-removed-to = resposta { $answer } removida; ela levava ao { $to }
diff-answer-renamed = resposta { $old } renomeada para { $new }
diff-answers-reordered = ordem das respostas alterada: { $old } → { $new }
diff-label-sector = setor do escalonamento
diff-label-sla = prazo (SLA)
diff-label-via = procedimento de abertura do chamado ({ $key })
diff-ticket-field-added = dado do chamado adicionado: { $field }
diff-ticket-field-removed = dado do chamado removido: { $field }
diff-ticket-field-changed = dado do chamado { $name }: { $parts }
diff-ticket-field-kind = tipo { $old } → { $new }
diff-ticket-field-now-required = agora obrigatório
diff-ticket-field-now-optional = agora opcional
diff-required = obrigatório
diff-optional = opcional
diff-field-kind-phone = telefone
diff-field-kind-email = e-mail
diff-field-kind-text = texto
diff-field-kind-long-text = texto longo
diff-reference-added = referência adicionada: { $target }
diff-reference-removed = referência removida: { $target }
diff-reference-added-summary = referência adicionada ao resumo: { $target }
diff-reference-removed-summary = referência removida do resumo: { $target }
diff-see-added = "Veja também" ganhou: { $target }
diff-see-removed = "Veja também" perdeu: { $target }
diff-image-added = imagem adicionada: { $src }
diff-image-added-alt = imagem adicionada: { $src } ({ $alt })
diff-image-removed = imagem removida: { $src }
diff-image-removed-alt = imagem removida: { $src } ({ $alt })
diff-image-changed = imagem { $src }: { $parts }
diff-image-alt = texto alternativo { $old } → { $new }
diff-image-caption = legenda { $old } → { $new }
diff-image-none = (nenhum)
    .feminine = (nenhuma)

## sopbook diff: a saída no terminal e em Markdown

diff-no-changes = Nenhuma mudança nos procedimentos
diff-heading-renamed = renomeado
diff-heading-changed = alterado
diff-heading-added = adicionado
diff-heading-removed = removido
diff-breadcrumb = breadcrumb: { $old } → { $new }
# "3 procedimentos alterados, 1 adicionado, 0 removidos, 1 renomeado"
diff-summary = { $changed ->
        [0] 0 procedimentos alterados
        [one] { $changed } procedimento alterado
       *[other] { $changed } procedimentos alterados
    }, { $added ->
        [0] 0 adicionados
        [one] { $added } adicionado
       *[other] { $added } adicionados
    }, { $removed ->
        [0] 0 removidos
        [one] { $removed } removido
       *[other] { $removed } removidos
    }, { $renamed ->
        [0] 0 renomeados
        [one] { $renamed } renomeado
       *[other] { $renamed } renomeados
    }
diff-markdown-title = Mudanças nos procedimentos
diff-markdown-no-changes = Nenhuma mudança.
diff-file-renamed = Arquivo renomeado: { $old } → { $new }
diff-procedure-added = Procedimento adicionado.
diff-procedure-removed = Procedimento removido.

## A linha de comando do `sopbook diff`

cmd-diff = O que mudou nos procedimentos entre duas versões no git, passo a passo.
cmd-diff-rev = A versão mais antiga: um commit, branch ou tag (`HEAD~3`, `main`, `v2`). Padrão: HEAD.
cmd-diff-rev2 = A versão mais nova. Padrão: os arquivos como estão na pasta (a working tree).
cmd-diff-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-diff-format = Como mostrar as mudanças: `human`, como o rustc: cada procedimento, depois as mudanças dele passo a passo, e uma contagem; `json`, um objeto JSON: procedimentos adicionados, removidos, renomeados e alterados; `markdown`, um comentário de pull request.
cmd-diff-color = Quando colorir o formato `human`.

diff-git-unreadable = não foi possível ler o repositório git de { $root }
diff-not-in-git = { $root } não está num repositório git com commits: o `sopbook diff` compara versões registradas no git
