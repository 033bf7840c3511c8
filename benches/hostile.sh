#!/usr/bin/env bash
# Hostile knowledge bases, measured: time and peak memory (`/usr/bin/time -v`) of `sopbook lint`
# and `sopbook build` on 100,000 procedure files, 10 MB procedures and TOML nested 100,000 deep.
# The tests (tests/testsuite/hardening.rs) assert the outcomes on smaller versions; this prints
# the numbers quoted in book/seguranca.md. Usage: benches/hostile.sh [SOPBOOK_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/sopbook}
[ -x "$bin" ] || cargo build --release --locked
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOPBOOK_TODAY=2026-11-27 NO_COLOR=1

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
head = 'title = "{t}"\nsection = "S > {s}"\nowner = "O"\nupdated = 2099-01-01\n'
def write(base, rel, text):
    path = os.path.join(work, base, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
for i in range(100_000):
    write('files-100000', f'procedures/f{i // 1000:03}/p{i % 1000:03}.toml',
          head.format(t=f'P {i}', s=i // 1000) + '[steps.a]\ntext = "Texto."\nend = "resolution"\n')
M = 10 * 1024 * 1024
h = head.format(t='Grande', s='x')
write('text-10mb', 'procedures/p.toml', h + '[steps.a]\ntext = "' + 'palavra ' * (M // 8) + '"\nend = "resolution"\n')
write('word-10mb', 'procedures/p.toml', h + '[steps.a]\ntext = "' + 'x' * M + '"\nend = "resolution"\n')
steps, i = [h], 0
while sum(map(len, steps)) < M:
    steps.append(f'[steps.s{i}]\ntitle = "Passo {i}"\ntext = "Texto do passo {i}, ver [[#s{i + 1}]]."\nnext = "s{i + 1}"\n')
    i += 1
steps.append(f'[steps.s{i}]\nend = "resolution"\n')
write('steps-10mb', 'procedures/p.toml', ''.join(steps))
write('refs-10mb', 'procedures/p.toml', h + '[steps.a]\ntext = "' + '[[Nada > Aqui]] ' * (M // 16) + '"\nend = "resolution"\n')
write('nested-100000', 'procedures/p.toml', 'a = ' + '[' * 100_000 + ']' * 100_000 + '\n')
PY

measure() { # NAME COMMAND...
  local name=$1; shift
  /usr/bin/time -v "$@" > "$work/out" 2> "$work/time" || true
  local seconds rss
  seconds=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
  printf '%-36s %10s  %8d MiB  %s\n' "$name" "$seconds" $((rss / 1024)) "$(grep -E '^[0-9]+ errors?,' "$work/out" | tail -1)"
}
printf '%-36s %10s  %12s  %s\n' "case" "wall" "peak RSS" "summary"
for base in files-100000 text-10mb word-10mb steps-10mb refs-10mb nested-100000; do
  measure "lint $base" "$bin" lint "$work/$base"
  measure "lint --format json $base" "$bin" lint --format json "$work/$base"
done
for base in files-100000 text-10mb steps-10mb refs-10mb; do
  measure "build --allow-errors $base" "$bin" build "$work/$base" --out "$work/site-$base" --allow-errors --quiet
done
