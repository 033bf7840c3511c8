#!/usr/bin/env bash
# The JSON Schemas of `sopbook schema` as editors use them: Taplo (the engine of VS Code's Even
# Better TOML; npm @taplo/cli, a devDependency here) checks this repository's procedures,
# sopbook.toml and manuals.toml, and the procedures with scenarios of the fixtures, and must reject
# a procedure whose scenarios are malformed.
# Needs `npm ci` in tests/browser; SOPBOOK_BIN names the binary (default: target/release/sopbook).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${SOPBOOK_BIN:-target/release/sopbook}
taplo=tests/browser/node_modules/.bin/taplo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for which in procedure config manuals; do
  "$bin" schema "$which" > "$work/$which.json"
done

status=0
check() { # SCHEMA FILE...
  local schema=$1
  shift
  if ! "$taplo" check --schema "file://$work/$schema.json" "$@" > "$work/out.txt" 2>&1; then
    cat "$work/out.txt"
    return 1
  fi
}
mapfile -t procedures < <(find procedures tests/fixtures/clean/procedures tests/fixtures/scenarios/procedures/rede \
  tests/fixtures/scenarios/procedures/financeiro -name '*.toml' ! -path '*/_*')
echo "-- ${#procedures[@]} procedures"
check procedure "${procedures[@]}" || status=1
check config sopbook.toml tests/fixtures/scenarios/sopbook.toml || status=1
check manuals manuals.toml || status=1

# Malformed scenarios: an answer that is not a string, `to` on an expected resolution, an unknown key.
bad="$work/bad.toml"
cat procedures/certificado-digital/a1/perda-do-backup-a1.toml - > "$bad" <<'TOML'

[[scenarios]]
name    = "Resposta numérica"
answers = { acesso-maquina = 3 }
expect  = { end = "resolution", to = "Relacionamento" }

[[scenarios]]
name   = "Chave a mais"
expect = "chamado"
extra  = 1
TOML
if check procedure "$bad" > /dev/null; then
  echo "taplo accepted malformed scenarios"
  status=1
else
  # Each mistake is reported on its own value (see src/schema.rs and taplo.test.mjs).
  for wanted in 'chave desconhecida num cenário' '3 is not of types "array", "string"' \
    '`to` só vale num escalonamento: aqui, `end` é `resolution`'; do
    grep -qF "$wanted" "$work/out.txt" || { echo "taplo did not report $wanted"; status=1; }
  done
fi
[ "$status" -eq 0 ] && echo "Taplo: every file valid, the malformed scenarios rejected"
exit "$status"
