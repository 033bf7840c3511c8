# import: messages of import (en). Fluent syntax: https://projectfluent.org/fluent/guide/
