// Issue 13, a table made for reading titles, in real Chromium at three window sizes:
// the app as it opens (the default list, nothing selected). For each size, the count of
// the table's paper rows on screen whose title does not fit its cell (cut, drawn with an
// ellipsis: the app's "titles" probe), reported as a note, and a screenshot kept in
// test-results/e2e/table/<width>x<height>.png.

import { openApp, waitIdle, waitForRect } from './lib.mjs';
import { expect, keepScreenshot, test } from './fixtures.mjs';

const SIZES = [
  [1280, 800],
  [1440, 900],
  [1920, 1080],
];

for (const [width, height] of SIZES) {
  test.describe(`${width}x${height}`, () => {
    test.use({ viewport: { width, height } });
    test(`cut titles at ${width}x${height}`, async ({ context, url, note }) => {
      const page = await openApp(context, url);
      await waitForRect(page, 'papers-table');
      await waitIdle(page);
      const t = await page.evaluate(() => window.shelfmark.titles());
      await keepScreenshot(page, 'table', `${width}x${height}`);
      note(`${width}x${height}: cut titles: ${t.cut} of ${t.shown} visible`);
      expect(t.shown, 'paper rows on screen').toBeGreaterThan(10);
    });
  });
}
