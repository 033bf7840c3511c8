# cli: messages of cli (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

cli-unknown-language = idioma desconhecido `{ $tag }`: use `pt-BR` ou `en`

## A ajuda do clap: títulos, opções comuns e erros dos argumentos.
cli-about = Procedimentos de suporte como código: verifica e publica grafos de passos em TOML.
cli-usage = Uso:
cli-heading-commands = Comandos
cli-heading-arguments = Argumentos
cli-heading-options = Opções
cli-value-command = COMANDO
cli-value-options = [OPÇÕES]
cli-help = Mostra esta ajuda
cli-version = Mostra a versão
cli-help-command = Mostra a ajuda do sopbook ou de um comando
cmd-help = Mostra a ajuda do sopbook ou de um comando
cmd-help-command = O comando cuja ajuda mostrar
cli-lang = O idioma das mensagens: pt-BR ou en [padrão: o `[site] language` da base; senão o do sistema (LC_ALL, LC_MESSAGES, LANG); senão pt-BR]
cli-or = { $first } ou { $last }
cli-default = padrão
cli-possible-values = valores possíveis
cli-possible-values-heading = Valores possíveis
cli-error-did-you-mean = você quis dizer { $suggestion }?
cli-tip = dica
cli-error-unknown-argument = argumento inesperado `{ $arg }`
cli-error-unknown-command = comando desconhecido `{ $command }`
cli-error-invalid-value = valor inválido `{ $value }` para `{ $arg }`
cli-error-value-validation = valor inválido `{ $value }` para `{ $arg }`: { $reason }
cli-error-missing-argument = faltam argumentos obrigatórios: { $args }
cli-error-missing-command = falta o comando (veja `sopbook --help`)
cli-error-conflict = `{ $arg }` não pode ser usado junto com `{ $other }`
cli-error-values = número errado de valores para `{ $arg }`
cli-error-possible-values = valores possíveis: { $values }
cli-error-more = Para mais informações, use `--help`.


## Erros gerais
cli-internal-error = erro interno do sopbook: { $info }
cli-report-bug = isto é um defeito do sopbook; informe-o, com o arquivo que o causou
cli-stdout-lost = não foi possível escrever na saída padrão: { $error }
