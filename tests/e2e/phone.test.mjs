// Issue 12, phones and zoom, in real Chromium: a phone (390x844 CSS px, pixel ratio 3,
// touch) and 200% browser zoom of a 1280x800 window (640x400 CSS px at pixel ratio 2).
// Both do the same journey, the phone with taps only (page.touchscreen.tap), the zoomed
// window with the mouse: open a list, open a paper, set its status, write a note, go back.
// Checked on the way: one pane at a time, no sideways scrolling, titles wide enough to
// read (or wrapped), the save state on screen, touch targets of 44 CSS px on the phone.
// Also: pinch-zoom, 320 CSS px, the text size at 200%, and CSS zoom on the page.
// Screenshots kept in test-results/e2e/phone/.

import path from 'node:path';
import { openApp, rect, visiblePapers, waitForIdb, waitForRect, waitForStatus, waitForValue, waitIdle, waitSaved } from './lib.mjs';
import { expect, keepScreenshot as keep, test } from './fixtures.mjs';
import { RESULTS_DIR } from './settings.mjs';

const ARTIFACTS = path.join(RESULTS_DIR, 'phone');
const keepScreenshot = async (page, name) => (await keep(page, 'phone', name)).file;

const LIST = 'ucb-cs294-ai-sys-sp22';
const NOTE = 'read on the bus';

// Taps (touch) or clicks (mouse) the middle of a named widget, then lets the app apply it.
async function press(page, name, how) {
  await waitIdle(page);
  const r = await waitForRect(page, name);
  // The middle of the part on screen (a tall widget, such as the note editor below the
  // chips at 640x400, may reach past the window's bottom edge).
  const view = page.viewportSize();
  const top = Math.max(r.y, 0), bottom = Math.min(r.y + r.h, view.height);
  expect(bottom - top, `${name} ${JSON.stringify(r)} on screen`).toBeGreaterThanOrEqual(8);
  const x = r.x + r.w / 2;
  const y = (top + bottom) / 2;
  if (how === 'tap') await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
  await waitIdle(page);
  return r;
}

// What the page shows must fit its width: no sideways scrolling (WCAG 1.4.10), and the
// save state inside the window.
async function checkReflow(page, where) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
  }));
  expect(m.scrollWidth, `${where}: document scrollWidth vs innerWidth ${m.innerWidth}`).toBeLessThanOrEqual(m.innerWidth);
  const save = await waitForRect(page, 'save-state');
  expect(save.x, `${where}: save state left edge`).toBeGreaterThanOrEqual(0);
  expect(save.x + save.w, `${where}: save state right edge (window ${m.innerWidth} wide)`).toBeLessThanOrEqual(m.innerWidth + 0.5);
  expect(save.y + save.h, `${where}: save state bottom`).toBeLessThanOrEqual(m.innerHeight + 0.5);
  return m;
}

async function journey(page, how, { note, shot }) {
  const minTarget = how === 'tap' ? 44 : 24;
  await checkReflow(page, 'lists pane');
  expect(await rect(page, 'back'), 'a back control on the first pane').toBeNull();
  const listRow = await waitForRect(page, `list:${LIST}`);
  expect(listRow.h, 'list row height (CSS px)').toBeGreaterThanOrEqual(minTarget);
  await keepScreenshot(page, `${shot}-1-lists`);

  await press(page, `list:${LIST}`, how);
  const back = await waitForRect(page, 'back');
  expect(back.h, 'back control height').toBeGreaterThanOrEqual(minTarget);
  expect(await rect(page, `list:${LIST}`), 'the lists pane is gone').toBeNull();
  await checkReflow(page, 'papers pane');
  const ids = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.length >= 3, { what: 'papers of the list drawn' });
  const em = 15; // the body font at 100% text size, CSS px
  let wrappedTitles = 0;
  for (const id of ids) {
    const row = await rect(page, `row:${id}`);
    const title = await rect(page, `title:${id}`);
    if (!row || !title) continue; // scrolled partly out of view
    expect(row.h, `row:${id} height`).toBeGreaterThanOrEqual(minTarget);
    // Readable: a title has at least 150 CSS px (10 em) to wrap in, and stays inside its row
    // (all of it drawn: a longer one wraps over more lines).
    const where = `title:${id} ${JSON.stringify(title)} in row ${JSON.stringify(row)}`;
    expect(row.w - 2 * em, `room for ${where}`).toBeGreaterThanOrEqual(150);
    expect(title.x + title.w, `right edge of ${where}`).toBeLessThanOrEqual(row.x + row.w);
    expect(title.y + title.h, `bottom of ${where}`).toBeLessThanOrEqual(row.y + row.h);
    if (title.h > em * 1.6) wrappedTitles++;
  }
  // At 390 px some of the list's first titles are longer than a line (at 640 px, not).
  if (how === 'tap') expect(wrappedTitles, 'titles wrapped over two lines or more').toBeGreaterThanOrEqual(1);
  await keepScreenshot(page, `${shot}-2-papers`);

  const id = ids[1];
  await press(page, `row:${id}`, how);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${id}`), { what: `${how} on row:${id} to open it` });
  expect(await rect(page, `row:${id}`), 'the papers pane is gone').toBeNull();
  const chip = await waitForRect(page, 'detail-status:read');
  expect(chip.h, 'status chip height').toBeGreaterThanOrEqual(minTarget);
  await press(page, 'detail-status:read', how);
  await waitForStatus(page, id, 'read');
  await checkReflow(page, 'paper pane');

  await press(page, 'note-editor', how);
  await waitForValue(page, () => document.activeElement?.id, undefined, (v) => v === 'ime', { what: 'the note editor to take the keyboard' });
  await page.keyboard.type(note);
  await waitIdle(page, { quietMs: 300 });
  await keepScreenshot(page, `${shot}-3-paper`);
  await press(page, 'back', how); // leaves the editor and the pane
  await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.includes(id), { what: 'back to the papers pane' });
  await waitSaved(page);
  const stored = await waitForIdb(page, 'papers', id, (r) => r?.status === 'read' && r?.note === note, { what: `IndexedDB papers/${id} read with the note` });
  const rec = await page.evaluate((i) => window.shelfmark.record(i), id);
  expect(rec?.note, 'the app\'s record of the note').toBe(note);
  await press(page, 'back', how);
  await waitForRect(page, `list:${LIST}`);
  await checkReflow(page, 'lists pane again');
  return stored;
}

test.describe('phone 390x844, pixel ratio 3, touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

  test('taps only: open a list, a paper, set read, write a note, go back', async ({ context, url, note }) => {
    test.setTimeout(90000); // 15-45 s on a loaded 2-core machine
    const page = await openApp(context, url);
    await page.evaluate(() => {
      window.__mouse = 0; // a tap must not arrive as mouse events as well
      for (const t of ['mousedown', 'mouseup']) window.addEventListener(t, () => window.__mouse++, true);
    });
    const viewport = await page.evaluate(() => document.querySelector('meta[name=viewport]').content);
    expect(viewport, 'pinch-zoom allowed').not.toMatch(/user-scalable\s*=\s*no|maximum-scale/);
    const stored = await journey(page, 'tap', { note: NOTE, shot: 'phone-390' });
    expect(await page.evaluate(() => window.__mouse), 'mouse events sent by the browser for the taps').toBe(0);
    note(`phone: ${JSON.stringify(stored).slice(0, 120)}; screenshots in ${path.relative(process.cwd(), ARTIFACTS)}`);
  });

  // Chromium's synthetic pinch ('default' source: a touchpad's, sent to the page as
  // Ctrl+wheel, which the app leaves to the browser). A synthetic two-finger touch pinch
  // zooms no page at all in this headless Chromium, so that one is not tested here.
  test('pinch-zoom magnifies the page (user-scalable=no is gone, the app leaves the pinch to the browser)', async ({ context, url, note }) => {
    const page = await openApp(context, url);
    await waitIdle(page);
    const before = await page.evaluate(() => window.visualViewport.scale);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.synthesizePinchGesture', { x: 195, y: 400, scaleFactor: 2, gestureSourceType: 'default' });
    await cdp.detach();
    const after = await waitForValue(page, () => window.visualViewport.scale, undefined, (s) => s > 1.2, { what: 'visualViewport.scale after a pinch', timeout: 5000 });
    await keepScreenshot(page, 'phone-390-pinched');
    note(`visualViewport.scale ${before} -> ${after}`);
  });

  test('320 CSS px wide: still no sideways scroll, save state on screen', async ({ context, url }) => {
    const page = await openApp(context, url);
    await page.setViewportSize({ width: 320, height: 640 });
    await waitIdle(page);
    await checkReflow(page, '320 px lists');
    await press(page, `list:${LIST}`, 'tap');
    await checkReflow(page, '320 px papers');
    await keepScreenshot(page, 'phone-320-papers');
  });
});

test.describe('phone 390x844 with the text size at 200%', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

  test('taps: Menu > Text size 200%: larger text, still on screen, kept after a reload', async ({ context, url, note }) => {
    const page = await openApp(context, url);
    const before = await waitForRect(page, `list:${LIST}`);
    await press(page, 'menu', 'tap');
    const item = await waitForRect(page, 'text-size:200');
    expect(item.h, 'menu item height').toBeGreaterThanOrEqual(44);
    await keepScreenshot(page, 'phone-390-menu');
    await press(page, 'text-size:200', 'tap');
    expect(await page.evaluate(() => localStorage.getItem('shelfmark:text-size')), 'the setting in localStorage').toBe('200');
    const after = await waitForValue(page, (n) => window.shelfmark.rect(n), `list:${LIST}`, (r) => r && r.h > before.h * 1.3, { what: 'the list row to grow with the text' });
    await checkReflow(page, 'text 200%, lists');
    await press(page, `list:${LIST}`, 'tap');
    await checkReflow(page, 'text 200%, papers');
    await waitForRect(page, 'search'); // moved out of the menu bar if it had no room there
    await keepScreenshot(page, 'phone-390-text-200');
    await page.reload({ waitUntil: 'load' });
    await waitForValue(page, (n) => window.shelfmark?.rect(n), 'save-state', (r) => !!r, { what: 'the app after the reload' });
    const menu = await waitForRect(page, 'menu');
    expect(menu.h, 'the menu bar after a reload, still at 200% text').toBeGreaterThan(50);
    await press(page, 'menu', 'tap'); // taller than the window now: it scrolls
    await keepScreenshot(page, 'phone-390-text-200-menu');
    note(`list row ${before.h} -> ${after.h} CSS px high`);
  });
});

test.describe('CSS zoom', () => {
  test('zoom: 2 on the page (a user style) reflows like 200% browser zoom, nothing cut', async ({ context, url }) => {
    // As a user style would: the page is zoomed before the app starts.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.style.zoom = '2';
      });
    });
    const page = await openApp(context, url);
    expect(await page.evaluate(() => document.getElementById('canvas').currentCSSZoom), 'the canvas zoomed').toBe(2);
    await waitForValue(page, () => window.shelfmark.rect('menu'), undefined, (r) => !!r, { what: 'one pane at CSS zoom 2 (1280 px wide)' });
    await waitIdle(page);
    await checkReflow(page, 'CSS zoom 2');
    const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().width);
    expect(canvas, 'the canvas as wide as the window').toBeLessThanOrEqual(1280);
    await keepScreenshot(page, 'css-zoom-2');
    await press(page, `list:${LIST}`, 'click'); // clicks land where the zoomed widgets are
    await waitForRect(page, 'back');
    await checkReflow(page, 'CSS zoom 2, papers');
  });
});

test.describe('200% zoom of 1280x800 (640x400 CSS px, pixel ratio 2)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('mouse: open a list, a paper, set read, write a note, go back', async ({ context, url, note }) => {
    test.setTimeout(90000); // 15-45 s on a loaded 2-core machine
    const page = await openApp(context, url);
    const stored = await journey(page, 'click', { note: NOTE, shot: 'zoom-200' });
    note(`200% zoom: ${JSON.stringify(stored).slice(0, 120)}`);
  });
});
