// Issue 4, "Never lose a note": offline and update end-to-end tests with the real
// service worker (web/sw.js as stamped by scripts/stamp-site.mjs).
//
//   3. first visit, then network off and server stopped: reload -> the app works, an edit
//      persists across another offline reload
//   4. serve build N, then N+1 -> reload runs N+1, "updated" notice, one cache left, data
//      intact
//
// Each test serves the site from its own server (port 0), so it can stop it or change
// the files without touching the suite's server (the `server` fixture).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import {
  cacheNames,
  nextStatus,
  openApp,
  pageBuild,
  readIdb,
  reloadApp,
  setStatusWithMouse,
  status,
  visiblePapers,
  waitForServiceWorker,
  waitUntil,
} from './lib.mjs';
import { expect, test } from './fixtures.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STAMP = path.join(repo, 'scripts', 'stamp-site.mjs');

const shelfmarkCaches = async (page) => (await cacheNames(page)).filter((n) => n.startsWith('shelfmark-')).sort();

// The ?v= build ids of every script, wasm and data file the page loaded.
const loadedVersions = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => /\.(js|wasm|data)$/.test(u.pathname))
      .map((u) => `${u.pathname.split('/').pop()}?v=${u.searchParams.get('v')}`),
  );

// ------------------------------------------------------------------------------ test 3
test('offline: after one visit the app loads and saves with the network off and the server stopped', async ({ context, site, note }) => {
  test.setTimeout(60000);
  const server = await startServer({ root: site, port: 0, host: '127.0.0.1' });
  let serverUp = true;
  try {
    const page = await openApp(context, server.url);
    const sw = await waitForServiceWorker(page);
    const build = await pageBuild(page);
    const cachesOnline = await shelfmarkCaches(page);
    expect(cachesOnline.includes(`shelfmark-${build}`), `no cache shelfmark-${build} after the first visit: ${JSON.stringify(cachesOnline)}`).toBeTruthy();

    await context.setOffline(true);
    await server.close();
    serverUp = false;

    const wasmResponses = [];
    const onResponse = (r) => {
      if (new URL(r.url()).pathname.endsWith('.wasm')) wasmResponses.push(r);
    };
    page.on('response', onResponse);
    const res = await page.reload({ waitUntil: 'load' });
    expect(res, 'the offline reload gave no response').toBeTruthy();
    expect(res.fromServiceWorker(), `the offline page did not come from the service worker (HTTP ${res.status()})`).toBeTruthy();
    await reloadWait(page);
    page.off('response', onResponse);
    expect(wasmResponses.length, 'offline: the page fetched no .wasm file').toBeGreaterThan(0);
    for (const r of wasmResponses) {
      const type = (await r.allHeaders())['content-type'] ?? '';
      expect(r.fromServiceWorker(), `offline: ${r.url()} did not come from the service worker`).toBeTruthy();
      expect(/^application\/wasm\b/i.test(type), `offline: ${r.url()} served as '${type}' from the cache`).toBeTruthy();
    }
    expect(await pageBuild(page), 'build id of the offline page').toBe(build);
    const ids = await visiblePapers(page);
    expect(ids.length, `offline: expected at least 5 visible papers, got ${ids.length}`).toBeGreaterThanOrEqual(5);

    // An edit made offline is saved and survives another offline reload.
    const id = ids[2];
    const v = nextStatus(await status(page, id), 3);
    await setStatusWithMouse(page, id, v);
    await reloadApp(page);
    expect(await status(page, id), `offline: status('${id}') after another offline reload`).toBe(v);
    expect((await readIdb(page, 'papers', id))?.status, `offline: IndexedDB papers/${id}.status`).toBe(v);
    note(
      `service worker ${sw.state}${sw.reloaded ? ' (controlled the page only after a reload)' : ', controlled the first page'}; ` +
        `caches ${JSON.stringify(cachesOnline)}; offline edit '${id}' -> ${v} kept`,
    );
  } finally {
    await context.setOffline(false).catch(() => {});
    if (serverUp) await server.close();
  }
});

async function reloadWait(page) {
  // The document is already loaded (page.reload waited for 'load'): wait for the app.
  await waitUntil(page, () => performance.getEntriesByName('shelfmark:ready', 'mark').length > 0, undefined, {
    timeout: 30000,
    interval: 50,
    what: "performance mark 'shelfmark:ready' (offline)",
  });
}

// ------------------------------------------------------------------------------ test 4
test('update: build N then N+1 -> reload runs N+1, "updated" notice, one cache left, data intact', async ({ context, site, note }) => {
  test.setTimeout(90000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfmark-e2e-update-'));
  let server;
  try {
    fs.cpSync(site, dir, { recursive: true });
    const metaBuild = () => /<meta name="shelfmark-build" content="([^"]*)">/.exec(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'))?.[1];
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });

    // Build N: visit, let the service worker take over, make a change.
    const page = await openApp(context, server.url);
    await waitForServiceWorker(page);
    const buildN = await pageBuild(page);
    expect(buildN, 'build id of the page (N)').toBe(metaBuild());
    expect(JSON.stringify(await shelfmarkCaches(page)), 'caches under build N').toBe(JSON.stringify([`shelfmark-${buildN}`]));
    const id = (await visiblePapers(page))[1];
    const v = nextStatus(await status(page, id), 2);
    await setStatusWithMouse(page, id, v);

    // Build N+1: a changed main.js, stamped again (new build id, new worker).
    fs.appendFileSync(path.join(dir, 'main.js'), "\n// e2e: build N+1\nwindow.__e2eBuildMarker = 'n+1';\n");
    execFileSync(process.execPath, [STAMP, dir], { stdio: 'pipe' });
    const buildN1 = metaBuild();
    expect(buildN1 && buildN1 !== buildN, `stamping the changed site did not change the build id (${buildN} -> ${buildN1})`).toBeTruthy();

    await reloadApp(page);
    expect(await pageBuild(page), 'build id of the reloaded page (N+1)').toBe(buildN1);
    expect(await page.evaluate(() => window.__e2eBuildMarker ?? null), "the reloaded page runs build N+1's main.js").toBe('n+1');
    const versions = await loadedVersions(page);
    const mixed = versions.filter((v2) => !v2.endsWith(`?v=${buildN1}`));
    expect(versions.some((x) => x.startsWith('shelfmark.wasm')), `no shelfmark.wasm among the loaded files: ${JSON.stringify(versions)}`).toBeTruthy();
    expect(mixed.length, `build N+1 loaded files of another build: ${JSON.stringify(mixed)} (all: ${JSON.stringify(versions)})`).toBe(0);

    const noticeShown = () => {
      const el = document.getElementById('notice');
      return el && el.className !== 'hidden' && getComputedStyle(el).display !== 'none' ? el.textContent : null;
    };
    const notice = await waitUntil(page, noticeShown, undefined, { timeout: 5000, what: 'the #notice element to show' });
    expect(/updated/i.test(notice), `the notice does not say the app was updated: ${JSON.stringify(notice)}`).toBeTruthy();

    // Settled: the new worker is active, only its cache is left.
    await waitUntil(
      page,
      async (want) => {
        const reg = await navigator.serviceWorker.getRegistration();
        const names = (await caches.keys()).filter((n) => n.startsWith('shelfmark-'));
        return reg?.active?.scriptURL && !reg.installing && !reg.waiting && names.length === 1 && names[0] === want;
      },
      `shelfmark-${buildN1}`,
      { timeout: 20000, interval: 100, what: `only cache shelfmark-${buildN1} left and no worker waiting` },
    );
    const left = await shelfmarkCaches(page);
    const noticeAfter = await page.evaluate(noticeShown);
    // Data made under N is intact.
    expect(await status(page, id), `status('${id}') set under build N`).toBe(v);
    expect((await readIdb(page, 'papers', id))?.status, `IndexedDB papers/${id}.status set under build N`).toBe(v);
    note(`build ${buildN} -> ${buildN1}; caches left ${JSON.stringify(left)}; notice ${JSON.stringify(noticeAfter)}`);
    // Last, so that the checks above report first.
    expect(
      noticeAfter && /updated/i.test(noticeAfter) && !/reload/i.test(noticeAfter),
      `after the new worker took over, the notice of the page already running N+1 (${buildN1}) says ` +
        `${JSON.stringify(noticeAfter)}; it first said ${JSON.stringify(notice)} (expected the "updated" notice to stay, ` +
        `not a request to reload into the build it already runs)`,
    ).toBeTruthy();
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
