# test: messages of test (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
