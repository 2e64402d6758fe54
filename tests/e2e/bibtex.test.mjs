// Issue 14, BibTeX in, in real Chromium: a JabRef export (tests/fixtures/bib/jabref.bib)
// uploaded through the Import dialog's file chooser becomes a list of mine with its papers
// and JabRef's readstatus as reading status, kept in IndexedDB across a reload; a broken
// .bib is refused with nothing changed. Screenshots under test-results/e2e/issue14-bib/.

import fs from 'node:fs';
import path from 'node:path';

import {
  clickNamed,
  clickStable,
  importFile,
  logInputEvents,
  openApp,
  readIdbAll,
  rect,
  reloadApp,
  status,
  waitForValue,
  waitSaved,
} from './lib.mjs';
import { expect, keepScreenshot, test } from './fixtures.mjs';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIB = (name) => fs.readFileSync(path.join(REPO, 'tests/fixtures/bib', name));
const NEW_LIST = 3; // ImportMode::NewList: probe "import-3"

async function applyImport(page, mode) {
  await clickStable(page, `import-${mode}`, { fast: true });
  return waitForValue(page, () => window.shelfmark.importState(), undefined, (s) => s && !s.open, {
    what: `the import dialog to close after import-${mode}`,
  });
}

// The text of the accessible mirror's dialog (the canvas dialog's lines, as DOM).
const dialogText = (page) => page.evaluate(() => document.querySelector('.a11y-dialogs')?.textContent ?? '');

test('a JabRef .bib uploaded through Import becomes my list, with readstatus as progress, after a reload', async ({ context, url, note }) => {
  test.setTimeout(60000);
  await logInputEvents(context);
  const page = await openApp(context, url);
  const st = await importFile(page, { name: 'my-library.bib', mimeType: 'application/x-bibtex', buffer: BIB('jabref.bib') });
  expect(st.error, 'importState().error for jabref.bib').toBe('');
  const text = await waitForValue(page, () => document.querySelector('.a11y-dialogs')?.textContent ?? '', undefined,
    (t) => t.includes('readstatus'), { what: 'the import dialog in the mirror' });
  expect(text, 'the dialog counts the readstatus progress').toContain(
    "Reading status (JabRef's readstatus): 3 entries; 1 paper becomes read, 2 become reading (skimmed), 0 unchanged");
  expect(text, 'the dialog offers the new list').toContain('As a new list "my-library": 3 sections');
  await keepScreenshot(page, 'issue14-bib', 'import-dialog');

  await applyImport(page, NEW_LIST);
  await waitSaved(page);
  const user = await readIdbAll(page, 'user');
  const listKeys = Object.keys(user ?? {}).filter((k) => k.startsWith('list:'));
  expect(listKeys.length, `lists of mine in IndexedDB (${JSON.stringify(Object.keys(user ?? {}))})`).toBe(1);
  const list = user[listKeys[0]];
  const listId = listKeys[0].slice(5);
  expect(list.title).toBe('my-library');
  expect(list.sections.map((s) => s.title), 'sections (JabRef groups)').toEqual(['Compilers', 'Transformers', 'Ungrouped']);
  const entryIds = list.sections.flatMap((s) => s.entries.map((e) => e.paper));
  expect(entryIds.length, 'entries').toBe(4);
  expect(entryIds[0], 'the TVM entry matched the catalogue by its arXiv eprint').toBe('tvm');
  const newPapers = Object.keys(user).filter((k) => k.startsWith('paper:'));
  expect(newPapers.length, `new papers (${JSON.stringify(newPapers)})`).toBe(3);
  const attention = user['paper:u-attention-is-all-you-need'];
  expect(attention?.authors, 'authors of a new paper ("Last, First" as "First Last")').toEqual(['Ashish Vaswani', 'Noam Shazeer']);
  expect(attention?.venue).toBe('Advances in Neural Information Processing Systems');
  expect(attention?.year).toBe(2017);

  expect(await status(page, 'tvm'), 'readstatus = read').toBe('read');
  expect(await status(page, 'u-attention-is-all-you-need'), 'readstatus = skimmed').toBe('reading');

  await clickNamed(page, `list:${listId}`, { fast: true });
  const rows = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.length === 4, {
    what: `the 4 rows of ${listId}`,
  });
  expect(new Set(rows)).toEqual(new Set(entryIds));
  await keepScreenshot(page, 'issue14-bib', 'list');

  await reloadApp(page);
  const after = await readIdbAll(page, 'user');
  expect(Object.keys(after ?? {}).sort(), 'the list and papers after a reload').toEqual(Object.keys(user).sort());
  expect(await status(page, 'tvm'), 'status after a reload').toBe('read');
  expect(await status(page, 'u-flashattention-fast-and-memory-efficient-exact-a'), 'status after a reload').toBe('reading');
  const r = await rect(page, `list:${listId}`);
  expect(r && r.w > 0, `the sidebar shows list:${listId} after a reload`).toBeTruthy();
  note(`list ${listId}: ${list.sections.length} sections, ${entryIds.length} entries, ${newPapers.length} new papers`);
});

test('a broken .bib is refused with its line and nothing changes', async ({ context, url }) => {
  test.setTimeout(60000);
  await logInputEvents(context);
  const page = await openApp(context, url);
  const st = await importFile(page, { name: 'broken.bib', mimeType: 'text/x-bibtex', buffer: BIB('broken.bib') }, { timeout: 20000 });
  expect(st.error).toMatch(/^Not usable BibTeX: not valid BibTeX: line \d+/);
  expect(await rect(page, `import-${NEW_LIST}`), 'no "Add as a new list" button for a broken file').toBe(null);
  expect(await dialogText(page)).toContain('nothing was changed');
  await keepScreenshot(page, 'issue14-bib', 'broken');
  await clickStable(page, 'import-cancel', { fast: true });
  const user = await readIdbAll(page, 'user');
  expect(Object.keys(user ?? {}).length, 'records of mine').toBe(0);
});
