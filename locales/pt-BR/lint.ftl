# lint: messages of lint (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

# Resumo do fim do `sopbook lint`: "2 erros, 1 aviso em 14 procedimentos".
lint-summary = { $errors }, { $warnings } em { $procedures }

## dead-end
dead-end = o passo `{ $id }` não leva a lugar nenhum
    .label = sem `next`, `branches` nem `end`
    .help = acrescente `next = "…"` para continuar, `branches` para fazer uma pergunta, ou `end = "resolution"` / `end = "escalation"` para terminar

## Comum às regras e ao `[lint]` do sopbook.toml
lint-did-you-mean = você quis dizer `{ $name }`?

## [lint] no sopbook.toml
lint-unknown-rule = regra desconhecida `{ $id }` em [lint]
    .help = o `sopbook rules` lista todas as regras
lint-unknown-level = nível desconhecido `{ $level }` para a regra `{ $rule }`
    .help = use "error", "warning" ou "allow"

## action-not-imperative
action-not-imperative = a ação `{ $id }` começa com `{ $word }`, e não com um verbo no imperativo
    .label = um infinitivo ou um gerúndio
    .help = comece com a ordem que o analista segue, por exemplo `Abra o atendimento`

## broken-link
broken-link-anchor = o link `{ $url }` não é nenhum passo deste procedimento
    .suggestion = você quis dizer `#{ $best }`? (ou escreva `[[#{ $best }]]`)
    .help = aponte para um passo deste procedimento, como `[[#id-do-passo]]`
broken-link-file = o link `{ $url }` aponta para um arquivo que o site não publica
    .label = aparece como texto, sem link
    .help = aponte para um procedimento com `[[Breadcrumb]]`, para um passo com `[[#id-do-passo]]` ou para um endereço da web (`https://…`)

## broken-reference
broken-reference-unknown = `{ $crumb }` não corresponde a nenhum procedimento nem manual
    .label = nenhum procedimento ou manual com este breadcrumb
    .help = se o manual existe só no Qualitor, acrescente-o ao manuals.toml: `[[manual]]` com `path = "{ $crumb }"`
broken-reference-nothing = `{ $written }` não aponta para nada
    .help = escreva `[[Breadcrumb]]`, `[[Breadcrumb#id-do-passo]]` ou `[[#id-do-passo]]`
broken-reference-step = `{ $crumb }` não tem o passo `{ $step }`
    .label = nenhum passo com este ID
broken-reference-step-here = este procedimento não tem o passo `{ $step }`

## decision-not-question
decision-not-question = a decisão `{ $id }` não faz pergunta nenhuma (não há `?` no título nem no texto)
    .label = as respostas respondem a quê?
    .help = escreva a pergunta que o analista faz, por exemplo `O cliente ainda tem acesso à máquina?`

## dense-chart
dense-chart = o fluxograma de { $steps } passos e { $links } ligações é denso demais para ser desenhado inteiro; ele é simplificado
    .help = divida o procedimento, ou faça cada decisão levar a poucos passos próximos

## duplicate-alias
duplicate-alias-empty = apelido vazio
    .label = nenhuma palavra para a busca
    .help = escreva aqui as palavras do cliente, ou remova a entrada
duplicate-alias-twice = o apelido `{ $alias }` foi escrito duas vezes
    .label = as mesmas palavras de um apelido anterior deste procedimento
    .related = escrito pela primeira vez aqui
    .help = remova um deles
duplicate-alias-title = o apelido `{ $alias }` é o título de outro procedimento, `{ $title }` ({ $path })
    .label = a busca já leva àquele procedimento com essas palavras
    .related = o título dele
    .help = tire o apelido, ou torne-o mais específico para este procedimento
duplicate-alias-other = o apelido `{ $alias }` também é apelido de `{ $title }` ({ $path })
    .label = a busca não consegue distinguir os dois procedimentos
    .related = usado pela primeira vez aqui
    .help = deixe o apelido no procedimento de que o cliente está falando, ou torne cada um mais específico

## duplicate-branch
duplicate-branch = a decisão `{ $id }` tem a resposta `{ $answer }` duas vezes
    .label = a mesma resposta de um ramo anterior
    .related = dada pela primeira vez aqui
    .help = mude esta resposta, ou junte os dois ramos

## duplicate-procedure
duplicate-procedure = o procedimento `{ $crumb }` está definido duas vezes
    .label = mesma seção e título de outro procedimento
    .related = definido pela primeira vez aqui
    .help = junte este arquivo com `{ $path }`, ou mude o título dele

## escalation-incomplete
escalation-incomplete-to = o escalonamento `{ $id }` não tem `to`
    .label = qual setor recebe o caso?
    .help = acrescente o setor, por exemplo `to = "Relacionamento"`
escalation-incomplete-sla = o escalonamento `{ $id }` não tem `sla`
    .label = quando o cliente terá retorno?
    .help = acrescente o prazo de retorno prometido, por exemplo `sla = "24h"`, `sla = "2d"` ou `sla = "2du"`
# $why: o que está errado no valor (vem das mensagens do próprio prazo).
escalation-incomplete-invalid = o `sla` do escalonamento `{ $id }` não é válido: { $why }

## hidden-character
# $count: quantos caracteres invisíveis seguidos; $code: o código do primeiro (200B); $name: o nome dele, abaixo.
hidden-character = { $count ->
    [one] caractere invisível U+{ $code } ({ $name })
   *[other] { $count } caracteres invisíveis, começando por U+{ $code } ({ $name })
}
    .label = aqui, invisível
    .help = apague: caracteres assim não aparecem na tela, atrapalham a busca e podem mudar a ordem do texto em volta
hidden-character-unknown = caractere invisível
hidden-character-u200b = espaço de largura zero
hidden-character-u2060 = word joiner
hidden-character-ufeff = espaço sem quebra de largura zero (marca de ordem de bytes)
hidden-character-u200e = marca da esquerda para a direita
hidden-character-u200f = marca da direita para a esquerda
hidden-character-u202a = embutimento da esquerda para a direita
hidden-character-u202b = embutimento da direita para a esquerda
hidden-character-u202c = fim da formatação de direção
hidden-character-u202d = imposição da esquerda para a direita
hidden-character-u202e = imposição da direita para a esquerda
hidden-character-u2066 = isolamento da esquerda para a direita
hidden-character-u2067 = isolamento da direita para a esquerda
hidden-character-u2068 = isolamento pela primeira letra forte
hidden-character-u2069 = fim do isolamento de direção

## image-alt
image-alt = imagem sem texto alternativo
    .help = descreva o que a imagem mostra: `alt = "…"`

## import-candidate
# $what: a nota que o `sopbook import` deixou depois de `# sopbook import:`, como está no arquivo.
# $branches e $image: o TOML a escrever, dado pelo programa (`branches = [{ when = "Sim", … }]`).
import-candidate = importado, para revisar: { $what }
    .help-decision = troque `next` por `{ $branches }` e depois apague o comentário
    .help-escalation = confira se o caso termina aqui e preencha `to` e `sla`; depois apague o comentário
    .help-no-alt = escreva no `alt` da imagem o que ela mostra; depois apague o comentário
    .help-image = acrescente a imagem com `{ $image }` ou mantenha a observação; depois apague o comentário
    .help = revise o que o comentário diz; depois apague-o

## long-checklist
long-checklist = { $count } passos: o checklist impresso passa de uma página (cabem no máximo { $max })
    .label = longo demais para uma folha A4
    .help = divida o procedimento onde ele muda de assunto, e ligue as partes com `see`

## long-step
long-step = o passo `{ $id }` tem { $words } palavras (dá para ler de relance no máximo { $max })
    .label = longo demais para ler durante uma ligação
    .help = deixe a ação no `text`, passe a explicação para a `note`, ou divida o passo

## dense-chart: por que o fluxograma não é desenhado
dense-chart-why-layers = as ligações longas atravessam { $count } camadas, acima do limite de { $budget }
dense-chart-why-back = { $count } ligações voltam para cima, acima do limite de { $budget }
dense-chart-why-row = { $count } ligações saem de uma mesma linha, acima do limite de { $budget }

