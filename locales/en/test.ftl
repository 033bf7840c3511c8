# test: messages of test (en). Fluent syntax: https://projectfluent.org/fluent/guide/
