// Issue 12, contrast (WCAG 2.1 AA: 1.4.3 text 4.5:1, 1.4.11 focus indicators 3:1), computed
// from screenshots of both themes, not from the palette: the status chips of the detail
// pane (coloured text on a neutral chip; the chosen one filled with its colour), secondary
// text (a list's term in the sidebar), and the focus ring drawn on the canvas around the
// widget the DOM focus is on (rect 'focus-ring').
//
// Per area: the background is its most common colour; the text (or ring) colour is the
// pixel farthest from it in contrast (anti-aliased edges only lower the contrast, so the
// farthest pixel is the text's own colour).

import path from 'node:path';
import { decodePng, openApp, pressKey, rect, typeInto, visiblePapers, waitForRect, waitForStatus, waitForValue, waitIdle } from './lib.mjs';
import { expect, keepScreenshot as keep, test } from './fixtures.mjs';


// sRGB 8-bit -> relative luminance (WCAG 2.1).
function luminance([r, g, b]) {
  const lin = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a, b) {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// The pixels of a region of a full-page screenshot (decoded once per theme).
function region(img, { x, y, w, h }) {
  const out = [];
  const x0 = Math.max(0, Math.round(x)), y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(img.width, Math.round(x + w)), y1 = Math.min(img.height, Math.round(y + h));
  for (let yy = y0; yy < y1; yy++)
    for (let xx = x0; xx < x1; xx++) {
      const o = (yy * img.width + xx) * 4;
      out.push([img.pixels[o], img.pixels[o + 1], img.pixels[o + 2]]);
    }
  return out;
}

function dominant(pixels) {
  const counts = new Map();
  let best = null, bestN = 0;
  for (const p of pixels) {
    const k = (p[0] << 16) | (p[1] << 8) | p[2];
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > bestN) {
      bestN = n;
      best = p;
    }
  }
  return { colour: best, share: bestN / Math.max(1, pixels.length) };
}

// {bg, fg, ratio, share} of a text area: dominant colour vs the farthest pixel.
function textContrast(pixels) {
  const { colour: bg, share } = dominant(pixels);
  let fg = bg, ratio = 1;
  for (const p of pixels) {
    const r = contrast(p, bg);
    if (r > ratio) {
      ratio = r;
      fg = p;
    }
  }
  return { bg, fg, ratio, share };
}

const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
const inset = (r, dx, dy) => ({ x: r.x + dx, y: r.y + dy, w: r.w - 2 * dx, h: r.h - 2 * dy });

const keepScreenshot = (page, name) => keep(page, 'contrast', name);

// Opens the app in `scheme`, selects the first paper and sets it read (so one chip is the
// filled "chosen" chip and the others plain), the mouse away from everything.
async function openInScheme(context, url, scheme) {
  const page = await openApp(context, url);
  await page.emulateMedia({ colorScheme: scheme }); // the app follows the system theme
  await waitIdle(page);
  const id = (await visiblePapers(page))[0];
  const row = await waitForRect(page, `row:${id}`);
  await page.mouse.click(row.x + Math.min(row.w / 2, 60), row.y + row.h / 2);
  await waitForValue(page, () => location.hash, undefined, (h) => h.includes(`paper=${id}`), { what: `'${id}' selected` });
  await pressKey(page, '4'); // read
  await waitForStatus(page, id, 'read');
  await page.mouse.move(2, page.viewportSize().height - 2); // no chip drawn hovered
  await waitIdle(page, { quietMs: 250 });
  return page;
}

for (const scheme of ['light', 'dark']) {
  test(`contrast (${scheme} theme): status chips and secondary text reach 4.5:1, measured on screen`, async ({ context, url, note }) => {
    test.setTimeout(60000);
    const page = await openInScheme(context, url, scheme);
    const { buf, file } = await keepScreenshot(page, `${scheme}-chips`);
    const img = decodePng(buf);
    const rows = [];
    const check = (what, area, min) => {
      const c = textContrast(region(img, area));
      rows.push(`${what}: ${hex(c.fg)} on ${hex(c.bg)} = ${c.ratio.toFixed(2)}:1`);
      expect(c.share, `${what}: a background colour covers the area ${JSON.stringify(area)}`).toBeGreaterThan(0.3);
      expect(c.ratio, `${what}: ${hex(c.fg)} on ${hex(c.bg)} in ${scheme} (${path.basename(file)})`).toBeGreaterThanOrEqual(min);
      return c;
    };
    // The status chips (rounded corners left out: 3 px in from the sides).
    const chips = {};
    for (const st of ['unread', 'queued', 'reading', 'read', 'skipped']) {
      const r = await waitForRect(page, `detail-status:${st}`);
      chips[st] = check(`chip ${st}${st === 'read' ? ' (chosen, filled)' : ''}`, inset(r, 3, 2), 4.5);
    }
    expect(hex(chips.read.bg), 'the chosen chip is filled with its colour').not.toBe(hex(chips.unread.bg));
    // Secondary (TextDisabled) text: the term of a list under its name in the sidebar.
    const list = await waitForRect(page, 'list:ucb-cs294-ai-sys-sp22');
    check('secondary text (list term "Spring 2022")', { x: list.x + 2, y: list.y + list.h + 1, w: Math.min(list.w - 4, 120), h: list.h - 2 }, 4.5);
    note(`${scheme}: ${rows.join('; ')}; screenshot ${path.relative(process.cwd(), file)}`);
  });

  test(`contrast (${scheme} theme): a warning (the search's unknown field) reaches 4.5:1, measured on screen`, async ({ context, url, note }) => {
    test.setTimeout(60000);
    const page = await openInScheme(context, url, scheme);
    await typeInto(page, 'search', 'status:read colour:blue', { fast: true });
    await page.mouse.move(2, page.viewportSize().height - 2);
    await waitIdle(page, { quietMs: 250 });
    const r = await waitForRect(page, 'query-error');
    const { buf, file } = await keepScreenshot(page, `${scheme}-warning`);
    // The text starts after two spaces; the area is the text's own line.
    const c = textContrast(region(decodePng(buf), { x: r.x + 2, y: r.y, w: r.w - 2, h: r.h }));
    note(`${scheme}: warning ${hex(c.fg)} on ${hex(c.bg)} = ${c.ratio.toFixed(2)}:1; ${path.relative(process.cwd(), file)}`);
    expect(c.ratio, `the query's warning ${hex(c.fg)} on ${hex(c.bg)} in ${scheme}`).toBeGreaterThanOrEqual(4.5);
  });

  test(`contrast (${scheme} theme): the focus ring reaches 3:1 against what surrounds it`, async ({ context, url, note }) => {
    test.setTimeout(60000);
    const page = await openInScheme(context, url, scheme);
    // The DOM mirror moves the DOM focus with Tab and tells the canvas which widget the
    // focused control stands for (sm_mirror_action {do: 'focus', name}); the canvas draws
    // a ring around it: rect('focus-ring'). Measured where the first Tab lands, and on the
    // filled chip of the chosen status (a ring around a coloured fill), named through the
    // same message the mirror sends on focus.
    const measured = [];
    let tabbed = null;
    for (let i = 0; i < 4 && !(tabbed && tabbed.w > 0); i++) {
      await page.keyboard.press('Tab');
      await waitIdle(page, { quietMs: 250 });
      tabbed = await rect(page, 'focus-ring');
    }
    if (tabbed && tabbed.w > 0) measured.push(await measureRing(page, scheme, 'Tab', tabbed));
    const sent = await page.evaluate(() => {
      if (typeof window.Module?._sm_mirror_action !== 'function') return false;
      window.Module.ccall('sm_mirror_action', null, ['string'], [JSON.stringify({ do: 'focus', name: 'detail-status:read' })]);
      return true;
    });
    if (sent) {
      await page.mouse.move(3, page.viewportSize().height - 3); // a frame
      await waitIdle(page, { quietMs: 250 });
      const chip = await rect(page, 'focus-ring');
      if (chip && chip.w > 0) measured.push(await measureRing(page, scheme, 'detail-status:read', chip));
    }
    if (!measured.length) {
      note(`${scheme}: rect('focus-ring') is null: this build draws no focus ring on the canvas; its contrast is not measured`);
      test.skip(true, "rect('focus-ring') is null: no focus ring is drawn on the canvas in this build (the DOM mirror's part of issue 12)");
      return;
    }
    for (const m of measured) {
      note(m.text);
      expect(m.ratio, `focus ring (${m.how}) ${hex(m.ring)} against ${hex(m.against)} in ${scheme} (${path.basename(m.file)})`).toBeGreaterThanOrEqual(3);
    }
  });
}

// The focus ring's colour and its contrast against each colour next to it.
async function measureRing(page, scheme, how, ring) {
  const { buf, file } = await keepScreenshot(page, `${scheme}-focus-ring-${how.replace(/[^a-z0-9]+/gi, '-')}`);
  const img = decodePng(buf);
  // Square bands around the rect: d < 0 inside it, d > 0 outside.
  const band = (d0, d1) => {
    const out = [];
    for (let d = d0; d <= d1; d++) {
      out.push(...region(img, { x: ring.x - d, y: ring.y - d, w: ring.w + 2 * d, h: 1 }));
      out.push(...region(img, { x: ring.x - d, y: ring.y + ring.h + d - 1, w: ring.w + 2 * d, h: 1 }));
      out.push(...region(img, { x: ring.x - d, y: ring.y - d, w: 1, h: ring.h + 2 * d }));
      out.push(...region(img, { x: ring.x + ring.w + d - 1, y: ring.y - d, w: 1, h: ring.h + 2 * d }));
    }
    return out;
  };
  // The ring: its line is the outermost 2 px of the rect (the probe is its outer edge;
  // inside it may come a second tone, then the widget); its colour is the most common
  // one there. It is seen against what is next to it: every colour covering at least 10%
  // of the band 2-4 px outside it (the first pixel out is the line's anti-aliased edge, a
  // blend of the ring and its background; then panel, menu bar, a neighbouring chip or
  // field; what lies off screen is left out). WCAG 1.4.11: 3:1 against each.
  const around = band(2, 4);
  const counts = new Map();
  for (const p of around) counts.set(hex(p), [(counts.get(hex(p))?.[0] ?? 0) + 1, p]);
  const neighbours = [...counts.values()].filter(([n]) => n >= around.length * 0.1).map(([, p]) => p);
  const line = dominant(band(-1, 0));
  expect(line.share, `one colour makes most of the ring's line (${hex(line.colour)}; rounded corners aside)`).toBeGreaterThan(0.3);
  let ratio = Infinity, against = null;
  for (const n of neighbours) {
    const r = contrast(line.colour, n);
    if (r < ratio) [ratio, against] = [r, n];
  }
  const text = `${scheme}: focus ring (${how}) ${hex(line.colour)} at ${JSON.stringify(ring)}, against its neighbours ` +
    `${neighbours.map((n) => `${hex(n)} ${contrast(line.colour, n).toFixed(2)}:1`).join(', ')}; ${path.relative(process.cwd(), file)}`;
  return { how, ring: line.colour, against, ratio, file, text };
}
