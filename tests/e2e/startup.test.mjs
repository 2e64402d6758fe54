// Start-up (issue 15): web/boot.js compiles the wasm while the page loads and main.js
// hands it to Emscripten. The program is fetched once; a server that sends it with another
// type still starts the app; a program that cannot be loaded says so in the page; the
// "Loading Shelfmark…" text shows only for a start that takes over a second.

import { waitReady, waitUntil } from './lib.mjs';
import { expect, test } from './fixtures.mjs';

const isWasm = (u) => new URL(u).pathname.endsWith('/shelfmark.wasm');

// The text of the page's #status element once it shows (with `error`: once it shows an error).
const statusShown = (page, { error = false, what, timeout }) =>
  waitUntil(
    page,
    (err) => {
      const el = document.getElementById('status');
      const shown = el && getComputedStyle(el).display !== 'none' && (!err || el.className === 'error');
      return shown ? el.textContent : null;
    },
    error,
    { what, timeout },
  );

test('startup: the program is fetched once, and the page shows no loading text on a quick start', async ({
  context,
  url,
  note,
}) => {
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => {
    if (isWasm(r.url())) requests.push(r.url());
  });
  // What the status element showed, sampled from the first script on.
  await page.addInitScript(() => {
    window.__statusSeen = [];
    const poll = () => {
      const el = document.getElementById('status');
      if (el && getComputedStyle(el).display !== 'none') window.__statusSeen.push(el.textContent);
      if (!performance.getEntriesByName('shelfmark:ready').length) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  note(`wasm requests: ${JSON.stringify(requests.map((u) => new URL(u).pathname + new URL(u).search))}`);
  expect(requests.length, 'shelfmark.wasm was requested more than once (boot.js and Emscripten both fetched it?)').toBe(1);
  expect(await page.evaluate(() => window.__statusSeen), 'the loading text showed on a start under a second').toEqual([]);
  expect(await page.evaluate(() => !!window.shelfmarkWasm), 'boot.js did not start the compile').toBe(true);
});

test('startup: a program sent as application/octet-stream still starts (boot.js compiles the bytes when the streaming compile refuses the type)', async ({
  context,
  url,
  note,
  allowErrors,
}) => {
  // Chromium logs the failed streaming compile before boot.js falls back.
  allowErrors(/MIME type|application\/wasm|compileStreaming/i);
  await context.route(isWasm, async (route) => {
    const resp = await route.fetch();
    await route.fulfill({ response: resp, headers: { ...resp.headers(), 'content-type': 'application/octet-stream' } });
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page, { timeout: 30000 });
  const papers = await page.evaluate(() => window.shelfmark.visiblePapers().length);
  note(`ready with ${papers} visible papers`);
  expect(papers).toBeGreaterThan(0);
  await context.unrouteAll({ behavior: 'wait' }); // no handler outlives the test
});

test('startup: a program that cannot be loaded is reported in the page', async ({ context, url, note, allowErrors }) => {
  allowErrors(/404|Failed to load resource|shelfmark\.wasm/i);
  await context.route(isWasm, (route) => route.fulfill({ status: 404, body: 'not here' }));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const text = await statusShown(page, { error: true, what: 'the error in #status', timeout: 15000 });
  note(`status: ${text}`);
  expect(text).toContain('could not load its program');
  expect(text).toContain('HTTP 404');
  expect(text).toContain('your saved progress is kept');
  await context.unrouteAll({ behavior: 'wait' });
});

test('startup: a slow start shows "Loading Shelfmark…", then the app', async ({ context, url, note }) => {
  await context.route(isWasm, async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const shown = await statusShown(page, { what: 'the loading text', timeout: 5000 });
  note(`shown while waiting: ${shown}`);
  expect(shown).toContain('Loading Shelfmark');
  await waitReady(page, { timeout: 30000 });
  expect(await page.evaluate(() => getComputedStyle(document.getElementById('status')).display)).toBe('none');
  await context.unrouteAll({ behavior: 'wait' });
});

test('startup: the service worker turns on navigation preload, and a controlled reload still starts', async ({
  context,
  url,
  note,
}) => {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  const state = await waitUntil(
    page,
    async () => {
      const reg = await navigator.serviceWorker?.getRegistration();
      if (!reg?.active || reg.active.state !== 'activated' || !reg.navigationPreload) return null;
      return reg.navigationPreload.getState();
    },
    undefined,
    { what: 'an activated service worker', timeout: 20000 },
  );
  note(`navigation preload: ${JSON.stringify(state)}`);
  expect(state.enabled, 'navigation preload is off: a warm start waits for the worker to start').toBe(true);
  // The next page of this context is controlled by the worker, and its page request is the
  // preloaded one.
  const page2 = await context.newPage();
  const nav = page2.waitForRequest((r) => r.isNavigationRequest());
  await page2.goto(url, { waitUntil: 'load' });
  await waitReady(page2);
  expect(await page2.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const headers = await (await nav).allHeaders();
  note(`navigation request headers: service-worker-navigation-preload=${headers['service-worker-navigation-preload']}`);
});
