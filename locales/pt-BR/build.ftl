# build: messages of build (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
