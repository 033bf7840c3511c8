# diff: messages of diff (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
