// What the editor sees: Taplo (the engine of VS Code's Even Better TOML; npm @taplo/cli, a
// devDependency here) checks each file of taplo-cases/ against `sopbook schema`, and its messages
// must be those of the snapshot beside it (taplo-cases/NAME.txt). A case is a procedure, or
// sopbook.toml if its name starts with `config-`, or manuals.toml if with `manuals-`; `valid*`
// cases must give no error, every other case one or two: Taplo marks an error about a table at its
// header and at each of its keys and values, so a schema whose usual mistakes are about a whole
// table (the `oneOf` and `additionalProperties: false` of before) fails here (see src/schema.rs).
// Run from this folder: npm ci && npm test. The binary is $SOPBOOK_BIN, else
// target/release/sopbook of this repository. UPDATE_SNAPSHOTS=1 rewrites the snapshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const BIN = process.env.SOPBOOK_BIN || path.join(REPO, 'target', 'release', 'sopbook');
const TAPLO = path.join(HERE, 'node_modules', '.bin', 'taplo');
const CASES = path.join(HERE, 'taplo-cases');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const MAX_ERRORS = 2;

let tmp;
const schemas = {};

before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'sopbook-taplo-'));
  for (const which of ['procedure', 'config', 'manuals']) {
    const run = spawnSync(BIN, ['schema', which], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${BIN} schema ${which}: ${run.stderr}`);
    schemas[which] = path.join(tmp, `${which}.json`);
    writeFileSync(schemas[which], run.stdout);
  }
});

after(() => rmSync(tmp, { recursive: true, force: true }));

function schemaOf(name) {
  if (name.startsWith('config-')) return 'config';
  if (name.startsWith('manuals-')) return 'manuals';
  return 'procedure';
}

/** Taplo's diagnostics for FILE (a name in taplo-cases/), as the snapshot keeps them: no colours,
 * no log lines (they carry the working directory), the case's path relative to this folder. */
function check(file) {
  const schema = schemas[schemaOf(file)];
  const run = spawnSync(
    TAPLO,
    ['check', '--colors', 'never', '--no-auto-config', '--schema', `file://${schema}`, path.join('taplo-cases', file)],
    { cwd: HERE, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', RUST_LOG: 'error' } },
  );
  assert.ok(run.status === 0 || run.status === 1, `taplo exited with ${run.status}: ${run.stderr}`);
  const text = (run.stdout + run.stderr)
    .replace(/\x1b\[[0-9;]*m/g, '') // colours, if any still came
    .split(tmp).join('$TMP')
    .split(HERE + path.sep).join('')
    .split('\n')
    .filter((line) => !/^\s*(INFO|WARN|ERROR|DEBUG|TRACE) /.test(line))
    .join('\n')
    .replace(/\s+$/, '');
  const errors = text.split('\n').filter((line) => line.startsWith('error')).length;
  return { status: run.status, text: text ? `${text}\n` : '', errors };
}

test('Taplo is installed (npm ci) and the binary is built', () => {
  assert.ok(existsSync(TAPLO), `${TAPLO} is missing: run npm ci in tests/browser`);
  assert.ok(existsSync(BIN), `${BIN} is missing: cargo build --release, or set SOPBOOK_BIN`);
});

const cases = readdirSync(CASES).filter((f) => f.endsWith('.toml')).sort();

test('there are cases, each with its snapshot', () => {
  assert.ok(cases.length >= 6, `only ${cases.length} cases in ${CASES}`);
  if (UPDATE) return;
  for (const file of cases) {
    const snapshot = path.join(CASES, file.replace(/\.toml$/, '.txt'));
    assert.ok(existsSync(snapshot), `${snapshot} is missing: run with UPDATE_SNAPSHOTS=1`);
  }
});

for (const file of cases) {
  test(`taplo check ${file}`, () => {
    const { status, text, errors } = check(file);
    if (file.startsWith('valid')) {
      assert.equal(status, 0, `a valid file gets errors:\n${text}`);
      assert.equal(errors, 0, text);
    } else {
      assert.equal(status, 1, `Taplo accepted ${file}`);
      assert.ok(errors >= 1 && errors <= MAX_ERRORS, `${errors} errors (at most ${MAX_ERRORS}):\n${text}`);
    }
    const snapshot = path.join(CASES, file.replace(/\.toml$/, '.txt'));
    if (UPDATE) {
      writeFileSync(snapshot, text);
    } else {
      assert.equal(text, readFileSync(snapshot, 'utf8'), `${file}: Taplo's messages changed (UPDATE_SNAPSHOTS=1 to accept)`);
    }
  });
}
