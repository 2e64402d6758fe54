#!/usr/bin/env node
// Tiny end-to-end test runner: runs every tests/e2e/*.test.mjs against the built site in
// headless Debian Chromium (playwright-core, no browser download).
//
//   node tests/e2e/run.mjs [FILTER...]     FILTER = substring of a file or test name
//
// Environment:
//   SHELFMARK_SITE      site folder to serve (default: build/web/site)
//   SHELFMARK_CHROMIUM  browser executable (default: /usr/bin/chromium)
//   SHELFMARK_E2E_TIMEOUT  per-test timeout in ms (default: 60000)
//
// A test file exports tests as `export default [...]`, `export const tests = [...]`, or
// any named export that is a {name, fn} object (or an array of them). Optional fields:
// `timeout` (ms), `allowErrors` (array of RegExp matched against collected error text).
// `fn(t)` gets t = {browser, context, url, site, server, note(msg), allowErrors(re)}.
// A fresh browser context is made per test; any console error, page error or CSP
// violation in any of its pages fails the test.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const site = path.resolve(repo, process.env.SHELFMARK_SITE ?? 'build/web/site');
const executablePath = process.env.SHELFMARK_CHROMIUM ?? '/usr/bin/chromium';
const TEST_TIMEOUT = Number(process.env.SHELFMARK_E2E_TIMEOUT ?? 60000);
const RESULTS_DIR = path.join(repo, 'test-results', 'e2e');

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = (s) => paint(32, s);
const red = (s) => paint(31, s);
const dim = (s) => paint(2, s);

function collectTests(mod, file) {
  const out = [];
  const add = (v) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object' && typeof v.fn === 'function' && typeof v.name === 'string') out.push(v);
  };
  add(mod.default);
  for (const [key, v] of Object.entries(mod)) if (key !== 'default') add(v);
  return [...new Set(out)].map((t) => ({ ...t, file }));
}

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
    timer = setTimeout(() => {
      const err = new Error(`${what} timed out after ${ms} ms`);
      err.stack = err.message;
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runTest(browser, server, test) {
  const rec = { errors: [], log: [], notes: [], allowed: [...(test.allowErrors ?? [])] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(30000);
  context.on('page', (p) => attachPage(p, rec));
  await context.exposeBinding('__e2eReportCsp', (_source, v) => {
    rec.errors.push(`CSP violation: ${JSON.stringify(v)}`);
  });
  await context.addInitScript(cspInitScript);

  const t = {
    browser,
    context,
    server,
    url: server.url,
    site,
    note: (msg) => rec.notes.push(String(msg)),
    allowErrors: (re) => rec.allowed.push(re),
  };
  const started = Date.now();
  let failure = null;
  try {
    await withTimeout(Promise.resolve().then(() => test.fn(t)), test.timeout ?? TEST_TIMEOUT, `test '${test.name}'`);
    await new Promise((r) => setTimeout(r, 150)); // let late console messages arrive
  } catch (err) {
    failure = err;
  }
  const errors = rec.errors.filter((e) => !rec.allowed.some((re) => re.test(e)));
  if (!failure && errors.length) {
    failure = new Error(`${errors.length} console error(s), page error(s) or CSP violation(s)`);
    failure.stack = failure.message;
  }

  const shots = [];
  const states = [];
  if (failure) {
    for (const p of context.pages()) {
      try {
        states.push(await withTimeout(p.evaluate(appState), 3000, 'reading the app state'));
      } catch (err) {
        states.push({ url: p.url(), error: err.message.split('\n')[0] });
      }
    }
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const base = `${path.basename(test.file, '.test.mjs')}--${test.name}`.replace(/[^a-zA-Z0-9._-]+/g, '_');
    let i = 0;
    for (const p of context.pages()) {
      const file = path.join(RESULTS_DIR, `${base}${i++ ? '-' + i : ''}.png`);
      try {
        await p.screenshot({ path: file, timeout: 5000 });
        shots.push(path.relative(repo, file));
      } catch {
        /* page unusable */
      }
    }
  }
  await withTimeout(context.close(), 10000, 'closing the context').catch(() => {});
  return { failure, errors, notes: [...new Set(rec.notes)], log: rec.log, shots, states, ms: Date.now() - started };
}

async function main() {
  const filters = process.argv.slice(2);
  if (!fs.existsSync(path.join(site, 'index.html'))) {
    console.error(`e2e: no site at ${site} (index.html missing). Build the web target first, or set SHELFMARK_SITE.`);
    process.exit(2);
  }
  if (!fs.existsSync(executablePath)) {
    console.error(`e2e: no browser at ${executablePath} (install Debian's chromium, or set SHELFMARK_CHROMIUM).`);
    process.exit(2);
  }

  const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
  let tests = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(here, f)).href);
    tests.push(...collectTests(mod, f));
  }
  if (filters.length) {
    tests = tests.filter((t) => filters.some((q) => t.file.includes(q) || t.name.includes(q)));
  }
  if (!tests.length) {
    console.error('e2e: no tests selected');
    process.exit(2);
  }

  const server = await startServer({ root: site, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  console.log(dim(`e2e: ${tests.length} test(s), site ${path.relative(process.cwd(), site) || '.'} at ${server.url}, ${browser.version()}`));

  const t0 = Date.now();
  let failed = 0;
  try {
    for (const test of tests) {
      const r = await runTest(browser, server, test);
      const label = `${test.file} › ${test.name}`;
      if (r.failure) {
        failed++;
        console.log(`${red('FAIL')} ${label} ${dim(`(${r.ms} ms)`)}`);
        console.log(indent(r.failure.stack || String(r.failure)));
        for (const e of r.errors) console.log(indent(e));
        if (r.log.length) {
          console.log(indent('browser console (last 40):'));
          for (const l of r.log.slice(-40)) console.log(indent(l, 4));
        }
        for (const s of r.states) console.log(indent(`page state: ${JSON.stringify(s)}`));
        for (const s of r.shots) console.log(indent(`screenshot: ${s}`));
      } else {
        console.log(`${green('PASS')} ${label} ${dim(`(${r.ms} ms)`)}`);
      }
      for (const n of r.notes) console.log(indent(dim(`note: ${n}`)));
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  const passed = tests.length - failed;
  const summary = `${passed} passed, ${failed} failed, ${tests.length} total (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
  console.log(failed ? red(summary) : green(summary));
  // Exit now: a timed-out test may still have timers pending.
  process.exit(failed ? 1 : 0);
}

function indent(s, n = 2) {
  return String(s)
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
