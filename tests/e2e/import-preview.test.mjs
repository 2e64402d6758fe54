// Issue 14, the import preview in real Chromium: a Markdown reading list chosen through the
// file chooser lists its items by section, each with the paper it matched or "new"; a
// section (a click on its box) and an item (End, Space on the canvas) are left out, the
// counts follow, and applying adds exactly the rest, which a reload keeps. The accessible
// mirror offers the same rows as checkboxes. Screenshots: test-results/e2e/import-preview/.

import fs from 'node:fs';
import path from 'node:path';

import { clickStable, importFile, openApp, readIdbAll, reloadApp, waitForValue, waitIdle, waitSaved } from './lib.mjs';
import { expect, test } from './fixtures.mjs';
import { RESULTS_DIR } from './settings.mjs';

const ARTIFACTS = path.join(RESULTS_DIR, 'import-preview');

// Rows of the preview: 0 "Week 1: Training", 1-3 its items, 4 "Week 2: Scheduling", 5-6,
// 7 "Week 3: Serving", 8-9. GPipe and Clipper are in the bundled catalogue.
const MD = [
  '# Systems reading',
  '',
  '## Week 1: Training',
  '',
  '- [GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism](https://arxiv.org/abs/1811.06965)',
  '- Some Uncatalogued Paper About Schedulers',
  '- 分布式训练的一篇论文',
  '',
  '## Week 2: Scheduling',
  '',
  '- An Uncatalogued Paper About Placement',
  '- A Third Uncatalogued Paper About Queues',
  '',
  '## Week 3: Serving',
  '',
  '- Clipper: A Low-Latency Online Prediction Serving System',
  '- Another Uncatalogued Serving Paper',
  '',
].join('\n');

async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await waitIdle(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

// The mirror's summary line and its checkboxes (label text -> checked).
function mirrorItems(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#a11y [role=dialog]');
    const summary = box?.querySelector('.a11y-import-summary')?.textContent ?? null;
    const rows = [...(box?.querySelectorAll('[data-import-items] input[type=checkbox]') ?? [])].map((c) => ({
      label: c.closest('label').textContent,
      checked: c.checked,
      mixed: c.indeterminate,
    }));
    return { summary, rows };
  });
}

async function userLists(page) {
  const user = (await readIdbAll(page, 'user')) ?? {};
  return Object.entries(user)
    .filter(([k]) => k.startsWith('list:'))
    .map(([, v]) => v);
}

async function importAndChoose(page, name, { phone = false } = {}) {
  const st = await importFile(page, { name: `${name}.md`, mimeType: 'text/markdown', buffer: Buffer.from(MD) }, { timeout: 40000 }); // a busy machine
  expect(st.error, 'importState().error').toBe('');
  // Ctrl+O opens no file chooser in an emulated phone: the file is chosen at desktop width,
  // then the window becomes a phone's (the dialog lays itself out again).
  if (phone) await page.setViewportSize({ width: 390, height: 844 });
  let m = await waitForValue(page, () => document.querySelector('#a11y .a11y-import-summary')?.textContent, undefined, (t) => !!t, {
    what: 'the mirror to show the import summary',
  });
  expect(m, 'the summary before choosing').toBe('7 items · 5 new papers · 2 matched');
  await shot(page, `${name}-before`);

  await clickStable(page, 'import-box-4', { fast: true }); // Week 2, all of it
  m = await waitForValue(page, () => document.querySelector('#a11y .a11y-import-summary')?.textContent, undefined, (t) => t.startsWith('2 of'), {
    what: 'the summary after leaving out Week 2',
  });
  expect(m).toBe('2 of 7 items excluded · 3 new papers · 2 matched');
  await page.keyboard.press('End'); // the last item, "Another Uncatalogued Serving Paper"
  await page.keyboard.press('Space');
  m = await waitForValue(page, () => document.querySelector('#a11y .a11y-import-summary')?.textContent, undefined, (t) => t.startsWith('3 of'), {
    what: 'the summary after leaving out the last item',
  });
  expect(m).toBe('3 of 7 items excluded · 2 new papers · 2 matched');
  const items = await mirrorItems(page);
  const byLabel = Object.fromEntries(items.rows.map((r) => [r.label, r.checked]));
  expect(byLabel['Section: Week 2: Scheduling'], 'the mirror: Week 2 unchecked').toBe(false);
  expect(byLabel['Section: Week 3: Serving'], 'the mirror: Week 3 still (partly) checked').toBe(true);
  expect(items.rows.find((r) => r.label === 'Section: Week 3: Serving').mixed, 'Week 3 mixed').toBe(true);
  expect(byLabel['Another Uncatalogued Serving Paper']).toBe(false);
  expect(byLabel['分布式训练的一篇论文'], 'a Chinese title, UTF-8 intact').toBe(true);
  await shot(page, `${name}-chosen`);
}

async function applyAndCheck(page) {
  await clickStable(page, 'import-3', { fast: true });
  await waitForValue(page, () => window.shelfmark.importState(), undefined, (s) => s && !s.open, { what: 'the dialog to close' });
  await waitSaved(page);
  const check = async (when) => {
    const lists = await userLists(page);
    expect(lists.length, `${when}: one list of mine`).toBe(1);
    const l = lists[0];
    expect(l.title, when).toBe('Systems reading');
    expect(l.sections.map((s) => s.title), `${when}: the sections left`).toEqual(['Week 1: Training', 'Week 3: Serving']);
    expect(l.sections.map((s) => s.entries.length), `${when}: the entries left`).toEqual([3, 1]);
    const user = (await readIdbAll(page, 'user')) ?? {};
    const papers = Object.entries(user).filter(([k]) => k.startsWith('paper:')).map(([, v]) => v.title).sort();
    expect(papers, `${when}: the new papers made`).toEqual(['Some Uncatalogued Paper About Schedulers', '分布式训练的一篇论文'].sort());
  };
  await check('after applying');
  const notice = await page.evaluate(() => window.shelfmark.notice());
  expect(notice).toContain('(2 matched, 2 new papers)');
  await reloadApp(page);
  await check('after a reload');
  const nav = await waitForValue(page, () => document.querySelector('#a11y nav')?.textContent ?? '', undefined, (t) => t.includes('Systems reading'), {
    what: 'the list in the mirror after the reload',
  });
  expect(nav).toContain('Systems reading');
}

test('import preview: leave out a section and an item, apply, reload (desktop, light)', async ({ context, url, note }) => {
  test.setTimeout(150000);
  const page = await openApp(context, url);
  await importAndChoose(page, 'desktop-light');
  await applyAndCheck(page);
  note(`screenshots in ${path.relative(process.cwd(), ARTIFACTS)}`);
});

test.describe('phone', () => {
  test.use({ colorScheme: 'dark' });
  test('import preview: leave out a section and an item, apply, reload (phone 390x844, dark)', async ({ context, url }) => {
    test.setTimeout(150000);
    const page = await openApp(context, url);
    await importAndChoose(page, 'phone-dark', { phone: true });
    const r = await page.evaluate(() => window.shelfmark.rect('import-items'));
    expect(r, 'the item list on screen').not.toBe(null);
    expect(r.x >= 0 && r.x + r.w <= 390, `the item list within 390 px: ${JSON.stringify(r)}`).toBeTruthy();
    const b = await page.evaluate(() => window.shelfmark.rect('import-3'));
    expect(b && b.x + b.w <= 390, `"Add as a new list" within 390 px: ${JSON.stringify(b)}`).toBeTruthy();
    await applyAndCheck(page);
  });
});
