# test: mensagens do `sopbook test`, dos cenários (`[[scenarios]]`) e do histórico do git (pt-BR).
# Sintaxe do Fluent: https://projectfluent.org/fluent/guide/
# O plural em pt-BR: [0] para zero, [one] para 1, *[other] para o resto (sem o [0], o zero cairia
# no [one]).

## Por que um cenário falhou (regra `failing-scenario` e `sopbook test`)

scenario-did-you-mean = você quis dizer `{ $best }`?
scenario-expect-unknown = o cenário `{ $name }` espera o passo `{ $wanted }`, que não existe
    .help = os finais são: { $terminals }
scenario-expect-not-terminal = o cenário `{ $name }` espera o passo `{ $step }`, que não é um final
    .label = nenhum caminho termina aqui
    .related = este passo continua para outros
    .help = use no `expect` um dos finais: { $terminals }
scenario-answers-unknown-step = o cenário `{ $name }` responde ao passo `{ $step }`, que não existe
scenario-answers-not-decision = o cenário `{ $name }` responde ao passo `{ $step }`, que não é uma pergunta
scenario-decisions-are = as perguntas são: { $decisions }
scenario-no-start = o cenário `{ $name }` não pode começar: o procedimento não tem passo inicial
scenario-broken = o caminho do cenário `{ $name }` para no passo `{ $step }`, que não leva a lugar nenhum
    .related = o caminho para aqui
    .help = corrija o passo antes: o `sopbook lint` diz o que há de errado nele
scenario-no-answer = o caminho do cenário `{ $name }` chega à pergunta `{ $step }` sem uma resposta para ela
    .label = em `{ $step }`, depois de { $path }
    .related = a pergunta
    .help-in-order = acrescente a resposta dela no fim de `answers`: uma de { $choices }
    .help-by-step = acrescente `{ $step } = "…"` a `answers`, com uma de { $choices }
scenario-unknown-answer = a pergunta `{ $step }` não tem a resposta `{ $given }`
    .label-first = dada em `{ $step }`, a primeira pergunta
    .label = dada em `{ $step }`, depois de { $path }
    .related = as respostas que ela tem
    .help-similar = você quis dizer `{ $best }`? As respostas são: { $choices }
    .help = as respostas são: { $choices }
scenario-endless = o caminho do cenário `{ $name }` nunca chega a um final
    .label-limit = ele já passou por { $count } passos
    .label-loop = ele dá voltas por `{ $step }` para sempre
    .related = encontrado de novo sem nenhuma resposta usada desde então
    .help = dê à pergunta do laço uma resposta que saia dele, por exemplo com uma lista de respostas
scenario-wrong-end = o cenário `{ $name }` termina em `{ $reached }`, e não em { $expected }
    .label = era esperado { $expected }
    .related = o caminho termina aqui, { $ending }
    .help = o caminho foi: { $path }
scenario-unused = o cenário `{ $name }` deixa { $count ->
        [0] nenhuma resposta sem uso
        [one] { $count } resposta sem uso
       *[other] { $count } respostas sem uso
    }: o caminho termina em `{ $ended }` antes
    .label = nunca usada
    .help = remova as respostas que sobram, ou confira as anteriores; o caminho foi: { $path }

# O caminho percorrido: "`acesso` (`Sim`) → … 40 passos … → `chamado`".
scenario-path-nowhere = nenhum passo
scenario-path-skipped = … { $count ->
        [0] nenhum passo
        [one] { $count } passo
       *[other] { $count } passos
    } …
# O final esperado ou alcançado.
scenario-end-resolution = uma resolução
scenario-end-escalation = um escalonamento
scenario-end-escalation-to = um escalonamento para `{ $to }`

## sopbook test: a saída como a do `cargo test`

test-running = { $count ->
        [0] rodando 0 cenários
        [one] rodando { $count } cenário
       *[other] rodando { $count } cenários
    }
# "teste procedimento :: cenário ... ok"
test-case = teste { $name } ... { $verdict }
test-ok = ok
test-failed = FALHOU
test-failures = falhas:
# "resultado: ok. 3 aprovados; 0 reprovados"
test-result = resultado: { $verdict }. { $passed ->
        [0] 0 aprovados
        [one] { $passed } aprovado
       *[other] { $passed } aprovados
    }; { $failed ->
        [0] 0 reprovados
        [one] { $failed } reprovado
       *[other] { $failed } reprovados
    }
test-result-filtered = ; { $count ->
        [0] 0 filtrados
        [one] { $count } filtrado
       *[other] { $count } filtrados
    }
test-result-unreadable = ; { $count ->
        [0] nenhum arquivo de procedimento deixou de ser lido
        [one] { $count } arquivo de procedimento não pôde ser lido
       *[other] { $count } arquivos de procedimento não puderam ser lidos
    }
test-unread-scenario = o cenário `{ $name }` não pôde ser lido
    .help = o `sopbook lint` mostra o que há de errado nele
# O nome do caso JUnit de um arquivo de procedimento que não pôde ser lido.
test-junit-read-file = ler o arquivo

## sopbook test --coverage: a tabela, como a do `cargo llvm-cov`

test-coverage-procedure = Procedimento
test-coverage-branches = Respostas
test-coverage-missed = Sem cenário
test-coverage-cover = Cobertura
test-coverage-total = TOTAL
test-coverage-untested = respostas que nenhum cenário usa:

## A linha de comando do `sopbook test`

cmd-test = Percorre os cenários de cada procedimento e mostra o resultado, como o `cargo test`; `--coverage` para as respostas cobertas.
cmd-test-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-test-filter = Roda só os cenários cujo `procedimento :: nome` contém este texto.
cmd-test-coverage = Mostra também quais respostas de quais perguntas os cenários usam.
cmd-test-format = Como mostrar o resultado: `human`, uma linha por cenário, depois cada falha como o rustc mostra, e um resumo; `json`, um objeto JSON com cada cenário e o seu caminho, e a cobertura com `--coverage`; `junit`, JUnit XML, uma test suite por procedimento, que os sistemas de CI mostram.
cmd-test-color = Quando colorir o formato `human`.

## O histórico do git (build, lint, serve e diff)

history-off = histórico: desligado (`[history] enabled = false`)
history-none = histórico: nenhum (a base de conhecimento não está num repositório git com commits)
history-not-read = o histórico do git não foi lido, o site não mostra nenhum: { $error }
# `--verbose`: "histórico: HEAD 1a2b3c4d5e6f, 12 de 14 procedimentos no git, 3 mudanças nos últimos 30 dias"
history-summary = histórico: HEAD { $head }, { $known } de { $total ->
        [0] 0 procedimentos
        [one] { $total } procedimento
       *[other] { $total } procedimentos
    } no git, { $changes ->
        [0] nenhuma mudança
        [one] { $changes } mudança
       *[other] { $changes } mudanças
    } { $days ->
        [0] hoje
        [one] no último dia
       *[other] nos últimos { $days } dias
    }{ $shallow }
history-shallow = ; clone raso: histórico só a partir de { $date }
history-error-git = não foi possível { $action } no repositório git `{ $repo }`
history-error-revision = `{ $rev }` não é uma revisão do repositório git `{ $repo }`
history-error-not-text = o blob { $id } do repositório git `{ $repo }` não é texto UTF-8
history-error-io = não foi possível ler `{ $path }`
# O que o sopbook fazia quando o git falhou: "não foi possível <ação> no repositório git `…`".
history-action-open = abrir o repositório git
history-action-read-head = ler o HEAD
history-action-read-head-commit = ler o commit do HEAD
history-action-read-shallow-file = ler o arquivo `shallow`
history-action-read-shallow-commits = ler a lista de commits rasos
history-action-read-blob = ler o blob { $id }
history-action-read-tree = ler a árvore { $id }
history-action-read-tree-entries = ler as entradas da árvore { $id }
history-action-read-tree-files = ler os arquivos da árvore { $id }
history-action-hash = calcular o hash de `{ $path }`
history-action-walk = percorrer o histórico a partir de { $id }
history-action-prepare-diff = preparar a comparação das árvores
history-action-read-commit-object = ler o objeto do commit { $id }
history-action-read-commit-author = ler o autor do commit { $id }
history-action-read-commit-tree = ler a árvore do commit { $id }
history-action-read-commit-parent = ler um pai do commit { $id }
history-action-read-commit-parent-tree = ler a árvore de um pai do commit { $id }
history-action-diff-commit = comparar os procedimentos do commit { $id } com o pai dele
