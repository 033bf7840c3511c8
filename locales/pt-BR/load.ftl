# load: messages of load (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
