// Issue 6, the reading UI, in real Chromium: search (typos, query syntax, errors), the
// keyboard (status keys, j/k, undo, Shift range), notes (Markdown task boxes, the size
// limit on paste), deep links, and the user's own lists.

import {
  clickNamed,
  countColourPixels,
  logInputEvents,
  openApp,
  pressKey,
  readIdb,
  readIdbAll,
  rect,
  reloadApp,
  status,
  typeInto,
  visiblePapers,
  waitForRect,
  waitForStatus,
  waitForIdb,
  waitForValue,
  waitFrames,
  waitIdle,
  waitSaved,
} from './lib.mjs';
import { expect, test } from './fixtures.mjs';

// Clicks send move, press and release back to back (clickNamed's fast mode): the app
// must not lose such clicks, and it keeps the tests quick.
const click = (page, name) => clickNamed(page, name, { fast: true });

// The colour the papers panel draws a query error in: WarningColor of the light theme
// (headless Chromium prefers light), ImVec4(0.62, 0.28, 0.0) in widgets.cpp.
const QUERY_ERROR_RGB = [158, 71, 0];

// Orange "query error" pixels in the line above the papers table (where the panel shows
// "N matching" and the query's error).
async function queryErrorPixels(page) {
  const table = await waitForRect(page, 'papers-table');
  const clip = { x: Math.max(0, table.x), y: Math.max(0, table.y - 28), width: table.w, height: 28 };
  return countColourPixels(await page.screenshot({ clip }), QUERY_ERROR_RGB, 18);
}

// The colour of the note editor's message (e.g. the size limit): the same WarningColor.
const NOTE_MESSAGE_RGB = [158, 71, 0];

// Message-coloured pixels in the two lines above the note editor.
async function noteMessagePixels(page) {
  const r = await waitForRect(page, 'note-editor');
  const clip = { x: r.x, y: Math.max(0, r.y - 26), width: r.w, height: Math.min(26, r.y) };
  return countColourPixels(await page.screenshot({ clip }), NOTE_MESSAGE_RGB, 18);
}

// Waits until the search has been applied and returns the visible papers.
async function searchFor(page, query) {
  await typeInto(page, 'search', query, { fast: true });
  await waitIdle(page, { quietMs: 200 });
  return visiblePapers(page);
}

// The note of a paper as stored in IndexedDB ('' when there is none).
async function storedNote(page, id) {
  return (await readIdb(page, 'papers', id))?.note ?? '';
}

// Waits until the app has saved and IndexedDB holds a note of `id` for which pred(note)
// holds; returns the note.
async function waitStoredNote(page, id, pred, what) {
  await waitSaved(page);
  const rec = await waitForIdb(page, 'papers', id, (r) => pred(r?.note ?? ''), { what });
  return rec?.note ?? '';
}

// Dispatches a paste event carrying `text` at the document (what the browser does on
// Ctrl+V), then presses Ctrl+V so that the focused text field pastes it.
async function pasteText(page, text) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await waitFrames(page, 1);
  await page.keyboard.press('Control+V');
  await waitIdle(page, { quietMs: 200 });
}

// ------------------------------------------------------------------------------ search
test('search: typo-tolerant title search, status filter, unknown field reported', async ({ context, url, note }) => {
  test.setTimeout(45000);
  await logInputEvents(context);
  const page = await openApp(context, url);
  const first = await visiblePapers(page);
  await click(page, 'list:');
  await waitForValue(page, () => location.hash, undefined, (h) => !h.includes('list='), { what: 'All papers to be selected (no list= in the URL hash)' });
  const all = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.length >= 10 && v.join() !== first.join(), {
    what: 'All papers to show at least 10 rows',
  });
  const readId = all[1];
  await click(page, `row:${readId}`);
  await pressKey(page, '4');
  await waitForStatus(page, readId, 'read');

  // A typo in a title still finds it, and the table is narrowed.
  const typo = await searchFor(page, 'pipedram');
  expect(typo.includes('pipedream'), `search "pipedram" does not show 'pipedream': visiblePapers() = ${JSON.stringify(typo)}`).toBeTruthy();
  expect(!typo.includes('tvm') && typo.length < all.length, `search "pipedram" does not narrow the table: ${JSON.stringify(typo)}`).toBeTruthy();

  // status:read shows the read paper, and only read papers.
  const onlyRead = await searchFor(page, 'status:read');
  const statuses = await page.evaluate((ids) => ids.map((i) => window.shelfmark.status(i)), onlyRead);
  expect(onlyRead.includes(readId), `"status:read" does not show '${readId}', which is read: ${JSON.stringify(onlyRead)}`).toBeTruthy();
  expect(
    statuses.every((s) => s === 'read'),
    `"status:read" shows papers that are not read: ${JSON.stringify(onlyRead.map((i, k) => [i, statuses[k]]))}`,
  ).toBeTruthy();
  const baseline = await queryErrorPixels(page);
  expect(baseline, 'query-error coloured pixels for the valid query "status:read"').toBe(0);

  // An unknown field is reported, and the valid part still filters.
  await click(page, 'search');
  await page.keyboard.press('End');
  await page.keyboard.type(' colour:blue');
  await waitIdle(page, { quietMs: 200 });
  const bad = await visiblePapers(page);
  expect(JSON.stringify(bad), 'visiblePapers() for "status:read colour:blue" (the valid part must still apply)').toBe(JSON.stringify(onlyRead));
  const errPixels = await queryErrorPixels(page);
  expect(errPixels, `no query error shown for the unknown field "colour:" (${errPixels} error-coloured pixels above the table)`).toBeGreaterThanOrEqual(5);
  note(`"pipedram" -> ${typo.length} rows (${typo.slice(0, 5).join(', ')}); "status:read" -> ${JSON.stringify(onlyRead)}; error text: ${errPixels} px`);
});

// ------------------------------------------------------------------------------ keyboard
test('keyboard: 4 sets read, j moves, 3 sets reading, Ctrl+Z undoes, Shift+Down then 2 sets both', async ({ context, url, note }) => {
  test.setTimeout(45000);
  await logInputEvents(context);
  const page = await openApp(context, url);
  const ids = await visiblePapers(page);
  expect(ids.length, `need 8 visible papers, got ${ids.length}`).toBeGreaterThanOrEqual(8);
  const target = ids[2];
  await page.evaluate((id) => {
    location.hash = `paper=${id}`;
  }, target);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${target}`), {
    what: `location.hash to name paper=${target}`,
  });
  const rows = await visiblePapers(page);
  const at = rows.indexOf(target);
  expect(at >= 0 && at + 2 < rows.length, `deep-linked paper '${target}' not visible with two rows after it: ${JSON.stringify(rows)}`).toBeTruthy();
  const next = rows[at + 1];
  const next2 = rows[at + 2];
  const before = { [target]: await status(page, target), [next]: await status(page, next), [next2]: await status(page, next2) };
  expect(Object.values(before).every((s) => s !== 'read' && s !== 'reading' && s !== 'queued'), `fresh statuses: ${JSON.stringify(before)}`).toBeTruthy();

  await pressKey(page, '4');
  await waitForStatus(page, target, 'read');

  await pressKey(page, 'j');
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${next}`), {
    what: `j to move the cursor to '${next}' (location.hash)`,
  });
  await pressKey(page, '3');
  await waitForStatus(page, next, 'reading');
  expect(await status(page, target), `status('${target}') after j, 3 (only the cursor's paper may change)`).toBe('read');

  await pressKey(page, 'Control+Z');
  await waitForStatus(page, next, before[next]);
  expect(await status(page, target), `status('${target}') after Ctrl+Z (only the last change is undone)`).toBe('read');

  await pressKey(page, 'Shift+ArrowDown');
  await pressKey(page, '2');
  await waitForStatus(page, next, 'queued');
  await waitForStatus(page, next2, 'queued');
  expect(await status(page, target), `status('${target}') after Shift+Down, 2 (not in the selection)`).toBe('read');
  await waitSaved(page);
  const recs = await readIdbAll(page, 'papers');
  for (const [id, want] of [[target, 'read'], [next, 'queued'], [next2, 'queued']]) {
    expect(recs?.[id]?.status, `IndexedDB papers/${id}.status`).toBe(want);
  }
  note(`papers ${target}, ${next}, ${next2}`);
});

// ------------------------------------------------------------------------------ notes
const NOTE = '# N\n- [ ] one\n'; // short: typing costs two frames a key

test('notes: typed Markdown persists, a task box toggles in the note, a >256 KB paste is refused', async ({ context, url, note }) => {
  test.setTimeout(60000);
  await logInputEvents(context);
  const page = await openApp(context, url);
  const ids = await visiblePapers(page);
  const id = ids[3];
  await click(page, `row:${id}`);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${id}`), { what: `row click to select '${id}'` });
  await pressKey(page, 'n');
  await waitIdle(page, { quietMs: 250 });
  await page.keyboard.type(NOTE);
  await waitIdle(page);
  await pressKey(page, 'Escape');
  await waitStoredNote(page, id, (n) => n === NOTE, `IndexedDB papers/${id}.note to be the typed note`);
  // Esc left the editor: a status key acts again instead of being typed into the note.
  expect(await status(page, id), `status('${id}') before pressing 2`).toBe('unread');
  await pressKey(page, '2');
  await waitForStatus(page, id, 'queued');

  await reloadApp(page);
  expect(await storedNote(page, id), `IndexedDB papers/${id}.note after reload`).toBe(NOTE);
  await waitForRect(page, 'task:0'); // the preview of the selected paper shows its box

  await click(page, 'task:0');
  const toggled = NOTE.replace('- [ ] one', '- [x] one');
  await waitStoredNote(page, id, (n) => n === toggled, `IndexedDB papers/${id}.note with the first box ticked`);

  // Paste: the app takes the text of the document's paste event. A small paste lands
  // in the note (so the mechanism works); a paste over 256 KB changes nothing.
  await pressKey(page, 'n');
  await waitIdle(page, { quietMs: 250 });
  await pasteText(page, 'PASTED');
  const afterSmall = await waitStoredNote(page, id, (n) => n.includes('PASTED'), `a small paste to reach papers/${id}.note`);
  const huge = 'x'.repeat(260 * 1024); // the limit is 256 KB
  const framesBefore = await page.evaluate(() => window.shelfmark.frameCount());
  const messageBefore = await noteMessagePixels(page);
  await pasteText(page, huge);
  const message = await noteMessagePixels(page);
  await page.keyboard.type('Z'); // still alive and still editing
  await waitIdle(page);
  await pressKey(page, 'Escape');
  const afterHuge = await waitStoredNote(page, id, (n) => n.includes('Z'), `papers/${id}.note after the huge paste and typing Z`);
  expect(afterHuge.length < afterSmall.length + 10, `a ${huge.length}-byte paste changed the note: ${afterHuge.length} bytes now, ${afterSmall.length} before`).toBeTruthy();
  expect(afterHuge.replace('Z', ''), `papers/${id}.note after the refused paste (without the typed Z)`).toBe(afterSmall);
  const frames = await page.evaluate(() => window.shelfmark.frameCount());
  expect(frames, 'the app drew no frame after the huge paste').toBeGreaterThan(framesBefore);
  expect(messageBefore, 'note-message coloured pixels above the editor before the huge paste').toBe(0);
  expect(message, `no message about the refused paste above the note editor (${message} message-coloured pixels)`).toBeGreaterThanOrEqual(5);
  note(`paper ${id}; note after the small paste: ${JSON.stringify(afterSmall)}; size-limit message ${message} px`);
});

// ------------------------------------------------------------------------------ deep link
test('deep link: #paper=tvm selects TVM and shows its row', async ({ context, url, note }) => {
  test.setTimeout(30000);
  await logInputEvents(context);
  const page = await openApp(context, `${url}#paper=tvm`);
  const hash = await waitForValue(page, () => location.hash, undefined, (h) => /(^#|&)paper=tvm(&|$)/.test(h), {
    what: 'location.hash to contain paper=tvm',
  });
  const rows = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.includes('tvm'), {
    what: "visiblePapers() to include 'tvm'",
  });
  const row = await rect(page, 'row:tvm');
  expect(row && row.w > 0 && row.h > 0, `row:tvm not on screen: ${JSON.stringify(row)}`).toBeTruthy();
  const vp = page.viewportSize();
  expect(row.y >= 0 && row.y + row.h <= vp.height, `row:tvm is outside the window: ${JSON.stringify(row)}`).toBeTruthy();
  expect(await rect(page, 'detail-status:unread'), 'the detail panel shows no paper (no detail-status:unread)').toBeTruthy();
  note(`hash ${hash}; ${rows.length} rows visible`);
});

// ------------------------------------------------------------------------------ own list
test('own list: create, rename, add a paper by hand; all kept after reload', async ({ context, url, note }) => {
  test.setTimeout(45000);
  await logInputEvents(context);
  const page = await openApp(context, url);
  await click(page, 'new-list');
  const hash = await waitForValue(page, () => location.hash, undefined, (h) => /list=u-/.test(h), {
    what: 'the new list to be selected (location.hash list=u-...)',
  });
  const listId = decodeURIComponent(/list=([^&]+)/.exec(hash)[1]);
  await waitForRect(page, `list:${listId}`);
  await typeInto(page, 'list-name', 'Reading group', { enter: true, fast: true });
  await waitSaved(page);
  const stored = await waitForIdb(page, 'user', `list:${listId}`, (v) => v?.title === 'Reading group', {
    what: `IndexedDB user/list:${listId} to be titled "Reading group"`,
  });

  await click(page, 'add-paper-toggle');
  await typeInto(page, 'new-paper-title', 'A paper I found', { fast: true });
  await click(page, 'new-paper-add');
  const rows = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.some((i) => i.startsWith('u-')), {
    what: 'visiblePapers() to include a paper of mine (u-...)',
  });
  const paperId = rows.find((i) => i.startsWith('u-'));
  await waitSaved(page);

  await reloadApp(page);
  await waitForRect(page, `list:${listId}`);
  await click(page, `list:${listId}`);
  const after = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.includes(paperId), {
    what: `visiblePapers() of ${listId} after reload to include '${paperId}'`,
  });
  const user = await readIdbAll(page, 'user');
  expect(user?.[`list:${listId}`]?.title, `IndexedDB user/list:${listId}.title after reload`).toBe('Reading group');
  expect(user?.[`paper:${paperId}`], `no IndexedDB record user/paper:${paperId}: keys ${JSON.stringify(Object.keys(user ?? {}))}`).toBeTruthy();
  note(`list ${listId} titled ${JSON.stringify(stored.title)}, paper ${paperId}; rows after reload ${JSON.stringify(after)}`);
});
