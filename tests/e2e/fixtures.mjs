// The fixtures of the browser end-to-end tests (@playwright/test). Test files import
// `test` and `expect` from here, not from @playwright/test:
//
//   test('name', async ({ context, url, note }) => { ... });
//
// Fixtures, besides Playwright's own (browser, context, page...):
//   site         the site folder being tested (SHELFMARK_SITE)              [worker]
//   server       scripts/serve.mjs serving it on 127.0.0.1, a free port    [worker]
//   url          server.url, the app's address
//   note(msg)    a line printed under the test's result (and kept as an annotation)
//   allowErrors(re)  lets this test's console errors matching the RegExp pass
//   allowedErrors    option: RegExps allowed for every test in scope,
//                    test.use({ allowedErrors: [/.../] })
//
// Strictness: `context` is a fresh browser context per test (viewport 1280x800, scale 1,
// 30 s default timeout: playwright.config.mjs). Any console error, page error, page crash
// or CSP violation in any of its pages fails the test, unless allowed. Other contexts a
// test makes (browser.newContext) are not watched: see newTrackedContext in lib.mjs.
// When a test fails, the fixture prints the errors, the last 40 browser console lines and
// the app's state of each page, and saves a screenshot of each page in
// test-results/e2e/<file>--<test>[-N].png (also attached to the result).

import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startServer } from '../../scripts/serve.mjs';
import { REPO, RESULTS_DIR, SITE } from './settings.mjs';

export { expect };

// Runs in every page before its own scripts: records CSP violations.
function cspInitScript() {
  window.__e2eCspViolations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const v = {
        directive: e.effectiveDirective || e.violatedDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
        disposition: e.disposition,
      };
      window.__e2eCspViolations.push(v);
      try {
        window.__e2eReportCsp?.(v);
      } catch {
        /* binding gone (page closing) */
      }
    },
    true,
  );
}

function attachPage(page, rec) {
  page.on('console', (msg) => {
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    const line = `[${msg.type()}] ${msg.text()}${where}`;
    rec.log.push(line);
    if (msg.type() !== 'error') return;
    // Headless Chromium fetches /favicon.ico by itself when the page declares no icon;
    // its 404 is browser noise, not the app's doing (reported as a note instead).
    if (/\/favicon\.ico$/.test(loc?.url ?? '') && /status of 404/.test(msg.text())) {
      rec.notes.push('browser asked for /favicon.ico and got 404 (ignored; declare a <link rel="icon"> to avoid it)');
      return;
    }
    rec.errors.push(`console error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => {
    const text = `page error: ${err.stack || err.message}`;
    rec.log.push(text);
    rec.errors.push(text);
  });
  page.on('crash', () => rec.errors.push('page crashed'));
}

// Evaluated in a page after a failure: what the app looked like at that moment.
function appState() {
  const out = { url: location.href, marks: performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`) };
  const sm = window.shelfmark;
  out.shelfmark = typeof sm;
  if (sm && typeof sm === 'object') {
    for (const k of ['frameCount', 'saveState', 'visiblePapers']) {
      try {
        const v = sm[k]();
        out[k] = Array.isArray(v) && v.length > 8 ? [...v.slice(0, 8), `… ${v.length} in all`] : v;
      } catch (err) {
        out[k] = `throws: ${err}`;
      }
    }
  }
  return out;
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function indent(s, n = 2) {
  return String(s)
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}

// After a failure: each page's app state and a screenshot of it, printed and attached.
async function reportFailure(context, rec, errors, testInfo) {
  const states = [];
  for (const p of context.pages()) {
    try {
      states.push(await withTimeout(p.evaluate(appState), 3000, 'reading the app state'));
    } catch (err) {
      states.push({ url: p.url(), error: err.message.split('\n')[0] });
    }
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const base = `${path.basename(testInfo.file, '.test.mjs')}--${testInfo.title}`.replace(/[^a-zA-Z0-9._-]+/g, '_');
  const shots = [];
  let i = 0;
  for (const p of context.pages()) {
    const file = path.join(RESULTS_DIR, `${base}${i++ ? '-' + i : ''}.png`);
    try {
      await p.screenshot({ path: file, timeout: 5000 });
      shots.push(file);
    } catch {
      /* page unusable */
    }
  }

  const lines = [];
  for (const e of errors) lines.push(indent(e));
  if (rec.log.length) {
    lines.push(indent('browser console (last 40):'));
    for (const l of rec.log.slice(-40)) lines.push(indent(l, 4));
  }
  for (const s of states) lines.push(indent(`page state: ${JSON.stringify(s)}`));
  for (const s of shots) lines.push(indent(`screenshot: ${path.relative(REPO, s)}`));
  console.log(lines.join('\n'));

  const logFile = testInfo.outputPath('browser-console.txt');
  fs.writeFileSync(logFile, [...errors, '', ...rec.log].join('\n') + '\n');
  await testInfo.attach('browser console', { path: logFile, contentType: 'text/plain' });
  const stateFile = testInfo.outputPath('page-state.json');
  fs.writeFileSync(stateFile, JSON.stringify(states, null, 2) + '\n');
  await testInfo.attach('page state', { path: stateFile, contentType: 'application/json' });
  for (const s of shots) await testInfo.attach(path.basename(s), { path: s, contentType: 'image/png' });
}

export const test = base.extend({
  site: [async ({}, use) => use(SITE), { scope: 'worker' }],

  server: [
    async ({ site }, use) => {
      const server = await startServer({ root: site, port: 0, host: '127.0.0.1' });
      try {
        await use(server);
      } finally {
        await server.close();
      }
    },
    { scope: 'worker', timeout: 30000 },
  ],

  url: async ({ server }, use) => use(server.url),

  allowedErrors: [[], { option: true }],

  // What a test's pages said: {errors, log, notes, allowed}. Its teardown prints the notes.
  _e2e: [
    async ({ allowedErrors }, use, testInfo) => {
      const rec = { errors: [], log: [], notes: [], allowed: [...allowedErrors] };
      await use(rec);
      for (const n of new Set(rec.notes)) {
        testInfo.annotations.push({ type: 'note', description: n });
        console.log(indent(`note: ${n}`));
      }
    },
    { box: true },
  ],

  note: async ({ _e2e }, use) => use((msg) => _e2e.notes.push(String(msg))),

  allowErrors: async ({ _e2e }, use) => use((re) => _e2e.allowed.push(re)),

  context: async ({ context, _e2e: rec }, use, testInfo) => {
    context.on('page', (p) => attachPage(p, rec));
    await context.exposeBinding('__e2eReportCsp', (_source, v) => {
      rec.errors.push(`CSP violation: ${JSON.stringify(v)}`);
    });
    await context.addInitScript(cspInitScript);

    await use(context);

    await sleep(150); // let late console messages arrive
    const errors = rec.errors.filter((e) => !rec.allowed.some((re) => re.test(e)));
    const failed = testInfo.status !== testInfo.expectedStatus;
    if (failed || errors.length) await reportFailure(context, rec, errors, testInfo);
    if (errors.length) {
      throw new Error(`${errors.length} console error(s), page error(s) or CSP violation(s):\n${errors.map((e) => indent(e)).join('\n')}`);
    }
  },
});

// Keeps a screenshot as a test artifact: test-results/e2e/<dir>/<name>.png, attached to the
// test's report. `clip` (optional) keeps part of the page. Returns the PNG bytes and the file.
export async function keepScreenshot(page, dir, name, { clip } = {}) {
  const folder = path.join(RESULTS_DIR, dir);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  const buf = await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  await test.info().attach(`${name}.png`, { path: file, contentType: 'image/png' });
  return { buf, file };
}
