// Save-to-repaint latency of `sopbook serve`, as an editor sees it: a page open in Chromium, its
// procedure file saved, the time until the page shows the new text. Not a test (timings vary with
// the machine): a measurement, quoted in book/desempenho.md.
//     node serve-latency.mjs SOPBOOK_BINARY KNOWLEDGE_BASE PROCEDURE_SLUG TEXT_IN_THE_FILE [EDITS]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [bin, root, slug, needle, edits = '10'] = process.argv.slice(2);
if (!needle) {
  console.error('usage: node serve-latency.mjs SOPBOOK_BINARY KNOWLEDGE_BASE PROCEDURE_SLUG TEXT_IN_THE_FILE [EDITS]');
  process.exit(2);
}
const file = path.join(root, 'procedures', `${slug}.toml`);
const original = readFileSync(file, 'utf8');
if (!original.includes(needle)) throw new Error(`${file} has no "${needle}"`);
const server = spawn(bin, ['serve', root, '--port', '0']);
const base = await new Promise((resolve, reject) => {
  let log = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    log += chunk;
    const found = log.match(/(?:serving on|servindo em) (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (found) resolve(found[1]);
  });
  server.on('exit', () => reject(new Error(log)));
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto(`${base}procedures/${slug}.html`, { waitUntil: 'load' });
await page.waitForTimeout(1000);
const times = [];
const phases = [];
let navigated = 0, dom = 0;
page.on('framenavigated', () => { navigated = performance.now(); });
page.on('domcontentloaded', () => { dom = performance.now(); });
try {
  for (let i = 1; i <= Number(edits); i++) {
    const mark = `edição ${i} ${Date.now()}`;
    const started = performance.now();
    const savedAt = Date.now();
    writeFileSync(file, original.replace(needle, `${needle} (${mark})`));
    await page.waitForFunction((text) => document.body && document.body.textContent.includes(text), mark, { timeout: 30000, polling: 'raf' });
    // When the reloaded page was first painted, on the same clock as the save.
    const painted = await page.evaluate(() => new Promise((resolve) => {
      const paint = () => performance.getEntriesByName('first-contentful-paint')[0];
      if (paint()) return resolve(performance.timeOrigin + paint().startTime);
      new PerformanceObserver(() => paint() && resolve(performance.timeOrigin + paint().startTime))
        .observe({ type: 'paint', buffered: true });
    }));
    times.push(painted - savedAt);
    phases.push(`${(navigated - started).toFixed(0)}/${(dom - started).toFixed(0)}`);
    await page.waitForTimeout(2500); // the lists and the search index finish
  }
} finally {
  writeFileSync(file, original);
  await browser.close();
  server.kill('SIGTERM');
}
if (process.env.PHASES) console.log(`navigation committed / DOM ready, ms after the save: ${phases.join(' ')}`);
times.sort((a, b) => a - b);
console.log(`save → reloaded page first painted (with the edit), ms: ${times.map((t) => t.toFixed(0)).join(' ')}; median ${times[Math.floor(times.length / 2)].toFixed(0)}`);
