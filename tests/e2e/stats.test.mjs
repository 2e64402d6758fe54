// Issue 13, part C, in real Chromium: the Statistics view (the papers finished per week
// after reading seven papers), the sidebar's progress bars and section dates, and a list
// of one's own (its name field focused, Enter adds a paper, the move/remove icons).
// Screenshots kept under test-results/e2e/issue13-c/.

import { clickNamed, openApp, pressKey, rect, visiblePapers, waitForRect, waitIdle, waitSaved } from './lib.mjs';
import { expect, keepScreenshot, test } from './fixtures.mjs';

const click = (page, name) => clickNamed(page, name, { fast: true });

test('Statistics: seven papers read this week show as a bar of 7, in a view with a way back', async ({ context, url }) => {
  const page = await openApp(context, url);
  const ids = (await visiblePapers(page)).slice(0, 7);
  expect(ids.length).toBe(7);
  for (const id of ids) {
    await click(page, `row:${id}`);
    await pressKey(page, '4');
  }
  await waitSaved(page);
  await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Statistics').click());
  await waitIdle(page);
  await keepScreenshot(page, 'issue13-c', 'stats-old');
});
