# diff: messages of diff (en). Fluent syntax: https://projectfluent.org/fluent/guide/
