// Helpers for the browser benchmarks: a byte-counting server, in-page instrumentation,
// CDP metrics, trace parsing and statistics. The page contract (marks, window.shelfmark)
// is the one tests/e2e/lib.mjs documents.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';

// ------------------------------------------------------------------ statistics

export function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const rank = Math.max(1, Math.ceil(q * v.length));
  return v[rank - 1];
}
export const median = (values) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const p95 = (values) => quantile(values, 0.95);
export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return {
    n: v.length,
    median: median(v),
    p95: p95(v),
    min: v.length ? Math.min(...v) : null,
    max: v.length ? Math.max(...v) : null,
  };
}

// ------------------------------------------------------------------ server

// Serves `root` with scripts/serve.mjs (gzip on) and logs every response's body bytes as
// they go on the wire (after compression). Requests are classified: 'page' (the page's
// own), 'sw-script' (the service worker script), 'sw-precache' (the worker's
// cache.addAll, made with cache: 'reload', hence Pragma: no-cache).
export async function startCountingServer(root) {
  const srv = await startServer({ root, port: 0, host: '127.0.0.1', gzip: true });
  const log = [];
  srv.server.prependListener('request', (req, res) => {
    const entry = {
      path: new URL(req.url, 'http://x').pathname,
      by: req.headers['service-worker'] ? 'sw-script' : /no-cache/.test(req.headers.pragma ?? '') ? 'sw-precache' : 'page',
      status: 0,
      bytes: 0,
      encoding: '',
    };
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (status, ...rest) => {
      const headers = rest.find((h) => h && typeof h === 'object') ?? {};
      entry.encoding = String(headers['Content-Encoding'] ?? headers['content-encoding'] ?? '');
      return writeHead(status, ...rest);
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const count = (chunk) => {
      if (chunk && typeof chunk !== 'function') entry.bytes += Buffer.byteLength(chunk);
    };
    res.write = (chunk, ...rest) => {
      count(chunk);
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      count(chunk);
      entry.status = res.statusCode;
      return end(chunk, ...rest);
    };
    log.push(entry);
  });
  return Object.assign(srv, {
    log,
    take() {
      return log.splice(0, log.length);
    },
  });
}

// What scripts/serve.mjs compresses (its COMPRESSIBLE set, files over 256 bytes); other
// files (PNG, WOFF2...) go out as they are.
const SERVED_GZIPPED = new Set([
  '.html', '.htm', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest',
  '.wasm', '.data', '.bin', '.svg', '.ttf', '.otf', '.txt', '.md', '.xml', '.ico',
]);

// Every file of a site folder with its raw size and its size as served: gzip -6 for the
// types serve.mjs compresses, raw for the others.
export function siteFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.startsWith('.')) {
        const buf = fs.readFileSync(p);
        const gzipped = SERVED_GZIPPED.has(path.extname(p).toLowerCase()) && buf.length > 256;
        out.push({
          file: path.relative(root, p),
          bytes: buf.length,
          gzip: gzipped ? zlib.gzipSync(buf, { level: 6 }).length : buf.length,
          served: gzipped ? 'gzip' : 'identity',
        });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => b.gzip - a.gzip);
}

// ------------------------------------------------------------------ page instrumentation

// Runs in every page before its scripts. Records, without touching the app:
//   __bench.frames: each requestAnimationFrame callback {t0, t1} (performance.now());
//   __bench.keys / __bench.mouseups: event timestamps;
//   __bench.idb: every readwrite IndexedDB transaction {start, complete, stores}.
export function instrumentation() {
  const bench = (window.__bench = { frames: [], keys: [], mouseups: [], idb: [], probeVisible: false });
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) =>
    raf((ts) => {
      const t0 = performance.now();
      try {
        cb(ts);
      } finally {
        const entry = { t0, t1: performance.now() };
        bench.frames.push(entry);
        if (bench.probeVisible && window.shelfmark) {
          // Read at once, after t1 (the frame's own time stays the app's): a task posted
          // from here ran after the NEXT frame when the browser gave the overdue frame
          // priority after a slow commit, so a key's rows drawn by its second frame were
          // credited to its first (issue 15).
          try {
            entry.visible = JSON.stringify(window.shelfmark.visiblePapers());
            entry.frame = window.shelfmark.frameCount();
          } catch {
            /* not ready */
          }
        }
      }
    });
  window.addEventListener('keydown', (e) => bench.keys.push({ key: e.key, t: e.timeStamp }), true);
  window.addEventListener('mouseup', (e) => bench.mouseups.push(e.timeStamp), true);
  if (window.IDBDatabase) {
    // Writes per transaction (put/add/delete) and the size of what was put, roughly.
    const txRecords = new WeakMap();
    for (const method of ['put', 'add', 'delete']) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (value, ...rest) {
        const rec = txRecords.get(this.transaction);
        if (rec) {
          rec.writes += 1;
          if (method !== 'delete') rec.bytes += typeof value === 'string' ? value.length : JSON.stringify(value ?? null)?.length ?? 0;
        }
        return original.call(this, value, ...rest);
      };
    }
    const tx = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, mode, opts) {
      const t = tx.call(this, stores, mode, opts);
      if (mode === 'readwrite') {
        const rec = { start: performance.now(), db: this.name, stores: [].concat(stores), complete: null, aborted: false, writes: 0, bytes: 0 };
        bench.idb.push(rec);
        txRecords.set(t, rec);
        t.addEventListener('complete', () => (rec.complete = performance.now()));
        t.addEventListener('abort', () => (rec.aborted = true));
      }
      return t;
    };
  }
}

// ------------------------------------------------------------------ CDP

export async function cdpSession(page) {
  const cdp = await page.context().newCDPSession(page);
  // Thread time makes TaskDuration CPU time of the main thread (robust on a busy machine).
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
  return cdp;
}

export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

// CPU seconds of every browser process (browser, GPU, renderers, utility), by type.
export async function processCpu(browser) {
  try {
    const s = await browser.newBrowserCDPSession();
    const { processInfo } = await s.send('SystemInfo.getProcessInfo');
    await s.detach().catch(() => {});
    const byType = {};
    for (const p of processInfo) byType[p.type] = (byType[p.type] ?? 0) + p.cpuTime;
    return byType;
  } catch {
    return null;
  }
}

// WebAssembly memory and JS heap of the page, in bytes.
export async function memory(page, cdp) {
  const inPage = await page.evaluate(() => {
    let wasm = null;
    try {
      if (window.Module && Module.HEAP8) wasm = Module.HEAP8.buffer.byteLength;
      // eslint-disable-next-line no-undef
      else if (typeof wasmMemory !== 'undefined') wasm = wasmMemory.buffer.byteLength;
    } catch {
      wasm = null;
    }
    const pm = performance.memory ? { used: performance.memory.usedJSHeapSize, total: performance.memory.totalJSHeapSize } : null;
    return { wasm, pm };
  });
  const heap = await cdp.send('Runtime.getHeapUsage').catch(() => null);
  return {
    wasmBytes: inPage.wasm,
    jsHeapUsedBytes: heap ? heap.usedSize : inPage.pm?.used ?? null,
    jsHeapTotalBytes: heap ? heap.totalSize : inPage.pm?.total ?? null,
  };
}

// ------------------------------------------------------------------ traces

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'];

// Per frame of the renderer main thread: the rAF callbacks (FireAnimationFrame) and the
// whole task that ran them. Durations in ms; `cpu` is thread time when the trace has it.
export function framesFromTrace(buffer) {
  const parsed = JSON.parse(buffer.toString('utf8'));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.add(`${e.pid}:${e.tid}`);
  }
  const onMain = (e) => mainThreads.has(`${e.pid}:${e.tid}`);
  const tasks = events
    .filter((e) => e.ph === 'X' && onMain(e) && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
    .sort((a, b) => a.ts - b.ts);
  const frames = [];
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'FireAnimationFrame' || !onMain(e)) continue;
    const task = tasks.find((t) => t.pid === e.pid && t.tid === e.tid && t.ts <= e.ts && t.ts + t.dur >= e.ts + e.dur);
    frames.push({
      ts: e.ts / 1000,
      wall: e.dur / 1000,
      cpu: (e.tdur ?? e.dur) / 1000,
      taskWall: task ? task.dur / 1000 : null,
      taskCpu: task ? (task.tdur ?? task.dur) / 1000 : null,
    });
  }
  return frames.sort((a, b) => a.ts - b.ts);
}

export function round(x, digits = 2) {
  if (x === null || x === undefined || !Number.isFinite(x)) return x ?? null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
