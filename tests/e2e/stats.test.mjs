// Issue 13, part C, in real Chromium: the Statistics view after reading seven papers by
// keyboard (a bar of 7 this week, in the papers' place, Esc returns; in the mirror a
// region with the weekly counts as a list), the sidebar's progress bars and dates, a list
// of one's own (name field focused, Enter adds papers, icon buttons) and an unticked task
// box in a note. Screenshots kept under test-results/e2e/issue13-c/.

import { captureDownload, clickNamed, importFile, openApp, pressKey, rect, visiblePapers, waitForRect, waitForValue, waitIdle, waitSaved } from './lib.mjs';
import { expect, keepScreenshot, test } from './fixtures.mjs';

const click = (page, name) => clickNamed(page, name, { fast: true });
const hasRect = (page, name) => page.evaluate((n) => !!window.shelfmark.rect(n), name);

test('Statistics: seven papers read by keyboard show as a bar of 7 this week, in a view with a way back', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  const ids = await visiblePapers(page);
  await click(page, `row:${ids[0]}`);
  for (let i = 0; i < 7; i++) {
    await pressKey(page, '4');
    if (i < 6) await pressKey(page, 'j'); // the next paper
  }
  const read = await waitForValue(page, () => window.shelfmarkMirror && document.querySelector('#a11y nav button')?.textContent, undefined, (t) => /7 of \d+ read/.test(t ?? ''), { what: 'All papers: 7 read' });
  await waitSaved(page);
  // View > Statistics from the mirror's menu (the keyboard path of the DOM).
  await page.evaluate(() => [...document.querySelectorAll('#a11y button')].find((b) => b.textContent === 'Statistics').click());
  await waitForRect(page, 'stats-chart');
  await waitIdle(page);
  expect(await hasRect(page, 'papers-table'), 'the papers table is replaced by the view').toBe(false);
  expect(await hasRect(page, 'stats-bar:11'), 'a bar for this week').toBe(true);
  const chart = await rect(page, 'stats-chart');
  const bar = await rect(page, 'stats-bar:11');
  expect(bar.h).toBeGreaterThan(chart.h * 0.5);
  const mirror = await page.evaluate(() => {
    const sec = [...document.querySelectorAll('#a11y main section')].find((s) => !s.hidden);
    const rows = sec ? [...sec.querySelectorAll('ul li')].map((li) => li.textContent) : [];
    return { heading: sec?.querySelector('h2')?.textContent, last: rows[rows.length - 1], dialogs: document.querySelectorAll('#a11y [role=dialog]').length, focus: document.activeElement?.textContent };
  });
  expect(mirror.heading).toBe('Statistics');
  expect(mirror.last).toBe('This week: 7');
  expect(mirror.dialogs).toBe(0);
  await keepScreenshot(page, 'issue13-c', 'statistics');
  await pressKey(page, 'Escape');
  await waitForRect(page, 'papers-table');
  note(`${read}; bar ${JSON.stringify(bar)} in chart ${JSON.stringify(chart)}; mirror focus on "${mirror.focus}"`);
});

test('sidebar, own list and task box: how they look', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  // The SNU list: its sessions are dates ("4/4" on 2023-04-04): said once, plainly.
  await click(page, 'list:snu-aisys-2023');
  await waitForRect(page, 'progress:snu-aisys-2023');
  await waitIdle(page);
  const side = await rect(page, 'list:');
  await keepScreenshot(page, 'issue13-c', 'sidebar-snu', { clip: { x: 0, y: 0, width: Math.ceil(side.x + side.w + 16), height: 800 } });
  await keepScreenshot(page, 'issue13-c', 'snu-table');
  const summary = await page.evaluate(() => document.querySelector('#a11y main p:not([id])')?.textContent);
  const rows = await page.evaluate(() => [...document.querySelectorAll('#a11y tr.a11y-section')].slice(0, 3).map((r) => r.textContent));
  expect(rows[0]).toMatch(/^Tue 7 Mar 2023$/);

  // A list of my own, by keyboard only after the first click.
  await click(page, 'new-list');
  await waitForRect(page, 'list-name');
  await waitIdle(page);
  await page.keyboard.type('Thesis reading');
  await page.keyboard.press('Enter');
  await click(page, 'add-paper-toggle');
  await waitIdle(page);
  for (const t of ['Attention Is All You Need', 'Deep Residual Learning', 'Mixture of Experts']) {
    await page.keyboard.type(t);
    await page.keyboard.press('Enter');
    await waitIdle(page);
  }
  const mine = await waitForValue(page, () => window.shelfmark.visiblePapers(), undefined, (v) => v.filter((i) => i.startsWith('u-')).length === 3, { what: 'three papers of mine' });
  await click(page, 'add-paper-toggle'); // close the form
  await waitIdle(page);
  expect(await hasRect(page, `own-down:${mine[0]}`)).toBe(true);
  await keepScreenshot(page, 'issue13-c', 'own-list');
  const title = await page.evaluate(() => document.querySelector('#a11y main h1, #a11y main h2')?.textContent);

  // A note with an unticked and a ticked task box.
  await click(page, `row:${mine[0]}`);
  await pressKey(page, 'n');
  await waitIdle(page, { quietMs: 250 });
  await page.keyboard.type('- [ ] read section 3\n- [x] skim the abstract');
  await pressKey(page, 'Escape');
  await waitForRect(page, 'task:0');
  await waitIdle(page);
  const box = await rect(page, 'task:0');
  await keepScreenshot(page, 'issue13-c', 'task-boxes', { clip: { x: Math.max(0, box.x - 40), y: Math.max(0, box.y - 30), width: 360, height: 90 } });
  // The same in the dark theme (the mirror's theme setting).
  await page.evaluate(() => {
    const sel = [...document.querySelectorAll('#a11y select')].find((s) => [...s.options].some((o) => o.value === 'dark'));
    sel.value = 'dark';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await waitForValue(page, () => document.querySelector('#a11y')?.dataset.theme, undefined, (t) => t === 'dark', { what: 'the dark theme' });
  await waitIdle(page);
  await keepScreenshot(page, 'issue13-c', 'task-boxes-dark', { clip: { x: Math.max(0, box.x - 40), y: Math.max(0, box.y - 30), width: 360, height: 90 } });
  await keepScreenshot(page, 'issue13-c', 'own-list-dark');
  note(`SNU summary: ${summary}; sections: ${JSON.stringify(rows)}; own list ${title}: ${JSON.stringify(mine)}`);
});

test('import: the preview and the notice after Merge give the same counts, in words that agree', async ({ browser, context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  const ids = await visiblePapers(page);
  await click(page, `row:${ids[0]}`);
  await pressKey(page, '4');
  await pressKey(page, 'j');
  await pressKey(page, '3');
  await waitSaved(page);
  const file = await captureDownload(page, () => page.keyboard.press('Control+S'));
  // Another browser profile: both papers are new there.
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const p2 = await openApp(other, url);
    await importFile(p2, { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await waitIdle(p2);
    const dialog = await p2.evaluate(() => [...document.querySelectorAll('#a11y [role=dialog] p')].map((x) => x.textContent));
    expect(dialog).toContain('2 papers in the file: 2 would change (2 new here), 0 unchanged.');
    await keepScreenshot(p2, 'issue13-c', 'import-preview');
    await clickNamed(p2, 'import-0', { fast: true });
    const notice = await waitForValue(p2, () => [...document.querySelectorAll('#a11y *')].map((x) => x.textContent).find((t) => t.startsWith('Merged')), undefined, (t) => /Merged/.test(t ?? ''), { what: 'the notice after Merge' });
    expect(notice).toContain('Merged mine.json: 2 papers changed (2 new)');
    note(`preview: ${JSON.stringify(dialog)}; notice: ${notice}`);
  } finally {
    await other.close();
  }
});
