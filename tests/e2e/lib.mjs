// Helpers for the Shelfmark browser end-to-end tests (playwright-core + Debian Chromium).
//
// The app's test contract (implemented by the page):
//   performance marks 'shelfmark:first-frame' and 'shelfmark:ready';
//   window.shelfmark = { rect(name), status(id), saveState(), visiblePapers(), frameCount() };
//   IndexedDB "shelfmark", store "papers", key = paper id, value {status, statusAt, ...}.

import zlib from 'node:zlib';

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

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

export function assert(cond, message = 'assertion failed') {
  if (!cond) throw new AssertionError(message);
}

export function assertEqual(actual, expected, what = 'value') {
  if (actual !== expected) {
    throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
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

// ---- PNG decoding (8-bit greyscale/RGB/RGBA, non-interlaced: what Chromium writes) ----

export function decodePng(buf) {
  const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIG)) throw new Error('not a PNG');
  let off = 8;
  let width, height, bitDepth, colorType, interlace;
  const idat = [];
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    off += 12 + len;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth} colour type ${colorType} interlace ${interlace}`);
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      row[i] = v & 0xff;
    }
  }
  return { width, height, channels, pixels: out };
}

// Colour statistics of a PNG: distinct colours, share of the most common one, and the
// mean per-channel standard deviation.
export function pngStats(buf) {
  const { width, height, channels, pixels } = decodePng(buf);
  const counts = new Map();
  const n = width * height;
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  for (let p = 0; p < n; p++) {
    let key = 0;
    for (let c = 0; c < channels; c++) {
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
  for (let c = 0; c < channels; c++) {
    const mean = sum[c] / n;
    sd += Math.sqrt(Math.max(0, sumSq[c] / n - mean * mean));
  }
  return { width, height, distinctColours: counts.size, topShare: top / n, stddev: sd / channels };
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
