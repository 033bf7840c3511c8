# serve: messages of serve (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
