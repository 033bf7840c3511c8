# load: messages of load (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
# A leitura de uma base de conhecimento (sopbook.toml, manuals.toml, procedimentos) e os comandos
# lint, refs, checklist, graph e schema.

## Palavras em comum

load-did-you-mean = você quis dizer `{ $best }`?
# "`chave` deveria ser ESPERADO, mas é ENCONTRADO": ESPERADO é um load-shape-…, ENCONTRADO um load-found….
load-must-be = `{ $key }` deveria ser { $expected }, mas é { $found }
load-expected-found = deveria ser { $expected }, mas é { $found }
# O tipo de um valor TOML, encontrado onde se esperava outro.
load-found = { $kind ->
    [string] um texto
    [integer] um número inteiro
    [float] um número decimal
    [boolean] um valor `true`/`false`
    [datetime] uma data
    [array] uma lista
    [table] uma tabela
   *[other] { $kind }
}
# O mesmo, seguido do valor como está escrito (`3`, "12").
load-found-value = { $kind ->
    [string] o texto { $value }
    [integer] o número inteiro { $value }
    [float] o número decimal { $value }
    [boolean] o valor { $value }
   *[other] { $kind } { $value }
}
load-shape-string = um texto
load-shape-date = uma data
load-shape-table = uma tabela
load-shape-array = uma lista
load-shape-strings = uma lista de textos
load-shape-boolean = `true` ou `false`
load-shape-a-boolean = `true` ou `false`
load-shape-whole-number = um número inteiro
load-shape-positive-number = um número inteiro positivo
load-shape-months = um número inteiro de meses
load-shape-steps = uma tabela de passos (`[steps.ID]`)
load-shape-branches = uma lista de `{ $table }`
load-shape-scenarios = uma lista de tabelas (`[[scenarios]]`)
load-shape-scenario = uma tabela (`[[scenarios]]`)
load-shape-step-answers = um texto ou uma lista de textos
load-shape-answers = uma lista de respostas ou uma tabela de IDs de passo
load-shape-expect = o ID de um passo final ou `{ $table }`
load-shape-images = `{ $table }` ou uma lista deles
load-shape-field = um texto ou `{ $table }`
# Escolhas: "`a` ou `b`", "um destes: `a`, `b`, `c`".
load-choices-two = { $first } ou { $second }
load-choices-many = um destes: { $list }
load-expected-choices = use { $choices }
load-help-write-list = escreva como lista: `["…"]`
load-put-in-quotes = coloque o valor entre aspas
load-unknown-key = chave desconhecida `{ $key }`
load-remove-key = remova esta chave
load-missing-key = falta a chave obrigatória `{ $key }`
load-invalid-value = valor inválido: { $found }; deveria ser { $expected }
load-unknown-value = valor desconhecido `{ $value }` para `{ $key }`

## A leitura dos arquivos

load-not-a-folder = `{ $path }` não é uma pasta
load-not-a-knowledge-base = `{ $path }` não tem a pasta `{ $procedures }/`: é mesmo uma base de conhecimento?
load-link-outside = um link simbólico para fora da base de conhecimento: não foi lido
load-link-to-outside = um link simbólico para `{ $target }`, fora da base de conhecimento: não foi lido
load-link-loop = links simbólicos em círculo, de volta a `{ $folder }`
load-cannot-read-file = não foi possível ler o arquivo: { $error }
load-not-utf8 = o arquivo não é texto UTF-8
load-cannot-read = não foi possível ler `{ $file }`: { $error }
load-read-not-found = o arquivo não existe
load-read-folder = é uma pasta, não um arquivo
load-read-special = { $kind ->
    [fifo] é um FIFO (pipe nomeado)
    [socket] é um socket
    [device] é um dispositivo
   *[other] é um arquivo especial
}, não um arquivo comum
load-read-too-big = tem mais de { $mib } MiB, o máximo que o sopbook lê de um arquivo
load-outside-read = `{ $shown }` leva para fora da base de conhecimento (para `{ $real }`) por um link simbólico: não foi lido; copie o arquivo para dentro da base
load-outside-write = `{ $shown }` leva para fora da base de conhecimento (para `{ $real }`) por um link simbólico: nada foi gravado; troque o link por uma pasta, ou escreva na pasta para onde ele aponta
load-invalid-toml = TOML inválido: { $detail }
load-invalid-toml-bare = TOML inválido

## sopbook.toml e manuals.toml

load-review-months-range = `months` deve estar entre 1 e 600
load-history-days-range = `days` deve estar entre 1 e { $max }
load-case-fields-too-many = `case_fields` tem { $count } linhas; no alto de uma folha cabem no máximo { $max }
load-case-fields-empty = uma linha de `case_fields` está vazia
load-case-fields-too-long = a linha `{ $line }` de `case_fields` tem mais de { $max } caracteres
load-holidays-not-list = `holidays` deveria ser uma lista, mas é uma data
    .help = escreva como lista: `holidays = [{ $date }]`
load-holiday-not-a-day = `{ $date }` não é um dia do calendário
load-holiday-date-and-time = um feriado deveria ser uma data, mas é a data e hora `{ $value }`
    .help = escreva só a data: `{ $date }`
load-holiday-time = um feriado deveria ser uma data, mas é a hora `{ $value }`
load-holiday-quoted = um feriado deveria ser uma data, mas é o texto "{ $value }"
    .help = escreva a data sem aspas: `{ $date }`
load-holiday-other = um feriado deveria ser uma data, mas é { $found }
load-holiday-help = escreva a data como ano-mês-dia, sem aspas: `2026-12-25`
load-synonym-empty = um sinônimo não pode ser vazio
    .help = escreva uma palavra ou expressão, ou remova a entrada
load-synonym-too-long = um sinônimo tem { $count } caracteres; o máximo é { $max }
    .help = um sinônimo é uma palavra ou uma expressão curta que clientes ou analistas digitam
load-base-url-scheme = o `base_url` deve ser um endereço http(s) ou um caminho, não `{ $scheme }:`
load-base-url-other-site = o `base_url` deve ser um endereço http(s) ou um caminho, não outro site (`//…`)
load-base-url-help = escreva o endereço onde o site é publicado, como `https://kb.example.com/` ou `/kb/`
load-theme-path = `theme` deve ser o nome de uma pasta de `themes/`, não um caminho: `{ $theme }`
    .help = escreva `theme = "meu"` para a pasta `themes/meu/`
load-manual-not-list = `manual` deve ser uma lista de tabelas `[[manual]]`

## Procedimentos

# $place: procedure, step, branch, image, field, scenario ou expect.
load-unknown-key-in = chave desconhecida `{ $key }` { $place ->
    [procedure] num procedimento
    [step] num passo
    [branch] num ramo
    [image] numa imagem
    [field] num dado de `fields`
    [scenario] num cenário
   *[expect] em `expect`
}
    .help = as chaves { $place ->
        [procedure] de um procedimento
        [step] de um passo
        [branch] de um ramo
        [image] de uma imagem
        [field] de um dado de `fields`
        [scenario] de um cenário
       *[expect] de `expect`
    } são: { $keys }
load-date-in-quotes =
    .help = escreva a data sem aspas: `{ $key } = { $date }`
load-empty-procedure = o arquivo está vazio: um procedimento precisa de `title`, `section` e `steps`
    .help = comece a partir de um procedimento que já existe, ou veja `sopbook rules schema`
load-no-steps = `steps` não tem nenhum passo
    .help = acrescente tabelas `[steps.ID]`
load-invalid-step-id = ID de passo inválido `{ $id }`
    .help = use letras minúsculas sem acento, algarismos e `-`, por exemplo `{ $example }`
load-escalation-key = `{ $key }` só vale num escalonamento
    .help = acrescente `end = "escalation"` para fazer deste passo um escalonamento, ou remova a chave
load-branch-without = ramo sem `{ $key }`
load-scenario-without = cenário sem `{ $key }`
load-scenario-without-name =
    .help = dê ao caso o nome que o atendimento conhece, por exemplo `name = "Máquina formatada"`
load-scenario-without-expect =
    .help = diga onde o caminho deve terminar: o ID de um passo final, por exemplo `expect = "resolvido"`, ou `expect = { $table }`
load-expect-without-end = `expect` sem `end`
    .help = acrescente `end = "resolution"` ou `end = "escalation"`
load-expect-to = `to` só vale quando se espera um escalonamento
    .help = `to` nomeia o setor de um escalonamento: remova-o, ou espere `end = "escalation"`
load-image-without-src = imagem sem `src`
load-field-without-name = dado sem `name`
load-unknown-field-kind = tipo de dado desconhecido `{ $kind }`
    .help = os tipos são: { $kinds }
load-unknown-end = valor desconhecido para `end`: `{ $value }`
    .help = use `"resolution"` ou `"escalation"`
load-empty-value = `{ $key }` não pode ser vazio
load-date-like = `{ $key }` deve ser uma data como 2019-11-22 (sem hora)
load-months-range = `{ $key }` deve estar entre 1 e 600 meses
# Um cenário sem nome, pela posição dele no arquivo.
load-scenario-number = cenário { $number }

## Prazo (SLA)

load-sla-no-number = `{ $sla }` não começa com um número
load-sla-zero = um prazo de zero não promete nada
load-sla-unit = unidade desconhecida `{ $unit }`: use `h` (horas), `d` (dias corridos) ou `du` (dias úteis)
load-sla-no-unit = falta a unidade depois de `{ $amount }`: use `h` (horas), `d` (dias corridos) ou `du` (dias úteis), como em `"{ $amount }h"`
load-sla-did-you-mean = você quis dizer `"{ $sla }"` ({ $unit })?
load-sla-help = escreva um número e uma unidade: `"24h"` (horas), `"2d"` (dias corridos) ou `"2du"` (dias úteis)
load-sla-hours = horas
load-sla-days = dias corridos
load-sla-business-days = dias úteis

## sopbook refs

load-refs-step = passo { $id }
# O que o breadcrumb nomeia: $target é procedure (com o $file dele), manual ou none.
load-refs-count = { $count ->
    [0] nenhuma referência
    [one] 1 referência
   *[other] { $count } referências
} { $target ->
    [procedure] ao procedimento `{ $crumb }` ({ $file })
    [manual] ao manual `{ $crumb }`
   *[none] a `{ $crumb }`
}
load-refs-give-breadcrumb = dê o breadcrumb de um procedimento ou de um manual do manuals.toml
load-refs-names-nothing = `{ $crumb }` não corresponde a nenhum procedimento nem manual: { $help }
load-refs-broken = `{ $crumb }` não corresponde a nenhum procedimento nem manual; as referências acima estão quebradas ({ $help })
# O tipo de uma entrada que ninguém cita, no `sopbook refs --unused`.
load-refs-kind = { $kind ->
    [manual] manual
   *[procedure] procedimento
}
load-refs-all-referenced = todos os manuais e procedimentos são citados
load-refs-unreferenced = { $count ->
    [one] 1 não citado
   *[other] { $count } não citados
}: { $manuals ->
    [0] nenhum manual
    [one] 1 manual
   *[other] { $manuals } manuais
}, { $procedures ->
    [0] nenhum procedimento
    [one] 1 procedimento
   *[other] { $procedures } procedimentos
}

## Ajuda da linha de comando (clap): cmd-<subcomando> e cmd-<subcomando>-<argumento>

cmd-lint = Verifica todos os procedimentos de uma base de conhecimento.
cmd-lint-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-lint-format = Como mostrar os achados: `human` (mensagens no estilo do rustc, com a linha do arquivo sublinhada, e um resumo no fim), `json` (uma lista JSON, um objeto por achado) ou `sarif` (SARIF 2.1.0, para o code scanning do GitHub).
cmd-lint-color = Quando colorir o formato `human`.
cmd-lint-deny_warnings = Falha (código 1) também quando há avisos.

cmd-refs = Todos os lugares que citam um manual, ou os manuais que ninguém cita.
cmd-refs-breadcrumb = O manual ou procedimento: o breadcrumb dele (`"Certificado Digital > A1 > Debug"`).
cmd-refs-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-refs-format = Como mostrar os lugares encontrados: `human` (uma linha por lugar, `arquivo:linha:coluna  passo  chave  referência`, e a contagem no fim) ou `json` (uma lista JSON, um objeto por lugar).
cmd-refs-unused = Lista, em vez disso, os manuais do manuals.toml e os procedimentos que nada cita.

cmd-checklist = Mostra o checklist de um procedimento, para um chamado ou um chat.
cmd-checklist-reference = O procedimento: o slug (`certificado-digital/a1/perda-do-backup-a1`) ou o breadcrumb (`"Certificado Digital > A1 > Perda do Backup A1"`).
cmd-checklist-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-checklist-format = Texto simples quebrado em 80 colunas (para um chamado), ou Markdown (para um chat).

cmd-graph = O grafo de passos de um procedimento, para outras ferramentas (DOT, Mermaid, SVG).
cmd-graph-reference = O procedimento: o slug (`certificado-digital/a1/perda-do-backup-a1`), o breadcrumb (`"Certificado Digital > A1 > Perda do Backup A1"`) ou o nome do arquivo.
cmd-graph-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-graph-format = Graphviz DOT, um fluxograma Mermaid, ou o fluxograma SVG do site como um arquivo avulso.

cmd-schema = Mostra o JSON Schema dos arquivos de procedimento ou do sopbook.toml, para editores.
cmd-schema-which = Qual arquivo o schema descreve: `procedure` (um arquivo de procedimento, procedures/**/*.toml), `config` (sopbook.toml) ou `manuals` (manuals.toml).

## As palavras do leitor de TOML (sempre em inglês) para os erros mais comuns.
toml-expected = { $what }; esperava { $expected }
toml-key-with-no-value = chave sem valor
toml-unclosed-table = cabeçalho de tabela não fechado
toml-unclosed-array-table = cabeçalho de lista de tabelas não fechado
toml-unclosed-array = lista não fechada
toml-unclosed-inline-table = tabela entre chaves não fechada
toml-invalid-basic-string = texto mal formado
toml-invalid-multi-line-string = texto de várias linhas mal formado
toml-invalid-literal-string = texto entre aspas simples mal formado
toml-missing-value = falta o valor
toml-string-values-must-be-quoted = um texto precisa estar entre aspas
toml-duplicate-key = chave duplicada
toml-missing-comma = falta uma vírgula entre os itens da lista
toml-missing-assignment = falta o `=` entre a chave e o valor
toml-invalid-unquoted-key = chave inválida (uma chave com espaço ou acento precisa de aspas)
toml-unexpected-content = conteúdo inesperado
toml-invalid-value = valor inválido
