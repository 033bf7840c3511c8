# cli: messages of cli (en). Fluent syntax: https://projectfluent.org/fluent/guide/

cli-unknown-language = unknown language `{ $tag }`: use `pt-BR` or `en`
