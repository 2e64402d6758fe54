// Issue 13, finding a paper from anywhere, by keyboard alone from a fresh load: the app opens
// on the first list (UC Berkeley); '/' and a title word of a paper that is only in another
// list (Orca, in the SNU list) say "0 in … · 1 in all papers" above the table (and in the
// accessible mirror); Enter opens it among all papers; '4' marks it read; after a reload it
// is still read, and a new tab without a link reopens the same view.

import { clickStable, openApp, pressKey, readIdb, reloadApp, status, visiblePapers, waitForRect, waitForStatus, waitForValue, waitIdle, waitSaved } from './lib.mjs';
import { expect, keepScreenshot, test } from './fixtures.mjs';

const ORCA = 'orca';
const FIRST_LIST = 'ucb-cs294-ai-sys-sp22';

const mirrorText = (page) => page.evaluate(() => document.querySelector('#a11y main')?.textContent ?? '');

test('keyboard from a fresh load: / orca Enter 4, reload: read; a new tab reopens the view', async ({ context, url, note }) => {
  const page = await openApp(context, url);
  await page.setViewportSize({ width: 1280, height: 800 });
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`list=${FIRST_LIST}`), {
    what: 'the first list to open',
  });

  await pressKey(page, '/');
  await page.keyboard.type('orca');
  await waitIdle(page);
  // The line above the table: no match here, one in all papers, and the way there.
  const scope = await waitForRect(page, 'search-scope');
  await waitForRect(page, 'search-all');
  const said = await waitForValue(page, () => document.querySelector('#a11y main')?.textContent ?? '', undefined,
    (t) => t.includes('0 in UC Berkeley CS294 AI-Sys \u00b7 1 in all papers'), { what: 'the mirror to say where the matches are' });
  expect(said).toContain('Search all papers');
  const table = await waitForRect(page, 'papers-table');
  await keepScreenshot(page, 'find', 'scope-hint', {
    clip: { x: table.x, y: Math.max(0, scope.y - 40), width: table.w, height: scope.h + 160 },
  });
  await keepScreenshot(page, 'find', 'scope-hint-page');

  await pressKey(page, 'Enter');
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${ORCA}`) && !h.includes('list='), {
    what: 'Enter to open Orca among all papers',
  });
  await pressKey(page, '4');
  await waitForStatus(page, ORCA, 'read');
  await waitSaved(page);
  await keepScreenshot(page, 'find', 'orca-read');
  note(`after Enter and 4: ${await page.evaluate(() => location.hash)}`);

  await reloadApp(page);
  await waitForStatus(page, ORCA, 'read');
  const rec = await readIdb(page, 'papers', ORCA);
  expect(rec && rec.status).toBe('read');
  expect(await mirrorText(page)).toContain('Orca');

  // A new tab without a link: the last view (Orca open), not the first list.
  const other = await openApp(context, url);
  const hash = await waitForValue(other, () => location.hash, undefined, (h) => h.includes(`paper=${ORCA}`), {
    what: 'a new tab to reopen the last view',
  });
  note(`new tab opened at ${hash}`);
  await waitForStatus(other, ORCA, 'read');
});

test('the accessible mirror says where the matches are, and its button searches all papers', async ({ context, url }) => {
  const page = await openApp(context, url);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`list=${FIRST_LIST}`), { what: 'the first list to open' });
  await page.focus('#a11y input[type=search]');
  await page.keyboard.type('orca');
  const said = await waitForValue(page, () => document.querySelector('#a11y main')?.textContent ?? '', undefined,
    (t) => t.includes('1 in all papers'), { what: 'the mirror to say there is a match in all papers' });
  expect(said).toContain('0 in UC Berkeley CS294 AI-Sys');
  // The button is a real one (screen readers, Tab); press it from the keyboard.
  await page.evaluate(() => [...document.querySelectorAll('#a11y main button')].find((b) => b.textContent === 'Search all papers').focus());
  await page.keyboard.press('Enter');
  await waitForValue(page, () => location.hash, undefined, (h) => !h.includes('list='), { what: 'all papers to open' });
  // Enter in the mirror's search opens the first match.
  await page.focus('#a11y input[type=search]');
  await page.keyboard.press('Enter');
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${ORCA}`), { what: 'Enter to open Orca' });
  expect(await page.evaluate(() => document.querySelector('#a11y aside')?.textContent ?? '')).toContain('Orca');
});

test('a status key leaves a selected paper the search hides alone, and the line and the live region say why', async ({ context, url }) => {
  const page = await openApp(context, url);
  await page.setViewportSize({ width: 1280, height: 800 });
  const first = (await visiblePapers(page))[0];
  await clickStable(page, `row:${first}`);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${first}`), { what: `'${first}' selected` });
  await pressKey(page, '/');
  await page.keyboard.type('orca');
  await pressKey(page, 'Escape'); // leaves the box; the search stays
  const line = await waitForRect(page, 'hidden-selection');
  await pressKey(page, '4');
  await waitForValue(page, () => document.querySelector('#a11y [role=status]')?.textContent ?? '', undefined,
    (t) => t.includes('Status not changed'), { what: 'the live region to say the key was refused' });
  expect(await status(page, first)).toBe('unread');
  const table = await waitForRect(page, 'papers-table');
  await keepScreenshot(page, 'find', 'hidden-selection', {
    clip: { x: table.x, y: Math.max(0, line.y - 40), width: table.w, height: line.h + 120 },
  });
  await pressKey(page, 'Escape'); // clears the search: the row is back, and the key works
  await pressKey(page, '4');
  await waitForStatus(page, first, 'read');
});

test('on a phone (390 x 844) the scope line wraps inside the pane and Enter opens the match', async ({ context, url }) => {
  const page = await openApp(context, url);
  await page.setViewportSize({ width: 390, height: 844 });
  await waitIdle(page);
  await pressKey(page, '/');
  await page.keyboard.type('orca');
  await waitIdle(page);
  const line = await waitForRect(page, 'search-scope');
  const button = await waitForRect(page, 'search-all');
  expect(line.x + line.w).toBeLessThanOrEqual(390);
  expect(button.x + button.w).toBeLessThanOrEqual(390);
  await keepScreenshot(page, 'find', 'scope-hint-phone');
  await pressKey(page, 'Enter');
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${ORCA}`), { what: 'Enter to open Orca' });
});
