# import: messages of import (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/
