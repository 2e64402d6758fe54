// Issue 15, in real Chromium: a key typed into the search box is shown in the first frame
// drawn after it (its character comes from the page's text element; the key's own press,
// given to ImGui before it, held the character back a frame), the canvas is drawn only when
// the picture changed, and a page idle with the search box focused draws no frames (the
// caret does not blink).

import { clickNamed, openApp, sleep, waitUntil } from './lib.mjs';
import { expect, test } from './fixtures.mjs';

test('keystroke: the first frame after a key in the search box shows its rows; idle in the box, no frames', async ({
  context,
  url,
  note,
}) => {
  await context.addInitScript(() => {
    // Each animation frame: when it ran, whether it drew the canvas, the rows it showed.
    const frames = (window.__frames = []);
    let draws = 0;
    const drawElements = WebGL2RenderingContext.prototype.drawElements;
    WebGL2RenderingContext.prototype.drawElements = function (...args) {
      draws++;
      return drawElements.apply(this, args);
    };
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) =>
      raf((ts) => {
        const before = draws;
        cb(ts);
        let visible = null;
        try {
          visible = JSON.stringify(window.shelfmark.visiblePapers());
        } catch {
          /* not ready */
        }
        frames.push({ t: performance.now(), drew: draws > before, visible });
      });
    window.__keys = [];
    window.addEventListener('keydown', (e) => window.__keys.push({ key: e.key, t: performance.now() }), true);
  });
  const page = await openApp(context, url);
  await clickNamed(page, 'search');
  await waitUntil(page, () => document.activeElement && document.activeElement.id === 'ime', null, {
    what: 'the search box has the keyboard (the page text element is focused)',
  });
  await sleep(500);

  let changedRows = 0;
  for (const key of ['o', 'r', 'c']) {
    const start = await page.evaluate(() => ({ frames: window.__frames.length, keys: window.__keys.length }));
    const before = await page.evaluate(() => JSON.stringify(window.shelfmark.visiblePapers()));
    await page.keyboard.press(key);
    await sleep(400);
    const { frames, keyAt } = await page.evaluate(
      (s) => ({ frames: window.__frames.slice(s.frames), keyAt: window.__keys[s.keys].t }),
      start,
    );
    const after = frames.filter((f) => f.t > keyAt);
    expect(after.length, `frames after "${key}"`).toBeGreaterThan(0);
    const settled = await page.evaluate(() => JSON.stringify(window.shelfmark.visiblePapers()));
    if (settled !== before) changedRows++;
    // The first frame after the key already shows the rows of the new query.
    expect(after[0].visible, `rows in the first frame after "${key}"`).toBe(settled);
    expect(after[0].drew, `the first frame after "${key}" is drawn`).toBe(true);
    note(`"${key}": ${after.length} frames, ${after.filter((f) => f.drew).length} drawn`);
  }
  expect(changedRows, 'keys that changed the rows').toBeGreaterThan(0);
  const all = await page.evaluate(() => window.__frames);
  expect(all.filter((f) => f.drew).length, 'drawn frames').toBeLessThan(all.length);

  // Idle with the search box focused: no frames at all (no caret blink).
  await sleep(600);
  const idleStart = await page.evaluate(() => window.shelfmark.frameCount());
  await sleep(1500);
  expect(await page.evaluate(() => window.shelfmark.frameCount()), 'frames while idle in the search box').toBe(idleStart);
});
