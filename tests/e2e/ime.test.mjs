// Issue 12, IME: while an input method composes (Korean, Chinese...), the composing text is
// visible at the caret: the page's text-input element (#ime) becomes opaque there, in the
// app's text size and colours, as wide as the text; after the composition it is invisible
// again and the committed text is in the note. Driven through CDP's Input.imeSetComposition
// (what an IME does) and Input.insertText (its commit).

import path from 'node:path';
import { decodePng, openApp, pressKey, visiblePapers, waitForRect, waitForValue, waitFrames, waitIdle } from './lib.mjs';
import { expect, keepScreenshot as keep, test } from './fixtures.mjs';

// Screenshots kept as artifacts: test-results/e2e/ime/<name>.png.
const keepScreenshot = async (page, name, clip) => (await keep(page, 'ime', name, { clip })).file;

// What the text-input element looks like now.
function imeBox(page) {
  return page.evaluate(() => {
    const el = document.getElementById('ime');
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      focused: document.activeElement === el,
      value: el.value,
      opacity: Number(cs.opacity),
      zIndex: cs.zIndex,
      fontSize: parseFloat(cs.fontSize),
      color: cs.color,
      background: cs.backgroundColor,
      x: r.x,
      y: r.y,
      w: r.width,
      h: r.height,
    };
  });
}

const inside = (box, r, slack = 4) =>
  box.x >= r.x - slack && box.y >= r.y - slack && box.x < r.x + r.w && box.y + box.h <= r.y + r.h + slack;

async function selectPaper(page, id) {
  const r = await waitForRect(page, `row:${id}`);
  await page.mouse.click(r.x + Math.min(r.w / 2, 60), r.y + r.h / 2);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${id}`), { what: `row click to select '${id}'` });
  await waitIdle(page);
}

for (const { name, steps, commit } of [
  { name: 'korean', steps: ['ㅎ', '하', '한', '한ㄱ', '한그', '한글'], commit: '한글' },
  { name: 'chinese', steps: ['z', 'zh', 'zho', 'zhon', 'zhong', '中文'], commit: '中文' },
]) {
  test(`ime: ${name} composing text is visible at the caret of the note editor, then committed to the note`, async ({ context, url, note }) => {
    test.setTimeout(60000);
    const page = await openApp(context, url);
    const id = (await visiblePapers(page))[1];
    await selectPaper(page, id);
    await pressKey(page, 'n'); // edit the note
    await waitForValue(page, () => document.activeElement?.id, undefined, (v) => v === 'ime', {
      what: 'the text-input element to have the focus (the note editor is active)',
    });
    const editor = await waitForRect(page, 'note-editor');
    await page.keyboard.type('Note: ');
    await waitIdle(page);
    const before = await imeBox(page);
    expect(before.opacity, 'the text-input element before any composition (invisible)').toBe(0);

    const cdp = await context.newCDPSession(page);
    for (const t of steps) {
      await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
      await waitFrames(page, 1).catch(() => {});
    }
    await waitIdle(page);
    const box = await imeBox(page);
    const last = steps[steps.length - 1];
    const shot = await keepScreenshot(page, `${name}-composing`);
    await keepScreenshot(page, `${name}-composing-closeup`, {
      x: Math.max(0, box.x - 80),
      y: Math.max(0, box.y - 40),
      width: Math.min(400, page.viewportSize().width - Math.max(0, box.x - 80)),
      height: 110,
    });
    note(`composing ${JSON.stringify(last)}: #ime at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.w)}x${Math.round(box.h)}, ` +
      `opacity ${box.opacity}, ${box.fontSize}px, ${box.color} on ${box.background}; note editor ${JSON.stringify(editor)}; ${path.relative(process.cwd(), shot)}`);
    expect(box.value, 'the composing text in the text-input element').toBe(last);
    expect(box.opacity, 'the composing text is visible (opacity of #ime while composing)').toBe(1);
    expect(Number(box.zIndex), '#ime is above the canvas while composing').toBeGreaterThan(0);
    expect(box.w, 'the composing box is as wide as its text (CJK characters are about 1 em each)').toBeGreaterThanOrEqual(box.fontSize * 0.8 * [...last].length);
    expect(box.w, 'the composing box is not wider than its text needs').toBeLessThan(box.fontSize * 2 * [...last].length + 40);
    expect(box.fontSize, 'a readable text size (the app\'s)').toBeGreaterThanOrEqual(11);
    expect(inside(box, editor), `the composing box ${JSON.stringify(box)} is at the caret, inside the note editor ${JSON.stringify(editor)}`).toBeTruthy();
    expect(box.color, 'the composing text has a colour of its own (the app\'s text colour)').not.toBe(box.background);

    // The composition shows the text's pixels: the box is not one flat colour.
    const pixels = await page.screenshot({ clip: { x: box.x, y: box.y, width: Math.max(4, box.w), height: Math.max(4, box.h) } });
    const img = decodePng(pixels);
    const colours = new Set();
    for (let p = 0; p < img.width * img.height; p++) colours.add((img.pixels[p * 4] << 16) | (img.pixels[p * 4 + 1] << 8) | img.pixels[p * 4 + 2]);
    expect(colours.size, 'pixels of the composing text drawn in the box').toBeGreaterThan(4);

    // Commit: the IME inserts the final text; the element hides again and the note has it.
    await cdp.send('Input.insertText', { text: commit });
    await waitIdle(page, { quietMs: 250 });
    const after = await imeBox(page);
    expect(after.opacity, 'the text-input element after the composition ended (invisible again)').toBe(0);
    const rec = await waitForValue(page, (i) => window.shelfmark.record(i), id, (r) => (r?.note ?? '').includes(commit), {
      what: `record('${id}').note to contain ${JSON.stringify(commit)}`,
    });
    expect(rec.note, 'the note after the commit').toBe(`Note: ${commit}`);
    await keepScreenshot(page, `${name}-committed`);
  });
}
