#!/usr/bin/env node
// Issue 13's search benchmark: runs the fixed query set (queries.toml) over the evaluation
// knowledge base (kb/), built by sopbook, through two engines on the same built pages:
//
//   sopbook   the site's own search box, opened from file:// in headless Chromium and typed into
//             key by key, as an analyst would; the ordered result list is read from the listbox.
//   pagefind  `npx pagefind --site COPY` over a copy of the same built site, served on 127.0.0.1,
//             queried through Pagefind's JS API in the page.
//
// Prints top-1, top-3, MRR@10, the count of queries with no procedure result, and the median and
// p95 latency of each engine, overall and per kind of query, and writes every query's ranked
// results for both engines to a JSON file. It measures; it does not judge: it exits 0 whenever it
// ran, 2 when it could not set up (bad arguments, no binary, build failed, no browser, no box).
//
//   node eval.mjs SOPBOOK_BINARY [--json FILE] [--kb DIR] [--queries FILE] [--only sopbook|pagefind]
//
// Environment: CHROMIUM (default /usr/bin/chromium; never downloaded), EVAL_QUIET_MS (how long the
// result list must stay unchanged after the last keystroke to count as settled; default 500),
// EVAL_TYPING_DELAY_MS (delay between keystrokes; default 30), EVAL_KEEP=1 keeps the temporary sites.
import { spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const QUIET_MS = Number(process.env.EVAL_QUIET_MS || 500);
const TYPING_DELAY_MS = Number(process.env.EVAL_TYPING_DELAY_MS || 30);
const SETTLE_TIMEOUT_MS = 10000;
const TOP = 10; // MRR@10: ranks past 10 count as not found
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const KINDS = ['title-words', 'colloquial', 'typo', 'no-accent', 'code', 'step-only', 'abbreviation', 'mixed'];

class SetupError extends Error {}

// ---- arguments and the query set -------------------------------------------------------------

function parseArgs(argv) {
  const args = { bin: null, json: path.join(HERE, 'results', 'latest.json'), kb: path.join(HERE, 'kb'),
    queries: path.join(HERE, 'queries.toml'), only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new SetupError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--json') args.json = path.resolve(value());
    else if (a === '--kb') args.kb = path.resolve(value());
    else if (a === '--queries') args.queries = path.resolve(value());
    else if (a === '--only') args.only = value();
    else if (a === '-h' || a === '--help') {
      console.log('usage: node eval.mjs SOPBOOK_BINARY [--json FILE] [--kb DIR] [--queries FILE] [--only sopbook|pagefind]');
      process.exit(0);
    } else if (a.startsWith('-')) throw new SetupError(`unknown option ${a}`);
    else if (!args.bin) args.bin = path.resolve(a);
    else throw new SetupError(`unexpected argument ${a}`);
  }
  if (!args.bin) throw new SetupError('usage: node eval.mjs SOPBOOK_BINARY [--json FILE] [--kb DIR] [--queries FILE]');
  if (args.only && !['sopbook', 'pagefind'].includes(args.only)) throw new SetupError('--only takes sopbook or pagefind');
  return args;
}

/**
 * queries.toml holds only `[[query]]` tables of `key = "basic string"` lines and comments; this
 * reads exactly that and refuses anything else, rather than half-reading a richer file.
 */
function readQueries(file) {
  const queries = [];
  let current = null;
  readFileSync(file, 'utf8').split('\n').forEach((raw, n) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line === '[[query]]') {
      current = {};
      queries.push(current);
      return;
    }
    const m = /^([A-Za-z_-]+)\s*=\s*("(?:[^"\\]|\\.)*")\s*(#.*)?$/.exec(line);
    if (!m || !current) throw new SetupError(`${file}:${n + 1}: expected [[query]] or key = "value"`);
    current[m[1]] = JSON.parse(m[2]);
  });
  queries.forEach((q, i) => {
    for (const key of ['q', 'expect', 'kind']) {
      if (typeof q[key] !== 'string' || !q[key]) throw new SetupError(`${file}: query ${i + 1} has no ${key}`);
    }
    if (!KINDS.includes(q.kind)) throw new SetupError(`${file}: query ${i + 1} has unknown kind ${q.kind}`);
  });
  return queries;
}

// ---- results → procedure slugs ---------------------------------------------------------------

/** A site-relative path ("procedures/a/b.html") → the procedure slug, or null for other pages. */
function slugOf(relative) {
  const m = /^procedures\/(.+)\.html$/.exec(relative.replace(/^\/+/, ''));
  return m ? decodeURIComponent(m[1]) : null;
}

/**
 * The lenient reading, reported on a line of its own and never in place of the strict one: a
 * procedure's printable checklist (checklists/<slug>.html, not checklists/all.html) counts as the
 * procedure too. Pagefind indexes those pages; sopbook's box never lists them.
 */
function lenientSlugOf(relative) {
  const p = relative.replace(/^\/+/, '');
  const m = /^checklists\/(.+)\.html$/.exec(p);
  return m && m[1] !== 'all' ? decodeURIComponent(m[1]) : slugOf(p);
}

/** Distinct procedure slugs in result order (a step of a procedure counts as the procedure). */
function rankedSlugs(results, mapper) {
  const out = [];
  for (const r of results) {
    const slug = mapper ? mapper(r.path) : r.slug;
    if (slug && !out.includes(slug)) out.push(slug);
  }
  return out;
}

// ---- statistics ------------------------------------------------------------------------------

function percentile(values, p) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

function summarize(rows) {
  const n = rows.length;
  const ranks = rows.map((r) => r.rank);
  return {
    n,
    top1: ranks.filter((r) => r === 1).length,
    top3: ranks.filter((r) => r && r <= 3).length,
    mrr: n ? ranks.reduce((s, r) => s + (r && r <= TOP ? 1 / r : 0), 0) / n : 0,
    noResult: rows.filter((r) => r.slugs.length === 0).length,
    medianMs: percentile(rows.map((r) => r.ms), 50),
    p95Ms: percentile(rows.map((r) => r.ms), 95),
  };
}

function score(queries, engine, runs, mapper) {
  return queries.map((q, i) => {
    const run = runs[i];
    const slugs = rankedSlugs(run.results, mapper).slice(0, TOP);
    const at = slugs.indexOf(q.expect);
    const row = { q: q.q, expect: q.expect, kind: q.kind, engine, rank: at >= 0 ? at + 1 : null, slugs,
      ms: run.ms, error: run.error || null, results: run.results };
    if (run.message) row.message = run.message; // what the box said instead of results
    if (run.total !== undefined) row.total = run.total;
    return row;
  });
}

// ---- the site ----------------------------------------------------------------------------------

function build(bin, kb, out) {
  const run = spawnSync(bin, ['build', kb, '--out', out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.error) throw new SetupError(`could not run ${bin}: ${run.error.message}`);
  if (run.status !== 0) throw new SetupError(`${bin} build ${kb} --out ${out} exited ${run.status}:\n${run.stderr}${run.stdout}`);
  return (run.stdout + run.stderr).trim();
}

// ---- sopbook: the site's own search box --------------------------------------------------------

// Installed before the page's scripts: the time of the last keystroke (its keydown, or its
// beforeinput/input when the character was inserted without a key event) and of every change of
// the result list (any mutation inside an element with role=listbox, or that adds or removes one).
function instrument() {
  const S = { lastKey: null, mutations: [], inputs: 0 };
  window.__evalSearch = S;
  let keydown = null;
  let before = null;
  window.addEventListener('keydown', (e) => { keydown = e.timeStamp; }, true);
  window.addEventListener('beforeinput', (e) => { if (keydown === null) before = e.timeStamp; }, true);
  window.addEventListener('input', (e) => {
    S.lastKey = keydown !== null ? keydown : before !== null ? before : e.timeStamp;
    keydown = null;
    before = null;
    S.inputs++;
  }, true);
  const inList = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest && el.closest('[role=listbox]'));
  };
  const hasList = (nodes) => Array.from(nodes).some((n) => n.nodeType === 1 &&
    (n.getAttribute('role') === 'listbox' || (n.querySelector && n.querySelector('[role=listbox]'))));
  const start = () => new MutationObserver((records) => {
    if (records.some((r) => inList(r.target) || hasList(r.addedNodes) || hasList(r.removedNodes))) {
      S.mutations.push(performance.now());
    }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** The search box, found as a person would: a combobox or search box labelled for search. */
async function findBox(page) {
  const name = /busca|buscar|pesquis|procurar|search/i;
  for (const role of ['combobox', 'searchbox', 'textbox']) {
    const box = page.getByRole(role, { name }).filter({ visible: true });
    if (await box.count()) return box.first();
  }
  throw new SetupError('no visible search box (a combobox, searchbox or textbox labelled "Buscar"/"Search") on index.html');
}

async function readList(page, siteRoot) {
  return page.evaluate((root) => {
    const lists = Array.from(document.querySelectorAll('[role=listbox]')).filter((l) => !l.hidden && l.offsetParent !== null);
    const out = [];
    for (const list of lists) {
      for (const li of list.querySelectorAll('[role=option]')) {
        const link = li.getAttribute('data-href') || (li.querySelector('a[href]') || {}).href ||
          (li.closest('a[href]') || {}).href || null;
        if (!link) continue; // a message ("Nenhum resultado", "Carregando…"), not a result
        const abs = new URL(link, document.baseURI);
        const rel = abs.href.startsWith(root) ? decodeURIComponent(abs.pathname.slice(new URL(root).pathname.length)) : abs.href;
        out.push({ text: li.textContent.replace(/\s+/g, ' ').trim().slice(0, 200), href: rel + abs.hash, path: rel,
          step: !!abs.hash || /\bis-step\b|search-result-is-step/.test(li.className) });
      }
    }
    const message = lists.map((l) => l.textContent.replace(/\s+/g, ' ').trim()).join(' ');
    return { out, message };
  }, siteRoot);
}

async function typeAndSettle(page, box, q) {
  await box.click();
  await box.fill('');
  await page.waitForTimeout(60);
  await page.evaluate(() => { window.__evalSearch.mutations = []; window.__evalSearch.lastKey = null; });
  await box.pressSequentially(q, { delay: TYPING_DELAY_MS });
  let error = null;
  try {
    await page.waitForFunction(({ quiet }) => {
      const S = window.__evalSearch;
      if (S.lastKey === null) return false;
      const last = Math.max(S.lastKey, S.mutations.length ? S.mutations[S.mutations.length - 1] : 0);
      if (performance.now() - last < quiet) return false;
      // A list that only says it is loading ("Carregando…") is not final yet.
      const lists = Array.from(document.querySelectorAll('[role=listbox]')).filter((l) => !l.hidden);
      return !lists.some((l) => /…\s*$/.test(l.textContent.trim()) && !l.querySelector('[role=option][data-href], [role=option] a[href]'));
    }, { quiet: QUIET_MS }, { polling: 25, timeout: SETTLE_TIMEOUT_MS });
  } catch (e) {
    error = `the list did not settle within ${SETTLE_TIMEOUT_MS} ms`;
  }
  const t = await page.evaluate(() => {
    const S = window.__evalSearch;
    const after = S.mutations.filter((m) => m >= S.lastKey);
    return { lastKey: S.lastKey, lastChange: after.length ? after[after.length - 1] : null };
  });
  const ms = t.lastChange !== null && t.lastKey !== null ? t.lastChange - t.lastKey : null;
  return { ms, error };
}

async function runSopbook(browser, site, queries) {
  const root = pathToFileURL(site + path.sep).href;
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href, { waitUntil: 'load' });
    return { context, page, box: await findBox(page), problems };
  };
  // Cold: a fresh page, the first query of the set, index not loaded yet.
  const cold = await open();
  const coldRun = await typeAndSettle(cold.page, cold.box, queries[0].q);
  await cold.context.close();

  const { context, page, box, problems } = await open();
  await typeAndSettle(page, box, 'nota fiscal'); // warm-up: loads the index
  const runs = [];
  for (const q of queries) {
    const { ms, error } = await typeAndSettle(page, box, q.q);
    const { out, message } = await readList(page, root);
    runs.push({ ms, error, message: out.length ? undefined : message,
      results: out.map((r) => ({ ...r, slug: slugOf(r.path) })) });
  }
  await context.close();
  return { runs, coldMs: coldRun.ms, problems };
}

// ---- pagefind ----------------------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };
const BLANK = '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>eval</title></head><body></body></html>';

/** A static server for the copied site on 127.0.0.1 only; "/__eval.html" is an empty page. */
function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/__eval.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(BLANK);
      return;
    }
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function indexWithPagefind(copy) {
  const run = spawnSync('npx', ['--no-install', 'pagefind', '--site', copy], { cwd: HERE, encoding: 'utf8' });
  if (run.error) throw new SetupError(`could not run npx pagefind: ${run.error.message}`);
  if (run.status !== 0) throw new SetupError(`npx pagefind --site ${copy} exited ${run.status}:\n${run.stderr}${run.stdout}`);
  const version = spawnSync('npx', ['--no-install', 'pagefind', '--version'], { cwd: HERE, encoding: 'utf8' });
  return { log: (run.stdout + run.stderr).trim(), version: (version.stdout || '').trim() };
}

async function runPagefind(browser, copy, queries) {
  const server = await serve(copy);
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const open = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/__eval.html`);
      return { context, page };
    };
    const search = (page, q) => page.evaluate(async ({ q, top }) => {
      const t0 = performance.now();
      if (!window.__pf) {
        window.__pf = await import('/pagefind/pagefind.js');
        await window.__pf.init();
      }
      const pf = window.__pf;
      const r = await pf.search(q);
      const first = await Promise.all(r.results.slice(0, top).map((x) => x.data()));
      const ms = performance.now() - t0;
      // Untimed: keep reading past pages that are not procedures (sections, tags, checklists)
      // until ten procedures are known, so that those pages do not take the procedures' places.
      const data = first.slice();
      const isProcedure = (u) => /^\/?procedures\/.+\.html/.test(u);
      let next = top;
      while (data.filter((d) => isProcedure(d.url)).length < top && next < r.results.length && next < 100) {
        data.push(...await Promise.all(r.results.slice(next, next + top).map((x) => x.data())));
        next += top;
      }
      return { ms, total: r.results.length, urls: data.map((d) => ({ url: d.url, title: (d.meta || {}).title || '' })) };
    }, { q, top: TOP });

    const cold = await open();
    const coldRun = await search(cold.page, queries[0].q);
    await cold.context.close();

    const { context, page } = await open();
    await search(page, 'nota fiscal'); // warm-up: loads the WebAssembly and the entry files
    const runs = [];
    for (const q of queries) {
      try {
        const r = await search(page, q.q);
        runs.push({ ms: r.ms, total: r.total, results: r.urls.map((u) => {
          const p = decodeURIComponent(new URL(u.url, base).pathname).replace(/^\/+/, '');
          return { text: u.title, href: u.url, path: p, slug: slugOf(p) };
        }) });
      } catch (e) {
        runs.push({ ms: null, error: String(e.message || e), results: [] });
      }
    }
    await context.close();
    return { runs, coldMs: coldRun.ms };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

// ---- report ----------------------------------------------------------------------------------

function pct(k, n) {
  return `${String(k).padStart(3)}/${n} ${n ? String(Math.round((100 * k) / n)).padStart(3) : '  -'}%`;
}
function ms(v) {
  return v === null || v === undefined ? '     -' : `${v.toFixed(1).padStart(6)}`;
}

function printReport(engines, queries) {
  const lines = [];
  lines.push(`${queries.length} queries, ${new Set(queries.map((q) => q.expect)).size} distinct expected procedures`);
  lines.push('');
  lines.push('engine     top-1          top-3          MRR@10   no result   median ms   p95 ms   cold ms');
  for (const [name, e] of Object.entries(engines)) {
    const s = e.summary;
    lines.push(`${name.padEnd(10)} ${pct(s.top1, s.n)}   ${pct(s.top3, s.n)}   ${s.mrr.toFixed(3).padStart(6)}   ${String(s.noResult).padStart(9)}` +
      `   ${ms(s.medianMs).padStart(9)}   ${ms(s.p95Ms)}   ${ms(e.coldMs).padStart(7)}`);
  }
  for (const [name, e] of Object.entries(engines)) {
    if (!e.lenientSummary) continue;
    const s = e.lenientSummary;
    lines.push(`${(name + '*').padEnd(10)} ${pct(s.top1, s.n)}   ${pct(s.top3, s.n)}   ${s.mrr.toFixed(3).padStart(6)}   ${String(s.noResult).padStart(9)}` +
      '   (* a procedure\'s checklist page counts as the procedure; information only)');
  }
  lines.push('');
  const names = Object.keys(engines);
  lines.push(`kind           n   ${names.map((n) => `${n}: top-1 / top-3 / MRR / none`.padEnd(38)).join('  ')}`);
  for (const kind of KINDS) {
    const cells = names.map((name) => {
      const rows = engines[name].rows.filter((r) => r.kind === kind);
      const s = summarize(rows);
      return `${String(s.top1).padStart(10)} / ${String(s.top3).padStart(5)} / ${s.mrr.toFixed(2)} / ${String(s.noResult).padStart(4)}`.padEnd(38);
    });
    const n = queries.filter((q) => q.kind === kind).length;
    lines.push(`${kind.padEnd(13)} ${String(n).padStart(3)}   ${cells.join('  ')}`);
  }
  lines.push('');
  lines.push('misses (expected procedure not first):');
  queries.forEach((q, i) => {
    const marks = names.map((name) => {
      const r = engines[name].rows[i];
      if (r.rank === 1) return `${name} #1`;
      const first = r.slugs.length ? ` (first: ${r.slugs[0].split('/').pop()})` : '';
      return `${name} ${r.rank ? `#${r.rank}` : r.slugs.length ? 'miss' : 'none'}${first}`;
    });
    if (names.some((name) => engines[name].rows[i].rank !== 1)) {
      lines.push(`  [${q.kind}] "${q.q}" → ${q.expect.split('/').pop()}: ${marks.join(', ')}`);
    }
  });
  console.log(lines.join('\n'));
}

// ---- main ------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.bin)) throw new SetupError(`sopbook binary not found: ${args.bin}`);
  if (!existsSync(CHROMIUM)) throw new SetupError(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)`);
  const queries = readQueries(args.queries);
  const tmp = mkdtempSync(path.join(tmpdir(), 'sopbook-search-eval-'));
  let browser;
  try {
    const site = path.join(tmp, 'site');
    const buildLog = build(args.bin, args.kb, site);
    const version = spawnSync(args.bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`built: ${buildLog.split('\n').pop()}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const engines = {};
    if (args.only !== 'pagefind') {
      const r = await runSopbook(browser, site, queries);
      const rows = score(queries, 'sopbook', r.runs);
      engines.sopbook = { version, coldMs: r.coldMs, pageErrors: r.problems, summary: summarize(rows), rows };
    }
    if (args.only !== 'sopbook') {
      const copy = path.join(tmp, 'pagefind-site');
      cpSync(site, copy, { recursive: true });
      const indexed = indexWithPagefind(copy);
      console.log(`pagefind ${indexed.version}: ${indexed.log.split('\n').filter((l) => /Indexed|Found/i.test(l)).join('; ')}`);
      const r = await runPagefind(browser, copy, queries);
      const rows = score(queries, 'pagefind', r.runs);
      engines.pagefind = { version: indexed.version, coldMs: r.coldMs, summary: summarize(rows), rows,
        lenientSummary: summarize(score(queries, 'pagefind', r.runs, lenientSlugOf)) };
    }
    printReport(engines, queries);
    const report = {
      date: new Date().toISOString(),
      command: `node ${path.relative(process.cwd(), fileURLToPath(import.meta.url)) || 'eval.mjs'} ${process.argv.slice(2).join(' ')}`,
      load: loadavg(), cpus: cpus().length, quietMs: QUIET_MS, typingDelayMs: TYPING_DELAY_MS,
      chromium: browser.version(), queries: args.queries, kb: args.kb,
      engines: Object.fromEntries(Object.entries(engines).map(([k, e]) => [k, { ...e }])),
    };
    mkdirSync(path.dirname(args.json), { recursive: true });
    writeFileSync(args.json, JSON.stringify(report, null, 1) + '\n');
    console.log(`\nevery query's ranked results: ${args.json}`);
  } finally {
    if (browser) await browser.close();
    if (process.env.EVAL_KEEP) console.log(`sites kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e instanceof SetupError ? `eval: ${e.message}` : `eval: setup failed: ${e.stack || e}`);
  process.exit(2);
});
