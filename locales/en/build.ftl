# build: messages of build (en). Fluent syntax: https://projectfluent.org/fluent/guide/
