// Issue 12, accessibility, in real Chromium against the real app: the DOM mirror
// (src/app/mirror.* sends the UI as JSON, web/mirror.js renders it) as axe-core, Chromium's
// accessibility tree and a keyboard-only user see it.
//   1. axe-core (wcag2a/aa, wcag21a/aa): 0 serious or critical violations on the page as
//      loaded, with a paper open, and with the help dialog open
//   2. the accessibility tree (CDP Accessibility.getFullAXTree): landmarks; every rendered
//      paper row named by its title with its status select holding the model's status; a
//      status changed through the mirror reaches the model, IndexedDB and the live region
//   3. a keyboard-only journey from a fresh load (no mouse event at all): Tab into the
//      mirror, open a list that is not open, rove to a paper, set its status, write a note,
//      export with Ctrl+S; the canvas focus ring follows the DOM focus
// The node counts are printed (the canvas-only page had 5 nodes in all).

import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { STATUSES, captureDownload, logInputEvents, openApp, readIdb, sleep, waitForIdb, waitForStatus, waitForValue, waitIdle, waitSaved } from './lib.mjs';
import { expect, test } from './fixtures.mjs';
import { RESULTS_DIR } from './settings.mjs';

const ARTIFACTS = path.join(RESULTS_DIR, 'a11y');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Waits until the mirror shows paper rows (the C++ side has sent its first update).
async function waitMirror(page) {
  return waitForValue(page, () => document.querySelectorAll('#a11y th button').length, undefined, (n) => n > 0, {
    timeout: 15000,
    what: 'the DOM mirror to show paper rows (#a11y th button)',
  });
}

async function axeProblems(page) {
  const res = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return {
    bad: res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`),
    other: res.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`),
    passes: res.passes.length,
  };
}

// What has the DOM focus: tag, accessible text, the canvas widget it stands for.
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return null;
    return {
      tag: a.tagName.toLowerCase(),
      inMirror: !!a.closest('#a11y'),
      text: (a.tagName === 'SELECT' || a.tagName === 'TEXTAREA' || a.tagName === 'INPUT' ? a.getAttribute('aria-label') || a.labels?.[0]?.textContent : a.textContent)?.trim() ?? '',
      name: a.dataset?.focusName ?? null,
      current: a.getAttribute('aria-current'),
      region: a.closest('header,nav,main,aside,[role=dialog]')?.tagName.toLowerCase() ?? null,
      value: 'value' in a ? a.value : null,
    };
  });
}

// Presses Tab until pred(focused) holds; returns the focused element's description.
async function tabUntil(page, pred, what, { max = 60, key = 'Tab' } = {}) {
  const seen = [];
  for (let k = 0; k < max; k++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    seen.push(f ? `${f.tag}:${f.text.slice(0, 30)}` : 'none');
    if (f && pred(f)) return f;
  }
  throw new Error(`${what}: not reached after ${max} ${key} presses; focus went ${seen.join(' > ')}`);
}

// The canvas focus ring (drawn by the app around the widget the DOM focus stands for) is
// near that widget's rect, when the app reports both.
async function expectRingNear(page, name, note) {
  if (!name) return;
  // The app draws the ring in the frame after the focus action: give it a few frames.
  const deadline = Date.now() + 2000;
  for (;;) {
    const { ring, target } = await page.evaluate((n) => ({ ring: window.shelfmark.rect('focus-ring'), target: window.shelfmark.rect(n) }), name);
    if (!ring || !target) {
      if (Date.now() < deadline) {
        await sleep(50);
        continue;
      }
      note(`focus ring check skipped for '${name}': rect('focus-ring') = ${JSON.stringify(ring)}, rect('${name}') = ${JSON.stringify(target)}`);
      return;
    }
    const cx = target.x + target.w / 2;
    const cy = target.y + target.h / 2;
    const slack = 12;
    const inside = cx >= ring.x - slack && cx <= ring.x + ring.w + slack && cy >= ring.y - slack && cy <= ring.y + ring.h + slack;
    if (inside) return;
    if (Date.now() > deadline) expect(inside, `focus ring ${JSON.stringify(ring)} is not around '${name}' ${JSON.stringify(target)} 2 s after the focus moved`).toBeTruthy();
    await sleep(50);
  }
}

// Counts the mouse events the page gets (window.__mouseEvents), to show a journey used none.
function countMouseEvents(context) {
  return context.addInitScript(() => {
    window.__mouseEvents = 0;
    // (A button activated with Enter or Space gets a click event too, with detail 0.)
    for (const t of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'wheel']) window.addEventListener(t, (e) => { if (e.isTrusted) window.__mouseEvents++; }, true);
    window.addEventListener('click', (e) => { if (e.isTrusted && e.detail > 0) window.__mouseEvents++; }, true);
  });
}

async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes;
}

// ------------------------------------------------------------------------- 1. axe-core
test('axe-core: no serious or critical WCAG 2.1 A/AA violations (loaded, a paper open, help dialog open)', async ({ context, url, note }) => {
  test.setTimeout(90000);
  const page = await openApp(context, url);
  await waitMirror(page);
  await waitIdle(page);
  const loaded = await axeProblems(page);
  note(`axe as loaded: ${loaded.passes} rules pass; violations of any impact: ${loaded.other.join(', ') || 'none'}`);
  expect(loaded.bad, 'axe serious/critical violations as loaded').toEqual([]);

  // A paper open: its title button in the mirror, activated with the keyboard.
  const first = await page.evaluate(() => document.querySelector('#a11y th button').dataset.paper);
  await page.focus('#a11y th button');
  await page.keyboard.press('Enter');
  await waitForValue(page, () => document.querySelector('#a11y aside h2')?.textContent ?? '', undefined, (t) => t.length > 0, { what: 'the paper pane to show a title' });
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${first}`), { what: `the app to open '${first}'` });
  await waitIdle(page);
  const open = await axeProblems(page);
  note(`axe with a paper open: violations of any impact: ${open.other.join(', ') || 'none'}`);
  expect(open.bad, 'axe serious/critical violations with a paper open').toEqual([]);
  await shot(page, 'axe-paper-open');

  // The help dialog: '?' while the focus is in the mirror.
  await page.focus('#a11y th button');
  await page.keyboard.press('?');
  await waitForValue(page, () => document.querySelector('#a11y [role=dialog]')?.getAttribute('aria-modal') ?? null, undefined, (v) => v === 'true', {
    what: 'the help dialog in the mirror',
  });
  const inDialog = await focused(page);
  expect(inDialog.region, `the focus moves into the dialog (it is on ${JSON.stringify(inDialog)})`).toBe('div');
  expect(await page.evaluate(() => !!document.activeElement.closest('[role=dialog]'))).toBe(true);
  await waitIdle(page);
  const dlg = await axeProblems(page);
  note(`axe with the help dialog open: violations of any impact: ${dlg.other.join(', ') || 'none'}`);
  expect(dlg.bad, 'axe serious/critical violations with the help dialog open').toEqual([]);
  await shot(page, 'axe-help-dialog');
  // Esc closes it and the focus comes back to the row.
  await page.keyboard.press('Escape');
  await waitForValue(page, () => document.querySelectorAll('#a11y [role=dialog]').length, undefined, (n) => n === 0, { what: 'the help dialog to close on Esc' });
  const back = await focused(page);
  expect(back.name, `focus after the dialog closed: ${JSON.stringify(back)}`).toBe(`row:${first}`);
});

// ------------------------------------------------------------------ 2. accessibility tree
test('accessibility tree: landmarks, rows named by title with their status; a status set through the mirror is stored and announced', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  await waitMirror(page);
  await waitIdle(page);
  let nodes = await axTree(page);
  const ignored = nodes.filter((n) => n.ignored).length;
  console.log(`a11y: Chromium AX tree of the loaded app: ${nodes.length} nodes (${nodes.length - ignored} not ignored); the canvas-only page had 5`);
  note(`AX tree: ${nodes.length} nodes (${nodes.length - ignored} not ignored); before the mirror: 5`);
  expect(nodes.length - ignored).toBeGreaterThan(50);

  const roles = new Set(nodes.filter((n) => !n.ignored).map((n) => n.role?.value));
  for (const r of ['banner', 'navigation', 'main', 'complementary', 'table', 'heading', 'status']) expect(roles.has(r), `AX tree has a ${r}`).toBeTruthy();

  // Every rendered paper row: the AX row is named by the title, the status combobox holds
  // the status the app has for the paper.
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('#a11y th button')].map((b) => ({ id: b.dataset.paper, title: b.textContent, status: window.shelfmark.status(b.dataset.paper) })),
  );
  expect(rows.length).toBeGreaterThan(3);
  const axRows = nodes.filter((n) => !n.ignored && n.role?.value === 'row').map((n) => n.name?.value ?? '');
  const combos = new Map(nodes.filter((n) => !n.ignored && n.role?.value === 'combobox').map((n) => [n.name?.value ?? '', n.value?.value]));
  for (const r of rows) {
    expect(axRows.some((name) => name.includes(r.title)), `an AX row named '${r.title}' (rows: ${JSON.stringify(axRows.slice(0, 8))}…)`).toBeTruthy();
    expect(combos.get(`Status of ${r.title}`), `AX combobox 'Status of ${r.title}' value`).toBe(r.status);
  }
  note(`${rows.length} paper rows rendered in the mirror, each named and with its status`);

  // A status changed with the keyboard on the row's select (ArrowDown = the next status).
  const target = rows[1];
  const next = STATUSES[STATUSES.indexOf(target.status) + 1] ?? STATUSES[STATUSES.indexOf(target.status) - 1];
  // Everything the live region says from now on (a later "saved" may replace the text).
  await page.evaluate(() => {
    const el = document.querySelector('#a11y [role=status][aria-live=polite]');
    window.__liveSaid = [];
    new MutationObserver(() => el.textContent && window.__liveSaid.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.focus(`#a11y select[aria-label="Status of ${target.title.replace(/"/g, '\\"')}"]`);
  await page.keyboard.press(STATUSES.indexOf(target.status) + 1 < STATUSES.length ? 'ArrowDown' : 'ArrowUp');
  await waitForStatus(page, target.id, next);
  await waitSaved(page);
  const rec = await waitForIdb(page, 'papers', target.id, (r) => r?.status === next, { what: `IndexedDB papers/${target.id} status '${next}'` });
  expect(rec.status).toBe(next);
  const said = await waitForValue(
    page,
    () => window.__liveSaid,
    undefined,
    (all) => all.some((t) => t.toLowerCase().includes(next) && t.includes(target.title)),
    { what: `the live region to announce '${target.title}' as ${next}` },
  );
  note(`live region said: ${JSON.stringify(said)}`);
  // The tree shows it too.
  nodes = await axTree(page);
  const combo = nodes.find((n) => n.role?.value === 'combobox' && n.name?.value === `Status of ${target.title}`);
  expect(combo?.value?.value).toBe(next);
  const liveNode = nodes.find((n) => n.role?.value === 'status' && (n.name?.value ?? '').length >= 0 && n.properties?.some((p) => p.name === 'live' && p.value.value === 'polite'));
  expect(liveNode, 'a polite live region in the AX tree').toBeTruthy();
});

// ------------------------------------------------------------ 3. keyboard-only journey
test('keyboard only: a paper of a list that is not open gets a status and a note, then Ctrl+S exports them', async ({ context, url, note }) => {
  test.setTimeout(120000);
  await logInputEvents(context);
  await countMouseEvents(context);
  const page = await openApp(context, url);
  await waitMirror(page);
  await waitIdle(page);
  const start = await focused(page);
  note(`focus on load: ${JSON.stringify(start)}`);

  // Tab into the mirror and on to a reading list that is not the open one.
  const firstStop = await tabUntil(page, (f) => f.inMirror, 'the first Tab stop in the mirror', { max: 3 });
  await expectRingNear(page, firstStop.name, note);
  const list = await tabUntil(page, (f) => f.region === 'nav' && f.tag === 'button' && f.current !== 'true' && f.name !== 'list:', 'a list button that is not the open list');
  await expectRingNear(page, list.name, note);
  const listId = list.name.slice('list:'.length);
  await shot(page, 'journey-1-list-focused');
  await page.keyboard.press('Enter');
  await waitForValue(page, (n) => document.querySelector(`#a11y nav button[data-focus-name="${n}"]`)?.getAttribute('aria-current'), list.name, (v) => v === 'true', {
    what: `list '${listId}' to become the open one`,
  });
  const listTitle = list.text.replace(/, \d+ of \d+ read$/, '');
  await waitForValue(page, () => document.querySelector('#a11y main h2')?.textContent, undefined, (t) => t?.startsWith(listTitle), { what: `the papers heading to name '${listTitle}'` });
  await waitIdle(page);

  // Into the table: the first Tab stop there is the cursor row's title; the arrows rove.
  const row0 = await tabUntil(page, (f) => f.region === 'main' && f.name?.startsWith('row:'), 'a paper row of the open list', { max: 10 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await waitIdle(page);
  const row = await focused(page);
  expect(row.name?.startsWith('row:') && row.name !== row0.name, `ArrowDown moved from ${row0.name} to another row (now ${JSON.stringify(row)})`).toBeTruthy();
  const id = row.name.slice('row:'.length);
  await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.includes(id), { what: `'${id}' among the visible papers of the open list` });
  await expectRingNear(page, row.name, note);
  await shot(page, 'journey-2-row-focused');

  // Enter opens the paper; Tab reaches the row's status select; ArrowDown sets the next status.
  await page.keyboard.press('Enter');
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${id}`), { what: `the app to open '${id}'` });
  const before = await page.evaluate((i) => window.shelfmark.status(i), id);
  const sel = await tabUntil(page, (f) => f.name === `status:${id}`, `the status select of '${id}'`, { max: 3 });
  await expectRingNear(page, sel.name, note);
  const want = STATUSES[STATUSES.indexOf(before) + 1] ?? STATUSES[0];
  await page.keyboard.press(STATUSES.indexOf(before) + 1 < STATUSES.length ? 'ArrowDown' : 'Home');
  await waitForStatus(page, id, want);

  // On to the note in the paper pane; type a note.
  const noteField = await tabUntil(page, (f) => f.name === 'note-editor', 'the note textarea', { max: 40 });
  expect(noteField.region).toBe('aside');
  await expectRingNear(page, 'note-editor', note);
  const text = 'Read with the keyboard only.';
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await shot(page, 'journey-3-note-typed');
  const shown = await page.evaluate(() => {
    const t = document.querySelector('#a11y aside textarea');
    const r = t.getBoundingClientRect();
    return { w: r.width, h: r.height, cls: t.className };
  });
  note(`the note textarea while typing: ${JSON.stringify(shown)}`);
  await sleep(400); // the mirror's note debounce
  await waitSaved(page);
  await waitForIdb(page, 'papers', id, (r) => r?.status === want && (r?.note ?? '').includes(text), { what: `IndexedDB papers/${id}: status ${want} and the note` });

  // Ctrl+S in the textarea exports: a real download with the status and the note.
  const { name, text: file } = await captureDownload(page, () => page.keyboard.press('Control+S'));
  expect(/^shelfmark-progress-\d{4}-\d{2}-\d{2}\.json$/.test(name), `download name ${name}`).toBeTruthy();
  const exported = JSON.parse(file).papers.find((p) => p.paper === id);
  expect(exported?.status).toBe(want);
  expect(exported?.note ?? '').toContain(text);
  await shot(page, 'journey-4-exported');

  expect(await page.evaluate(() => window.__mouseEvents), 'mouse events during the journey').toBe(0);
  const stored = await readIdb(page, 'papers', id);
  note(`'${id}' of list '${listId}': ${before} -> ${stored?.status}; note ${JSON.stringify(stored?.note)}; exported as ${name}`);
});

// ------------------------------------------------------- 4. 50,000 papers, virtualised
test('50,000 papers: the mirror renders a window of rows, follows the keyboard through the table, and costs nothing when idle', async ({ context, url, note }) => {
  test.setTimeout(120000);
  const page = await openApp(context, `${url}?synthetic=50000&lists=50&seed=1`, { timeout: 90000 });
  await waitMirror(page);
  // All papers, opened from the mirror.
  await page.focus('#a11y nav button[data-focus-name="list:"]');
  await page.keyboard.press('Enter');
  const total = await waitForValue(page, () => Number(document.querySelector('#a11y table').getAttribute('aria-rowcount')), undefined, (n) => n >= 50000, {
    timeout: 20000,
    what: 'aria-rowcount of All papers to reach 50,000',
  });
  await waitIdle(page);
  const rendered = await page.evaluate(() => document.querySelectorAll('#a11y table tr').length);
  expect(rendered, 'rows rendered in the DOM table').toBeLessThanOrEqual(200);
  expect(rendered).toBeGreaterThan(10);

  // End moves to the last rendered row; the app moves its cursor there and the window follows.
  await page.focus('#a11y th button');
  const mirrorProbe = () => page.evaluate(() => JSON.parse(window.Module.ccall('sm_probe_query', 'string', ['string'], ['mirror'])));
  const before = await page.evaluate(() => ({ ...window.shelfmarkMirror.stats }));
  const positions = [];
  for (let k = 0; k < 5; k++) {
    await page.keyboard.press('End');
    await waitIdle(page);
    positions.push(await page.evaluate(() => Number(document.activeElement.closest('tr')?.getAttribute('aria-rowindex') ?? -1)));
  }
  for (let k = 1; k < positions.length; k++) expect(positions[k], `the focused row moves down the table: ${positions}`).toBeGreaterThan(positions[k - 1]);
  expect(await page.evaluate(() => document.activeElement.dataset.focusName?.startsWith('row:'))).toBe(true);
  expect(await page.evaluate(() => document.querySelectorAll('#a11y table tr').length)).toBeLessThanOrEqual(200);
  const after = await page.evaluate(() => ({ ...window.shelfmarkMirror.stats }));
  const cpp = await mirrorProbe();
  const jsMs = (after.totalMs - before.totalMs) / Math.max(1, after.updates - before.updates);
  const recent = after.recent.slice(-(after.updates - before.updates));
  const median = [...recent].sort((a, b) => a - b)[Math.floor(recent.length / 2)];
  console.log(`a11y: 50,000 papers (${total} rows): ${rendered} rows in the DOM; mirror update: C++ build ${cpp.buildMs?.toFixed?.(2)} ms (max ${cpp.maxBuildMs?.toFixed?.(2)}), send ${cpp.sendMs?.toFixed?.(2)} ms, ${cpp.bytes} bytes; DOM render ${jsMs.toFixed(2)} ms on average, median ${median} ms, each: ${recent.join(' ')}`);
  note(`50k: focused rows ${positions.join(' > ')}; C++ build ${cpp.buildMs} ms, send ${cpp.sendMs} ms, ${cpp.bytes} B; JS render ${jsMs.toFixed(2)} ms average, ${median} ms median`);

  // Idle: no frame and no mirror update.
  const idle0 = await page.evaluate(() => [window.shelfmark.frameCount(), window.shelfmarkMirror.stats.updates]);
  await sleep(1000);
  const idle1 = await page.evaluate(() => [window.shelfmark.frameCount(), window.shelfmarkMirror.stats.updates]);
  expect(idle1, 'frames and mirror updates during 1 s idle').toEqual(idle0);
});

// ------------------------------------------------- 5. the import dialog by keyboard
test('import by keyboard: Ctrl+O in the mirror, the dialog takes the focus on Merge (axe clean), Tab stays inside, Enter merges, the focus comes back', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  await waitMirror(page);
  await page.focus('#a11y th button');
  const from = (await focused(page)).name;
  const golden = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../golden/progress-v1.json');
  const first = JSON.parse(fs.readFileSync(golden, 'utf8')).papers[0];
  const waiter = page.waitForEvent('filechooser', { timeout: 10000 });
  await sleep(250);
  await page.keyboard.press('Control+O');
  const chooser = await waiter;
  await chooser.setFiles(golden);
  await waitForValue(page, () => document.querySelector('#a11y [role=dialog]')?.dataset.kind ?? null, undefined, (k) => k === 'import', { what: 'the import dialog in the mirror' });
  const d = await page.evaluate(() => {
    const box = document.querySelector('#a11y [role=dialog]');
    return {
      title: document.getElementById(box.getAttribute('aria-labelledby'))?.textContent,
      lines: [...box.querySelectorAll('p')].map((p) => p.textContent),
      buttons: [...box.querySelectorAll('button')].map((b) => b.textContent),
    };
  });
  note(`import dialog: ${JSON.stringify(d)}`);
  const f = await focused(page);
  expect(f.text, `focus on the default choice (${JSON.stringify(f)})`).toBe('Merge');
  await expectRingNear(page, f.name, note);
  expect((await axeProblems(page)).bad, 'axe serious/critical violations with the import dialog open').toEqual([]);
  await shot(page, 'import-dialog');
  const cycle = [];
  for (let k = 0; k < d.buttons.length; k++) {
    await page.keyboard.press('Tab');
    cycle.push((await focused(page)).text);
  }
  expect(cycle.at(-1), `Tab cycles inside the dialog: ${cycle}`).toBe('Merge');
  expect(await page.evaluate(() => !!document.activeElement.closest('[role=dialog]'))).toBe(true);
  // Enter on the focused default button: Merge.
  await page.keyboard.press('Enter');
  await waitForValue(page, () => document.querySelectorAll('#a11y [role=dialog]').length, undefined, (n) => n === 0, { what: 'the import dialog to close' });
  await waitForStatus(page, first.paper, first.status);
  const back = await focused(page);
  expect(back.name, `focus after the dialog: ${JSON.stringify(back)}`).toBe(from);
});

// ----------------------------------------------------- 6. a list of mine by keyboard
test('keyboard only: a new list of mine is named, gets two papers, reordered, and deleted after a confirmation', async ({ context, url, note }) => {
  test.setTimeout(90000);
  await logInputEvents(context);
  await countMouseEvents(context);
  const page = await openApp(context, url);
  await waitMirror(page);
  // F10 from the canvas is the canvas's menu: get into the mirror with Tab first.
  await tabUntil(page, (f) => f.inMirror, 'the mirror', { max: 3 });
  await tabUntil(page, (f) => f.text === 'New list', 'the New list button', { max: 10 });
  await page.keyboard.press('Enter');
  const hash = await waitForValue(page, () => location.hash, undefined, (h) => /list=u-/.test(h), { what: 'the new list to open (list=u-… in the URL)' });
  const listId = decodeURIComponent(/list=([^&]+)/.exec(hash)[1]);
  await waitForValue(page, (id) => document.querySelector(`#a11y nav button[data-focus-name="list:${id}"]`)?.getAttribute('aria-current'), listId, (v) => v === 'true', {
    what: `the nav to mark '${listId}' as the open list`,
  });

  // Its name: the field in the papers region, focused as soon as the list is made (issue 13).
  await waitForValue(page, () => document.activeElement?.dataset?.focusName, undefined, (n) => n === 'list-name', { what: 'the focus on the new list\'s name field' });
  await expectRingNear(page, 'list-name', note);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Keyboard group');
  await page.keyboard.press('Enter');
  await waitForIdb(page, 'user', `list:${listId}`, (v) => v?.title === 'Keyboard group', { what: `IndexedDB user/list:${listId} titled "Keyboard group"` });
  await waitForValue(page, () => document.querySelector('#a11y main h2')?.textContent, undefined, (t) => t?.startsWith('Keyboard group'), { what: 'the heading to follow the new name' });

  // Two papers through the form (Enter in a field adds).
  await tabUntil(page, (f) => f.name === 'new-paper-title', 'the new paper title field');
  await page.keyboard.type('First keyboard paper');
  await page.keyboard.press('Enter');
  await waitForValue(page, () => window.shelfmark.visiblePapers().length, undefined, (n) => n === 1, { what: 'one paper in the list' });
  await page.keyboard.type('Second keyboard paper');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://example.org/second.pdf');
  await page.keyboard.press('Enter');
  const two = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.length === 2, { what: 'two papers in the list' });
  await waitForValue(page, () => document.querySelectorAll('#a11y table button[aria-label^="Move "]').length, undefined, (n) => n === 4, { what: 'move buttons on both rows' });
  await shot(page, 'own-list-two-papers');

  // The second row up: rove to it, Tab to its "Move … up" button, Enter.
  await tabUntil(page, (f) => f.name?.startsWith('row:') && f.tag === 'button' && !f.text.startsWith('Move') && !f.text.startsWith('Remove'), 'a row of the list', { max: 10 });
  await page.keyboard.press('End');
  const last = await focused(page);
  expect(last.text).toBe('Second keyboard paper');
  await tabUntil(page, (f) => /^Move up$/.test(f.text), 'the Move up button of the last row', { max: 3 });
  expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label'))).toBe('Move Second keyboard paper up');
  await page.keyboard.press('Enter');
  await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.join() === [two[1], two[0]].join(), { what: `the order to become ${two[1]}, ${two[0]}` });
  await waitSaved(page);

  // Delete, after the confirmation: Keep has the focus first, Delete is one Shift+Tab back.
  await tabUntil(page, (f) => f.text === 'Delete list…', 'the Delete list button', { key: 'Shift+Tab', max: 30 });
  await page.keyboard.press('Enter');
  expect((await focused(page)).text).toBe('Keep');
  await shot(page, 'own-list-delete-asked');
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).text).toBe('Delete');
  await page.keyboard.press('Enter');
  await waitForValue(page, (id) => !document.querySelector(`#a11y nav button[data-focus-name="list:${id}"]`), listId, (gone) => gone, { what: `'${listId}' to leave the nav` });
  await waitSaved(page);
  await waitForIdb(page, 'user', `list:${listId}`, (v) => v === undefined, { what: `IndexedDB user/list:${listId} to be deleted` });
  expect(await page.evaluate(() => window.__mouseEvents), 'mouse events').toBe(0);
  note(`list ${listId}: renamed, 2 papers (${two.join(', ')}), reordered, deleted`);
});

// -------------------------------------------------- 7. view settings from the mirror
test('view settings by keyboard: the mirror\'s text-size and theme selects set the app\'s, which keeps them', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  await waitMirror(page);
  await waitForValue(page, () => {
    const s = [...document.querySelectorAll('#a11y header select')].find((e) => e.labels[0]?.textContent === 'Text size');
    return s && !s.closest('[hidden]') ? s.value : null;
  }, undefined, (v) => v === '100', { what: 'the Text size select to show 100' });
  const searchBefore = await page.evaluate(() => window.shelfmark.rect('search'));
  await page.evaluate(() => [...document.querySelectorAll('#a11y header select')].find((e) => e.labels[0]?.textContent === 'Text size').focus());
  await page.keyboard.press('ArrowDown');
  await waitForValue(page, () => localStorage.getItem('shelfmark:text-size'), undefined, (v) => v === '125', { what: "localStorage 'shelfmark:text-size' = 125" });
  const searchAfter = await waitForValue(page, () => window.shelfmark.rect('search'), undefined, (r) => r && r.h > 0, { what: "rect('search')" });
  expect(searchAfter.h, `the search field grows with the text (${searchBefore.h} -> ${searchAfter.h} px)`).toBeGreaterThan(searchBefore.h);
  // Theme: System -> Dark with the keyboard; the app says dark back.
  const was = await page.evaluate(() => {
    const t = [...document.querySelectorAll('#a11y header select')].find((e) => e.labels[0]?.textContent === 'Theme');
    t.focus();
    return [t.value, document.getElementById('a11y').dataset.theme];
  });
  expect(was[0], 'the theme setting on a fresh load').toBe('system');
  await page.keyboard.press('ArrowDown'); // System -> Dark
  await waitForValue(page, () => document.getElementById('a11y').dataset.theme, undefined, (t) => t === 'dark', { what: 'the app to report the dark theme' });
  await waitIdle(page);
  await shot(page, 'view-125-dark');
  note(`text size 100 -> 125: search ${searchBefore.h} -> ${searchAfter.h} px high; theme system (${was[1]}) -> dark`);
});

test('closing the tab right after typing in the mirror keeps the note and the tags (no word lost to the debounce)', async ({ context, url, note }) => {
  test.setTimeout(60000);
  let page = await openApp(context, url);
  await waitMirror(page);
  const id = await page.evaluate(() => document.querySelectorAll('#a11y th button')[2].dataset.paper);
  await page.focus(`#a11y th button[data-paper="${id}"]`);
  await page.keyboard.press('Enter'); // open it
  await waitForValue(page, () => document.querySelector('#a11y aside h2')?.textContent ?? '', undefined, (t) => t.length > 0, { what: 'the paper pane' });
  await page.focus('#a11y aside input[type=text]');
  await page.keyboard.type('kept, tags');
  await page.focus('#a11y aside textarea');
  const text = 'Typed in the mirror, then the tab closed at once.';
  await page.keyboard.type(text); // no pause: the last keys are still in the 150 ms debounce
  await page.close(); // pagehide
  page = await openApp(context, url);
  const rec = await readIdb(page, 'papers', id);
  note(`paper ${id}: stored ${JSON.stringify({ note: rec?.note, tags: rec?.tags })}`);
  expect(rec?.note, `IndexedDB papers/${id}.note`).toBe(text);
  expect(rec?.tags, `IndexedDB papers/${id}.tags`).toEqual(['kept', 'tags']);
});
