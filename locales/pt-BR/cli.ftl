# cli: messages of cli (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

cli-unknown-language = idioma desconhecido `{ $tag }`: use `pt-BR` ou `en`
