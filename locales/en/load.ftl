# load: messages of load (en). Fluent syntax: https://projectfluent.org/fluent/guide/
