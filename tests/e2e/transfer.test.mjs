// Issue 5, the progress file and Markdown, in real Chromium: export caught as a download,
// import through the file chooser (Merge, Replace with its backup download), bad files
// refused with nothing changed, and a Markdown checklist as progress or as a new list.

import fs from 'node:fs';
import path from 'node:path';

import {
  assert,
  assertEqual,
  captureDownload,
  clickNamed,
  clickStable,
  importFile,
  newTrackedContext,
  logInputEvents,
  openApp,
  pressKey,
  readIdbAll,
  rect,
  status,
  typeNoteWithKeyboard,
  visiblePapers,
  waitForIdb,
  waitForRect,
  waitForStatus,
  waitForValue,
  waitSaved,
} from './lib.mjs';

// Clicks send move, press and release back to back (clickNamed's fast mode): the app
// must not lose such clicks, and it keeps the tests quick.
const click = (page, name) => clickNamed(page, name, { fast: true });

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SEED_001 = path.join(REPO, 'tests/seeds/001_60cf14e55de5f01d.txt');
const GOLDEN_V1 = path.join(REPO, 'tests/golden/progress-v1.json'); // a released format version
const EXPORT_NOTE = '# E\n- [ ] *x*\n'; // short: typing costs two frames a key

const utcDate = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10);
const withoutExportedAt = (text) => text.replace(/"exportedAt":\s*"[^"]*"/, '"exportedAt": "…"');

// Waits for the import dialog to close after pressing one of its buttons.
async function applyImport(page, mode) {
  await clickStable(page, `import-${mode}`, { fast: true });
  return waitForValue(page, () => window.shelfmark.importState(), undefined, (s) => s && !s.open, {
    what: `the import dialog to close after import-${mode}`,
  });
}

// Papers with a given status among the stored records.
function idsWithStatus(records, value) {
  return Object.entries(records ?? {})
    .filter(([, r]) => r?.status === value)
    .map(([k]) => k)
    .sort();
}

// Sets a status (key 3 = reading) and (unless note: false) a note on the first visible
// paper, then exports with Ctrl+S. Returns {id, download: {name, text}}.
async function makeExport(page, { note = true } = {}) {
  const ids = await visiblePapers(page);
  assert(ids.length > 0, 'no visible papers');
  const id = ids[0];
  await click(page, `row:${id}`);
  await pressKey(page, '3');
  await waitForStatus(page, id, 'reading');
  if (note) await typeNoteWithKeyboard(page, EXPORT_NOTE);
  await waitSaved(page);
  await waitForIdb(page, 'papers', id, (r) => (!note || r?.note === EXPORT_NOTE) && r?.status === 'reading', {
    what: `IndexedDB papers/${id} to hold the status and the typed note`,
  });
  const download = await captureDownload(page, () => page.keyboard.press('Control+S'));
  return { id, download };
}

let exported = null; // from the export test, reused by the round trip

// ------------------------------------------------------------------------------ 1 export
const exportTest = {
  name: 'export: Ctrl+S downloads shelfmark-progress-DATE.json with the status and the note',
  timeout: 45000,
  async fn(t) {
    await logInputEvents(t.context);
    const page = await openApp(t.context, t.url);
    const before = Date.now();
    const { id, download } = await makeExport(page);
    const { name, text } = download;
    assert(/^shelfmark-progress-\d{4}-\d{2}-\d{2}\.json$/.test(name), `download name ${JSON.stringify(name)}`);
    assert(name.includes(utcDate(before)) || name.includes(utcDate()), `download name ${name} does not carry today's UTC date ${utcDate()}`);
    let file;
    try {
      file = JSON.parse(text);
    } catch (err) {
      throw new Error(`the download is not JSON (${err.message}): ${text.slice(0, 300)}`);
    }
    assertEqual(file.format, 'shelfmark-progress', 'format');
    assertEqual(file.version, 1, 'version');
    assert(typeof file.exportedAt === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(file.exportedAt), `exportedAt ${JSON.stringify(file.exportedAt)}`);
    assert(typeof file.appVersion === 'string' && file.appVersion.length > 0, `appVersion ${JSON.stringify(file.appVersion)}`);
    assert(Array.isArray(file.papers), 'papers is not an array');
    const rec = file.papers.find((p) => p.paper === id);
    assert(rec, `paper '${id}' is not in the file: ${JSON.stringify(file.papers.map((p) => p.paper))}`);
    assertEqual(rec.status, 'reading', `papers[${id}].status`);
    assertEqual(rec.note, EXPORT_NOTE, `papers[${id}].note`);
    assert(rec.statusAt >= before - 60000 && rec.statusAt <= Date.now() + 60000, `papers[${id}].statusAt ${rec.statusAt} is not the time of the change`);
    assert(Array.isArray(rec.history) && rec.history.at(-1)?.[0] === 'reading', `papers[${id}].history ${JSON.stringify(rec.history)}`);
    // Diffs well: one paper per line.
    const lines = text.split('\n').filter((l) => l.includes(`"paper":"${id}"`));
    assertEqual(lines.length, 1, `lines holding paper '${id}'`);
    const notice = await page.evaluate(() => window.shelfmark.notice());
    assert(/export/i.test(notice ?? ''), `notice() after the export: ${JSON.stringify(notice)}`);
    exported = { id, name, text };
    t.note(`${name}: ${text.length} bytes, ${file.papers.length} paper(s); notice ${JSON.stringify(notice)}`);
  },
};

// ------------------------------------------------------------------------------ 2 round trip
const roundTrip = {
  name: 'round trip: import the export in a fresh browser with Merge, export again: same bytes but exportedAt',
  timeout: 60000,
  async fn(t) {
    await logInputEvents(t.context);
    let src = exported;
    if (!src) {
      const page0 = await openApp(t.context, t.url);
      const { id, download } = await makeExport(page0);
      src = { id, ...download };
      t.note('made its own export (the export test did not run first)');
    }
    const { context, errors } = await newTrackedContext(t.browser);
    await logInputEvents(context);
    try {
      const page = await openApp(context, t.url);
      assertEqual(await status(page, src.id), 'unread', `status('${src.id}') in the fresh browser before the import`);
      const st = await importFile(page, { name: src.name, mimeType: 'application/json', buffer: Buffer.from(src.text) });
      assertEqual(st.error, '', 'importState().error for our own export');
      assertEqual(st.file, src.name, 'importState().file');
      await applyImport(page, 0);
      await waitForStatus(page, src.id, 'reading');
      await waitSaved(page);
      await waitForIdb(page, 'papers', src.id, (r) => r?.status === 'reading' && r?.note === EXPORT_NOTE, {
        what: `IndexedDB papers/${src.id} after the merge to hold the status and the note`,
      });
      const notice = await page.evaluate(() => window.shelfmark.notice());
      const again = await captureDownload(page, () => page.keyboard.press('Control+S'));
      const a = withoutExportedAt(src.text);
      const b = withoutExportedAt(again.text);
      if (a !== b) {
        const la = a.split('\n');
        const lb = b.split('\n');
        const i = la.findIndex((l, k) => l !== lb[k]);
        throw new Error(
          `the second export differs from the first (besides exportedAt) at line ${i + 1}:\n  first:  ${la[i]}\n  second: ${lb[i]}`,
        );
      }
      assert(!errors.length, `errors in the fresh browser: ${errors.join('\n')}`);
      t.note(`merge notice ${JSON.stringify(notice)}; ${again.text.length} bytes identical but exportedAt`);
    } finally {
      await context.close();
    }
  },
};

// ------------------------------------------------------------------------------ 3 bad files
const badFiles = {
  name: 'invalid files (truncated, wrong format, version 99) are refused, saying where; nothing changes',
  timeout: 60000,
  async fn(t) {
    await logInputEvents(t.context);
    const page = await openApp(t.context, t.url);
    const { id, download } = await makeExport(page, { note: false });
    const good = download.text;
    // Every bad file would change the paper if it were applied.
    const changed = good.replace(/("paper":"[^"]+","status":)"reading"/, '$1"skipped"');
    assert(changed !== good, 'could not edit the exported file');
    const lines = changed.split('\n');
    const at = lines.findIndex((l) => l.includes(`"paper":"${id}"`));
    const bad = [
      { what: 'truncated JSON', text: lines.slice(0, at + 1).join('\n') + '\n    {"paper":"tv', where: /line \d+/ },
      { what: 'wrong format', text: changed.replace('"shelfmark-progress"', '"shelfmark-notes"'), where: /format/ },
      { what: 'version 99', text: changed.replace(/"version":\s*1/, '"version": 99'), where: /version/ },
    ];
    const statusesBefore = await page.evaluate((ids) => ids.map((i) => window.shelfmark.status(i)), await visiblePapers(page));
    const idbBefore = JSON.stringify([await readIdbAll(page, 'papers'), await readIdbAll(page, 'user')]);
    const seen = [];
    for (const b of bad) {
      const st = await importFile(page, { name: `${b.what.replace(/\W+/g, '-')}.json`, mimeType: 'application/json', buffer: Buffer.from(b.text) });
      assert(typeof st.error === 'string' && st.error.length > 0, `${b.what}: importState().error is empty: ${JSON.stringify(st)}`);
      assert(/line \d+/.test(st.error) && b.where.test(st.error), `${b.what}: the error does not say where (line and ${b.where}): ${JSON.stringify(st.error)}`);
      assertEqual(await rect(page, 'import-0'), null, `${b.what}: rect('import-0') (no Merge button for a bad file)`);
      seen.push(`${b.what}: ${st.error}`);
      await clickStable(page, 'import-cancel', { fast: true });
      await waitForValue(page, () => window.shelfmark.importState().open, undefined, (o) => o === false, { what: `${b.what}: the dialog to close` });
    }
    await waitSaved(page);
    assertEqual(await status(page, id), 'reading', `status('${id}') after the bad files`);
    const statusesAfter = await page.evaluate((ids) => ids.map((i) => window.shelfmark.status(i)), await visiblePapers(page));
    assertEqual(JSON.stringify(statusesAfter), JSON.stringify(statusesBefore), 'statuses of the visible papers');
    const idbAfter = JSON.stringify([await readIdbAll(page, 'papers'), await readIdbAll(page, 'user')]);
    assertEqual(idbAfter, idbBefore, 'IndexedDB papers and user stores');
    t.note(seen.join(' | '));
  },
};

// ------------------------------------------------------------------------------ 4 checklist
const checklist = {
  name: 'Markdown checklist (seed 001) as progress: its 14 ticked papers become read',
  timeout: 45000,
  async fn(t) {
    await logInputEvents(t.context);
    const page = await openApp(t.context, t.url);
    const st = await importFile(page, SEED_001);
    assertEqual(st.error, '', 'importState().error for seed 001');
    await applyImport(page, 2);
    await waitSaved(page);
    const read = await waitForValue(
      page,
      async () => {
        const conn = await new Promise((res, rej) => {
          const r = indexedDB.open('shelfmark');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        try {
          return await new Promise((res) => {
            const r = conn.transaction('papers').objectStore('papers').getAll();
            r.onsuccess = () => res(r.result.filter((v) => v?.status === 'read').map((v) => v.paper).sort());
          });
        } finally {
          conn.close();
        }
      },
      undefined,
      (v) => v.length >= 14,
      { what: 'IndexedDB to hold 14 read papers' },
    );
    assertEqual(read.length, 14, `read papers in IndexedDB (${read.join(', ')})`);
    const inApp = await page.evaluate((ids) => ids.filter((i) => window.shelfmark.status(i) === 'read').length, read);
    assertEqual(inApp, 14, 'papers the app shows as read');
    const notice = await page.evaluate(() => window.shelfmark.notice());
    assert(/14/.test(notice ?? ''), `notice() does not say 14: ${JSON.stringify(notice)}`);
    t.note(`${notice}; ${read.join(', ')}`);
  },
};

// ------------------------------------------------------------------------------ 5 new list
const newList = {
  name: 'Markdown reading list (seed 001) as a new list of mine with its 60 entries',
  timeout: 45000,
  async fn(t) {
    await logInputEvents(t.context);
    const page = await openApp(t.context, t.url);
    const st = await importFile(page, SEED_001);
    assertEqual(st.error, '', 'importState().error for seed 001');
    await applyImport(page, 3);
    await waitSaved(page);
    const user = await readIdbAll(page, 'user');
    const listKeys = Object.keys(user ?? {}).filter((k) => k.startsWith('list:'));
    assertEqual(listKeys.length, 1, `lists of mine in IndexedDB (${JSON.stringify(Object.keys(user ?? {}))})`);
    const listId = listKeys[0].slice(5);
    assert(listId.startsWith('u-'), `the new list's id '${listId}' does not start with u-`);
    const list = user[listKeys[0]];
    const entries = (list.sections ?? []).reduce((n, s) => n + (s.entries?.length ?? 0), 0);
    assertEqual(entries, 60, `entries in the new list (${list.sections?.length} sections)`);
    const r = await rect(page, `list:${listId}`);
    assert(r && r.w > 0, `the sidebar shows no list:${listId}: ${JSON.stringify(r)}`);
    await click(page, `list:${listId}`);
    const rows = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.length > 0, {
      what: `rows of ${listId}`,
    });
    const entryIds = new Set(list.sections.flatMap((s) => s.entries.map((e) => e.paper)));
    assert(rows.every((i) => entryIds.has(i)), `rows of ${listId} that are not its entries: ${JSON.stringify(rows.filter((i) => !entryIds.has(i)))}`);
    t.note(`list ${listId} "${list.title}": ${list.sections.length} sections, ${entries} entries; ${rows.length} rows on screen`);
  },
};

// ------------------------------------------------------------------------------ 6 replace
// The golden v1 file's papers (with an id unknown to the catalogue), without its lists
// and papers of the user's own (those are covered by the golden-file test below), laid
// out as the app exports (one paper per line).
function replaceFile() {
  const file = JSON.parse(fs.readFileSync(GOLDEN_V1, 'utf8'));
  delete file.lists;
  delete file.userPapers;
  file.papers = file.papers.filter((p) => !p.paper.startsWith('u-'));
  const text = ['{', '  "format": "shelfmark-progress",', '  "version": 1,', `  "exportedAt": "${file.exportedAt}",`, `  "appVersion": "${file.appVersion}",`, '  "papers": [']
    .concat(file.papers.map((p, i) => `    ${JSON.stringify(p)}${i + 1 < file.papers.length ? ',' : ''}`))
    .concat(['  ],', '  "lists": [],', '  "userPapers": []', '}', ''])
    .join('\n');
  return { file, text };
}

const replace = {
  name: 'Replace: a backup of the local state is downloaded first, then the state equals the file',
  timeout: 45000,
  async fn(t) {
    await logInputEvents(t.context);
    const { file, text } = replaceFile();
    const page = await openApp(t.context, t.url);
    const ids = (await visiblePapers(page)).filter((i) => !file.papers.some((p) => p.paper === i));
    const [a, b] = ids;
    await click(page, `row:${a}`);
    await pressKey(page, '4');
    await waitForStatus(page, a, 'read');
    await click(page, `row:${b}`);
    await typeNoteWithKeyboard(page, 'local note');
    await waitSaved(page);
    await waitForIdb(page, 'papers', b, (r) => r?.note === 'local note', { what: `IndexedDB papers/${b}.note` });

    const st = await importFile(page, { name: 'replace-me.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    assertEqual(st.error, '', 'importState().error for the file');
    const backup = await captureDownload(page, () => applyImport(page, 1));
    assert(/^shelfmark-backup-before-replace-.*\.json$/.test(backup.name), `backup download name ${JSON.stringify(backup.name)}`);
    const old = JSON.parse(backup.text);
    assertEqual(old.papers.find((p) => p.paper === a)?.status, 'read', `backup: papers[${a}].status (the state before the replace)`);
    assertEqual(old.papers.find((p) => p.paper === b)?.note, 'local note', `backup: papers[${b}].note`);

    await waitForStatus(page, 'gpipe', 'reading');
    await waitSaved(page);
    assertEqual(await status(page, a), 'unread', `status('${a}') after Replace (not in the file)`);
    const papers = await readIdbAll(page, 'papers');
    assertEqual(JSON.stringify(Object.keys(papers ?? {}).sort()), JSON.stringify(file.papers.map((p) => p.paper).sort()), 'IndexedDB paper records after Replace');
    const after = await captureDownload(page, () => page.keyboard.press('Control+S'));
    const now = JSON.parse(after.text);
    for (const key of ['papers', 'lists', 'userPapers']) {
      const want = JSON.stringify(file[key] ?? []);
      const got = JSON.stringify(now[key] ?? []);
      if (want !== got) throw new Error(`after Replace, the export's "${key}" differs from the file:\n  file:   ${want.slice(0, 700)}\n  export: ${got.slice(0, 700)}`);
    }
    // The file is in the export's own layout, so the export must repeat it byte for byte.
    const la = withoutExportedAt(after.text).replace(/"appVersion":\s*"[^"]*"/, '').split('\n');
    const lb = withoutExportedAt(text).replace(/"appVersion":\s*"[^"]*"/, '').split('\n');
    const i = la.findIndex((l, k) => l !== lb[k]);
    assert(i < 0 && la.length === lb.length, `the export after Replace differs from the file at line ${i + 1}: ${JSON.stringify(la[i])} vs ${JSON.stringify(lb[i])}`);
    t.note(`backup ${backup.name} (${old.papers.length} papers); the export after Replace equals the file but exportedAt`);
  },
};

// ------------------------------------------------------------------------------ 7 golden
const golden = {
  name: 'the golden v1 file (with lists and papers of mine) imports with Merge',
  timeout: 30000,
  async fn(t) {
    await logInputEvents(t.context);
    const page = await openApp(t.context, t.url);
    const st = await importFile(page, GOLDEN_V1);
    assertEqual(st.error, '', 'importState().error for tests/golden/progress-v1.json');
    await applyImport(page, 0);
    await waitForStatus(page, 'gpipe', 'reading');
    await waitForRect(page, 'list:u-reading-group');
    await waitSaved(page);
    const user = await readIdbAll(page, 'user');
    assert(user?.['list:u-reading-group'] && user?.['paper:u-my-notes-paper'], `IndexedDB user store keys: ${JSON.stringify(Object.keys(user ?? {}))}`);
    assertEqual(await status(page, 'paper-from-a-newer-catalogue'), 'read', "status('paper-from-a-newer-catalogue') (unknown ids are kept)");
  },
};

export default [exportTest, roundTrip, badFiles, checklist, newList, replace, golden];
