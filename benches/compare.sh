#!/usr/bin/env bash
# sopbook side by side with Hugo (and mdBook, when it can be had) on the same content.
#
#   bash benches/compare.sh                 # both corpora, N = 1,000 and 10,000, 10 rounds each
#   SIZES=1000 RUNS=5 CORPUS=realistic bash benches/compare.sh
#
# Two corpora (CORPUS), measured in the same sitting:
#   synthetic   sopbook::synth::knowledge_base: one small procedure (about 2 KB with its
#               scenarios, a few dozen distinct words) repeated with other numbers;
#   realistic   sopbook::synth::realistic (seed SEED): 2-4 KB of varied Portuguese per procedure
#               (thousands of distinct words drawn with Zipf's law, notes, warnings, tables,
#               codes, cross-references), as users write them.
# For each corpus and N it writes, on tmpfs (/dev/shm; /tmp if there is none, and it says so):
#   kb/           the knowledge base   (cargo run --release --example synth [--realistic])
#   md/hugo/      the same content as Markdown pages in a Hugo site as plain as Hugo allows (no
#                 theme, taxonomies, RSS or sitemap; layouts with the title and the content only)
#   md/mdbook/    the same pages as an mdBook  (both: --example synth_markdown [--realistic])
# and measures
#   - wall time with hyperfine: `sopbook lint`, `sopbook build`, `hugo`, `mdbook build`, every
#     output folder removed before each run (--prepare, not timed). hyperfine runs all the runs of
#     one command before the next command, so the script alternates itself: RUNS rounds, each
#     one hyperfine invocation running every command once, in an order that rotates each round;
#     the first round starts with WARMUP warm-up runs of each command. ORDER=block runs one plain
#     hyperfine invocation instead (all runs of a command in a row).
#   - peak memory: one more run of each under /usr/bin/time -v (maximum resident set size);
#   - output: du -sb and the number of files.
# and prints a Markdown table (median wall time, peak memory, output size, ratio to Hugo) for
# every corpus and N, the growth from the smallest to the largest N, the load average, the
# commands and the goals of issues 6 and 19. The report is also written to REPORT (default
# /tmp/sopbook-compare-report.md).
#
# Settings (environment): CORPUS="synthetic realistic", SEED=19 (the realistic corpus),
# SIZES="1000 10000", RUNS=10 (at least 5), WARMUP=2, ORDER=alternate|
# block, MDBOOK=auto|skip, MDBOOK_INSTALL_TIMEOUT=900 (seconds for `cargo install mdbook
# --locked` when mdbook is missing), SLOW=120 (a peer whose first build takes longer than this
# many seconds is timed by that one run only, not by hyperfine), STOP=300 (a peer still building
# after this many seconds is stopped and reported as slower than that: mdBook needs about 18
# minutes for 10,000 pages on the 2-core machine), KEEP=1 keeps the corpora.
#
# Needs: cargo, and Debian's hugo, hyperfine and time (installed with apt-get when missing).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CORPUS=${CORPUS:-"synthetic realistic"}
SEED=${SEED:-19}
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
ORDER=${ORDER:-alternate}
MDBOOK=${MDBOOK:-auto}
MDBOOK_INSTALL_TIMEOUT=${MDBOOK_INSTALL_TIMEOUT:-900}
SLOW=${SLOW:-120}
STOP=${STOP:-300}
KEEP=${KEEP:-0}
REPORT=${REPORT:-/tmp/sopbook-compare-report.md}

say() { printf '%s\n' "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
die() { say "compare.sh: $*"; exit 2; }

[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 5 ]] || die "RUNS must be a number of at least 5 (got $RUNS)"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number (got $WARMUP)"
[[ $ORDER == alternate || $ORDER == block ]] || die "ORDER must be alternate or block"
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a number (got $SEED)"
for corpus in $CORPUS; do
    [[ $corpus == synthetic || $corpus == realistic ]] || die "CORPUS must name synthetic and/or realistic (got $corpus)"
done

# --- tools -----------------------------------------------------------------------------------
SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)
APT_UPDATED=0
apt_install() {
    if [[ $APT_UPDATED -eq 0 ]]; then
        "${SUDO[@]}" apt-get update -qq >&2
        APT_UPDATED=1
    fi
    say "installing Debian's $* (apt-get install -y $*)"
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "$@" >&2
}
command -v hugo >/dev/null || apt_install hugo
command -v hyperfine >/dev/null || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time
command -v python3 >/dev/null || apt_install python3

CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
MDBOOK_BIN=""
if [[ $MDBOOK != skip ]]; then
    if command -v mdbook >/dev/null; then
        MDBOOK_BIN=$(command -v mdbook)
    elif [[ -x $CARGO_BIN/mdbook ]]; then
        MDBOOK_BIN=$CARGO_BIN/mdbook
    else
        say "mdbook is missing: cargo install mdbook --locked (at most ${MDBOOK_INSTALL_TIMEOUT}s)"
        if timeout "$MDBOOK_INSTALL_TIMEOUT" cargo install mdbook --locked >/tmp/sopbook-compare-mdbook-install.log 2>&1 \
            && [[ -x $CARGO_BIN/mdbook ]]; then
            MDBOOK_BIN=$CARGO_BIN/mdbook
        else
            say "mdBook skipped: cargo install mdbook --locked failed or took too long (/tmp/sopbook-compare-mdbook-install.log)"
        fi
    fi
else
    say "mdBook skipped (MDBOOK=skip)"
fi

# --- sopbook and the generators ----------------------------------------------------------------
say "building sopbook (cargo build --release) and the generators"
cargo build --release --quiet
cargo build --release --quiet --example synth --example synth_markdown
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

# --- scratch space -----------------------------------------------------------------------------
if [[ -d /dev/shm && -w /dev/shm && $(stat -f -c %T /dev/shm) == tmpfs ]]; then
    BASE=/dev/shm
    STORAGE="tmpfs (/dev/shm)"
else
    BASE=/tmp
    STORAGE="$(stat -f -c %T /tmp) (/tmp): /dev/shm is not a writable tmpfs here, so file creation times may swing between runs"
    say "WARNING: no writable tmpfs at /dev/shm: the corpora and outputs go to /tmp ($(stat -f -c %T /tmp))"
fi
WORK=$(mktemp -d "$BASE/sopbook-compare.XXXXXX")
cleanup() {
    if [[ $KEEP == 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Which sopbook is measured: REV=... names it when this is not a git checkout.
if [[ -z ${REV:-} ]]; then
    REV=$(git rev-parse --short HEAD 2>/dev/null || echo 'an unknown revision')
    if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet HEAD -- src Cargo.toml Cargo.lock; then
        REV="$REV with uncommitted changes to src/ or Cargo.*"
    fi
fi

# The binaries measured, copied so that a rebuild during the run cannot change them.
mkdir -p "$WORK/bin"
cp "$TARGET/release/sopbook" "$WORK/bin/sopbook"
SOPBOOK=$WORK/bin/sopbook
HUGO=$(command -v hugo)

{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "load=$(loadavg)"
    echo "machine=$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr)"
    echo "storage=$STORAGE"
    echo "sopbook=$($SOPBOOK --version 2>/dev/null || echo sopbook) at $REV"
    echo "hugo=$($HUGO version | cut -d' ' -f1-2)"
    echo "mdbook=${MDBOOK_BIN:+$($MDBOOK_BIN --version)}"
    echo "hyperfine=$(hyperfine --version)"
    echo "runs=$RUNS"
    echo "warmup=$WARMUP"
    echo "order=$ORDER"
    echo "seed=$SEED"
} >"$WORK/meta"

# --- one corpus at one size --------------------------------------------------------------------
measure() {
    local corpus=$1 n=$2
    local dir=$WORK/$corpus-n$n
    local kb=$dir/kb md=$dir/md out=$dir/out
    local kind=()
    [[ $corpus == synthetic ]] || kind=(--realistic --seed "$SEED")
    mkdir -p "$dir" "$out"
    say ""
    say "== $corpus, N = $n: writing the corpora to $dir"
    "$TARGET/release/examples/synth" "${kind[@]}" "$n" "$kb"
    "$TARGET/release/examples/synth_markdown" "${kind[@]}" "$n" "$md"
    # procedure files, their bytes, Markdown pages of the Hugo site, their bytes
    printf '%s\t%s\t%s\t%s\n' "$(find "$kb/procedures" -name '*.toml' | wc -l)" \
        "$(find "$kb/procedures" -name '*.toml' -printf '%s\n' | awk '{ s += $1 } END { print s }')" \
        "$(find "$md/hugo/content" -name '*.md' | wc -l)" \
        "$(find "$md/hugo/content" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s }')" >"$dir/corpus.tsv"

    # name, command, output folder ("" when the command writes nothing)
    local names=(sopbook-lint sopbook-build hugo) cmds=() outs=("" "$out/sopbook" "$out/hugo")
    cmds+=("$SOPBOOK lint $kb")
    cmds+=("$SOPBOOK build $kb --out $out/sopbook -q")
    cmds+=("$HUGO --quiet -s $md/hugo -d $out/hugo")
    if [[ -n $MDBOOK_BIN ]]; then
        names+=(mdbook)
        cmds+=("$MDBOOK_BIN build $md/mdbook -d $out/mdbook")
        outs+=("$out/mdbook")
    fi

    # One run each under /usr/bin/time -v: checks that every tool succeeds, gives the peak memory
    # and the output, and tells which peers are too slow to repeat (longer than SLOW seconds: that
    # one run is their figure) or to wait for (stopped after STOP seconds).
    local i timed=()
    : >"$dir/once.tsv"
    : >"$dir/commands.tsv"
    for i in "${!names[@]}"; do
        [[ -z ${outs[$i]} ]] || rm -rf "${outs[$i]}"
        local status=0 state=ok rss wall bytes=0 files=0
        # shellcheck disable=SC2086 # the commands are word lists without quoting
        /usr/bin/time -v -o "$dir/${names[$i]}.time" timeout "$STOP" ${cmds[$i]} >"$dir/${names[$i]}.log" 2>&1 || status=$?
        if [[ $status -eq 124 && ${names[$i]} != sopbook-* ]]; then
            state=stopped
            say "   ${names[$i]} stopped after ${STOP}s (STOP) at N = $n: reported as longer than that, not timed further"
        elif [[ $status -ne 0 ]]; then
            tail -20 "$dir/${names[$i]}.log" >&2
            die "${names[$i]} failed (exit $status) on $corpus, N = $n: ${cmds[$i]}"
        fi
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/${names[$i]}.time")
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/${names[$i]}.time" \
            | awk -F: '{ s = 0; for (k = 1; k <= NF; k++) s = s * 60 + $k; print s }')
        if [[ -n ${outs[$i]} && -d ${outs[$i]} ]]; then
            bytes=$(du -sb "${outs[$i]}" | cut -f1)
            files=$(find "${outs[$i]}" -type f | wc -l)
        fi
        if [[ $state == ok && ${names[$i]} != sopbook-* ]] && awk -v w="$wall" -v s="$SLOW" 'BEGIN { exit !(w > s) }'; then
            state=once
            say "   ${names[$i]} took ${wall}s (> SLOW=${SLOW}s) at N = $n: timed by that one run only"
        fi
        [[ $state != ok ]] || timed+=("$i")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "${names[$i]}" "$rss" "$bytes" "$files" "$wall" "$state" >>"$dir/once.tsv"
        printf '%s\t%s\n' "${names[$i]}" "${cmds[$i]}" >>"$dir/commands.tsv"
        say "   ${names[$i]}: ${wall}s, ${rss} KiB peak, ${bytes} bytes in ${files} files"
    done

    # Wall time with hyperfine.
    loadavg >"$dir/load-before"
    local round k args
    if [[ $ORDER == block ]]; then
        args=(-N --warmup "$WARMUP" --runs "$RUNS" --export-json "$dir/round-1.json")
        for i in "${timed[@]}"; do
            if [[ -n ${outs[$i]} ]]; then args+=(--prepare "rm -rf ${outs[$i]}"); else args+=(--prepare true); fi
        done
        for i in "${timed[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
        say "== $corpus, N = $n: hyperfine, $RUNS runs of each command in a row after $WARMUP warm-up runs"
        hyperfine "${args[@]}" >&2
    else
        say "== $corpus, N = $n: $RUNS alternating rounds (each: one hyperfine run of every command; round 1 after $WARMUP warm-up runs each)"
        for ((round = 1; round <= RUNS; round++)); do
            args=(-N --style none --runs 1 --export-json "$dir/round-$round.json")
            [[ $round -eq 1 ]] && args+=(--warmup "$WARMUP")
            local order=()
            for ((k = 0; k < ${#timed[@]}; k++)); do order+=("${timed[$(((k + round - 1) % ${#timed[@]}))]}"); done
            for i in "${order[@]}"; do
                if [[ -n ${outs[$i]} ]]; then args+=(--prepare "rm -rf ${outs[$i]}"); else args+=(--prepare true); fi
            done
            for i in "${order[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
            hyperfine "${args[@]}" >/dev/null
            printf '   round %d/%d (load %s)\n' "$round" "$RUNS" "$(loadavg)" >&2
        done
    fi
    loadavg >"$dir/load-after"
    rm -rf "$out"
}

for n in $SIZES; do
    [[ $n =~ ^[0-9]+$ && $n -ge 2 ]] || die "SIZES must be numbers of at least 2 (got $n)"
done
for n in $SIZES; do
    for corpus in $CORPUS; do measure "$corpus" "$n"; done
done

# --- the table ---------------------------------------------------------------------------------
python3 - "$WORK" "$SIZES" "$CORPUS" >"$REPORT" <<'EOF'
import glob, json, os, statistics, sys

work, sizes, corpora = sys.argv[1], [int(n) for n in sys.argv[2].split()], sys.argv[3].split()
meta = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(work, "meta")))
label = {"sopbook-lint": "`sopbook lint`", "sopbook-build": "`sopbook build`",
         "hugo": "`hugo`", "mdbook": "`mdbook build`"}
order = list(label)

rows = {}      # (corpus, n, tool) -> dict
content = {}   # (corpus, n) -> procedure files, their bytes, Markdown pages, their bytes
commands = {}  # (corpus, n) -> [(tool, command)]
for corpus in corpora:
    for n in sizes:
        d = os.path.join(work, f"{corpus}-n{n}")
        for line in open(os.path.join(d, "once.tsv")):
            _, tool, rss, size, files, wall, state = line.rstrip("\n").split("\t")
            rows[(corpus, n, tool)] = {"rss": int(rss), "bytes": int(size), "files": int(files),
                                       "once": float(wall), "state": state, "times": []}
        for path in sorted(glob.glob(os.path.join(d, "round-*.json"))):
            for result in json.load(open(path))["results"]:
                rows[(corpus, n, result["command"])]["times"] += result["times"]
        load = (open(os.path.join(d, "load-before")).read().strip(), open(os.path.join(d, "load-after")).read().strip())
        for tool in order:
            if (corpus, n, tool) in rows:
                rows[(corpus, n, tool)]["load"] = load
        content[(corpus, n)] = [int(x) for x in open(os.path.join(d, "corpus.tsv")).read().split()]
        commands[(corpus, n)] = [line.rstrip("\n").split("\t", 1) for line in open(os.path.join(d, "commands.tsv"))]

def median(r):
    return statistics.median(r["times"]) if r["times"] else r["once"]

def seconds(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"

def mib(kib):
    return f"{kib / 1024:.0f} MiB"

def size(b):
    return f"{b / 1048576:.1f} MiB" if b else "—"

out = []
out.append(f"Measured {meta['date']} on {meta['machine']}.")
out.append(f"Corpora and outputs on {meta['storage']}. Load average (1, 5, 15 min) before the run: "
           f"{meta['load']}; the benchmark itself adds up to 2 while it runs (the table gives it before and "
           "after the timed rounds of each corpus and size).")
tools = [meta["sopbook"], meta["hugo"]] + ([meta["mdbook"]] if meta["mdbook"] else []) + [meta["hyperfine"]]
out.append("Tools: " + ", ".join(tools) + "." + ("" if meta["mdbook"] else
           " mdBook was skipped (MDBOOK=skip, or `cargo install mdbook --locked` failed or took too long)."))
how = (f"{meta['runs']} alternating rounds (one hyperfine run of every command per round, order rotating), "
       f"after {meta['warmup']} warm-up runs of each" if meta["order"] == "alternate"
       else f"one hyperfine invocation, {meta['runs']} runs of each command in a row after {meta['warmup']} warm-up runs")
out.append(f"Wall time: median of {how}; output folders removed before every run (not timed). "
           "Peak memory: maximum resident set size of one more run under `/usr/bin/time -v`.")
out.append("")
out.append("Corpora (`synthetic`: `sopbook::synth::knowledge_base`; `realistic`: `sopbook::synth::realistic`, "
           f"seed {meta['seed']}):")
out.append("")
out.append("| corpus | N | procedure files | TOML | mean per procedure | Markdown pages (Hugo) | Markdown |")
out.append("|---|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    for corpus in corpora:
        procs, toml, pages, md = content[(corpus, n)]
        out.append(f"| {corpus} | {n:,} | {procs:,} | {size(toml)} | {toml / procs / 1024:.1f} KiB | {pages:,} | {size(md)} |")
out.append("")
out.append("| corpus | N | command | median wall time | mean ± σ (runs) | peak memory | output | files | time ÷ Hugo | load average (before → after) |")
out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---|")
for n in sizes:
    for corpus in corpora:
        hugo = rows.get((corpus, n, "hugo"))
        for tool in order:
            r = rows.get((corpus, n, tool))
            if not r:
                continue
            t = r["times"]
            load = f"{r['load'][0]} → {r['load'][1]}"
            if r["state"] == "stopped":
                out.append(f"| {corpus} | {n:,} | {label[tool]} | > {r['once']:.0f} s (stopped) | — | > {mib(r['rss'])} | "
                           f"— | — | > {r['once'] / median(hugo):.0f} | {load} |")
                continue
            spread = (f"{seconds(statistics.mean(t))} ± {seconds(statistics.stdev(t))} ({len(t)})" if len(t) > 1
                      else "one run (too slow to repeat)")
            ratio = f"{median(r) / median(hugo):.2f}" if hugo else "—"
            out.append(f"| {corpus} | {n:,} | {label[tool]} | {seconds(median(r))} | {spread} | {mib(r['rss'])} | "
                       f"{size(r['bytes'])} | {r['files'] or '—'} | {ratio} | {load} |")
out.append("")
if len(sizes) > 1:
    lo, hi = sizes[0], sizes[-1]
    out.append(f"Growth from {lo:,} to {hi:,} procedures ({hi / lo:g}× the content):")
    out.append("")
    out.append("| corpus | command | median wall time | peak memory | output |")
    out.append("|---|---|---:|---:|---:|")
    for corpus in corpora:
        for tool in order:
            a, b = rows.get((corpus, lo, tool)), rows.get((corpus, hi, tool))
            if a and b and a["state"] != "stopped" and b["state"] == "stopped":
                out.append(f"| {corpus} | {label[tool]} | > {b['once'] / median(a):.0f}× (stopped) | — | — |")
            elif a and b and "stopped" not in (a["state"], b["state"]):
                grow = f"{b['bytes'] / a['bytes']:.1f}×" if a["bytes"] else "—"
                out.append(f"| {corpus} | {label[tool]} | {median(b) / median(a):.1f}× | {b['rss'] / a['rss']:.1f}× | {grow} |")
    out.append("")
big = max(sizes)
goals = []
for corpus in corpora:
    b, h, l = (rows.get((corpus, big, tool)) for tool in ("sopbook-build", "hugo", "sopbook-lint"))
    if b and h:
        goals.append((corpus, f"`sopbook build` of {big:,} in at most half of Hugo's time",
                      f"{median(b) / median(h):.2f} × Hugo ({seconds(median(b))} against {seconds(median(h))})",
                      median(b) <= median(h) / 2))
    if l:
        goals.append((corpus, f"`sopbook lint` of {big:,} under 0.5 s", seconds(median(l)), median(l) < 0.5))
    if b and l:
        peak = max(b["rss"], l["rss"])
        goals.append((corpus, f"peak memory under 300 MB at {big:,} (lint and build)",
                      f"{peak * 1024 / 1e6:.0f} MB (build {b['rss'] * 1024 / 1e6:.0f}, lint {l['rss'] * 1024 / 1e6:.0f})",
                      peak * 1024 < 300e6))
    if len(sizes) > 1 and big == sizes[-1]:
        lo = sizes[0]
        limit = 1.1 * big / lo
        for tool in ("sopbook-lint", "sopbook-build"):
            a, c = rows.get((corpus, lo, tool)), rows.get((corpus, big, tool))
            if a and c:
                goals.append((corpus, f"{label[tool]}: the {big:,} time at most {limit:g}× the {lo:,} time",
                              f"{median(c) / median(a):.1f}×", median(c) / median(a) <= limit))
if goals:
    out.append(f"Goals (issues 6 and 19) at N = {big:,}:")
    out.append("")
    out.append("| corpus | goal | measured | met |")
    out.append("|---|---|---:|:---:|")
    for corpus, goal, value, ok in goals:
        out.append(f"| {corpus} | {goal} | {value} | {'yes' if ok else '**no**'} |")
    out.append("")
out.append("Commands (KB, MD and OUT are each corpus's folders under the scratch space; every output "
           "folder is removed before each run):")
out.append("")
out.append("```sh")
for n in sizes:
    for corpus in corpora:
        kind = "" if corpus == "synthetic" else f"--realistic --seed {meta['seed']} "
        d = os.path.join(work, f"{corpus}-n{n}")
        out.append(f"# {corpus}, N = {n:,}")
        out.append(f"cargo run --release --example synth -- {kind}{n} KB")
        out.append(f"cargo run --release --example synth_markdown -- {kind}{n} MD")
        for tool, command in commands[(corpus, n)]:
            command = command.replace(os.path.join(work, "bin") + "/", "")
            for folder in ("kb", "md", "out"):
                command = command.replace(os.path.join(d, folder), folder.upper())
            out.append(command)
out.append("```")
print("\n".join(out))
EOF
say ""
cat "$REPORT"
say ""
say "(report also in $REPORT)"
