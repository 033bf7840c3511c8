# rules: messages of the lint rules from missing-image to untested-branch, and every rule summary (en). Fluent syntax: https://projectfluent.org/fluent/guide/
