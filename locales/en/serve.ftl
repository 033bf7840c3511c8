# serve: messages of serve (en). Fluent syntax: https://projectfluent.org/fluent/guide/
