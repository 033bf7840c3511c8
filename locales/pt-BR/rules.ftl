# rules: messages of the lint rules from missing-image to untested-branch, and every rule summary (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

# Uma lista de ids: "`a`, `b` e `c`" ($rest é "`a`, `b`").
rules-list-and = { $rest } e { $last }

## missing-image
# $key: o TOML a escrever, `image = { src = "…", alt = "…" }`.
missing-image = a imagem `{ $src }` não existe
    .help = o caminho é relativo ao arquivo do procedimento, na pasta `{ $folder }/`
missing-image-backslash = a imagem `{ $src }` separa as pastas com `\`
    .help = escreva `{ $fixed }`: a barra `/` vale no Windows, no macOS e no Linux
missing-image-outside = a imagem `{ $src }` está fora da base de conhecimento
    .help = coloque a imagem junto do arquivo do procedimento e use um caminho relativo
missing-image-markdown = a imagem `{ $src }`, no Markdown, não é publicada
    .label = o site só copia as imagens da chave `image`
    .help = mostre-a com a chave `image` do passo: `{ $key }`

## missing-metadata
missing-metadata = o procedimento não tem `owner`
    .help = acrescente quem responde por ele, por exemplo `owner = "Suporte Técnico"`
missing-metadata-updated = o procedimento não tem a data `updated`
    .help = acrescente a data da última revisão, por exemplo `updated = 2019-11-22`

## mixed-step
# $keys: "`next` e `end`".
mixed-step = o passo `{ $id }` tem { $keys }
    .label = um passo é uma ação, uma decisão ou um final, não mais de um
    .help = mantenha só um entre `next`, `branches` e `end`

## name-too-long
name-too-long = a seção tem { $parts } partes
    .label = no máximo { $max }
    .help = use os níveis da árvore do Qualitor, raramente mais de quatro
name-too-long-part = uma parte da seção tem { $chars } caracteres
    .label = no máximo { $max } por parte
    .help = dê à seção o nome que ela tem na árvore do Qualitor, em poucas palavras
name-too-long-title = o título tem { $chars } caracteres
    .label = no máximo { $max }
    .help = mantenha o título curto e escreva a explicação no `summary`
name-too-long-tag = a etiqueta tem { $chars } caracteres
    .label = no máximo { $max }
    .help = uma etiqueta é uma ou duas palavras que os analistas procuram

## name-variant
name-variant = a seção `{ $written }` está escrita `{ $other }` em outro lugar
    .label = divide a mesma página com a outra forma de escrever
    .related = escrita `{ $other }` aqui
    .help = escreva `{ $other }` aqui também, ou mude as duas
name-variant-tag = a etiqueta `{ $written }` está escrita `{ $other }` em outro lugar

## no-exit
# $names: "`a`, `b` e `c`"; $count: quantos passos.
no-exit = { $count ->
    [one] nenhuma resolução ou escalonamento pode ser alcançado a partir do passo { $names }
   *[other] nenhuma resolução ou escalonamento pode ser alcançado a partir dos passos { $names }
}
    .label = todo caminho a partir daqui volta sem chegar a um fim
    .help = dê a um desses passos um ramo que leve a uma resolução ou a um escalonamento

## review-overdue
review-overdue = revisão vencida desde { $due } (última revisão em { $updated }, { $months ->
    [one] ciclo de { $months } mês
   *[other] ciclo de { $months } meses
})
    .label = última revisão
    .help = revise o procedimento com o dono dele e atualize `updated` para a data da revisão

## single-branch
single-branch = a decisão `{ $id }` tem um ramo só
    .label = uma decisão precisa de duas respostas ou mais
    .help = acrescente as outras respostas, ou use `next = "…"` se não há nada a decidir
single-branch-none = a decisão `{ $id }` não tem nenhum ramo

## slug-collision
slug-collision = `{ $path }` colide com `{ $other }`
    .label = o mesmo caminho, a não ser por maiúsculas, acentos, espaços ou sublinhados
    .related = o outro arquivo
    .help = junte os dois arquivos ou renomeie um deles, com letras minúsculas, sem acentos e com `-` no lugar dos espaços

## summary-as-instruction
summary-as-instruction = o `summary` começa com `{ $word }`: é uma instrução, não a situação
    .label = aparece como "Quando usar"
    .help = escreva o que o analista ouve ou vê, por exemplo `O cliente não encontra o backup do certificado A1.`

## unknown-step
unknown-step = o passo `{ $id }` não existe
    .label = nenhum passo com esse ID
    .help = você quis dizer `{ $best }`?
# $ids: os primeiros passos do procedimento, "`a`, `b` e `c`".
unknown-step-steps = os passos deste procedimento são { $ids }

## unreachable
unreachable = o passo `{ $id }` não pode ser alcançado a partir do início (`{ $start }`)
    .label = nenhum `next` nem ramo leva até aqui
    .help = aponte para `{ $id }` um `next` ou um ramo de outro passo, ou remova-o

## unreviewed-change
# $list: os commits, "3f2a9c1 (2026-11-20, Maria Souza), …".
unreviewed-change = os passos mudaram sem que o `updated` fosse atualizado: { $list }
    .label = última revisão em { $date }
    .help = revise os passos alterados e atualize `updated` para a data da revisão
unreviewed-change-working-tree = a cópia de trabalho
unreviewed-change-more = { $list } e mais { $count }

## unsafe-image
unsafe-image = a imagem `{ $src }` não é um arquivo PNG, JPEG, GIF ou WebP
    .help = salve a figura como PNG (ou JPEG, se for uma foto) e aponte o `src` para esse arquivo
unsafe-image-hidden = a imagem `{ $src }` está numa pasta ou num arquivo oculto (`{ $part }`)
    .help = arquivos cujo nome começa com um ponto nunca são publicados: coloque a imagem junto do arquivo do procedimento
unsafe-image-svg = a imagem `{ $src }` é um SVG, que o site não publica (um SVG pode rodar scripts)
    .help = exporte-a como PNG (ou JPEG, se for uma foto) e aponte o `src` para esse arquivo
unsafe-image-content = a imagem `{ $src }` tem nome de imagem, mas o conteúdo dela não é uma imagem PNG, JPEG, GIF ou WebP
    .help = abra a figura num editor de imagens e exporte-a de novo como PNG
# $error: o motivo dado pelo sistema, como ele o diz.
unsafe-image-unreadable = não foi possível ler a imagem `{ $src }`: { $error }
    .help = confira as permissões do arquivo

## unsafe-url
unsafe-url = link para um endereço `{ $scheme }:`
    .label = aparece como texto, sem link
    .help = só caminhos, âncoras `#passo` e endereços `http`, `https` ou `mailto` viram links
unsafe-url-image = imagem vinda de um endereço `{ $scheme }:`
unsafe-url-manual = o manual `{ $name }` tem um endereço `{ $scheme }:`
    .help = só endereços `http`, `https` e `mailto` viram links: escreva o endereço completo do manual, como `https://qualitor.example.com.br/kb/123`
unsafe-url-manual-no-scheme = o manual `{ $name }` tem um endereço sem `https://`

## untested-branch
untested-branch = nenhum cenário responde `{ $answer }` na pergunta `{ $id }`
    .label = não testada
    .help = acrescente um cenário (`[[scenarios]]`) cujas respostas passem por esta resposta (veja `sopbook test --coverage`)

## Resumos: uma linha por regra, no `sopbook rules` e no SARIF.
action-not-imperative-summary = uma ação que não começa com um verbo no imperativo
broken-link-summary = um link em Markdown para um arquivo, ou para um `#id-do-passo` que não é um passo do procedimento
broken-reference-summary = um breadcrumb em `[[…]]`, `see` ou `via`, ou um `#id-do-passo`, que não leva a nada
dead-end-summary = um passo sem nenhum entre `next`, `branches` e `end`
decision-not-question-summary = uma decisão cujo título e texto não fazem nenhuma pergunta
dense-chart-summary = um fluxograma denso demais para ser desenhado por inteiro
duplicate-alias-summary = um apelido que é apelido ou título de outro procedimento, escrito duas vezes, ou vazio
duplicate-branch-summary = dois ramos da mesma decisão com a mesma resposta
duplicate-procedure-summary = dois procedimentos com o mesmo breadcrumb
escalation-incomplete-summary = um escalonamento sem `to` ou sem um `sla` válido
failing-scenario-summary = um cenário cujo caminho não termina onde ele espera
hidden-character-summary = um caractere invisível (espaço de largura zero, inversão de direção…) num texto
image-alt-summary = uma imagem sem texto alternativo (`alt`)
import-candidate-summary = um passo que o `sopbook import` marcou para revisão (`# sopbook import:` na linha dele)
long-checklist-summary = um procedimento com mais passos do que cabem numa página impressa
long-step-summary = um passo cujo texto tem mais de 60 palavras
missing-image-summary = um arquivo de imagem que não existe
missing-metadata-summary = sem `owner` ou sem `updated`
mixed-step-summary = um passo com mais de um entre `next`, `branches` e `end`
name-too-long-summary = uma seção com mais de 16 níveis, ou uma parte da seção, um título ou uma etiqueta com mais de 200 caracteres
name-variant-summary = uma seção ou etiqueta escrita de dois jeitos que dividem a mesma página
no-exit-summary = nenhum final pode ser alcançado a partir do passo (um laço sem saída)
review-overdue-summary = a data `updated` mais o ciclo de revisão já ficou no passado
schema-summary = uma chave desconhecida, um tipo errado, uma chave obrigatória que falta, ou um ID de passo inválido
single-branch-summary = uma decisão com menos de dois ramos
slug-collision-summary = dois arquivos de procedimento cujos caminhos só diferem por maiúsculas, acentos, espaços ou sublinhados
summary-as-instruction-summary = um "Quando usar" (`summary`) escrito como instrução, e não como a situação
toml-syntax-summary = o arquivo não é TOML válido, ou não está em UTF-8
unknown-step-summary = `next`, um ramo ou `start` cita um passo que não existe
unreachable-summary = nenhum caminho a partir do `start` chega ao passo
unreadable-summary = um arquivo ou pasta da base de conhecimento que não pode ser lido (permissões, um ciclo de atalhos simbólicos, algo que não é um arquivo comum)
unreviewed-change-summary = os passos mudaram no git depois da última vez que o `updated` foi atualizado
unsafe-image-summary = uma imagem que não é um arquivo PNG, JPEG, GIF ou WebP, que é um SVG, ou que é um arquivo oculto
unsafe-url-summary = um link que rodaria código ou abriria algo que não é uma página da web (`javascript:`, `data:`…)
untested-branch-summary = uma resposta de uma decisão pela qual nenhum cenário passa

## sopbook rules
rules-level-error = erro
rules-level-warning = aviso
rules-level-allow = desligada
rules-unknown = a regra `{ $id }` não existe: você quis dizer `{ $best }`?
rules-unknown-list = a regra `{ $id }` não existe: `sopbook rules` lista todas
# A primeira linha de `sopbook rules ID` em inglês; em português aparece a seção da regra no manual (book/regras.md).
rules-doc-title = # { $id } ({ $level } por padrão)

## Ajuda da linha de comando
cmd-rules = Lista as regras do lint, ou explica uma.
cmd-rules-id = O id de uma regra: mostra a documentação dela.
