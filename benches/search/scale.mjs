#!/usr/bin/env node
// The search index at scale (issue 13, item 5): builds a knowledge base of N realistic procedures,
// weighs its search index, and times queries through the site's own box in headless Chromium.
//
//   node scale.mjs SOPBOOK_BINARY [--n 10000] [--replace 0.25] [--dict FILE] [--keep DIR]
//
// The base: each procedure is one of the 50 of kb/ (2–4 KB of pt-BR prose each), in its own
// section (`Unidade K > …`, so every breadcrumb is new), with a share (--replace) of its prose
// words of five letters or more (never inside a cross-reference) replaced by words of a pt-BR dictionary (hunspell's pt_BR.dic:
// `apt-get install hunspell-pt-br`), drawn with Zipf's law (word r of a shuffled list with
// probability ∝ 1/r), so the vocabulary grows with the base as real text does (Heaps' law)
// instead of repeating 50 procedures' words. Cross-references to the other procedures move with
// their copies; it is built with `--allow-errors` all the same, in case one does not resolve.
//
// Step titles keep their words as well as the procedure's title (only the `title =` lines of
// steps match PROSE_KEY's exclusion too, which is fine: a step title is a short label).
//
// Measured: the size of every file under search/ (total, the vocabulary `index.js`, the largest
// shard and chunk); then, for each query of queries.toml, on a fresh page (nothing loaded), the
// bytes of index files the page loaded until the first result was shown, and the time from the
// last keystroke to the list's update (as eval.mjs measures it). Exit 0 when it ran.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TYPING_DELAY_MS = 30;

function args() {
  const out = { n: 10000, replace: 0.25, dict: '/usr/share/hunspell/pt_BR.dic', keep: null, bin: null, queries: 24 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--n') out.n = Number(argv[++i]);
    else if (a === '--replace') out.replace = Number(argv[++i]);
    else if (a === '--dict') out.dict = argv[++i];
    else if (a === '--keep') out.keep = path.resolve(argv[++i]);
    else if (a === '--queries') out.queries = Number(argv[++i]);
    else out.bin = path.resolve(a);
  }
  if (!out.bin) {
    console.error('usage: node scale.mjs SOPBOOK_BINARY [--n 10000] [--replace 0.25] [--dict FILE] [--keep DIR]');
    process.exit(2);
  }
  return out;
}

// A small seeded generator, so that every run builds the same base.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dictionary(file, rand) {
  const words = readFileSync(file, 'utf8').split('\n').slice(1)
    .map((line) => line.split('/')[0].trim())
    .filter((w) => /^[a-záàâãéêíóôõúç]{5,}$/.test(w));
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [words[i], words[j]] = [words[j], words[i]];
  }
  // Zipf: the cumulative weights of 1/r.
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let r = 0; r < words.length; r++) cumulative[r] = (sum += 1 / (r + 1));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

function templates(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...templates(full, base));
    else if (entry.name.endsWith('.toml')) out.push({ rel: path.relative(base, full), text: readFileSync(full, 'utf8') });
  }
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

// Titles stay as they are: they name the procedure in every breadcrumb that points at it.
const PROSE_KEY = /^(summary|text|note|warning)\s*=/;
const WORD = /(?<![\p{L}\p{N}])[a-záàâãéêíóôõúç]{5,}(?![\p{L}\p{N}])/gu;

/** The breadcrumb of every template: references to them are moved with their copies. */
function breadcrumbs(all) {
  const out = new Set();
  for (const t of all) {
    const section = (t.text.match(/^section\s*=\s*"(.*)"/m) || [])[1];
    const title = (t.text.match(/^title\s*=\s*"(.*)"/m) || [])[1];
    if (section && title) out.add(`${section} > ${title}`);
  }
  return out;
}

/**
 * The template with some prose words replaced (never inside a [[reference]]) and its section
 * moved under `Unidade k`, with the references to the other templates moved along.
 */
function variant(text, k, replace, word, rand, known) {
  const move = (target) => {
    const [path, anchor] = target.replace(/\s+/g, ' ').trim().split('#');
    return known.has(path) ? `Unidade ${k} > ${path}${anchor !== undefined ? '#' + anchor : ''}` : target;
  };
  // References (which may run over a line break) are set aside, moved, and put back untouched.
  const references = [];
  const hidden = text.replace(/\[\[([^\]]*)\]\]/g, (whole, inner) => {
    const [target, ...label] = inner.split('|');
    references.push(`[[${[move(target), ...label].join('|')}]]`);
    return `\u0000${references.length - 1}\u0000`;
  });
  const swap = (prose) => prose.replace(WORD, (w) => (rand() < replace ? word() : w));
  let inBlock = false;
  const lines = hidden.split('\n').map((line) => {
    if (/^section\s*=/.test(line)) return line.replace(/=\s*"/, `= "Unidade ${k} > `);
    if (/^(via|see)\s*=/.test(line) || /^\s*"[^"]*",?\s*$/.test(line)) {
      return line.replace(/"([^"]*)"/g, (whole, target) => `"${move(target)}"`);
    }
    if (inBlock) {
      if (line.includes('"""')) inBlock = false;
      return swap(line);
    }
    if (PROSE_KEY.test(line)) {
      const triple = (line.match(/"""/g) || []).length;
      if (triple === 1) inBlock = true;
      const [key, ...rest] = line.split('=');
      return key + '=' + swap(rest.join('='));
    }
    return line;
  });
  return lines.join('\n').replace(/\u0000(\d+)\u0000/g, (whole, i) => references[Number(i)]);
}

function makeBase(root, n, replace, dict) {
  const rand = random(13);
  const word = dictionary(dict, rand);
  const all = templates(path.join(HERE, 'kb', 'procedures'));
  const known = breadcrumbs(all);
  for (const file of ['sopbook.toml', 'manuals.toml']) cpSync(path.join(HERE, 'kb', file), path.join(root, file));
  for (let k = 0; k < n; k++) {
    const t = all[k % all.length];
    const unit = Math.floor(k / all.length);
    const out = path.join(root, 'procedures', `unidade-${unit}`, t.rel);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, variant(t.text, unit, replace, word, rand, known));
  }
}

function sizes(dir) {
  const files = readdirSync(dir).map((name) => ({ name, bytes: statSync(path.join(dir, name)).size }));
  const of = (prefix) => files.filter((f) => f.name.startsWith(prefix));
  const total = (list) => list.reduce((s, f) => s + f.bytes, 0);
  const max = (list) => list.reduce((m, f) => Math.max(m, f.bytes), 0);
  return {
    files: files.length,
    total: total(files),
    meta: total(of('index')),
    shards: of('t').length,
    shardMax: max(of('t')),
    chunks: of('d').length,
    chunkMax: max(of('d')),
  };
}

function queriesOf(file, count) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/^q\s*=\s*"(.*)"$/gm)) out.push(m[1]);
  // Spread over the set: every kind of query.
  const step = Math.max(1, Math.floor(out.length / count));
  return out.filter((_, i) => i % step === 0).slice(0, count);
}

function instrument() {
  const S = { lastKey: null, mutations: [] };
  window.__scale = S;
  window.addEventListener('keydown', (e) => { S.lastKey = e.timeStamp; }, true);
  const start = () => new MutationObserver(() => S.mutations.push(performance.now()))
    .observe(document.getElementById('search-results'), { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('DOMContentLoaded', start);
}

async function measure(browser, site, query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href, { waitUntil: 'load' });
  const box = page.locator('#search-input');
  await box.click();
  // The vocabulary loads on focus; an analyst's first keystroke comes after it.
  await page.waitForFunction(() => !!window.SOPBOOK_SEARCH, null, { timeout: 30000 });
  await box.pressSequentially(query, { delay: TYPING_DELAY_MS });
  await page.waitForFunction((q) => {
    const list = document.getElementById('search-results');
    return list.getAttribute('data-query') === q && list.querySelector('li');
  }, query, { timeout: 30000 });
  const result = await page.evaluate(() => {
    const S = window.__scale;
    const after = S.mutations.filter((m) => m >= S.lastKey);
    // The scripts the search added (file:// loads are not in the resource timing entries).
    const loaded = Array.from(document.querySelectorAll('script[src]'), (e) => e.src).filter((n) => /\/search\/[^/]*\.js$/.test(n));
    const first = document.querySelector('#search-results li.search-result .search-result-title');
    return { ms: after.length ? after[after.length - 1] - S.lastKey : null, loaded, first: first ? first.textContent : null };
  });
  await context.close();
  const bytes = result.loaded.reduce((s, u) => s + statSync(fileURLToPath(u)).size, 0);
  return { query, ms: result.ms, bytes, files: result.loaded.length, first: result.first };
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? (v[(v.length - 1) >> 1] + v[v.length >> 1]) / 2 : null;
}

async function main() {
  const a = args();
  const root = a.keep || mkdtempSync(path.join(tmpdir(), 'sopbook-scale-'));
  const kb = path.join(root, 'kb');
  const site = path.join(root, 'site');
  rmSync(kb, { recursive: true, force: true });
  makeBase(kb, a.n, a.replace, a.dict);
  const started = Date.now();
  const run = spawnSync(a.bin, ['build', kb, '--out', site, '--allow-errors'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.status !== 0) {
    console.error(run.stderr.slice(-2000));
    process.exit(2);
  }
  console.log(`built ${a.n} procedures in ${((Date.now() - started) / 1000).toFixed(1)} s: ${run.stdout.trim().split('\n').pop()}`);
  const meta = JSON.parse(readFileSync(path.join(site, 'search', 'index.js'), 'utf8').replace(/^window\.SOPBOOK_SEARCH=/, '').replace(/;$/, ''));
  const s = sizes(path.join(site, 'search'));
  const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
  console.log(`index: ${s.files} files, ${(s.total / 1048576).toFixed(1)} MiB in all; vocabulary (index.js) ${kib(s.meta)}, ` +
    `${meta.t.length} terms; ${s.shards} shards (largest ${kib(s.shardMax)}), ${s.chunks} chunks (largest ${kib(s.chunkMax)})`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const results = [];
  for (const q of queriesOf(path.join(HERE, 'queries.toml'), a.queries)) {
    const r = await measure(browser, site, q);
    results.push(r);
    console.log(`${String(r.ms === null ? '?' : r.ms.toFixed(0)).padStart(5)} ms ${kib(r.bytes).padStart(9)} in ${String(r.files).padStart(2)} files  "${r.query}" → ${r.first}`);
  }
  await browser.close();
  const ms = results.map((r) => r.ms).filter((v) => v !== null);
  const bytes = results.map((r) => r.bytes);
  console.log(`${results.length} queries: latency median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; ` +
    `index loaded per query median ${kib(median(bytes))}, max ${kib(Math.max(...bytes))}`);
  if (!a.keep) rmSync(root, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
