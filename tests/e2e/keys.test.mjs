// Issue 12, keyboard only, in real Chromium: F10 opens the menu bar and Enter picks File >
// Export (the browser's own F10 is prevented); Alt alone does the same; in the import
// dialog Enter applies the marked default and Esc cancels. Screenshots of the open menu
// and of the dialog's marked default button (both themes) are kept as artifacts.

import path from 'node:path';
import { captureDownload, decodePng, importFile, openApp, pressKey, rect, status, waitForRect, waitForValue, waitIdle } from './lib.mjs';
import { expect, keepScreenshot as keep, test } from './fixtures.mjs';
import { RESULTS_DIR } from './settings.mjs';

const ARTIFACTS = path.join(RESULTS_DIR, 'keys');
const keepScreenshot = (page, name) => keep(page, 'keys', name);

function luminance([r, g, b]) {
  const lin = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
const contrast = (a, b) => {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};
const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

// The most common colour of a rectangle of a screenshot, and the pixel farthest from it.
function textAndFill(img, r) {
  const counts = new Map();
  const px = [];
  for (let y = Math.round(r.y + 2); y < Math.round(r.y + r.h - 2); y++)
    for (let x = Math.round(r.x + 3); x < Math.round(r.x + r.w - 3); x++) {
      const o = (y * img.width + x) * 4;
      const p = [img.pixels[o], img.pixels[o + 1], img.pixels[o + 2]];
      px.push(p);
      const k = hex(p);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  let fill = null, n = 0;
  for (const p of px) if (counts.get(hex(p)) > n) [fill, n] = [p, counts.get(hex(p))];
  let text = fill, ratio = 1;
  for (const p of px) if (contrast(p, fill) > ratio) [text, ratio] = [p, contrast(p, fill)];
  return { fill, text, ratio };
}

test('keys: F10, Enter, Enter exports the progress file; Alt alone opens the menu bar too', async ({ context, url, note }) => {
  test.setTimeout(45000);
  const page = await openApp(context, url);
  const prevented = await page.evaluate(() => {
    window.__f10 = [];
    window.addEventListener('keydown', (e) => { if (e.key === 'F10') window.__f10.push(e.defaultPrevented); });
    return true;
  });
  expect(prevented).toBeTruthy();
  await pressKey(page, 'F10');
  await pressKey(page, 'Enter'); // opens File
  await keepScreenshot(page, 'menu-file-open-by-keyboard');
  const download = await captureDownload(page, () => pressKey(page, 'Enter')); // Export progress...
  expect(download.name, 'the file F10, Enter, Enter downloaded').toMatch(/^shelfmark-progress.*\.json$/);
  const seen = await page.evaluate(() => window.__f10);
  expect(seen, "F10's keydown reached the page and its default (the browser's menu) was prevented").toEqual([true]);

  // Alt pressed and released alone: the same menu bar.
  await pressKey(page, 'Alt');
  await pressKey(page, 'Enter'); // opens File
  const shot = await keepScreenshot(page, 'menu-file-open-by-alt');
  const again = await captureDownload(page, () => pressKey(page, 'Enter'));
  expect(again.name, 'the file Alt, Enter, Enter downloaded').toMatch(/^shelfmark-progress.*\.json$/);
  note(`downloads ${download.name}, ${again.name}; screenshots in ${path.relative(process.cwd(), ARTIFACTS)} (${path.basename(shot.file)})`);
});

for (const scheme of ['light', 'dark']) {
  test(`keys: import dialog (${scheme}): the default button is marked and readable, Enter applies it`, async ({ context, url, note }) => {
    test.setTimeout(45000);
    const page = await openApp(context, url);
    await page.emulateMedia({ colorScheme: scheme });
    await waitIdle(page);
    const md = '# Week 1\n\n- [x] GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism\n- [ ] A paper nobody catalogued\n';
    await importFile(page, { name: 'week.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
    await page.mouse.move(2, page.viewportSize().height - 2);
    await waitIdle(page, { quietMs: 250 });
    // import-2: "Mark ticked papers as read" (ImportMode::ChecklistProgress), the default.
    const def = await waitForRect(page, 'import-2');
    const other = await waitForRect(page, 'import-3'); // "Add as a new list"
    const { buf, file } = await keepScreenshot(page, `import-dialog-default-${scheme}`);
    const img = decodePng(buf);
    const d = textAndFill(img, def);
    const o = textAndFill(img, other);
    note(`${scheme}: default button ${hex(d.text)} on ${hex(d.fill)} = ${d.ratio.toFixed(2)}:1; other button fill ${hex(o.fill)}; ${path.relative(process.cwd(), file)}`);
    expect(d.ratio, `the default button's label on its fill (${scheme})`).toBeGreaterThanOrEqual(4.5);
    expect(hex(d.fill), 'the default button is filled differently from the other buttons').not.toBe(hex(o.fill));
    await pressKey(page, 'Enter');
    await waitForValue(page, () => window.shelfmark.importState(), undefined, (s) => s && !s.open, { what: 'the dialog to close after Enter' });
    expect(await status(page, 'gpipe'), 'GPipe after Enter in the dialog (its ticked box imported)').toBe('read');
    expect(await rect(page, 'import-2'), 'the dialog is gone').toBeNull();
  });
}
