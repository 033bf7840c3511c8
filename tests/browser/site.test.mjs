// Browser tests of the site that `sopbook build` writes, driven with playwright-core against
// Debian's /usr/bin/chromium (no browser is ever downloaded). Run from this folder:
//     npm ci && npm test
// The binary is $SOPBOOK_BIN, else target/release/sopbook of this repository
// (`cargo build --release` first). Pages are opened straight from disk (file://), as a reader
// who unzipped the site would; nothing here touches the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const BIN = process.env.SOPBOOK_BIN || path.join(REPO, 'target', 'release', 'sopbook');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = require.resolve('axe-core/axe.min.js');
const TODAY = '2026-11-27';

// The seed procedure of this repository's knowledge base.
const SEED = 'procedures/certificado-digital/a1/perda-do-backup-a1.html';
const SEED_FIELDS = ['CNPJ', 'Nome', 'Dados do cartão', 'Descrição do problema', 'Solução da questão',
  'Categorização', 'Telefone 1', 'Telefone 2', 'E-mail'];
// One page of each kind (paths relative to the site root).
const PAGE_TYPES = {
  home: 'index.html',
  procedure: SEED,
  section: 'sections/certificado-digital.html',
  tag: 'tags/backup.html',
  escalations: 'escalations.html',
  review: 'review.html',
  book: 'book/introducao.html',
  notFound: '404.html',
};
// Kinds of page newer than these tests: checked too when the build writes them.
const OPTIONAL_PAGE_TYPES = {
  checklist: 'checklists/certificado-digital/a1.html',
  checklists: 'checklists.html',
  news: 'news.html', // in a git repository
};

function pageTypes() {
  const optional = Object.entries(OPTIONAL_PAGE_TYPES).filter(([, rel]) => existsSync(path.join(site, rel)));
  return [...Object.entries(PAGE_TYPES), ...optional];
}

let tmp;
let site; // this repository's knowledge base, built
let hostile; // tests/fixtures/hostile, built
let searchSite; // tests/fixtures/search (synonyms, aliases, codes), built
let browser;

function build(root, name, extra = []) {
  const out = path.join(tmp, name);
  const run = spawnSync(BIN, ['build', root, '--out', out, ...extra], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, SOPBOOK_TODAY: TODAY, NO_COLOR: '1' },
  });
  if (run.error) throw new Error(`could not run ${BIN}: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`sopbook build ${root} --out ${out} exited ${run.status}:\n${run.stderr}${run.stdout}`);
  }
  return out;
}

before(async () => {
  if (!existsSync(BIN)) {
    throw new Error(`sopbook binary not found at ${BIN}: run \`cargo build --release\` in ${REPO} ` +
      'or set SOPBOOK_BIN to the binary');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: \`apt-get install -y chromium\` (or set CHROMIUM)`);
  }
  tmp = mkdtempSync(path.join(tmpdir(), 'sopbook-browser-'));
  site = build(REPO, 'site');
  // The hostile fixture has errors on purpose (a `javascript:` manual URL…): built as an editor
  // would force it, and nothing of it may run.
  hostile = build(path.join(REPO, 'tests', 'fixtures', 'hostile'), 'hostile', ['--allow-errors']);
  searchSite = build(path.join(REPO, 'tests', 'fixtures', 'search'), 'search');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (tmp && !process.env.SOPBOOK_KEEP_SITE) rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`built sites kept in ${tmp}`);
});

// ---- helpers ----------------------------------------------------------------------------------

function url(root, rel) {
  return pathToFileURL(path.join(root, rel)).href;
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

/**
 * A fresh context and page, with everything that goes wrong on it collected: uncaught
 * exceptions, console errors, failed loads, and any alert/confirm/prompt (dismissed).
 */
async function open(target, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    problems.push(`console.error: ${message.text()}` + (where && where.url ? ` (${where.url}:${where.lineNumber})` : ''));
  });
  page.on('requestfailed', (request) => {
    problems.push(`failed to load ${request.url()}: ${request.failure() ? request.failure().errorText : '?'}`);
  });
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}(${JSON.stringify(dialog.message())})`);
    await dialog.dismiss().catch(() => {});
  });
  if (target) await page.goto(target, { waitUntil: 'load' });
  return { context, page, problems, dialogs };
}

/** Waits until the search list shows results (or a final message) and returns them. */
async function searchResults(page) {
  await page.waitForFunction(() => {
    const list = document.getElementById('search-results');
    if (!list || list.hidden || !list.children.length) return false;
    // The list answers the query in the box (search runs asynchronously).
    if (list.getAttribute('data-query') !== document.getElementById('search-input').value) return false;
    const first = list.firstElementChild;
    // A lone message while the index loads ("Carregando…") is not final yet.
    return !(first.classList.contains('search-message') && /…$/.test(first.textContent.trim()));
  }, null, { timeout: 5000 });
  return page.$$eval('#search-results li[role=option]', (items) => items.map((li) => {
    // The option carries its address (a link inside an option would be a nested control).
    const target = li.getAttribute('data-href');
    return {
      id: li.id,
      isStep: li.classList.contains('search-result-is-step'),
      isChapter: li.classList.contains('search-result-is-chapter'),
      isAll: li.classList.contains('search-result-is-all'),
      isMessage: li.classList.contains('search-message'),
      title: (li.querySelector('.search-result-title') || {}).textContent || '',
      text: li.textContent,
      marks: Array.from(li.querySelectorAll('mark'), (m) => m.textContent),
      href: target ? new URL(target, document.baseURI).href : null,
    };
  }));
}

async function search(page, query) {
  const input = page.locator('#search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(query);
  return searchResults(page);
}

function describeResults(results) {
  return results.map((r) => `  - ${r.text.replace(/\s+/g, ' ').trim()} → ${r.href}`).join('\n') || '  (none)';
}

function filePath(href) {
  const u = new URL(href);
  u.hash = '';
  u.search = '';
  return fileURLToPath(u);
}

/** The ids of flowchart nodes that carry fc-current. */
function currentNodes(page) {
  return page.$$eval('.fc-current', (nodes) => nodes.map((n) => n.id));
}

async function expectCurrent(page, step) {
  await page.waitForFunction((id) => {
    const node = document.getElementById('fc-' + id);
    return node && node.classList.contains('fc-current');
  }, step, { timeout: 3000 }).catch(() => {});
  assert.deepEqual(await currentNodes(page), [`fc-${step}`], `flowchart node #fc-${step} should be the only fc-current`);
}

function formatViolations(label, violations) {
  return violations.map((v) => [
    `${label}: [${v.impact}] ${v.id} — ${v.help} (${v.helpUrl})`,
    ...v.nodes.map((n) => `    target: ${n.target.join(' ')}\n    html: ${n.html.slice(0, 200)}\n` +
      `    ${(n.failureSummary || '').replace(/\n/g, '\n    ')}`),
  ].join('\n')).join('\n');
}

/** Runs axe-core on the page; fails on serious or critical violations. */
async function assertAccessible(page, label) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`${label}: axe, not failing (minor/moderate): ${minor.map((v) => `${v.id} [${v.impact}]`).join(', ')}`);
  assert.equal(bad.length, 0, `axe found serious/critical violations:\n${formatViolations(label, bad)}`);
}

async function openGuided(page) {
  await page.locator('#guided-open').click();
  const dialog = page.locator('dialog.guided');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

/**
 * A screenshot for the handbook: always taken (a PNG of the page as the test sees it); written
 * into book/img/NAME when SOPBOOK_BOOK_SHOTS=1, which is how the chapter's pictures are made.
 */
async function bookShot(page, name) {
  const png = await page.screenshot();
  assert.ok(png.length > 1000 && png.subarray(1, 4).toString() === 'PNG', `${name} is a PNG`);
  if (process.env.SOPBOOK_BOOK_SHOTS === '1') writeFileSync(path.join(REPO, 'book', 'img', name), png);
}

async function answer(dialog, name) {
  await dialog.getByRole('button', { name, exact: true }).click();
}

// ---- search -----------------------------------------------------------------------------------

test('search: finds procedures by summary and steps, keyboard navigation, Escape', async (t) => {
  const { context, page, problems } = await open(url(site, 'index.html'));
  try {
    await t.test('"nao localiza backup" finds "Perda do Backup A1" (summary: "não localize seu backup")', async () => {
      const results = await search(page, 'nao localiza backup');
      const seed = path.join(site, SEED);
      const hit = results.find((r) => r.title.trim() === 'Perda do Backup A1');
      assert.ok(hit, `no result "Perda do Backup A1" for "nao localiza backup"; results:\n${describeResults(results)}`);
      assert.equal(filePath(hit.href), seed, `the result should link to ${SEED}`);
      assert.ok(existsSync(filePath(hit.href)));
    });

    await t.test('"relacionamento" finds step results, highlighted as "Relacionamento"', async () => {
      const results = await search(page, 'relacionamento');
      const steps = results.filter((r) => r.isStep);
      assert.ok(steps.length > 0, `no step result for "relacionamento"; results:\n${describeResults(results)}`);
      for (const step of steps) {
        assert.match(new URL(step.href).hash, /^#./, `a step result links to its step anchor: ${step.href}`);
        assert.ok(existsSync(filePath(step.href)), `step result points to a missing page: ${step.href}`);
      }
      assert.ok(steps.some((r) => r.marks.includes('Relacionamento')),
        `a step result should highlight "Relacionamento"; marks: ${JSON.stringify(steps.map((r) => r.marks))}`);
    });

    await t.test('Escape clears the box and closes the list', async () => {
      await search(page, 'relacionamento');
      const input = page.locator('#search-input');
      await input.press('Escape');
      assert.equal(await page.locator('#search-results').isHidden(), true, 'the list should be hidden');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.equal(await input.inputValue(), '');
    });

    await t.test('ArrowDown + Enter opens the highlighted result', async () => {
      const results = await search(page, 'relacionamento');
      const input = page.locator('#search-input');
      await input.press('ArrowDown');
      const first = results.find((r) => !r.isMessage);
      assert.ok(first, 'no result to choose');
      assert.equal(await input.getAttribute('aria-activedescendant'), first.id, 'ArrowDown selects the first result');
      assert.equal(await page.locator(`#${first.id}`).getAttribute('aria-selected'), 'true');
      await Promise.all([page.waitForURL(first.href, { timeout: 5000 }), input.press('Enter')]);
      assert.equal(page.url(), first.href);
      assert.ok(existsSync(filePath(page.url())));
      await page.waitForLoadState('load');
      assert.ok((await page.locator('h1').count()) > 0, 'the result page has a heading');
    });

    assert.deepEqual(problems, [], 'no JavaScript errors while searching');
  } finally {
    await context.close();
  }
});

test('search finds what the customer says: typos, inflections, unknown words, results page', async (t) => {
  const { context, page, problems } = await open(url(site, 'index.html'));
  try {
    await t.test('the home page, its box focused on load, loads the index before the first keystroke', async () => {
      await page.waitForFunction(() => !!window.SOPBOOK_SEARCH, null, { timeout: 5000 });
    });

    await t.test('the page analyzes text exactly as the index was built (analyzer-cases.json)', async () => {
      const cases = JSON.parse(readFileSync(path.join(HERE, 'analyzer-cases.json'), 'utf8'));
      await page.addScriptTag({ url: url(site, 'assets/stemmer-pt.js') });
      const differ = await page.evaluate((cases) => cases
        .filter(([text, terms]) => window.SOPBOOK_ANALYZE(text).join(' ') !== terms)
        .map(([text, terms]) => `${JSON.stringify(text)}: index ${JSON.stringify(terms)}, page ${JSON.stringify(window.SOPBOOK_ANALYZE(text).join(' '))}`), cases);
      assert.ok(cases.length > 3000, `${cases.length} cases`);
      assert.deepEqual(differ.slice(0, 20), [], `${differ.length} of ${cases.length} cases differ`);
    });

    for (const query of ['bakcup perdido', 'perdeu o backup', 'cliente formatou computador', 'certificado sem backup',
      'perda do bkup', 'pfx']) {
      await t.test(`"${query}" puts "Perda do Backup A1" first`, async () => {
        const results = await search(page, query);
        assert.equal(results[0].title.trim(), 'Perda do Backup A1', `results:\n${describeResults(results)}`);
      });
    }

    await t.test('a word that is nowhere in the base does not empty the list', async () => {
      const results = await search(page, 'backup xyzzyq perdido');
      assert.equal(results[0].title.trim(), 'Perda do Backup A1', `results:\n${describeResults(results)}`);
    });

    await t.test('a step result links to the step that matches, its words marked', async () => {
      const results = await search(page, 'exportar chave privada');
      const first = results[0];
      assert.ok(first.isStep, `the first result is a step: ${describeResults(results)}`);
      assert.equal(new URL(first.href).hash, '#chave-exportavel');
      assert.ok(first.marks.some((m) => /^chave$/i.test(m)), `marks: ${JSON.stringify(first.marks)}`);
    });

    await t.test('handbook chapters come after every procedure, under their own heading', async () => {
      const results = await search(page, 'backup');
      const lastProcedure = results.map((r) => !r.isChapter && !r.isAll && !r.isMessage).lastIndexOf(true);
      const firstChapter = results.findIndex((r) => r.isChapter);
      assert.ok(firstChapter > lastProcedure, `chapters after procedures:\n${describeResults(results)}`);
      assert.equal(await page.locator('#search-results .search-group').textContent(), 'Manual do editor');
      assert.ok(results[results.length - 1].isAll, 'the last option opens every result');
    });

    await t.test('Enter without a chosen result opens the results page, which lists every result', async () => {
      await search(page, 'perdeu backup');
      await Promise.all([page.waitForURL(/search\.html\?q=perdeu%20backup$/, { timeout: 5000 }),
        page.locator('#search-input').press('Enter')]);
      const results = page.locator('#search-page .search-page-results > li');
      await results.first().waitFor({ timeout: 5000 });
      assert.match(await page.locator('#search-page .search-page-count').innerText(), /^\d+ procedimentos? para “perdeu backup”$/);
      const first = results.first().getByRole('link');
      assert.match(await first.innerText(), /Perda do Backup A1/);
      assert.equal(filePath(new URL(await first.getAttribute('href'), page.url()).href), path.join(site, SEED));
      assert.equal(await page.locator('#search-input').inputValue(), 'perdeu backup');
      assert.equal(await page.title(), 'perdeu backup — Resultados da busca — Base de Conhecimento — Suporte Técnico');
    });

    await t.test('the results page opened directly from file:// shows chapters apart', async () => {
      await page.goto(url(site, 'search.html') + '?q=' + encodeURIComponent('regras do lint'));
      const chapters = page.getByRole('region', { name: 'Manual do editor' });
      await chapters.getByRole('link').first().waitFor({ timeout: 5000 });
      assert.ok(await chapters.getByRole('link', { name: /Referência das regras/ }).count() > 0);
    });

    assert.deepEqual(problems, [], 'no JavaScript errors while searching');
  } finally {
    await context.close();
  }
});

test('guided mode: a CPF field is masked and checked, an optional field is not required, a cross-reference continues the case', async (t) => {
  const { context, page, problems } = await open(url(searchSite, 'procedures/cadastro/titular-pessoa-fisica.html'));
  try {
    const dialog = await openGuided(page);
    await answer(dialog, 'Sim');
    const cpf = dialog.getByLabel('CPF do novo titular');
    await cpf.pressSequentially('52998224700');
    assert.equal(await cpf.inputValue(), '529.982.247-00', 'the CPF is masked as typed');
    await cpf.blur();
    assert.equal(await cpf.getAttribute('aria-invalid'), 'true', 'wrong check digits are refused');
    const message = await page.locator(`[id="${await cpf.getAttribute('aria-describedby')}"]`).innerText();
    assert.match(message, /CPF inválido/);
    await cpf.fill('');
    await cpf.pressSequentially('52998224725');
    await cpf.blur();
    assert.equal(await cpf.getAttribute('aria-invalid'), null, 'a valid CPF is accepted');
    const phoneLabel = await dialog.locator('label[for]', { hasText: 'Telefone de contato' }).innerText();
    assert.doesNotMatch(phoneLabel, /obrigatório/, 'an optional field is not marked required');
    assert.match(await dialog.locator('textarea.guided-note').inputValue(), /CPF do novo titular: 529\.982\.247-25/);

    // A cross-reference in the step's text, followed during the walk, continues the same case.
    await dialog.getByRole('link', { name: /Pinpad não comunica/ }).click();
    await page.waitForURL(/pinpad\.html#guia=/);
    const next = page.locator('dialog.guided');
    await next.waitFor({ state: 'visible' });
    assert.ok(await next.getByRole('link', { name: 'Voltar para Troca do titular pessoa física' }).isVisible());
    await answer(next, 'Feito');
    const note = await next.locator('textarea.guided-note').inputValue();
    assert.match(note, /^Cadastro > Troca do titular pessoa física\n/, note);
    assert.match(note, /CPF do novo titular: 529\.982\.247-25/, note);
    assert.match(note, /\nPDV > Pinpad não comunica\n/, note);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('search: what the editors taught it (synonyms, aliases) and codes matched whole', async (t) => {
  const { context, page, problems } = await open(url(searchSite, 'index.html'));
  try {
    const first = async (query) => {
      const results = await search(page, query);
      return { title: results[0].title.trim(), results };
    };
    await t.test('a synonym finds a procedure that never says the word ("maquininha" = "pinpad")', async () => {
      const { title, results } = await first('maquininha nao comunica');
      assert.equal(title, 'Pinpad não comunica', describeResults(results));
    });
    await t.test('a phrase synonym finds its equivalent ("sefaz recusou" = "rejeição")', async () => {
      const { title, results } = await first('sefaz recusou duplicidade');
      assert.equal(title, 'Rejeição 539: duplicidade com diferença na chave', describeResults(results));
    });
    await t.test('an alias finds its procedure first', async () => {
      const { title, results } = await first('a nota ja existe');
      assert.equal(title, 'Rejeição 539: duplicidade com diferença na chave', describeResults(results));
    });
    await t.test('a code is matched whole: 06001 never finds 06008', async () => {
      const { title, results } = await first('06001 ');
      assert.equal(title, 'Erro 06001 na transmissão');
      assert.ok(!results.some((r) => /06008/.test(r.title)), describeResults(results));
    });
    assert.deepEqual(problems, [], 'no JavaScript errors while searching');
  } finally {
    await context.close();
  }
});

// ---- home page --------------------------------------------------------------------------------

const PHONE = { viewport: { width: 390, height: 844 } };

/** Links and buttons shown in `scope` (a CSS selector) smaller than 24 × 24 px (WCAG 2.5.8). */
async function smallTargets(page, scope) {
  const small = [];
  for (const target of await page.locator(`${scope} a[href], ${scope} button`).all()) {
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    if (box && (box.width < 24 || box.height < 24)) {
      small.push(`${(await target.innerText()).trim()} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}

/** How far the page scrolls sideways, and the elements that stick out on the right. */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.body.querySelectorAll('*'))
      .filter((n) => n.getBoundingClientRect().right > width + 0.5 && n.getBoundingClientRect().width > 0)
      .map((n) => `${n.localName}.${Array.from(n.classList).join('.')}`);
    return { extra: document.documentElement.scrollWidth - width, wide: wide.slice(0, 10) };
  });
}

test('home: the search box is focused on load, and typing a word shows results', async () => {
  const { context, page, problems } = await open(url(site, 'index.html'));
  try {
    assert.equal(await page.locator('#search-input').count(), 1, 'one search box');
    assert.equal(await page.locator('main #search-input').count(), 1, 'in the main area');
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'search-input',
      'the box has the focus without a click');
    await page.keyboard.type('backup');
    const results = await searchResults(page);
    assert.ok(results.some((r) => r.title.trim() === 'Perda do Backup A1'),
      `typing "backup" finds "Perda do Backup A1":\n${describeResults(results)}`);
    assert.deepEqual(problems, [], 'no JavaScript errors');
  } finally {
    await context.close();
  }
});

test('strings: an English site speaks English in its scripts, from the one strings file of every page', async () => {
  // This repository's base with `language = "en"`.
  const root = path.join(tmp, 'english-kb');
  cpSync(path.join(REPO, 'procedures'), path.join(root, 'procedures'), { recursive: true });
  for (const file of ['manuals.toml']) cpSync(path.join(REPO, file), path.join(root, file));
  const toml = readFileSync(path.join(REPO, 'sopbook.toml'), 'utf8').replace('language = "pt-BR"', 'language = "en"');
  assert.match(toml, /language = "en"/);
  writeFileSync(path.join(root, 'sopbook.toml'), toml);
  const english = build(root, 'english');
  const html = readFileSync(path.join(english, SEED), 'utf8');
  assert.ok(!html.includes('guided_done'), 'the strings are not inlined in the page');
  const { context, page, problems } = await open(url(english, SEED));
  try {
    const input = page.locator('#search-input');
    await input.click();
    await input.pressSequentially('xqzwvk');
    await page.locator('#search-results').getByText('No results for “xqzwvk”').waitFor();
    const dialog = await openGuided(page);
    await dialog.getByRole('button', { name: 'Close' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('checklist: a procedure\'s button opens its checklist alone in its section\'s book, on screen and on paper', async () => {
  const { context, page, problems } = await open(url(site, SEED));
  try {
    await page.getByRole('link', { name: 'Checklist para impressão' }).click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /checklists\/certificado-digital\/a1\.html#perda-do-backup-a1$/);
    const titles = () => page.getByRole('heading', { level: 2 }).allInnerTexts();
    assert.deepEqual(await titles(), ['Perda do Backup A1'], 'only the procedure\'s checklist is shown');
    assert.equal(await page.getByRole('link', { name: 'Voltar ao procedimento' }).count(), 1);
    // On paper, that checklist alone, without the book's title and contents.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'no book title on paper');
    assert.deepEqual(await titles(), ['Perda do Backup A1']);
    await page.emulateMedia({ media: 'screen' });
    // The whole book: its contents and every checklist of the section.
    await page.getByRole('link', { name: 'Ver todos os checklists desta seção' }).click();
    await page.waitForFunction(() => !location.hash);
    assert.deepEqual(await titles(), ['Chamado para o Relacionamento', 'Perda do Backup A1']);
    const contents = page.getByRole('navigation', { name: 'Conteúdo' });
    assert.deepEqual(await contents.getByRole('link').allInnerTexts(), ['Chamado para o Relacionamento', 'Perda do Backup A1']);
    await page.getByRole('link', { name: 'Voltar ao procedimento' }).nth(1).click();
    await page.waitForLoadState('load');
    assert.ok(page.url().endsWith(SEED), page.url());
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('history: the home page links to Novidades, and a procedure\'s history opens to say what changed', async (t) => {
  if (!existsSync(path.join(site, 'news.html'))) {
    t.skip('this checkout is not a git repository: the site has no history');
    return;
  }
  const { context, page, problems } = await open(url(site, 'index.html'));
  try {
    // A procedure created or changed in the last 30 days carries its mark in the results.
    await page.keyboard.type('backup');
    await searchResults(page);
    const marks = await page.$$eval('#search-results .search-result-mark', (m) => m.map((e) => e.textContent));
    assert.ok(marks.length > 0 && marks.every((m) => m === 'novo' || m === 'alterado'), `marks: ${marks}`);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Novidades', exact: true }).click();
    await page.waitForURL(/news\.html$/);
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), 'Novidades');
    assert.ok(await page.locator('.news-item').count() > 0, 'the changes of the last days are listed');
    await page.locator('.news-item a.news-title').first().click();
    await page.waitForURL(/procedures\//);
    assert.ok(await page.getByText('Última alteração', { exact: true }).isVisible());
    const history = page.locator('details.history-details');
    assert.equal(await history.getAttribute('open'), null, 'the history starts closed');
    assert.equal(await page.locator('.revision').first().isVisible(), false);
    await page.getByText(/^\d+ alteraç(ão|ões) registradas?$/).click();
    assert.notEqual(await history.getAttribute('open'), null, 'a click opens it');
    assert.ok(await page.locator('.revision').first().isVisible());
    assert.ok((await page.locator('.revision-head time').first().getAttribute('datetime')).match(/^\d{4}-\d{2}-\d{2}$/));
    assert.deepEqual(problems, [], 'no JavaScript errors');
  } finally {
    await context.close();
  }
});

test('home: axe-core finds no violation at all, on a wide screen and on a phone', async () => {
  for (const options of [{}, PHONE]) {
    const { context, page } = await open(url(site, 'index.html'), options);
    try {
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes })));
      assert.equal(violations.length, 0, formatViolations('index.html', violations));
    } finally {
      await context.close();
    }
  }
});

test('home: on a 390×844 phone, touch targets of 24 px, nothing wider than the screen', async (t) => {
  for (const rel of ['index.html', SEED, 'sections/certificado-digital.html', 'review.html']) {
    await t.test(rel, async () => {
      const { context, page } = await open(url(site, rel), PHONE);
      try {
        const scopes = rel === 'index.html' ? ['.site-header', '.site-footer', 'main'] : ['.site-header', '.site-footer'];
        for (const scope of scopes) {
          assert.deepEqual(await smallTargets(page, scope), [], `links or buttons under 24×24 px in ${scope}`);
        }
        const { extra, wide } = await overflow(page);
        assert.equal(extra, 0, `the page scrolls sideways; past the right edge:\n  ${wide.join('\n  ')}`);
      } finally {
        await context.close();
      }
    });
  }
});

test('home: on a 390×844 phone, the header and its search box stay in view down a procedure', async () => {
  const { context, page } = await open(url(site, SEED), PHONE);
  try {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    assert.ok(await page.evaluate(() => window.scrollY) > 1000, 'the procedure is long enough to scroll');
    const header = await page.locator('.site-header').boundingBox();
    assert.equal(Math.round(header.y), 0, 'the header sticks to the top');
    const input = await page.locator('#search-input').boundingBox();
    assert.ok(input.y >= 0 && input.y + input.height <= header.height, `the box is inside the header: ${JSON.stringify(input)}`);
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y).id, { x: input.x + 10, y: input.y + input.height / 2 });
    assert.equal(onTop, 'search-input', 'nothing covers the box');
    await page.goto(`${url(site, SEED)}#chamado`);
    const step = await page.locator('#chamado').boundingBox();
    assert.ok(step.y >= header.height, `a step opened by its address is not under the header: step at ${step.y}, header ${header.height}`);
  } finally {
    await context.close();
  }
});

// ---- guided mode --------------------------------------------------------------------------------

test('guided mode: escalation with case note, and a walk to the resolution', async (t) => {
  const { context, page, problems } = await open(url(site, SEED));
  try {
    await t.test('"Não" to the first question escalates to Relacionamento within 24 horas', async () => {
      const dialog = await openGuided(page);
      await expectCurrent(page, 'acesso-maquina');
      await answer(dialog, 'Não');
      await expectCurrent(page, 'chamado');
      const shown = await dialog.innerText();
      assert.match(shown, /Relacionamento/, `the outcome should name the sector; dialog shows:\n${shown}`);
      assert.match(shown, /24 horas/, `the outcome should give the SLA; dialog shows:\n${shown}`);
      const note = await dialog.locator('textarea.guided-note').inputValue();
      for (const field of SEED_FIELDS) {
        assert.ok(note.includes(field), `case note lacks the ticket field "${field}":\n${note}`);
      }
      assert.match(note, /acesso à máquina da primeira instalação.*Não/,
        `case note should record the question answered and the answer "Não":\n${note}`);
      assert.match(note, /Relacionamento/);
      assert.match(note, /24 horas/);
    });

    await t.test('Sim → "Não, está inibida" → Feito → Sim reaches the resolution', async () => {
      const dialog = page.locator('dialog.guided');
      await dialog.getByRole('button', { name: 'Recomeçar', exact: true }).click();
      await expectCurrent(page, 'acesso-maquina');
      await answer(dialog, 'Sim');
      await expectCurrent(page, 'chave-exportavel');
      await answer(dialog, 'Não, está inibida');
      await expectCurrent(page, 'recuperar-debug');
      await answer(dialog, 'Feito');
      await expectCurrent(page, 'backup-gerado');
      await answer(dialog, 'Sim');
      await expectCurrent(page, 'resolvido');
      const shown = await dialog.innerText();
      assert.match(shown, /Resolvido/, `the resolution should say so; dialog shows:\n${shown}`);
      const note = await dialog.locator('textarea.guided-note').inputValue();
      assert.match(note, /Sim, exportar a chave privada.*Não, está inibida/, `note records answer 2:\n${note}`);
      assert.match(note, /\[x\] Recuperar via DEBUG/, `note records the action done:\n${note}`);
      assert.match(note, /Foi possível gerar o novo backup\? — Sim/, `note records answer 5:\n${note}`);
      assert.doesNotMatch(note, /CNPJ/, 'a resolution asks for no ticket fields');
    });

    await t.test('closing the dialog clears the highlight', async () => {
      await page.keyboard.press('Escape');
      await page.locator('dialog.guided').waitFor({ state: 'hidden' });
      // The highlight goes on the dialog's close event, which is queued.
      await page.waitForFunction(() => !document.querySelector('.fc-current'), null, { timeout: 3000 }).catch(() => {});
      assert.deepEqual(await currentNodes(page), []);
    });

    assert.deepEqual(problems, [], 'no JavaScript errors in guided mode');
  } finally {
    await context.close();
  }
});

// Titles arrive as plain text from the build: the script must not strip a written `\*` again.
test('guided mode: a title with an escaped star keeps it', async () => {
  const root = path.join(tmp, 'star-kb');
  mkdirSync(path.join(root, 'procedures'), { recursive: true });
  writeFileSync(path.join(root, 'procedures', 'p.toml'), [
    'title = "Trocar o certificado"', 'section = "S"', 'owner = "O"', 'updated = 2099-01-01',
    '[steps.renomear]', "title = 'Renomeie o arquivo \\*.pfx'", 'text = "Antes de importar."', 'next = "fim"',
    '[steps.fim]', 'end = "resolution"', '',
  ].join('\n'));
  const out = build(root, 'star', ['--allow-errors']);
  const { context, page, problems } = await open(url(out, 'procedures/p.html'));
  try {
    const dialog = await openGuided(page);
    await expectCurrent(page, 'renomear');
    assert.match(await dialog.locator('.guided-step-title').textContent(), /Renomeie o arquivo \*\.pfx$/);
    await answer(dialog, 'Feito');
    await expectCurrent(page, 'fim');
    const note = await dialog.locator('textarea.guided-note').inputValue();
    assert.match(note, /\[x\] Renomeie o arquivo \*\.pfx/, `note keeps the star:\n${note}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// SLAs in business days (`sla = "2du"`): the deadline skips Saturdays, Sundays and the holidays
// of `[calendar]`, which the build passes in the guided data. The clock is fixed, in Porto
// Alegre's time (UTC−3, no daylight saving time since 2019).
test('guided mode: a deadline in business days skips weekends and holidays', async (t) => {
  const root = path.join(tmp, 'business-days-kb');
  mkdirSync(path.join(root, 'procedures'), { recursive: true });
  writeFileSync(path.join(root, 'sopbook.toml'), '[calendar]\nholidays = [2026-12-25, 2027-01-01, 2027-12-25]\n');
  writeFileSync(path.join(root, 'procedures', 'boleto.toml'), [
    'title = "Boleto vencido"', 'section = "Financeiro"', 'owner = "Financeiro"', 'updated = 2099-01-01',
    '[steps.vencido]', 'text = "O boleto venceu há mais de 30 dias?"',
    'branches = [{ when = "Sim", next = "cobranca" }, { when = "Não", next = "segunda-via" }]',
    '[steps.cobranca]', 'end = "escalation"', 'to = "Cobrança"', 'sla = "2du"',
    '[steps.segunda-via]', 'end = "escalation"', 'to = "Financeiro"', 'sla = "1du"', '',
  ].join('\n'));
  const out = build(root, 'business-days');
  const cases = [
    // [now, answer, the promise shown]
    ['Friday + 1 is Monday', '2026-11-27T15:30:00-03:00', 'Não', '1 dia útil, até 30/11/2026 15:30'],
    ['Friday + 2 is Tuesday', '2026-11-27T15:30:00-03:00', 'Sim', '2 dias úteis, até 01/12/2026 15:30'],
    ['Saturday + 1 is Monday', '2026-11-28T09:00:00-03:00', 'Não', '1 dia útil, até 30/11/2026 09:00'],
    ['Christmas on a Friday is skipped', '2026-12-24T10:00:00-03:00', 'Não', '1 dia útil, até 28/12/2026 10:00'],
    ['New Year\'s Day on a Friday is skipped', '2026-12-31T18:00:00-03:00', 'Sim', '2 dias úteis, até 05/01/2027 18:00'],
    ['Christmas on a Saturday changes nothing', '2027-12-24T09:00:00-03:00', 'Não', '1 dia útil, até 27/12/2027 09:00'],
  ];
  for (const [what, now, reply, promise] of cases) {
    await t.test(`${what}: ${promise}`, async () => {
      const { context, page, problems } = await open(null, { timezoneId: 'America/Sao_Paulo', locale: 'pt-BR' });
      try {
        await page.clock.setFixedTime(new Date(now));
        await page.goto(url(out, 'procedures/boleto.html'), { waitUntil: 'load' });
        const data = JSON.parse(await page.locator('#sopbook-guided').textContent());
        assert.deepEqual(data.holidays, ['2026-12-25', '2027-01-01', '2027-12-25']);
        const dialog = await openGuided(page);
        await answer(dialog, reply);
        await expectCurrent(page, reply === 'Sim' ? 'cobranca' : 'segunda-via');
        assert.equal(await dialog.locator('.guided-sla').innerText(), `Retorno em ${promise}`);
        const note = await dialog.locator('textarea.guided-note').inputValue();
        assert.ok(note.split('\n').includes(`Retorno: ${promise}`), `the note promises ${promise}:\n${note}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});

// The seed with worked examples: this repository's knowledge base, its seed given scenarios
// (named so as not to meet any it may already have). Built once, by the first test that needs it.
const EXAMPLE_SCENARIOS = `
[[scenarios]]
name    = "Exemplo do navegador: máquina formatada"
answers = ["Não"]
expect  = { end = "escalation", to = "Relacionamento" }

[[scenarios]]
name    = "Exemplo do navegador: chave inibida"
answers = { acesso-maquina = "Sim", chave-exportavel = "Não, está inibida", backup-gerado = "Sim" }
expect  = "resolvido"

[[scenarios]]
name    = "Exemplo do navegador: <img src=x onerror=alert(1)>"
answers = ["Sim", "Sim", "Sim"]
expect  = { end = "resolution" }
`;
let examplesSite;
function siteWithExamples() {
  if (examplesSite) return examplesSite;
  const root = path.join(tmp, 'examples-kb');
  for (const entry of ['procedures', 'sopbook.toml', 'manuals.toml']) {
    if (existsSync(path.join(REPO, entry))) cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  }
  const seed = path.join(root, SEED.replace(/\.html$/, '.toml'));
  writeFileSync(seed, readFileSync(seed, 'utf8') + EXAMPLE_SCENARIOS);
  examplesSite = build(root, 'examples');
  return examplesSite;
}

/** The "Percorrer no modo guiado" link of the worked example named `name`. */
function exampleLink(page, name) {
  const example = page.locator('.examples .example').filter({ has: page.getByRole('heading', { name, exact: true }) });
  return example.getByRole('link', { name: 'Percorrer no modo guiado', exact: true });
}

/** The answers so far, as the open panel lists them. */
function guidedTrail(dialog) {
  return dialog.locator('.guided-trail li').allInnerTexts();
}

test('worked examples: "Percorrer no modo guiado" opens the guided mode at the walk\'s end, its answers shown', async (t) => {
  const out = siteWithExamples();
  for (const [mode, viewport] of [['docked', { width: 1280, height: 800 }], ['modal', { width: 800, height: 900 }]]) {
    await t.test(`${mode} panel (${viewport.width} px)`, async () => {
      const { context, page, problems, dialogs } = await open(url(out, SEED), { viewport });
      try {
        const dialog = page.locator('dialog.guided');
        assert.ok(await page.getByRole('heading', { name: 'Exemplos de atendimento', level: 2 }).isVisible());

        const inhibited = exampleLink(page, 'Exemplo do navegador: chave inibida');
        await inhibited.click();
        await dialog.waitFor({ state: 'visible' });
        await expectCurrent(page, 'resolvido');
        assert.match(await dialog.locator('.guided-step-title').innerText(), /Passo 5\s+Resolvido/i);
        const trail = await guidedTrail(dialog);
        assert.equal(trail.length, 4, `four steps before the end: ${JSON.stringify(trail)}`);
        assert.match(trail[0], /primeira instalação.* — Sim$/);
        assert.match(trail[1], / — Não, está inibida$/);
        assert.match(trail[2], /Recuperar via DEBUG/);
        assert.match(trail[3], /Foi possível gerar o novo backup\? — Sim$/);
        const hash = await page.evaluate(() => window.location.hash);
        assert.match(hash, /^#guia=acesso-maquina\.chave-exportavel\.recuperar-debug\.backup-gerado\.resolvido&caso=\w+$/);
        // The panel walks on from there: Back goes to the last decision.
        await dialog.getByRole('button', { name: 'Voltar', exact: true }).click();
        await expectCurrent(page, 'backup-gerado');

        // Closed, focus returns to the link; another example replaces the walk.
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('example-guided'));
        const formatted = exampleLink(page, 'Exemplo do navegador: máquina formatada');
        await formatted.click();
        await dialog.waitFor({ state: 'visible' });
        await expectCurrent(page, 'chamado');
        const shown = await dialog.innerText();
        assert.match(shown, /Relacionamento/);
        assert.match(shown, /24 horas/);
        const note = await dialog.locator('textarea.guided-note').inputValue();
        assert.match(note, /primeira instalação.*— Não/, `the note has the example's answer:\n${note}`);
        assert.doesNotMatch(note, /está inibida/, 'nothing of the example walked before');

        // The same link again, after closing: it opens again (no hash change needed).
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await formatted.click();
        await dialog.waitFor({ state: 'visible' });
        await expectCurrent(page, 'chamado');
        assert.equal((await guidedTrail(dialog)).length, 1);

        assert.deepEqual(problems, [], 'no JavaScript errors');
        assert.deepEqual(dialogs, [], 'the hostile example name ran nothing');
      } finally {
        await context.close();
      }
    });
  }

  await t.test('a reload of the replayed walk resumes it', async () => {
    const { context, page, problems } = await open(url(out, SEED));
    try {
      await exampleLink(page, 'Exemplo do navegador: chave inibida').click();
      await expectCurrent(page, 'resolvido');
      await page.reload({ waitUntil: 'load' });
      await page.locator('dialog.guided').waitFor({ state: 'visible' });
      await expectCurrent(page, 'resolvido');
      assert.equal((await guidedTrail(page.locator('dialog.guided'))).length, 4);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  await t.test('without JavaScript the examples read as text and the link stays hidden', async () => {
    const { context, page } = await open(url(out, SEED), { javaScriptEnabled: false });
    try {
      const example = page.locator('.example').filter({ hasText: 'Exemplo do navegador: chave inibida' });
      assert.ok(await example.isVisible());
      const lines = await example.locator('.example-walk > li').allInnerTexts();
      assert.deepEqual(lines.map((l) => l.replace(/\s+/g, ' ').trim()), [
        'Passo 1: Acesso à máquina da primeira instalação Resposta: Sim',
        'Passo 2: Opção de exportar a chave privada Resposta: Não, está inibida',
        'Passo 4: Recuperar via DEBUG',
        'Passo 5: Resultado Resposta: Sim',
        'Passo 6: Novo backup do certificado digital A1 gerado.',
      ]);
      assert.equal((await example.locator('.example-outcome').innerText()).trim(), 'Resultado: caso resolvido');
      assert.ok(await example.locator('a.example-guided').isHidden());
      const hostileName = page.getByRole('heading', { name: 'Exemplo do navegador: <img src=x onerror=alert(1)>', exact: true });
      assert.equal(await hostileName.count(), 1, 'the hostile name is shown as text');
      assert.equal(await page.locator('.example-name img').count(), 0);
    } finally {
      await context.close();
    }
  });

  await t.test('axe-core: no serious or critical violation with the examples', async () => {
    const { context, page } = await open(url(out, SEED));
    try {
      await assertAccessible(page, 'worked examples');
    } finally {
      await context.close();
    }
  });
});

// The kinds the build infers for the seed's ticket fields. A page whose fields are plain names
// (a build older than field kinds) is given these, so the form is tested either way.
const SEED_KINDS = {
  CNPJ: { kind: 'cnpj', required: true },
  'Descrição do problema': { kind: 'long-text', required: true },
  'Solução da questão': { kind: 'long-text', required: true },
  'Telefone 1': { kind: 'phone', required: true },
  'Telefone 2': { kind: 'phone', required: false },
  'E-mail': { kind: 'email', required: true },
};
// 2 Dec 2026, 15:30 in Porto Alegre (UTC−3): the date on the note, 24 h before its deadline.
const NOW = new Date('2026-12-02T15:30:00-03:00');
const CASE_OPTIONS = { timezoneId: 'America/Sao_Paulo', locale: 'pt-BR' };

/** Gives the seed page's escalation fields their kinds; returns a function that undoes it. */
function seedWithKinds() {
  const file = path.join(site, SEED);
  const html = readFileSync(file, 'utf8');
  const optional = '<span class="field-optional">(opcional)</span>';
  const patched = html.replace(/<ul class="fields">([\s\S]*?)<\/ul>/g, (all, items) => {
    const fields = items.replace(/<li[^>]*>([^<]*?)(?: <span class="field-optional">[^<]*<\/span>)?<\/li>/g, (li, name) => {
      const given = SEED_KINDS[name] || { kind: 'text', required: true };
      return `<li data-kind="${given.kind}">${name}${given.required ? '' : ' ' + optional}</li>`;
    });
    return `<ul class="fields">${fields}</ul>`;
  });
  assert.notEqual(patched, html, 'the seed page lists ticket fields');
  writeFileSync(file, patched);
  return () => writeFileSync(file, html);
}

/**
 * The step graph as the page's step list shows it (read here, apart from guided.js): the start
 * from the guided data, each step's kind, its next step or its answers and their steps.
 */
async function pageGraph(page) {
  return page.evaluate(() => {
    const data = JSON.parse(document.getElementById('sopbook-guided').textContent);
    const target = (a) => (a ? a.getAttribute('href').slice(1) : null);
    const steps = {};
    for (const li of document.querySelectorAll('ol.steps > li.step')) {
      const kind = ['action', 'decision', 'resolution', 'escalation'].find((k) => li.classList.contains(`step-${k}`));
      steps[li.id] = {
        kind,
        next: target(li.querySelector(':scope > .step-next a[href^="#"]')),
        branches: [...li.querySelectorAll(':scope > .branches > li')].map((b) => ({
          when: b.querySelector('.answer').textContent,
          next: target(b.querySelector('a[href^="#"]')),
        })),
      };
    }
    return { start: data.start, steps };
  });
}

/** Every path from the start to a terminal, as the labels to click ("Feito" for an action). */
function seedPaths(data) {
  const out = [];
  const walk = (id, labels, ids) => {
    const step = data.steps[id];
    if (step.kind === 'resolution' || step.kind === 'escalation') {
      out.push({ labels, ids: [...ids, id], end: id });
    } else if (step.kind === 'action') {
      walk(step.next, [...labels, 'Feito'], [...ids, id]);
    } else {
      for (const b of step.branches) walk(b.next, [...labels, b.when], [...ids, id]);
    }
  };
  walk(data.start, [], []);
  return out;
}

async function openCase(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, ...CASE_OPTIONS });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  await page.clock.setFixedTime(NOW);
  await page.goto(url(site, SEED), { waitUntil: 'load' });
  return { context, page, problems };
}

async function inViewport(locator) {
  return locator.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && style.visibility !== 'hidden' &&
      box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

const EXPECTED_NOTE = `Certificado Digital > A1 > Perda do Backup A1
Data: 02/12/2026 15:30

Caminho:
1. O cliente ainda tem acesso à máquina da primeira instalação do certificado, e ela não foi formatada? — Não

Resultado: Chamado para o Relacionamento
Encaminhar para: Relacionamento
Retorno: 24 horas, até 03/12/2026 15:30

Dados para o chamado:
CNPJ: 11.222.333/0001-81
Nome: Padaria Pão Quente Ltda
Dados do cartão: ____________
Descrição do problema: Formatou o computador
  e perdeu o arquivo .pfx
Solução da questão: ____________
Categorização: ____________
Telefone 1: (51) 99999-8888
Telefone 2: (51) 3333-4444
E-mail: compras@padaria.com.br

Número da demanda: ____________`;

test('guided mode: a case walked, its ticket form, its note, across procedures and reloads', async (t) => {
  const restore = seedWithKinds();
  try {
    await t.test('every path of the seed reaches its terminal, counted and drawn on the flowchart', async () => {
      const { context, page, problems } = await openCase();
      try {
        const paths = seedPaths(await pageGraph(page));
        assert.equal(paths.length, 5, `the seed has 5 paths: ${JSON.stringify(paths.map((p) => p.labels))}`);
        const dialog = await openGuided(page);
        for (const walk of paths) {
          await dialog.getByRole('button', { name: 'Recomeçar', exact: true }).click();
          for (const label of walk.labels) await answer(dialog, label);
          await expectCurrent(page, walk.end);
          const visited = await page.$$eval('.fc-visited', (nodes) => nodes.map((n) => n.id));
          assert.deepEqual(visited.sort(), walk.ids.slice(0, -1).map((id) => `fc-${id}`).sort(), `visited nodes of ${walk.labels}`);
          const title = await dialog.locator('.guided-step-title').textContent();
          assert.match(title, new RegExp(`^Passo ${walk.ids.length}\\b`), `"Passo N" counts the path: ${title}`);
          const trail = await dialog.locator('.guided-trail button').count();
          assert.equal(trail, walk.labels.length, 'the answers so far list each step left behind');
          assert.ok(await inViewport(dialog.getByRole('button', { name: 'Copiar nota' })), 'Copy is in view at the terminal');
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    await t.test('keyboard: 2 answers "Não", Backspace goes back; an answer so far is a way back', async () => {
      const { context, page } = await openCase();
      try {
        const dialog = await openGuided(page);
        await page.keyboard.press('1');
        await expectCurrent(page, 'chave-exportavel');
        await page.keyboard.press('Backspace');
        await expectCurrent(page, 'acesso-maquina');
        await page.keyboard.press('2');
        await expectCurrent(page, 'chamado');
        await dialog.getByLabel('Nome').fill('x');
        await page.keyboard.press('Backspace');
        await expectCurrent(page, 'chamado');
        await dialog.locator('.guided-trail button').first().click();
        await expectCurrent(page, 'acesso-maquina');
      } finally {
        await context.close();
      }
    });

    await t.test('the form refuses an invalid CNPJ with a message, accepts a valid one, and the note is copied', async () => {
      const { context, page, problems } = await openCase();
      try {
        const dialog = await openGuided(page);
        await answer(dialog, 'Não');
        const cnpj = dialog.getByLabel('CNPJ');
        assert.equal(await cnpj.getAttribute('inputmode'), 'numeric');
        assert.match(await dialog.locator('label[for]', { hasText: 'CNPJ' }).innerText(), /obrigatório/);
        await cnpj.pressSequentially('11222333000100');
        assert.equal(await cnpj.inputValue(), '11.222.333/0001-00', 'the CNPJ is masked as typed');
        await cnpj.blur();
        assert.equal(await cnpj.getAttribute('aria-invalid'), 'true');
        const errorId = await cnpj.getAttribute('aria-describedby');
        const message = await page.locator(`[id="${errorId}"]`).innerText();
        assert.match(message, /CNPJ inválido/, `the message explains: ${message}`);
        assert.match(await dialog.locator('textarea.guided-note').inputValue(), /CNPJ: _+/, 'an invalid CNPJ stays out of the note');
        await assertAccessible(page, `${SEED} guided escalation with an invalid CNPJ`);

        await cnpj.fill('');
        await cnpj.pressSequentially('11222333000181');
        await cnpj.blur();
        assert.equal(await cnpj.inputValue(), '11.222.333/0001-81');
        assert.equal(await cnpj.getAttribute('aria-invalid'), null, 'a valid CNPJ is accepted');
        assert.ok(await page.locator(`[id="${errorId}"]`).isHidden(), 'the message goes');

        await dialog.getByLabel('Nome').fill('Padaria Pão Quente Ltda');
        const description = dialog.getByLabel('Descrição do problema');
        assert.equal(await description.evaluate((n) => n.localName), 'textarea', 'long text is a textarea');
        await description.fill('Formatou o computador\ne perdeu o arquivo .pfx');
        await dialog.getByLabel('Telefone 1').pressSequentially('51999998888');
        assert.equal(await dialog.getByLabel('Telefone 1').inputValue(), '(51) 99999-8888');
        await dialog.getByLabel('Telefone 2').pressSequentially('5133334444');
        assert.equal(await dialog.getByLabel('Telefone 2').inputValue(), '(51) 3333-4444');
        const email = dialog.getByLabel('E-mail');
        await email.fill('compras@padaria');
        await email.blur();
        assert.equal(await email.getAttribute('aria-invalid'), 'true', 'an e-mail without a domain is refused');
        await email.fill('compras@padaria.com.br');
        await email.blur();
        assert.equal(await email.getAttribute('aria-invalid'), null);
        await bookShot(page, 'guiado-chamado.png');

        const copyButton = dialog.getByRole('button', { name: 'Copiar nota' });
        await copyButton.click();
        await dialog.getByRole('status').filter({ hasText: 'Copiado!' }).waitFor(); // announced to screen readers (the visible mark is aria-hidden)
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        assert.equal(copied, EXPECTED_NOTE);
        assert.equal(await dialog.locator('textarea.guided-note').inputValue(), EXPECTED_NOTE, 'the note shown is the one copied');
        assert.equal((copied.match(/^CNPJ:/gm) || []).length, 1, 'the field list appears once');

        const [download] = await Promise.all([page.waitForEvent('download'),
          dialog.getByRole('button', { name: 'Baixar nota' }).click()]);
        assert.match(download.suggestedFilename(), /\.txt$/);
        const saved = readFileSync(await download.path(), 'utf8');
        assert.equal(saved.trimEnd(), EXPECTED_NOTE, 'the downloaded note is the same text');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    await t.test('without the Clipboard API, Copy falls back to selecting and copying a hidden textarea', async () => {
      const { context, page } = await openCase();
      try {
        await page.evaluate(() => {
          Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
          window.copiedByCommand = [];
          const real = document.execCommand.bind(document);
          document.execCommand = (name) => {
            if (name === 'copy') window.copiedByCommand.push(String(window.getSelection()) || document.activeElement.value);
            return real(name) || name === 'copy';
          };
        });
        const dialog = await openGuided(page);
        await answer(dialog, 'Não');
        await dialog.getByRole('button', { name: 'Copiar nota' }).click();
        await dialog.getByRole('status').filter({ hasText: 'Copiado!' }).waitFor(); // announced to screen readers (the visible mark is aria-hidden)
        const copied = await page.evaluate(() => window.copiedByCommand);
        assert.equal(copied.length, 1);
        assert.match(copied[0], /Número da demanda: _+$/);
      } finally {
        await context.close();
      }
    });

    await t.test('reload resumes the walk; Back and Forward move through it', async () => {
      const { context, page } = await openCase();
      try {
        let dialog = await openGuided(page);
        await answer(dialog, 'Sim');
        await answer(dialog, 'Não, está inibida');
        await expectCurrent(page, 'recuperar-debug');
        assert.match(page.url(), /#guia=acesso-maquina\.chave-exportavel\.recuperar-debug&caso=/);
        await page.reload({ waitUntil: 'load' });
        dialog = page.locator('dialog.guided');
        await dialog.waitFor({ state: 'visible' });
        await expectCurrent(page, 'recuperar-debug');
        assert.equal(await dialog.locator('.guided-trail button').count(), 2, 'the answers so far survive the reload');
        await page.goBack();
        await expectCurrent(page, 'chave-exportavel');
        await page.goForward();
        await expectCurrent(page, 'recuperar-debug');
        await page.locator('ol.steps a.step-number[href="#resolvido"]').click();
        assert.ok(await dialog.isVisible(), 'a step anchor followed on the page leaves the panel open');
        await page.waitForFunction(() => /#guia=acesso-maquina\.chave-exportavel\.recuperar-debug&/.test(location.hash));
        await expectCurrent(page, 'recuperar-debug');
        await page.goto(url(site, SEED), { waitUntil: 'load' });
        assert.ok(await page.locator('dialog.guided').isHidden(), 'without a walk in the address, the panel stays closed');
        dialog = await openGuided(page);
        await expectCurrent(page, 'acesso-maquina');
        assert.equal(await dialog.locator('.guided-trail button').count(), 0, 'the button starts a new case');
      } finally {
        await context.close();
      }
    });

    await t.test('following `via` continues the case in "Chamado para o Relacionamento", and back', async () => {
      const { context, page, problems } = await openCase();
      try {
        let dialog = await openGuided(page);
        await answer(dialog, 'Não');
        await dialog.getByLabel('CNPJ').fill('11.222.333/0001-81');
        await dialog.getByRole('link', { name: 'Certificado Digital > A1 > Chamado para o Relacionamento' }).click();
        await page.waitForURL(/chamado-para-o-relacionamento\.html#guia=/);
        dialog = page.locator('dialog.guided');
        await dialog.waitFor({ state: 'visible' });
        const back = dialog.getByRole('link', { name: 'Voltar para Perda do Backup A1' });
        assert.ok(await back.isVisible(), 'the second procedure offers the way back');
        const data = await pageGraph(page);
        for (let guard = 0; guard < 20; guard++) {
          const step = data.steps[await page.evaluate(() => decodeURIComponent(location.hash).match(/guia=([^&]*)/)[1].split('.').pop())];
          if (step.kind === 'resolution' || step.kind === 'escalation') break;
          if (step.kind === 'action') await answer(dialog, 'Feito');
          else await answer(dialog, step.branches[0].when);
        }
        const note = await dialog.locator('textarea.guided-note').inputValue();
        assert.match(note, /^Certificado Digital > A1 > Perda do Backup A1\n/, `the note starts with the first procedure:\n${note}`);
        assert.match(note, /1\. O cliente ainda tem acesso .* — Não/, note);
        assert.match(note, /CNPJ: 11\.222\.333\/0001-81/, note);
        assert.match(note, /\nCertificado Digital > A1 > Chamado para o Relacionamento\nCaminho:\n2\. \[x\] Abrir o atendimento/, note);
        await back.click();
        await page.waitForURL(/perda-do-backup-a1\.html#guia=acesso-maquina\.chamado/);
        dialog = page.locator('dialog.guided');
        await dialog.waitFor({ state: 'visible' });
        await expectCurrent(page, 'chamado');
        assert.equal(await dialog.getByLabel('CNPJ').inputValue(), '11.222.333/0001-81', 'the fields survive');
        const combined = await dialog.locator('textarea.guided-note').inputValue();
        assert.match(combined, /\[x\] Abrir o atendimento/, `back home, the note still has both paths:\n${combined}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    for (const viewport of [{ width: 1024, height: 720 }, { width: 390, height: 844 }]) {
      await t.test(`at ${viewport.width}×${viewport.height} the Copy button is in view at the escalation`, async () => {
        const { context, page } = await openCase(viewport);
        try {
          const before = await page.evaluate(() => window.scrollY);
          const dialog = await openGuided(page);
          assert.equal(await page.evaluate(() => window.scrollY), before, 'opening the panel does not move the page');
          await answer(dialog, 'Não');
          await dialog.getByLabel('CNPJ').waitFor();
          assert.ok(await inViewport(dialog.getByRole('button', { name: 'Copiar nota' })), 'Copy is in the viewport');
          if (viewport.width < 600) await bookShot(page, 'guiado-celular.png');
          const underline = await dialog.locator('.guided-proc').evaluate((n) => getComputedStyle(n).borderBottomStyle);
          assert.equal(underline, 'none', 'the site-wide h2 underline stays out of the panel');
        } finally {
          await context.close();
        }
      });
    }
  } finally {
    restore();
  }
});

// ---- links --------------------------------------------------------------------------------------

test('links: every local href/src of every page resolves, fragments included', async () => {
  const pages = htmlFiles(site);
  assert.ok(pages.length >= Object.keys(PAGE_TYPES).length, `only ${pages.length} pages built`);
  // The static markup is what is checked: JavaScript off.
  const { context, page } = await open(null, { javaScriptEnabled: false });
  const ids = new Map(); // file → Set of ids
  const refs = []; // {from, attr, raw, href}
  try {
    for (const file of pages) {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'domcontentloaded' });
      const found = await page.evaluate(() => ({
        ids: Array.from(document.querySelectorAll('[id]'), (n) => n.id),
        refs: Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src]'), (n) => {
          const attr = n.hasAttribute('src') ? 'src' : 'href';
          const raw = n.getAttribute(attr);
          let href = null;
          try { href = new URL(raw, document.baseURI).href; } catch (e) { /* reported below */ }
          return { tag: n.localName, attr, raw, href };
        }),
      }));
      ids.set(file, new Set(found.ids));
      for (const ref of found.refs) refs.push({ from: file, ...ref });
    }
  } finally {
    await context.close();
  }

  const broken = [];
  let checked = 0;
  for (const ref of refs) {
    const from = path.relative(site, ref.from);
    const say = (why) => broken.push(`${from}: <${ref.tag} ${ref.attr}="${ref.raw}">: ${why}`);
    if (from === '404.html' && ref.raw.startsWith('/')) continue; // served from the site root
    if (ref.href === null) { say('not a valid URL'); continue; }
    const u = new URL(ref.href);
    if (['http:', 'https:', 'mailto:'].includes(u.protocol)) continue;
    checked++;
    if (u.protocol !== 'file:') { say(`unexpected scheme ${u.protocol}`); continue; }
    let target;
    try { target = filePath(ref.href); } catch (e) { say(e.message); continue; }
    if (path.relative(site, target).startsWith('..')) { say(`points outside the site: ${target}`); continue; }
    if (!existsSync(target)) { say(`no such file ${path.relative(site, target)}`); continue; }
    if (statSync(target).isDirectory()) {
      if (!existsSync(path.join(target, 'index.html'))) say('points to a folder without index.html');
      target = path.join(target, 'index.html');
    }
    if (u.hash.length > 1) {
      let fragment;
      try { fragment = decodeURIComponent(u.hash.slice(1)); } catch (e) { say(`bad percent-encoding in ${u.hash}`); continue; }
      const targetIds = ids.get(target);
      if (!targetIds) say(`fragment #${fragment} on a page that is not HTML`);
      else if (!targetIds.has(fragment)) say(`no id "${fragment}" in ${path.relative(site, target)}`);
    }
  }
  console.log(`links: ${pages.length} pages, ${refs.length} references, ${checked} local ones checked`);
  assert.ok(checked > 0, 'no local links found: is the crawl working?');
  assert.deepEqual(broken, [], `broken references:\n${broken.join('\n')}`);
});

// ---- JavaScript errors ----------------------------------------------------------------------------

test('no JavaScript errors on any page type (search index loaded, guided mode opened)', async (t) => {
  for (const [kind, rel] of pageTypes()) {
    await t.test(`${kind}: ${rel}`, async () => {
      const { context, page, problems } = await open(url(site, rel));
      try {
        if (await page.locator('#search-input').count()) {
          // Makes search.js load the search index and render results.
          const results = await search(page, 'certificado');
          assert.ok(results.length > 0, 'search shows something');
        }
        if (await page.locator('#guided-open').isVisible()) {
          const dialog = await openGuided(page);
          await dialog.getByRole('button').first().waitFor();
          await page.keyboard.press('Escape');
        }
        await page.waitForTimeout(100);
        assert.deepEqual(problems, [], `JavaScript errors on ${rel}`);
      } finally {
        await context.close();
      }
    });
  }
});

// ---- accessibility ----------------------------------------------------------------------------------

test('accessibility: axe-core finds no serious or critical violation', async (t) => {
  for (const [kind, rel] of pageTypes()) {
    await t.test(`${kind}: ${rel}`, async () => {
      const { context, page } = await open(url(site, rel));
      try {
        await assertAccessible(page, rel);
      } finally {
        await context.close();
      }
    });
  }

  await t.test('search results open (home)', async () => {
    const { context, page } = await open(url(site, 'index.html'));
    try {
      await search(page, 'relacionamento');
      await assertAccessible(page, 'index.html with search results');
    } finally {
      await context.close();
    }
  });

  await t.test('dark colour scheme: home and procedure', async () => {
    const { context, page } = await open(null, { colorScheme: 'dark' });
    try {
      for (const rel of [PAGE_TYPES.home, PAGE_TYPES.procedure]) {
        await page.goto(url(site, rel), { waitUntil: 'load' });
        await assertAccessible(page, `${rel} (dark)`);
      }
    } finally {
      await context.close();
    }
  });

  const guidedCases = [
    ['docked, 1280×800', { viewport: { width: 1280, height: 800 } }],
    ['modal, 360×740', { viewport: { width: 360, height: 740 } }],
    ['modal, 360×740, dark', { viewport: { width: 360, height: 740 }, colorScheme: 'dark' }],
  ];
  for (const [label, options] of guidedCases) {
    await t.test(`guided dialog open (${label})`, async () => {
      const { context, page } = await open(url(site, SEED), options);
      try {
        const dialog = await openGuided(page);
        await assertAccessible(page, `${SEED} guided dialog, first question (${label})`);
        await answer(dialog, 'Não');
        await dialog.locator('textarea.guided-note').waitFor();
        await assertAccessible(page, `${SEED} guided dialog, escalation (${label})`);
      } finally {
        await context.close();
      }
    });
  }
});

// ---- responsive ---------------------------------------------------------------------------------------

test('responsive: no horizontal scroll at 360×740', async (t) => {
  const pages = [['procedure', site, SEED], ['hostile procedure (very long word)', null, 'procedures/x/hostil.html']];
  for (const [label, root, rel] of pages) {
    await t.test(`${label}: ${rel}`, async () => {
      const { context, page } = await open(url(root || hostile, rel), { viewport: { width: 360, height: 740 } });
      try {
        const measure = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const wide = [];
          for (const node of document.body.querySelectorAll('*')) {
            const box = node.getBoundingClientRect();
            if (box.right > width + 0.5 && box.width > 0) {
              wide.push(`${node.localName}${node.id ? '#' + node.id : ''}${node.classList.length ? '.' + Array.from(node.classList).join('.') : ''} right=${Math.round(box.right)}`);
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 15) };
        });
        assert.ok(measure.scrollWidth <= 360,
          `scrollWidth ${measure.scrollWidth} > 360; elements past the right edge:\n  ${measure.wide.join('\n  ')}`);
      } finally {
        await context.close();
      }
    });
  }
});

// ---- no JavaScript ------------------------------------------------------------------------------------

test('no JavaScript: the procedure page shows every step, the guided button stays hidden', async () => {
  const { context, page } = await open(url(site, SEED), { javaScriptEnabled: false });
  try {
    const stepIds = Object.keys((await pageGraph(page)).steps);
    assert.ok(stepIds.length >= 7, `the seed has 7 steps, the page data lists ${stepIds.length}`);
    const items = page.locator('ol.steps > li.step');
    assert.equal(await items.count(), stepIds.length, 'one list item per step');
    for (const id of stepIds) {
      const item = page.locator(`ol.steps > li.step[id="${id}"]`);
      assert.equal(await item.count(), 1, `step ${id} is on the page`);
      assert.ok(await item.isVisible(), `step ${id} is visible`);
      assert.ok(await item.locator('.step-heading').isVisible(), `step ${id} shows its heading`);
      const text = (await item.innerText()).trim();
      assert.ok(text.length > 0, `step ${id} shows text`);
    }
    assert.equal(await page.locator('#guided-open').count(), 1, 'the guided button is in the page');
    assert.ok(await page.locator('#guided-open').isHidden(), 'the guided button stays hidden without JavaScript');
    assert.ok(await page.locator('figure.flowchart svg').isVisible(), 'the flowchart is shown');
  } finally {
    await context.close();
  }
});

// ---- hostile text ---------------------------------------------------------------------------------------

/** Markup that must not exist in a page built from hostile text: scripts, handlers, js: URLs. */
async function injected(page, root) {
  const rootUrl = pathToFileURL(root).href.replace(/\/?$/, '/');
  return page.evaluate((rootUrl) => {
    const found = [];
    // The theme's own scripts (assets/*.js) and the search index; content cannot write files there.
    const own = (src) => {
      let u;
      try { u = new URL(src, document.baseURI); } catch (e) { return false; }
      if (u.protocol !== 'file:' || u.search || u.hash) return false;
      const rel = u.href.startsWith(rootUrl) ? u.href.slice(rootUrl.length) : null;
      return /^search\/(index|[td]\d+)\.js$/.test(rel || '') || /^assets\/[\w.-]+\.js$/.test(rel || '');
    };
    for (const s of document.querySelectorAll('script')) {
      const type = (s.getAttribute('type') || '').trim().toLowerCase();
      if (type === 'application/json' && !s.hasAttribute('src')) continue;
      if (s.hasAttribute('src') && own(s.getAttribute('src')) && !s.textContent.trim()) continue;
      found.push(`script: ${s.outerHTML.slice(0, 120)}`);
    }
    for (const n of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], style:not(head style)')) {
      found.push(`${n.localName}: ${n.outerHTML.slice(0, 120)}`);
    }
    for (const n of document.querySelectorAll('*')) {
      for (const a of n.attributes) {
        if (/^on/i.test(a.name)) found.push(`<${n.localName} ${a.name}="${a.value}">`);
        const name = a.name.toLowerCase();
        const value = a.value.replace(/[\u0000-\u0020]/g, '');
        // A data: image cannot run script; a data: link or frame can.
        const scheme = n.localName === 'img' ? /^(javascript|vbscript):/i : /^(javascript|vbscript|data):/i;
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name) && scheme.test(value)) {
          found.push(`<${n.localName} ${a.name}="${a.value}">`);
        }
      }
    }
    return found;
  }, rootUrl);
}

test('hostile text: shown literally, never run', async (t) => {
  await t.test('procedure page, guided mode walked through every branch', async () => {
    const { context, page, dialogs } = await open(url(hostile, 'procedures/x/hostil.html'));
    try {
      const h1 = await page.locator('h1').innerText();
      assert.ok(h1.includes("<script>alert('t')</script>"), `the title shows <script> literally; h1: ${h1}`);
      const title = await page.title();
      assert.ok(title.includes("<script>alert('t')</script>"), `document title shows <script> literally: ${title}`);
      assert.ok(title.includes('</title><script>alert(15)</script>'), `site title shown literally: ${title}`);
      // Hover and focus everything that could carry a handler.
      for (const selector of ['a', '.tag', 'img', 'dd', 'h1']) {
        for (const node of await page.locator(selector).all()) {
          if (await node.isVisible()) await node.hover({ timeout: 500, force: true }).catch(() => {});
        }
      }
      const dialog = await openGuided(page);
      const answers = await dialog.locator('.guided-answers .guided-answer-text').allInnerTexts();
      assert.ok(answers.length >= 2, `guided mode shows both answers: ${JSON.stringify(answers)}`);
      assert.ok(answers.some((a) => a.includes('<script>alert(11)</script>')), `answers shown literally: ${JSON.stringify(answers)}`);
      for (const [i, label] of answers.entries()) {
        await dialog.getByRole('button', { name: 'Recomeçar', exact: true }).click();
        // By position: answers made of direction marks and zero-width characters have no
        // usable accessible name to find them by.
        await dialog.locator('.guided-answers button').nth(i).click();
        await dialog.locator('textarea.guided-note').waitFor();
        const note = await dialog.locator('textarea.guided-note').inputValue();
        assert.ok(note.includes(label), `note records the answer literally: ${note}`);
      }
      await page.waitForTimeout(300);
      assert.deepEqual({ alerts: dialogs, injected: await injected(page, hostile) }, { alerts: [], injected: [] },
        'no alert() ran; no injected script, handler or javascript: URL');
    } finally {
      await context.close();
    }
  });

  await t.test('home page and a search for "script"', async () => {
    const { context, page, dialogs } = await open(url(hostile, 'index.html'));
    try {
      const title = await page.title();
      assert.ok(title.includes('</title><script>alert(15)</script>'), `document title shows it literally: ${title}`);
      const results = await search(page, 'script');
      assert.ok(results.some((r) => !r.isMessage), `"script" finds the hostile procedure:\n${describeResults(results)}`);
      assert.ok(results.some((r) => r.text.includes('<script>')), `results show <script> literally:\n${describeResults(results)}`);
      for (const option of await page.locator('#search-results li[role=option]').all()) {
        await option.hover({ timeout: 500, force: true }).catch(() => {});
      }
      await page.locator('#search-input').press('ArrowDown');
      await page.waitForTimeout(300);
      assert.deepEqual({ alerts: dialogs, injected: await injected(page, hostile) }, { alerts: [], injected: [] },
        'no alert() ran; no injected script, handler or javascript: URL');
    } finally {
      await context.close();
    }
  });

  await t.test('every other page of the hostile site', async () => {
    const { context, page, dialogs } = await open(null);
    const found = [];
    try {
      for (const file of htmlFiles(hostile)) {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        for (const item of await injected(page, hostile)) found.push(`${path.relative(hostile, file)}: ${item}`);
      }
      await page.waitForTimeout(300);
      assert.deepEqual({ alerts: dialogs, injected: found }, { alerts: [], injected: [] },
        'no alert() ran; no injected script, handler or javascript: URL');
    } finally {
      await context.close();
    }
  });
});

// ---- serve ------------------------------------------------------------------------------------

/** Starts `sopbook serve` on a free loopback port; resolves with its URL and the child. */
function serve(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', root, '--port', '0'], { env: { ...process.env, SOPBOOK_TODAY: TODAY } });
    let log = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`serve did not start:\n${log}`)); }, 30000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = log.match(/(?:serving on|servindo em) (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) { clearTimeout(timer); resolve({ child, base: found[1], log: () => log }); }
    });
    child.on('error', reject);
  });
}

test('serve: a saved edit reloads the page, a broken file shows the errors over it, a fix clears them', async () => {
  const root = path.join(tmp, 'serve-kb');
  cpSync(path.join(REPO, 'tests', 'fixtures', 'clean'), root, { recursive: true });
  const file = path.join(root, 'procedures', 'suporte', 'reinstalar.toml');
  const original = readFileSync(file, 'utf8');
  const server = await serve(root);
  const { context, page } = await open(null);
  try {
    await page.goto(server.base + 'procedures/suporte/reinstalar.html', { waitUntil: 'load' });
    await page.waitForTimeout(500); // the event stream connects
    writeFileSync(file, original.replace('Reinstalar o emissor', 'Reinstalar o emissor fiscal'));
    await page.locator('h1', { hasText: 'Reinstalar o emissor fiscal' }).waitFor({ timeout: 15000 });

    writeFileSync(file, original.replace('next = "instalar"', 'next = "instalr"'));
    const overlay = page.locator('#sopbook-overlay');
    await overlay.waitFor({ timeout: 15000 });
    const text = await overlay.innerText();
    assert.match(text, /o site não foi reconstruído \(\d+ erros?\)/, text);
    assert.match(text, /procedures\/suporte\/reinstalar\.toml:12:\d+/, text);
    assert.match(text, /unknown-step/, text);
    assert.match(text, /Corrija o arquivo e salve/, text);
    const box = await overlay.boundingBox();
    assert.ok(box && box.width >= 1200 && box.height >= 700, `the overlay covers the page: ${JSON.stringify(box)}`);

    writeFileSync(file, original);
    await overlay.waitFor({ state: 'detached', timeout: 15000 });
    await page.locator('h1', { hasText: /^Reinstalar o emissor$/ }).waitFor({ timeout: 15000 });
  } finally {
    await context.close();
    server.child.kill('SIGTERM');
  }
  const exited = await new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), 10000);
    server.child.on('exit', () => { clearTimeout(timer); resolve(true); });
  });
  assert.ok(exited, `serve stops within 10 s of SIGTERM:\n${server.log()}`);
});
