#!/usr/bin/env bash
# SARIF validation: `sopbook lint --format sarif` on the every-rule and scenarios fixtures and on a base
# whose file names need percent-encoding, checked by Microsoft's SARIF Multitool (the npm package
# @microsoft/sarif-multitool, a devDependency here): zero errors and zero warnings, or it fails.
# Needs `npm ci` in tests/browser; SOPBOOK_BIN names the binary (default: target/release/sopbook).
# Usage: tests/browser/validate-sarif.sh
set -euo pipefail
cd "$(dirname "$0")"
bin=${SOPBOOK_BIN:-../../target/release/sopbook}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A knowledge base with a space, `?`, `#`, `%`, brackets and an accent in its file names, each
# file with a finding, so that every one of them is a `uri` of the log.
odd="$work/odd-names"
mkdir -p "$odd/procedures/com espaço"
for name in 'a b.toml' 'pergunta?.toml' 'cerquilha#.toml' 'por%cento.toml' 'com espaço/colchete[1].toml'; do
  printf 'title = "x"\n[steps.a]\nnext = "nada"\n' > "$odd/procedures/$name"
done

status=0
for base in ../fixtures/every-rule ../fixtures/scenarios "$odd"; do
  name=$(basename "$base")
  log="$work/$name.sarif"
  # Exit 1 is expected: both bases have findings.
  code=0
  "$bin" lint --format sarif "$base" > "$log" || code=$?
  if [ "$code" -ne 1 ]; then
    echo "sopbook lint --format sarif $name: exit $code, expected 1"
    status=1
    continue
  fi
  echo "-- $name: $(node -e 'const l = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(l.runs[0].results.length + " results, " + l.runs[0].tool.driver.rules.length + " rules")' "$log")"
  npx --no-install sarif-multitool validate "$log" --output "$log.validation" --log ForceOverwrite || status=1
  # The validation log: one result per problem; SARIF's default level is "warning".
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1]));
    let bad = 0;
    for (const run of log.runs) {
      for (const r of run.results ?? []) {
        const level = r.level ?? "warning";
        if (level === "error" || level === "warning") bad++;
        console.log(`${level} ${r.ruleId}: ${(r.message.arguments ?? []).join(" | ")}`);
      }
      for (const n of run.invocations?.flatMap((i) => i.toolExecutionNotifications ?? []) ?? []) {
        bad++;
        console.log(`tool error: ${n.message?.text}`);
      }
    }
    console.log(bad === 0 ? "SARIF Multitool: 0 errors, 0 warnings" : `SARIF Multitool: ${bad} errors and warnings`);
    process.exit(bad === 0 ? 0 : 1);
  ' "$log.validation" || status=1
done
exit "$status"
