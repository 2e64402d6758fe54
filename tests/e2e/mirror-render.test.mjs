// Issue 12: the accessible DOM mirror's renderer (web/mirror.js) alone, in a blank page:
// fixture JSON in (window.shelfmarkMirror.update), semantic DOM and actions out (a fake
// Module.ccall records what would reach the app's sm_mirror_action). The real app with its
// C++ side is tested in a11y.test.mjs; these pin the renderer's own promises: landmarks and
// names, keyed rows that keep the focus across updates, roving arrows, the note debounce and
// "never overwrite what is being typed", dialogs (focus in, Tab trapped, Enter/Esc, focus
// back), the live region, global keys, and the focused text field shown over the canvas.

import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { sleep } from './lib.mjs';
import { expect, test } from './fixtures.mjs';
import { REPO, RESULTS_DIR } from './settings.mjs';

const ARTIFACTS = path.join(RESULTS_DIR, 'mirror-render');
const STATUSES = ['unread', 'queued', 'reading', 'read', 'skipped'];

function paper(i, id, status = 'unread', extra = {}) {
  return { i, id, title: `Paper ${id.toUpperCase()} title`, by: `Author ${id} et al., 2019`, role: 'required', status, ...extra };
}

// A model like the C++ side sends: a list with two sections, five rendered rows of 40.
function fixture(over = {}) {
  return {
    v: 1,
    theme: 'dark',
    themeSetting: 'system',
    textSize: 125,
    save: { state: 'saved', text: 'Saved', why: '' },
    banner: '',
    notice: '',
    lists: [
      { id: '', title: 'All papers', read: 3, total: 120, current: false, mine: false },
      { id: 'cs294', title: 'CS294 AI-Sys', read: 2, total: 40, current: true, mine: false },
      { id: 'snu', title: 'SNU AI Systems', read: 0, total: 30, current: false, mine: false },
    ],
    myLists: [{ id: 'u1', title: 'My list' }],
    list: { id: 'cs294', title: 'CS294 AI-Sys', summary: '40 papers, 2 read' },
    query: '',
    queryError: '',
    rowTotal: 40,
    rows: [
      { i: 0, section: 'Week 1: Introduction' },
      paper(1, 'pa', 'read', { cursor: true }),
      paper(2, 'pb', 'queued'),
      { i: 3, section: 'Week 2: Systems' },
      paper(4, 'pc'),
    ],
    detail: {
      id: 'pa',
      title: 'Paper PA title',
      authors: 'Ann A, Bob B',
      venue: 'OSDI 2012',
      links: [{ label: 'https://example.org/pa.pdf', url: 'https://example.org/pa.pdf' }],
      status: 'read',
      priority: 2,
      tags: 'systems, ml',
      appearsIn: ['CS294 AI-Sys — Week 1 (required)'],
      note: 'first note',
      noteMessage: '',
    },
    dialog: null,
    announce: [{ seq: 1, text: 'Loaded' }],
    rects: { search: [300, 40, 400, 28], 'note-editor': [900, 300, 340, 200], tags: [900, 250, 340, 26] },
    ...over,
  };
}

// A blank page with the site's stylesheet, a dark body like the app's, <div id="a11y">, a
// fake Module that records actions, and web/mirror.js.
async function mirrorPage(context) {
  const page = await context.newPage();
  await page.setContent('<!doctype html><html lang="en"><head><title>mirror</title></head><body><canvas id="canvas" aria-hidden="true" tabindex="-1"></canvas><div id="a11y"></div></body></html>');
  await page.addStyleTag({ path: path.join(REPO, 'web/style.css') });
  await page.evaluate(() => {
    window.__actions = [];
    window.Module = {
      _sm_mirror_action() {},
      ccall(name, ret, types, args) {
        if (name !== 'sm_mirror_action') throw new Error(`unexpected ccall ${name}`);
        window.__actions.push(JSON.parse(args[0]));
      },
    };
  });
  await page.addScriptTag({ path: path.join(REPO, 'web/mirror.js') });
  return page;
}

const update = (page, model) => page.evaluate((m) => window.shelfmarkMirror.update(JSON.stringify(m)), model);
const actions = (page) => page.evaluate(() => window.__actions.filter((a) => a.do !== 'focus'));
const focusActions = (page) => page.evaluate(() => window.__actions.filter((a) => a.do === 'focus').map((a) => a.name));
const clearActions = (page) => page.evaluate(() => (window.__actions.length = 0));
const activeDescr = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}:${a.getAttribute('aria-label') || a.textContent.trim().slice(0, 40)}` : null;
  });

async function axeSerious(page) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('renders landmarks, headings, the lists, the virtualised table and the paper as semantic DOM', async ({ context }) => {
  const page = await mirrorPage(context);
  await update(page, fixture());
  const dom = await page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const rows = [...document.querySelectorAll('#a11y table tr')];
    return {
      h1: q('#a11y header h1')?.textContent,
      banner: q('#a11y header')?.getAttribute('role'),
      navLabel: q('#a11y nav')?.getAttribute('aria-label'),
      listButtons: [...document.querySelectorAll('#a11y nav button')].map((b) => [b.textContent, b.getAttribute('aria-current')]),
      mainH2: q('#a11y main h2')?.textContent,
      search: [q('#a11y main input[type=search]')?.getAttribute('aria-label'), q('#a11y main input[type=search]')?.getAttribute('aria-describedby')],
      rowcount: q('#a11y table')?.getAttribute('aria-rowcount'),
      rows: rows.map((tr) => ({
        index: tr.getAttribute('aria-rowindex'),
        h3: tr.querySelector('h3')?.textContent ?? null,
        th: tr.querySelector('th[scope=row] button')?.textContent ?? null,
        select: tr.querySelector('select') ? [tr.querySelector('select').getAttribute('aria-label'), tr.querySelector('select').value] : null,
        tab: tr.querySelector('button')?.tabIndex ?? null,
      })),
      asideLabel: q('#a11y aside')?.getAttribute('aria-label'),
      detailH2: q('#a11y aside h2')?.textContent,
      link: [q('#a11y aside a')?.getAttribute('href'), q('#a11y aside a')?.getAttribute('target'), q('#a11y aside a')?.getAttribute('rel')],
      legend: q('#a11y aside fieldset legend')?.textContent,
      checked: q('#a11y aside input[type=radio]:checked')?.value,
      priority: q('#a11y aside select')?.value,
      note: [q('#a11y aside textarea')?.getAttribute('aria-label'), q('#a11y aside textarea')?.value],
      save: q('#a11y header .a11y-save')?.textContent,
      view: [...document.querySelectorAll('#a11y header select')].map((e) => [e.labels[0]?.textContent, e.value]),
      live: q('#a11y [role=status]')?.getAttribute('aria-live'),
    };
  });
  expect(dom.h1).toBe('Shelfmark');
  expect(dom.banner).toBe('banner');
  expect(dom.navLabel).toBe('Reading lists');
  expect(dom.listButtons).toEqual([
    ['All papers, 3 of 120 read', null],
    ['CS294 AI-Sys, 2 of 40 read', 'true'],
    ['SNU AI Systems, 0 of 30 read', null],
  ]);
  expect(dom.mainH2).toBe('CS294 AI-Sys');
  expect(dom.search[0]).toBe('Search papers');
  expect(dom.search[1]).toBeTruthy();
  expect(dom.rowcount).toBe('40');
  expect(dom.rows).toEqual([
    { index: '1', h3: 'Week 1: Introduction', th: null, select: null, tab: null },
    { index: '2', h3: null, th: 'Paper PA title', select: ['Status of Paper PA title', 'read'], tab: 0 },
    { index: '3', h3: null, th: 'Paper PB title', select: ['Status of Paper PB title', 'queued'], tab: -1 },
    { index: '4', h3: 'Week 2: Systems', th: null, select: null, tab: null },
    { index: '5', h3: null, th: 'Paper PC title', select: ['Status of Paper PC title', 'unread'], tab: -1 },
  ]);
  expect(dom.asideLabel).toBe('Paper');
  expect(dom.detailH2).toBe('Paper PA title');
  expect(dom.link).toEqual(['https://example.org/pa.pdf', '_blank', 'noopener']);
  expect(dom.legend).toBe('Status');
  expect(dom.checked).toBe('read');
  expect(dom.priority).toBe('2');
  expect(dom.note).toEqual(['Note (Markdown)', 'first note']);
  expect(dom.save).toContain('Saved');
  expect(dom.view).toEqual([
    ['Theme', 'system'],
    ['Text size', '125'],
  ]);
  // A build without the text-size setting sends no textSize: no dead control then.
  await update(page, fixture({ textSize: undefined }));
  expect(await page.evaluate(() => document.getElementById(document.querySelectorAll('#a11y header label')[1].htmlFor).closest('[hidden]') !== null)).toBe(true);
  await update(page, fixture());
  expect(dom.live).toBe('polite');

  // Chromium's accessibility tree: landmarks, and rows named by title with a status value.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const roles = new Set(nodes.map((n) => n.role?.value));
  for (const r of ['banner', 'navigation', 'main', 'complementary', 'table', 'row', 'rowheader', 'heading', 'status']) expect(roles.has(r), `AX role ${r}`).toBeTruthy();
  const rowNames = nodes.filter((n) => n.role?.value === 'row').map((n) => n.name?.value ?? '');
  expect(rowNames.some((n) => n.includes('Paper PB title')), `row names ${JSON.stringify(rowNames)}`).toBeTruthy();
  const combos = nodes.filter((n) => n.role?.value === 'combobox' && /^Status of /.test(n.name?.value ?? ''));
  expect(combos.map((n) => [n.name.value, n.value?.value])).toEqual([
    ['Status of Paper PA title', 'read'],
    ['Status of Paper PB title', 'queued'],
    ['Status of Paper PC title', 'unread'],
  ]);

  // The container shows nothing over the canvas while no text field has the focus.
  const box = await page.evaluate(() => {
    const r = document.getElementById('a11y').getBoundingClientRect();
    return [r.width, r.height];
  });
  expect(box[0] <= 1 && box[1] <= 1, `#a11y box ${box}`).toBeTruthy();
  expect(await axeSerious(page), 'axe serious/critical violations').toEqual([]);
});

test('keyed rows: an update keeps the focused element and the other rows\' elements; arrows rove', async ({ context }) => {
  const page = await mirrorPage(context);
  await update(page, fixture());
  await page.evaluate(() => {
    document.querySelectorAll('#a11y table tr').forEach((tr, k) => (tr.__mark = k));
  });
  await page.focus('#a11y th button >> text=Paper PB title');
  expect(await focusActions(page)).toEqual(['row:pb']);
  // PB got the roving tab stop when it took the focus.
  expect(await page.evaluate(() => [...document.querySelectorAll('#a11y th button')].map((b) => b.tabIndex))).toEqual([-1, 0, -1]);

  // The window scrolls by one row (PA leaves, PD comes in) and PB's status changes.
  const next = fixture({
    rows: [paper(2, 'pb', 'reading', { cursor: true }), { i: 3, section: 'Week 2: Systems' }, paper(4, 'pc'), paper(5, 'pd')],
  });
  await update(page, next);
  const after = await page.evaluate(() => ({
    focused: document.activeElement?.textContent,
    marks: [...document.querySelectorAll('#a11y table tr')].map((tr) => tr.__mark ?? 'new'),
    pbStatus: document.querySelector('#a11y select[aria-label="Status of Paper PB title"]').value,
    index: [...document.querySelectorAll('#a11y table tr')].map((tr) => tr.getAttribute('aria-rowindex')),
  }));
  expect(after.focused).toBe('Paper PB title');
  expect(after.marks).toEqual([2, 3, 4, 1]); // rows kept; PD's row is PA's, renamed (nothing rebuilt)
  expect(after.pbStatus).toBe('reading');
  expect(after.index).toEqual(['3', '4', '5', '6']);

  // The focused row is moved to the end: it keeps the focus (the others move around it).
  await update(page, fixture({ rows: [paper(4, 'pc'), paper(5, 'pd'), paper(6, 'pb', 'reading', { cursor: true })] }));
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Paper PB title');
  expect(await page.evaluate(() => [...document.querySelectorAll('#a11y th button')].map((b) => b.textContent))).toEqual([
    'Paper PC title',
    'Paper PD title',
    'Paper PB title',
  ]);

  // ArrowUp goes to the previous rendered paper row (skipping sections), and says so.
  await update(page, next);
  await clearActions(page);
  await page.keyboard.press('ArrowDown');
  expect(await activeDescr(page)).toBe('button:Paper PC title');
  await page.keyboard.press('ArrowDown');
  expect(await activeDescr(page)).toBe('button:Paper PD title');
  await page.keyboard.press('ArrowDown'); // last rendered row: stays
  expect(await activeDescr(page)).toBe('button:Paper PD title');
  await page.keyboard.press('ArrowUp');
  expect(await activeDescr(page)).toBe('button:Paper PC title');
  expect(await actions(page)).toEqual([
    { do: 'focus-row', id: 'pc' },
    { do: 'focus-row', id: 'pd' },
    { do: 'focus-row', id: 'pc' },
  ]);
  expect(await focusActions(page)).toEqual(['row:pc', 'row:pd', 'row:pc']);
  expect(await page.evaluate(() => [...document.querySelectorAll('#a11y table tr')].map((tr) => tr.querySelector('select')?.dataset.focusName ?? '-'))).toEqual([
    'status:pb',
    '-',
    'status:pc',
    'status:pd',
  ]);
  // Only the focused row is in the Tab order.
  expect(await page.evaluate(() => [...document.querySelectorAll('#a11y table button, #a11y table select')].filter((e) => e.tabIndex === 0).map((e) => (e.tagName === 'SELECT' ? e.getAttribute('aria-label') : e.textContent)))).toEqual([
    'Paper PC title',
    'Status of Paper PC title',
  ]);
  // Enter opens the paper; Tab reaches its status select; a keyboard change sets the status.
  await clearActions(page);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await activeDescr(page)).toBe('select:Status of Paper PC title');
  await page.selectOption('#a11y select[aria-label="Status of Paper PC title"]', 'skipped');
  expect(await actions(page)).toEqual([
    { do: 'open', id: 'pc' },
    { do: 'status', id: 'pc', value: 'skipped' },
  ]);
  expect((await focusActions(page)).at(-1)).toBe('status:pc');

  // A paper listed in two sections is two rows; the arrows go through both.
  await update(page, fixture({ rows: [{ i: 0, section: 'Week 1' }, paper(1, 'pa', 'read', { cursor: true }), paper(2, 'pb'), { i: 3, section: 'Week 2' }, paper(4, 'pa', 'read')] }));
  expect(await page.evaluate(() => [...document.querySelectorAll('#a11y th button')].map((b) => b.textContent))).toEqual(['Paper PA title', 'Paper PB title', 'Paper PA title']);
  await page.focus('#a11y th button >> nth=0');
  await clearActions(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => document.activeElement.closest('tr').getAttribute('aria-rowindex'))).toBe('5');
  await page.keyboard.press('ArrowUp');
  expect(await page.evaluate(() => document.activeElement.closest('tr').getAttribute('aria-rowindex'))).toBe('3');
  expect(await actions(page)).toEqual([
    { do: 'focus-row', id: 'pb' },
    { do: 'focus-row', id: 'pa' },
    { do: 'focus-row', id: 'pb' },
  ]);
});

test('the paper pane: status radios, priority, tags, add to list, and a note that is never overwritten while typed', async ({ context }) => {
  const page = await mirrorPage(context);
  await update(page, fixture());
  await clearActions(page);
  await page.focus('#a11y aside input[type=radio][value=reading]');
  await page.keyboard.press('Space');
  await page.selectOption('#a11y aside select >> nth=0', '3');
  await page.fill('#a11y aside input[type=text]', 'systems, ml, gpu');
  await page.keyboard.press('Tab'); // change on leaving the field
  await page.selectOption('#a11y aside select >> nth=1', 'u1');
  expect(await actions(page)).toEqual([
    { do: 'status', id: 'pa', value: 'reading' },
    { do: 'priority', id: 'pa', value: 3 },
    { do: 'tags', id: 'pa', value: 'systems, ml, gpu' },
    { do: 'add-to-list', list: 'u1', id: 'pa' },
  ]);
  expect(await page.inputValue('#a11y aside select >> nth=1')).toBe(''); // back to "Choose a list"

  // Typing in the note: one action ~150 ms after the last key, with the whole text.
  await clearActions(page);
  await page.focus('#a11y aside textarea');
  await page.keyboard.press('End');
  await page.keyboard.type(' and more', { delay: 20 });
  // An update with the old note arrives while typing: the typed text stays.
  await update(page, fixture());
  expect(await page.inputValue('#a11y aside textarea')).toBe('first note and more');
  await sleep(400);
  // One action after the last key; a loaded machine may pause longer than the debounce
  // between two keys, which sends what was typed so far first: every action is a prefix
  // of the text, the last one the whole text.
  const noteActions = await actions(page);
  expect(noteActions.length).toBeGreaterThanOrEqual(1);
  expect(noteActions.at(-1)).toEqual({ do: 'note', id: 'pa', value: 'first note and more' });
  for (const a of noteActions) {
    expect(a.do).toBe('note');
    expect(a.id).toBe('pa');
    expect('first note and more'.startsWith(a.value)).toBe(true);
  }
  expect((await focusActions(page)).at(-1)).toBe('note-editor');

  // Typing, then another paper opens before the debounce: the edit goes to the first paper,
  // and the textarea shows the new paper's note.
  await clearActions(page);
  await page.keyboard.type('!');
  const other = fixture({ detail: { ...fixture().detail, id: 'pb', title: 'Paper PB title', note: 'note of pb', status: 'queued' } });
  await update(page, other);
  expect(await actions(page)).toEqual([{ do: 'note', id: 'pa', value: 'first note and more!' }]);
  expect(await page.inputValue('#a11y aside textarea')).toBe('note of pb');
  expect(await page.evaluate(() => document.querySelector('#a11y aside input[type=radio]:checked').value)).toBe('queued');

  // No paper: a text says so, and the controls are gone.
  await update(page, fixture({ detail: null }));
  const none = await page.evaluate(() => ({
    text: document.querySelector('#a11y aside').innerText,
    controls: [...document.querySelectorAll('#a11y aside textarea, #a11y aside select, #a11y aside input')].filter((e) => e.offsetParent !== null || e.getClientRects().length).length,
  }));
  expect(none.text).toContain('Select a paper');
  expect(none.controls).toBe(0);
});

test('dialogs: focus moves in, Tab is trapped, Enter is the default, Esc cancels, focus comes back', async ({ context }) => {
  const page = await mirrorPage(context);
  await update(page, fixture());
  await page.focus('#a11y nav button >> nth=2');
  const dlg = {
    kind: 'import',
    title: 'Import progress',
    lines: ['3 papers change status', '1 note is added'],
    choices: [
      { id: 'merge', label: 'Merge', default: true },
      { id: 'replace', label: 'Replace', default: false },
    ],
    cancel: 'Cancel',
  };
  await clearActions(page);
  // update() runs inside the app's frame: the focus it moves is reported after it returns.
  const sentDuring = await page.evaluate(async (m) => {
    window.shelfmarkMirror.update(JSON.stringify(m));
    const during = window.__actions.slice();
    await new Promise((r) => setTimeout(r, 0));
    return { during, after: window.__actions.slice() };
  }, fixture({ dialog: dlg }));
  expect(sentDuring).toEqual({ during: [], after: [{ do: 'focus', name: 'import-0' }] });
  expect(await activeDescr(page)).toBe('button:Merge');
  const d = await page.evaluate(() => {
    const box = document.querySelector('#a11y [role=dialog]');
    return {
      modal: box.getAttribute('aria-modal'),
      label: document.getElementById(box.getAttribute('aria-labelledby'))?.textContent,
      inert: ['header', 'nav', 'main', 'aside'].map((s) => document.querySelector('#a11y ' + s).inert),
    };
  });
  expect(d).toEqual({ modal: 'true', label: 'Import progress', inert: [true, true, true, true] });
  expect(await axeSerious(page), 'axe with the dialog open').toEqual([]);
  const seen = [];
  for (let k = 0; k < 4; k++) {
    await page.keyboard.press('Tab');
    seen.push(await activeDescr(page));
  }
  expect(seen).toEqual(['button:Replace', 'button:Cancel', 'button:Merge', 'button:Replace']);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await activeDescr(page)).toBe('button:Cancel');
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.querySelector('#a11y [role=dialog] h2').setAttribute('tabindex', '-1'));
  await page.evaluate(() => document.querySelector('#a11y [role=dialog] h2').focus());
  await page.keyboard.press('Enter'); // Enter off the buttons: the default choice
  expect(await actions(page)).toEqual([{ do: 'cancel' }, { do: 'dialog', choice: 'merge' }]);
  // The same dialog again: nothing is rebuilt (the focus stays where it is).
  await page.focus('#a11y [role=dialog] button >> text=Replace');
  await update(page, fixture({ dialog: dlg }));
  expect(await activeDescr(page)).toBe('button:Replace');
  // Closed: the focus goes back to the list button it came from.
  await update(page, fixture({ dialog: null }));
  expect(await activeDescr(page)).toBe('button:SNU AI Systems, 0 of 30 read');
  expect(await page.evaluate(() => document.querySelectorAll('#a11y [role=dialog]').length)).toBe(0);
  expect(await page.evaluate(() => document.querySelector('#a11y main').inert)).toBe(false);
});

test('live region announces new seqs once, and the same text again when it repeats', async ({ context }) => {
  const page = await mirrorPage(context);
  const live = () => page.evaluate(() => document.querySelector('#a11y [role=status][aria-live=polite]').textContent);
  await update(page, fixture({ announce: [{ seq: 1, text: 'Loaded' }] }));
  await expect.poll(live).toBe('Loaded');
  await update(page, fixture({ announce: [{ seq: 1, text: 'Loaded' }, { seq: 2, text: 'Marked read: Paper PA title' }] }));
  await expect.poll(live).toBe('Marked read: Paper PA title');
  // The same list again (an update for another reason): nothing new is said.
  const changes = await page.evaluate(() => {
    const el = document.querySelector('#a11y [role=status][aria-live=polite]');
    window.__liveChanges = 0;
    new MutationObserver(() => window.__liveChanges++).observe(el, { childList: true, characterData: true, subtree: true });
    return 0;
  });
  await update(page, fixture({ announce: [{ seq: 1, text: 'Loaded' }, { seq: 2, text: 'Marked read: Paper PA title' }] }));
  await sleep(120);
  expect(await page.evaluate(() => window.__liveChanges)).toBe(changes);
  // The same text with a new seq: cleared, then set again.
  await update(page, fixture({ announce: [{ seq: 3, text: 'Marked read: Paper PA title' }] }));
  await sleep(120);
  expect(await page.evaluate(() => window.__liveChanges)).toBeGreaterThanOrEqual(2);
  expect(await live()).toBe('Marked read: Paper PA title');
  // Two new ones at once are both said.
  await update(page, fixture({ announce: [{ seq: 4, text: 'Saved' }, { seq: 5, text: 'Export done' }] }));
  await expect.poll(live).toBe('Saved. Export done');
  // Two updates a moment apart (a status line, then "saved" as the write commits): the
  // first is not dropped by the second.
  await page.evaluate(
    ([a, b]) => {
      window.shelfmarkMirror.update(JSON.stringify(a));
      window.shelfmarkMirror.update(JSON.stringify(b));
    },
    [fixture({ announce: [{ seq: 6, text: 'Queued: Paper PA title' }] }), fixture({ announce: [{ seq: 7, text: 'All changes saved.' }] })],
  );
  await expect.poll(live).toBe('Queued: Paper PA title. All changes saved.');
  // A banner warning is an alert.
  await update(page, fixture({ banner: 'Storage is unavailable: export to keep your work' }));
  expect(await page.evaluate(() => document.querySelector('#a11y [role=alert]').textContent)).toContain('Storage is unavailable');
});

test('global keys inside the mirror: Ctrl+S, Ctrl+O, /, ?, Ctrl+Z, F10; not while typing', async ({ context }) => {
  const page = await mirrorPage(context);
  await update(page, fixture());
  await page.focus('#a11y th button >> nth=0');
  await clearActions(page);
  await page.keyboard.press('Control+s');
  await page.keyboard.press('Control+o');
  await page.keyboard.press('?');
  await page.keyboard.press('Control+z');
  expect(await actions(page)).toEqual([{ do: 'export' }, { do: 'import' }, { do: 'help' }, { do: 'undo' }]);
  await page.keyboard.press('/');
  expect(await activeDescr(page)).toBe('input:Search papers');
  await clearActions(page);
  await page.keyboard.type('a?b/');
  expect(await page.inputValue('#a11y input[type=search]')).toBe('a?b/');
  const acts = await actions(page);
  expect(acts.at(-1)).toEqual({ do: 'query', value: 'a?b/' });
  expect(acts.some((a) => a.do === 'help')).toBe(false);
  // While the search is focused an update with an older query does not overwrite it.
  await update(page, fixture({ query: 'a?' }));
  expect(await page.inputValue('#a11y input[type=search]')).toBe('a?b/');
  await page.keyboard.press('F10');
  expect(await activeDescr(page)).toBe('button:Import');
  expect((await focusActions(page)).at(-1)).toBe('menu-file');
  await page.keyboard.press('Control+f');
  expect(await activeDescr(page)).toBe('input:Search papers');
});

test('the focused text field is shown over its canvas rect in the theme colours; nothing else is', async ({ context }) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const page = await mirrorPage(context);
  await page.addStyleTag({ content: 'body { background: #141416; }' });
  await update(page, fixture({ query: 'transformer' }));
  await page.focus('#a11y th button >> nth=0');
  const blank = await page.screenshot({ path: path.join(ARTIFACTS, 'no-field.png') });
  const boxOf = (sel) =>
    page.evaluate((s) => {
      const e = document.querySelector(s);
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return { x: r.x, y: r.y, w: r.width, h: r.height, bg: cs.backgroundColor, fg: cs.color };
    }, sel);
  await page.keyboard.press('/');
  const dark = await boxOf('#a11y input[type=search]');
  expect(dark).toMatchObject({ x: 300, y: 40, w: 400, h: 28, bg: 'rgb(31, 42, 60)', fg: 'rgb(255, 255, 255)' });
  const shown = await page.screenshot({ path: path.join(ARTIFACTS, 'search-dark.png') });
  expect(shown.equals(blank)).toBe(false);
  // Only the field: everything outside its rect is unchanged.
  const outside = await page.screenshot({ clip: { x: 0, y: 100, width: 1280, height: 600 } });
  await page.focus('#a11y th button >> nth=0');
  expect((await page.screenshot({ clip: { x: 0, y: 100, width: 1280, height: 600 } })).equals(outside)).toBe(true);
  expect((await page.screenshot()).equals(blank), 'the field is hidden again once it loses the focus').toBe(true);

  // Light theme, the note editor over its rect, following a rect that moves.
  await update(page, fixture({ theme: 'light' }));
  await page.focus('#a11y aside textarea');
  expect(await boxOf('#a11y aside textarea')).toMatchObject({ x: 900, y: 300, w: 340, h: 200, bg: 'rgb(255, 255, 255)', fg: 'rgb(17, 17, 17)' });
  await update(page, fixture({ theme: 'light', rects: { 'note-editor': [880, 320, 360, 180] } }));
  expect(await boxOf('#a11y aside textarea')).toMatchObject({ x: 880, y: 320, w: 360, h: 180 });
  await page.keyboard.type('typed in a real textarea');
  await page.screenshot({ path: path.join(ARTIFACTS, 'note-light.png') });
});

test('a list of mine: rename, delete after a confirmation, add a paper, move and remove rows', async ({ context }) => {
  const page = await mirrorPage(context);
  const mine = (over = {}) =>
    fixture({
      lists: [{ id: 'u1', title: 'Reading group', read: 0, total: 2, current: true, mine: true }],
      list: { id: 'u1', title: 'Reading group', summary: '2 papers', mine: true },
      rows: [{ i: 0, section: 'Papers' }, paper(1, 'pa', 'read', { cursor: true, s: 0, e: 0 }), paper(2, 'pb', 'unread', { s: 0, e: 1 })],
      ...over,
    });
  await update(page, mine());
  const cells = await page.evaluate(() => ({
    section: document.querySelector('#a11y tr.a11y-section td').getAttribute('colspan'),
    buttons: [...document.querySelectorAll('#a11y table tr')].map((tr) => [...tr.querySelectorAll('td button')].map((b) => `${b.getAttribute('aria-label')}:${b.tabIndex}`)),
    name: document.querySelector('#a11y main input[type=text]').value,
  }));
  expect(cells.section).toBe('4');
  expect(cells.buttons).toEqual([
    [],
    ['Move Paper PA title up:0', 'Move Paper PA title down:0', 'Remove Paper PA title from this list:0'],
    ['Move Paper PB title up:-1', 'Move Paper PB title down:-1', 'Remove Paper PB title from this list:-1'],
  ]);
  expect(cells.name).toBe('Reading group');
  expect(await axeSerious(page), 'axe with a list of mine').toEqual([]);

  await clearActions(page);
  await page.focus('#a11y button[aria-label="Move Paper PB title up"]');
  await page.keyboard.press('Enter');
  await page.focus('#a11y button[aria-label="Remove Paper PA title from this list"]');
  await page.keyboard.press('Space');
  // Rename: typed, then Enter.
  await page.focus('#a11y main input[type=text]');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Systems reading group');
  await page.keyboard.press('Enter');
  // Delete asks first: Keep has the focus; Delete sends.
  await page.keyboard.press('Tab');
  expect(await activeDescr(page)).toBe('button:Delete list…');
  await page.keyboard.press('Enter');
  expect(await activeDescr(page)).toBe('button:Keep');
  await page.keyboard.press('Enter');
  expect(await activeDescr(page)).toBe('button:Delete list…');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  expect(await activeDescr(page)).toBe('button:Delete');
  await page.keyboard.press('Enter');
  // Add a paper: no title is refused with a message; then a full one.
  await page.focus('#a11y main fieldset input >> nth=0');
  await page.keyboard.press('Enter');
  const err = await page.evaluate(() => [document.activeElement.getAttribute('aria-invalid'), document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent]);
  expect(err).toEqual(['true', 'A title is needed.']);
  await page.keyboard.type('My own paper');
  for (const text of ['https://example.org/p.pdf', 'Ann A, Bob B', 'OSDI', '2021']) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Enter');
  expect(await actions(page)).toEqual([
    { do: 'move-entry', up: true, list: 'u1', s: 0, e: 1 },
    { do: 'remove-entry', list: 'u1', s: 0, e: 0 },
    { do: 'rename-list', list: 'u1', value: 'Systems reading group' },
    { do: 'delete-list', list: 'u1' },
    { do: 'add-paper', list: 'u1', title: 'My own paper', authors: 'Ann A, Bob B', venue: 'OSDI', year: 2021, link: 'https://example.org/p.pdf' },
  ]);
  expect(await page.evaluate(() => [...document.querySelectorAll('#a11y main fieldset input')].map((i) => i.value).join(''))).toBe('');

  // A catalogue list: no such controls, three columns.
  await update(page, fixture());
  expect(await page.evaluate(() => [document.querySelectorAll('#a11y table td button').length, document.querySelector('#a11y tr.a11y-section td').getAttribute('colspan'), !!document.querySelector('#a11y main [role=group][aria-label="This list of mine"]').closest('[hidden]')])).toEqual([0, '3', true]);
});

test('IME: composing in the search field is seen in the shown field, and the query is sent once committed', async ({ context }) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const page = await mirrorPage(context);
  await page.addStyleTag({ content: 'body { background: #141416; }' });
  await update(page, fixture());
  await page.focus('#a11y input[type=search]');
  await clearActions(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: '한', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '한구', selectionStart: 2, selectionEnd: 2 });
  const composing = await page.evaluate(() => {
    const s = document.querySelector('#a11y input[type=search]');
    const r = s.getBoundingClientRect();
    return { value: s.value, visible: r.width > 100 && r.height > 10, shown: s.classList.contains('a11y-shown') };
  });
  expect(composing).toEqual({ value: '한구', visible: true, shown: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'search-ime-composing.png'), clip: { x: 280, y: 30, width: 440, height: 50 } });
  expect(await actions(page), 'nothing sent while composing').toEqual([]);
  await cdp.send('Input.insertText', { text: '한국' });
  await expect.poll(() => actions(page)).toEqual([{ do: 'query', value: '한국' }]);
  expect(await page.inputValue('#a11y input[type=search]')).toBe('한국');
});
