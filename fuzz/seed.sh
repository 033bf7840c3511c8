#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/TARGET) from the repository: procedures, test fixtures and
# the handbook. Safe to rerun: files are named by content.
set -euo pipefail
cd "$(dirname "$0")/.."
seed() { # TARGET FILE...
  mkdir -p "fuzz/corpus/$1"
  local target=$1; shift
  for f in "$@"; do cp "$f" "fuzz/corpus/$target/$(sha1sum "$f" | cut -c1-16)"; done
}
mapfile -t procedures < <(find procedures tests/fixtures -path '*/procedures/*' -name '*.toml' | sort)
seed procedure "${procedures[@]}"
seed site "${procedures[@]}"
mapfile -t configs < <(find . tests/fixtures -maxdepth 3 \( -name sopbook.toml -o -name manuals.toml \) -not -path './target/*' | sort)
seed config "${configs[@]}"
# sopbook.toml and manuals.toml of one base, as the config target reads them: split at `#---`.
mkdir -p fuzz/corpus/config
for base in . tests/fixtures/*/; do
  if [ -f "$base/sopbook.toml" ] && [ -f "$base/manuals.toml" ]; then
    pair=$(mktemp)
    { cat "$base/sopbook.toml"; printf '\n#---\n'; cat "$base/manuals.toml"; } > "$pair"
    cp "$pair" "fuzz/corpus/config/$(sha1sum "$pair" | cut -c1-16)"
    rm "$pair"
  fi
done
mapfile -t texts < <(find book tests/fixtures/import -name '*.md' | sort)
seed markdown "${texts[@]}"
# Every text field of every procedure as its own Markdown seed.
mkdir -p fuzz/corpus/markdown
for f in "${procedures[@]}"; do
  { grep -hoE '^(title|text|note|warning|summary) *= *"([^"\\]|\\.)*"' "$f" || true; } | sed -E 's/^[a-z]+ *= *"//; s/"$//' |
    while IFS= read -r line; do
      printf '%s' "$line" > "fuzz/corpus/markdown/$(printf '%s' "$line" | sha1sum | cut -c1-16)"
    done
done
# Manuals to import: a format byte (0 text, 1 Markdown, 2 HTML, 3 .docx), the file name, NUL, the bytes.
mkdir -p fuzz/corpus/import
for f in tests/fixtures/import/*.txt tests/fixtures/import/*.md tests/fixtures/import/*.html tests/fixtures/import/*.docx; do
  case "$f" in *.txt) b='\000' ;; *.md) b='\001' ;; *.html) b='\002' ;; *) b='\003' ;; esac
  seedfile=$(mktemp)
  { printf "$b"; printf '%s\000' "$(basename "$f")"; cat "$f"; } > "$seedfile"
  cp "$seedfile" "fuzz/corpus/import/$(sha1sum "$seedfile" | cut -c1-16)"
  rm "$seedfile"
done
# Images: the name, NUL, the bytes (a PNG, a JPEG, an SVG with a script, a page named as an image).
mkdir -p fuzz/corpus/image
printf 'tela.png\000\211PNG\r\n\032\n\000\000\000\rIHDR' > fuzz/corpus/image/png
printf 'a/foto.jpeg\000\377\330\377\340\000\020JFIF' > fuzz/corpus/image/jpeg
printf 'x.svg\000<svg onload="alert(1)"/>' > fuzz/corpus/image/svg
printf '.git/config.png\000\211PNG\r\n\032\n' > fuzz/corpus/image/hidden
printf '../index.png\000<!doctype html><script>alert(1)</script>' > fuzz/corpus/image/page
# URLs: every manual url of the fixtures, and ways of writing what must never become a link.
mkdir -p fuzz/corpus/url
{
  { grep -hoE '^url *= *"[^"]*"' "${configs[@]}" || true; } | sed -E 's/^url *= *"//; s/"$//'
  printf '%s\n' 'javascript:alert(1)' ' JaVaScRiPt:alert(1)' '&#106;avascript:x' 'java&#x09;script:x' \
    'data:text/html,x' 'vbscript:x' 'file:///etc/passwd' 'https://e.example/a b' 'mailto:a@b.c' '#passo' 'a/b:c'
} | while IFS= read -r line; do
  printf '%s' "$line" > "fuzz/corpus/url/$(printf '%s' "$line" | sha1sum | cut -c1-16)"
done
for t in procedure config markdown site import image url; do echo "$t: $(ls fuzz/corpus/$t | wc -l) seeds"; done
