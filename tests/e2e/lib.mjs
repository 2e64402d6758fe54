// Helpers for the Shelfmark browser end-to-end tests (@playwright/test + Debian Chromium;
// the runner's fixtures are in fixtures.mjs). bench/browser/run.mjs uses some of them
// with playwright-core alone: nothing here imports @playwright/test.
//
// The app's test contract (implemented by the page):
//   performance marks 'shelfmark:first-frame' and 'shelfmark:ready';
//   window.shelfmark = { rect(name), status(id), saveState(), visiblePapers(), frameCount() };
//   IndexedDB "shelfmark", store "papers", key = paper id, value {status, statusAt, ...}.

import { PNG } from 'pngjs';

// Chromium flags that work on this machine (see the shared toolchain notes).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const STATUSES = ['unread', 'queued', 'reading', 'read', 'skipped'];

// Thrown by the waiting helpers below when what they wait for does not come in time.
export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn(arg)` in the page until it returns a truthy value; returns that value.
// On timeout the error names `what` and the last value seen (or the last exception).
export async function waitUntil(page, fn, arg, { timeout = 15000, interval = 25, what } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    if (page.isClosed()) throw new AssertionError(`page closed while waiting for ${what ?? String(fn)}`);
    try {
      last = await page.evaluate(fn, arg);
      lastErr = undefined;
      if (last) return last;
    } catch (err) {
      lastErr = err;
      // A navigation in progress destroys the context: retry until the deadline.
    }
    if (Date.now() > deadline) {
      const detail = lastErr ? `last error: ${lastErr.message.split('\n')[0]}` : `last value: ${JSON.stringify(last)}`;
      throw new AssertionError(`timed out after ${timeout} ms waiting for ${what ?? String(fn)} (${detail})`);
    }
    await sleep(interval);
  }
}

export function hasMark(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'mark').length > 0, name);
}

export function markTime(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null, name);
}

export async function waitForMark(page, name, { timeout = 30000 } = {}) {
  await waitUntil(page, (n) => performance.getEntriesByName(n, 'mark').length > 0, name, {
    timeout,
    interval: 50,
    what: `performance mark '${name}'`,
  });
}

// Waits for the app's 'shelfmark:ready' mark in the current document.
export async function waitReady(page, opts) {
  await waitForMark(page, 'shelfmark:ready', opts);
  await waitUntil(page, () => typeof window.shelfmark === 'object' && window.shelfmark !== null, undefined, {
    what: 'window.shelfmark',
    timeout: 5000,
  });
}

// Opens the app in a new page of `context` and waits until it is ready.
export async function openApp(context, url, { timeout = 30000 } = {}) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout });
  await waitReady(page, { timeout });
  return page;
}

// Reloads the page and waits for the new document to be ready.
export async function reloadApp(page, { timeout = 30000 } = {}) {
  await page.reload({ waitUntil: 'load', timeout });
  await waitReady(page, { timeout });
}

export function frameCount(page) {
  return page.evaluate(() => window.shelfmark.frameCount());
}

// Waits until at least `n` more frames have been drawn (throws after `timeout`).
export async function waitFrames(page, n = 1, { timeout = 5000 } = {}) {
  const start = await frameCount(page);
  await waitUntil(page, (target) => window.shelfmark.frameCount() >= target, start + n, {
    timeout,
    interval: 10,
    what: `${n} frame(s) after frame ${start}`,
  });
}

// Like waitFrames but never throws: an app that stops drawing when idle may not produce
// frames until it gets input; then we give up after `timeout` ms and carry on.
async function settle(page, n, timeout = 300) {
  try {
    await waitFrames(page, n, { timeout });
  } catch {
    /* idle app: fine */
  }
}

export function rect(page, name) {
  return page.evaluate((n) => window.shelfmark.rect(n), name);
}

// Waits for the named element to be on screen; returns its rect {x, y, w, h} (CSS px).
export async function waitForRect(page, name, { timeout = 5000 } = {}) {
  return waitUntil(
    page,
    (n) => {
      const r = window.shelfmark.rect(n);
      return r && r.w > 0 && r.h > 0 ? r : null;
    },
    name,
    { timeout, what: `rect('${name}') to be on screen` },
  );
}

// Clicks the center of the named element with the mouse, like a person would: move,
// let a frame pass (hover), press, let frames pass, release. `fast: true` sends
// move/down/up back to back instead (an app must still not lose such a click).
export async function clickNamed(page, name, { fast = false, timeout = 5000 } = {}) {
  const r = await waitForRect(page, name, { timeout });
  const x = r.x + r.w / 2;
  const y = r.y + r.h / 2;
  if (fast) {
    await page.mouse.click(x, y);
  } else {
    await page.mouse.move(x, y);
    await settle(page, 2);
    await page.mouse.down();
    await settle(page, 2);
    await page.mouse.up();
  }
  await settle(page, 1);
  return r;
}

export function status(page, id) {
  return page.evaluate((i) => window.shelfmark.status(i), id);
}

export function saveState(page) {
  return page.evaluate(() => window.shelfmark.saveState());
}

export function visiblePapers(page) {
  return page.evaluate(() => window.shelfmark.visiblePapers());
}

export async function waitSaved(page, { timeout = 10000 } = {}) {
  await waitUntil(page, () => window.shelfmark.saveState() === 'saved', undefined, {
    timeout,
    what: "saveState() === 'saved'",
  });
}

// Sets a paper's status through the UI: opens its status popup, picks the option, and
// waits until the model shows it and the save state is "saved".
export async function setStatusWithMouse(page, id, value, opts = {}) {
  await clickNamed(page, `status:${id}`, opts);
  await clickNamed(page, `status-option:${value}`, opts);
  await waitUntil(page, ([i, v]) => window.shelfmark.status(i) === v, [id, value], {
    timeout: 5000,
    what: `status('${id}') === '${value}'`,
  });
  await waitSaved(page);
}

// Reads one record from IndexedDB in the page (without creating the database if it does
// not exist). Returns undefined when the database, store or key is missing.
export function readIdb(page, store, key, { db = 'shelfmark' } = {}) {
  return page.evaluate(
    async ({ store, key, db }) => {
      if (indexedDB.databases) {
        const dbs = await indexedDB.databases();
        if (!dbs.some((d) => d.name === db)) return undefined;
      }
      const conn = await new Promise((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('indexedDB.open blocked'));
      });
      try {
        if (!conn.objectStoreNames.contains(store)) return undefined;
        return await new Promise((resolve, reject) => {
          const req = conn.transaction(store, 'readonly').objectStore(store).get(key);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      } finally {
        conn.close();
      }
    },
    { store, key, db },
  );
}

// Writes records straight into IndexedDB store `store` ([[key, value], ...], values as
// the browser stores them), as an earlier session or another build would have.
export function putIdb(page, store, entries, { db = 'shelfmark' } = {}) {
  return page.evaluate(
    async ({ store, entries, db }) => {
      const conn = await new Promise((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        await new Promise((resolve, reject) => {
          const tx = conn.transaction(store, 'readwrite', { durability: 'strict' });
          for (const [key, value] of entries) tx.objectStore(store).put(value, key);
          tx.oncomplete = resolve;
          tx.onerror = tx.onabort = () => reject(tx.error);
        });
      } finally {
        conn.close();
      }
    },
    { store, entries, db },
  );
}

// ---- PNG (screenshots) ----

// Decodes a PNG (pngjs) into 8-bit RGBA pixels: {width, height, channels: 4, pixels}.
// (Chromium's screenshots are opaque RGB; pngjs always gives RGBA, alpha 255.)
export function decodePng(buf) {
  const png = PNG.sync.read(buf);
  return { width: png.width, height: png.height, channels: 4, pixels: png.data };
}

// Colour statistics of a PNG: distinct colours, share of the most common one, and the
// mean per-channel standard deviation (of R, G and B; alpha is left out).
export function pngStats(buf) {
  const { width, height, channels, pixels } = decodePng(buf);
  const counts = new Map();
  const n = width * height;
  const sum = new Float64Array(3);
  const sumSq = new Float64Array(3);
  for (let p = 0; p < n; p++) {
    let key = 0;
    for (let c = 0; c < 3; c++) {
      const v = pixels[p * channels + c];
      key = key * 256 + v;
      sum[c] += v;
      sumSq[c] += v * v;
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let top = 0;
  for (const v of counts.values()) top = Math.max(top, v);
  let sd = 0;
  for (let c = 0; c < 3; c++) {
    const mean = sum[c] / n;
    sd += Math.sqrt(Math.max(0, sumSq[c] / n - mean * mean));
  }
  return { width, height, distinctColours: counts.size, topShare: top / n, stddev: sd / 3 };
}

// Parses a CSP string into {directive: [tokens]} (first occurrence of a directive wins).
export function parseCsp(csp) {
  const out = {};
  for (const part of csp.split(';')) {
    const [name, ...tokens] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !(name.toLowerCase() in out)) out[name.toLowerCase()] = tokens;
  }
  return out;
}

// ---- storage, tabs and offline helpers (issue 4: durability.test.mjs, offline.test.mjs) ----

// The status a round should set: the next one in STATUSES after `round`, skipping the
// paper's current status so that every round is a real change.
export function nextStatus(current, round = 0) {
  const options = STATUSES.filter((s) => s !== current);
  return options[round % options.length];
}

// Changes a paper's status with the mouse (status:<id>, then status-option:<value>) and
// returns as soon as the final mouse-up has been delivered to the page: no waiting for
// frames, the model or the save. For tests that close or reload the page right after.
export async function clickStatusNoWait(page, id, value) {
  await clickNamed(page, `status:${id}`);
  const r = await waitForRect(page, `status-option:${value}`);
  const x = r.x + r.w / 2;
  const y = r.y + r.h / 2;
  await page.mouse.move(x, y);
  await settle(page, 2);
  await page.mouse.down();
  await settle(page, 2);
  await page.mouse.up();
}

// Names of the IndexedDB databases of the page's origin (never opens or creates one).
export function idbDatabaseNames(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

// All records of a store as {key: value}; undefined when the database or store is
// missing (without creating the database).
export function readIdbAll(page, store, { db = 'shelfmark' } = {}) {
  return page.evaluate(
    async ({ store, db }) => {
      const dbs = await indexedDB.databases();
      if (!dbs.some((d) => d.name === db)) return undefined;
      const conn = await new Promise((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('indexedDB.open blocked'));
      });
      try {
        if (!conn.objectStoreNames.contains(store)) return undefined;
        return await new Promise((resolve, reject) => {
          const tx = conn.transaction(store, 'readonly');
          const keys = tx.objectStore(store).getAllKeys();
          const vals = tx.objectStore(store).getAll();
          tx.oncomplete = () => resolve(Object.fromEntries(keys.result.map((k, i) => [k, vals.result[i]])));
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        conn.close();
      }
    },
    { store, db },
  );
}

// Names of the page origin's Cache Storage caches.
export function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

// The build id the page runs (<meta name="shelfmark-build">).
export function pageBuild(page) {
  return page.evaluate(() => document.querySelector('meta[name="shelfmark-build"]')?.content ?? null);
}

// Waits until a service worker is active and controls the page (reloading once if it
// activated without claiming it). Returns {scope, scriptURL, state, reloaded}.
export async function waitForServiceWorker(page, { timeout = 20000 } = {}) {
  const probe = () =>
    navigator.serviceWorker.ready.then((reg) => ({
      scope: reg.scope,
      scriptURL: reg.active?.scriptURL ?? null,
      state: reg.active?.state ?? null,
      controlled: !!navigator.serviceWorker.controller,
    }));
  const deadline = Date.now() + timeout;
  // getRegistration(), not .ready: .ready never settles when nothing registers.
  const active = await waitUntil(
    page,
    () => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state === 'activated'),
    undefined,
    { timeout, interval: 100, what: 'an activated service worker' },
  );
  if (!active) throw new AssertionError('no active service worker');
  let reloaded = false;
  try {
    await waitUntil(page, () => !!navigator.serviceWorker.controller, undefined, {
      timeout: Math.min(3000, Math.max(500, deadline - Date.now())),
      interval: 50,
      what: 'navigator.serviceWorker.controller',
    });
  } catch {
    reloaded = true;
    await reloadApp(page);
    await waitUntil(page, () => !!navigator.serviceWorker.controller, undefined, {
      timeout: Math.max(1000, deadline - Date.now()),
      interval: 50,
      what: 'navigator.serviceWorker.controller after a reload',
    });
  }
  return { ...(await page.evaluate(probe)), reloaded };
}

// Median and 95th percentile of a list of numbers.
export function percentiles(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
  return { n: v.length, median: v.length ? at(0.5) : null, p95: v.length ? at(0.95) : null, max: v.length ? v[v.length - 1] : null };
}

// Opens the app in a second browser *window* of the same context (same storage), as a
// user with two windows side by side would, and waits until it is ready. (A second tab
// made by context.newPage() shares one window with the first: headless Chromium then
// drops the tab that is not in front to ~1 animation frame per second and delays its
// mouse input by ~1 s, while document.visibilityState still says 'visible'.)
export async function openAppWindow(context, opener, url, { timeout = 30000 } = {}) {
  const [page] = await Promise.all([
    context.waitForEvent('page', { timeout }),
    opener.evaluate((u) => {
      window.open(u, '_blank', 'popup,noopener,width=1280,height=800');
    }, url),
  ]);
  await page.waitForLoadState('load', { timeout });
  await waitReady(page, { timeout });
  return page;
}

// Starts watching, inside the page (every 10 ms, no round trips), for the moment its
// statuses all equal `expected` ({paperId: status}). `readStatusWatch` returns {first,
// broke, saves}: `first` = Date.now() when they first all held (null: not yet), `broke` =
// {at, seen} if they stopped holding afterwards, `saves` = [Date.now(), saveState()] at
// each change of the save state (up to 20). Starting a new watch replaces the old one.
export function watchStatuses(page, expected) {
  return page.evaluate((expected) => {
    if (window.__e2eWatch) clearInterval(window.__e2eWatch.timer);
    const w = { expected, first: null, broke: null, saves: [], timer: 0 };
    const seen = () => Object.fromEntries(Object.keys(expected).map((id) => [id, window.shelfmark.status(id)]));
    const check = () => {
      const s = seen();
      const ok = Object.entries(expected).every(([id, v]) => s[id] === v);
      if (ok && w.first === null) w.first = Date.now();
      else if (!ok && w.first !== null && w.broke === null) w.broke = { at: Date.now(), seen: s };
      const save = window.shelfmark.saveState();
      if (w.saves.length < 20 && (!w.saves.length || w.saves[w.saves.length - 1][1] !== save)) w.saves.push([Date.now(), save]);
    };
    w.timer = setInterval(check, 10);
    check();
    window.__e2eWatch = w;
  }, expected);
}

export function readStatusWatch(page, { stop = false } = {}) {
  return page.evaluate((stop) => {
    const w = window.__e2eWatch;
    if (!w) return null;
    if (stop) clearInterval(w.timer);
    return { first: w.first, broke: w.broke, saves: w.saves };
  }, stop);
}

// ---- UI and transfer helpers (issues 5 and 6: ui.test.mjs, transfer.test.mjs) ----

// Polls `fn(arg)` in the page until `pred(value)` (run here, in node) holds; returns the
// value. On timeout the error names `what` and shows the last value seen.
export async function waitForValue(page, fn, arg, pred, { timeout = 10000, interval = 25, what } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    let got = false;
    try {
      last = await page.evaluate(fn, arg);
      lastErr = undefined;
      got = true;
    } catch (err) {
      lastErr = err; // e.g. a navigation in progress: retry
    }
    if (got && pred(last)) return last; // (pred may throw to give up early)
    if (Date.now() > deadline) {
      const detail = lastErr ? `last error: ${lastErr.message.split('\n')[0]}` : `last value: ${JSON.stringify(last)?.slice(0, 600)}`;
      throw new AssertionError(`timed out after ${timeout} ms waiting for ${what ?? String(pred)} (${detail})`);
    }
    await sleep(interval);
  }
}

// Waits until the app has stopped drawing for `quietMs` (all queued input applied).
// An app with a focused text field keeps drawing a frame every ~500 ms for the caret:
// that counts as quiet as long as `quietMs` is shorter than the blink.
export async function waitIdle(page, { quietMs = 150, timeout = 5000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = await frameCount(page);
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(20);
    const now = await frameCount(page);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

// Presses a key (Playwright key syntax, e.g. '4', 'j', 'Control+Z', 'Shift+ArrowDown')
// and waits until the app has drawn the frames that apply it.
export async function pressKey(page, key) {
  await page.keyboard.press(key);
  await waitIdle(page);
}

// Clicks the named text field, selects all of its text (Ctrl+A) and types `text`
// (replacing it). `enter: true` presses Enter afterwards.
export async function typeInto(page, name, text, { enter = false, fast = false } = {}) {
  await clickNamed(page, name, { fast });
  await waitIdle(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  if (enter) await page.keyboard.press('Enter');
  await waitIdle(page);
}

export async function waitForStatus(page, id, value, { timeout = 5000 } = {}) {
  return waitForValue(page, (i) => window.shelfmark.status(i), id, (v) => v === value, {
    timeout,
    what: `status('${id}') === '${value}'`,
  });
}

// Runs `action()` and returns the download it causes: {name, text}.
export async function captureDownload(page, action, { timeout = 10000 } = {}) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), action()]);
  const file = await download.path();
  const fs = await import('node:fs');
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

// Opens a file through the app's import (Ctrl+O, then the file chooser) and waits for
// the import dialog: returns importState(). `file` is a path or {name, mimeType, buffer}.
// (The waiter is registered a moment before the key press: Playwright turns on file
// chooser interception asynchronously, and the app opens the chooser within a frame or
// two of the key, so with Promise.all the chooser often opened un-intercepted.)
export async function importFile(page, file, { timeout = 10000 } = {}) {
  const waiter = page.waitForEvent('filechooser', { timeout });
  await sleep(250);
  await page.keyboard.press('Control+O');
  const chooser = await waiter;
  const crashes = [];
  const onError = (err) => crashes.push(err.message);
  page.on('pageerror', onError);
  try {
    await chooser.setFiles(file);
    return await waitForValue(
      page,
      () => window.shelfmark.importState(),
      undefined,
      (s) => {
        if (crashes.length) throw new AssertionError(`the page failed while reading the chosen file: ${crashes[0]}`);
        return s && s.open;
      },
      { timeout, what: 'importState().open after choosing a file' },
    );
  } finally {
    page.off('pageerror', onError);
  }
}

// Number of pixels of a PNG within `tol` (per channel) of the colour [r, g, b].
export function countColourPixels(buf, [r, g, b], tol = 16) {
  const { width, height, channels, pixels } = decodePng(buf);
  let n = 0;
  for (let p = 0; p < width * height; p++) {
    const o = p * channels;
    if (Math.abs(pixels[o] - r) <= tol && Math.abs(pixels[o + 1] - g) <= tol && Math.abs(pixels[o + 2] - b) <= tol) n++;
  }
  return n;
}

// A second browser context like the test's own (same viewport), whose console errors and
// page errors are collected in `errors` (the fixtures only watch the test's `context`).
export async function newTrackedContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
  context.setDefaultTimeout(30000);
  const errors = [];
  context.on('page', (p) => {
    p.on('console', (m) => {
      if (m.type() === 'error' && !/favicon\.ico/.test(m.location()?.url ?? '')) errors.push(`console error: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    p.on('crash', () => errors.push('page crashed'));
  });
  return { context, errors };
}

// Polls one IndexedDB record (see readIdb) until `pred(record)` holds; returns it.
export async function waitForIdb(page, store, key, pred, { timeout = 5000, what } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await readIdb(page, store, key);
      if (pred(last)) return last;
    } catch {
      /* navigation in progress: retry */
    }
    if (Date.now() > deadline) {
      throw new AssertionError(
        `timed out after ${timeout} ms waiting for ${what ?? `IndexedDB ${store}/${key}`} (last record: ${JSON.stringify(last)?.slice(0, 600)})`,
      );
    }
    await sleep(50);
  }
}

// Opens the note editor of the selected paper with `n`, types `text` (Enter = newline)
// and leaves with Esc.
export async function typeNoteWithKeyboard(page, text) {
  await pressKey(page, 'n');
  await waitIdle(page, { quietMs: 250 });
  await page.keyboard.type(text);
  await waitIdle(page);
  await pressKey(page, 'Escape');
}

// Waits until the named element's rect has stayed the same for `quietMs` (a popup that
// sizes itself reports its buttons at a provisional place in its first, hidden frame),
// then clicks it like clickNamed.
export async function clickStable(page, name, { quietMs = 150, timeout = 5000, ...opts } = {}) {
  const deadline = Date.now() + timeout;
  let last = JSON.stringify(await waitForRect(page, name, { timeout }));
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new AssertionError(`rect('${name}') did not settle within ${timeout} ms (last ${last})`);
    await sleep(30);
    const now = JSON.stringify(await rect(page, name));
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return clickNamed(page, name, opts);
}

// Logs the page's input as the app sees it (window focus/blur, visibility, keys, mouse
// buttons; each with the app's frame count) to the console, which the fixtures print when
// a test fails: lost keys or clicks can then be told apart from a test mistake.
export async function logInputEvents(context) {
  await context.addInitScript(() => {
    const f = () => {
      try {
        return window.shelfmark?.frameCount?.() ?? '-';
      } catch {
        return '?';
      }
    };
    const mods = (e) => (e.ctrlKey ? 'C' : '') + (e.shiftKey ? 'S' : '') + (e.altKey ? 'A' : '') + (e.metaKey ? 'M' : '');
    for (const type of ['focus', 'blur']) window.addEventListener(type, (e) => e.target === window && console.log(`input: window ${type} @frame ${f()}`));
    document.addEventListener('visibilitychange', () => console.log(`input: visibility ${document.visibilityState} @frame ${f()}`));
    for (const type of ['keydown', 'keyup']) window.addEventListener(type, (e) => console.log(`input: ${type} ${JSON.stringify(e.key)}${mods(e) ? ' +' + mods(e) : ''} @frame ${f()}`), true);
    for (const type of ['mousedown', 'mouseup']) window.addEventListener(type, (e) => console.log(`input: ${type} ${e.clientX},${e.clientY}${mods(e) ? ' +' + mods(e) : ''} @frame ${f()}`), true);
  });
}
