// Issue 15, fonts: the site ships its fonts subset to the code points the UI and the
// bundled lists use (scripts/subset-fonts.py). A script the subset leaves out but the app
// used to carry (Greek, Cyrillic) must still be drawn: by the browser's fonts on first
// use, like CJK (fonts.cpp, WantGlyphsFor), never as ImGui's '?' fallback.

import { openApp, pressKey, visiblePapers, waitForRect, waitForValue, waitIdle } from './lib.mjs';
import { expect, keepScreenshot, test } from './fixtures.mjs';

async function selectPaper(page, id) {
  const r = await waitForRect(page, `row:${id}`);
  await page.mouse.click(r.x + Math.min(r.w / 2, 60), r.y + r.h / 2);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${id}`), { what: `row click to select '${id}'` });
  await waitIdle(page);
}

// Writes `text` as the paper's note in the editor, leaves the editor (no caret drawn) and
// returns a screenshot of the note's area.
async function noteShot(page, id, text, name) {
  await pressKey(page, 'n');
  await waitForValue(page, () => document.activeElement?.id, undefined, (v) => v === 'ime', { what: 'the note editor to be active' });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
  await waitForValue(page, (i) => window.shelfmark.record(i)?.note, id, (n) => n === text, { what: `the note to be ${JSON.stringify(text)}` });
  await pressKey(page, 'Escape'); // leave the field: no caret in the picture
  await waitIdle(page, { quietMs: 600 }); // glyphs drawn by the browser arrive a frame later
  const r = await waitForRect(page, 'note-editor');
  return (await keepScreenshot(page, 'fonts', name, { clip: { x: r.x, y: r.y, width: r.w, height: Math.min(r.h, 80) } })).buf;
}

test('fonts: Greek and Cyrillic, left out of the shipped fonts, are drawn (not as "?")', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  const id = (await visiblePapers(page))[0];
  await selectPaper(page, id);
  const question = await noteShot(page, id, 'x ?????? ??????', 'question-marks');
  const scripts = await noteShot(page, id, 'x αβγδεζ жзийкл', 'greek-cyrillic');
  const same = Buffer.compare(question, scripts) === 0;
  note(`note area ${question.length} / ${scripts.length} PNG bytes; identical: ${same}`);
  expect(same, 'Greek and Cyrillic drawn exactly like "?" (the fallback glyph)').toBe(false);
});
