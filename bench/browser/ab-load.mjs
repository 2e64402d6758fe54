// Interleaved A/B of start-up: visits each site folder in turn, cold (fresh context) then
// warm (a second page of that context), N rounds, and prints the medians of the first
// frame and of every performance mark (ms after navigation start). Interleaving spreads a
// busy machine's noise over all sites alike; use it to decide between two builds of one
// change (scripts/bench.sh gives the reported figures).
//
//   node bench/browser/ab-load.mjs N SITE[:MARK] SITE[:MARK] ...
//   e.g. node bench/browser/ab-load.mjs 10 /tmp/site-a build/web/site \
//          build/bench-web/baseline-site:baseline:first-frame
// MARK (default shelfmark:first-frame) is the mark that ends a visit.
import { chromium } from 'playwright-core';
import { median, startCountingServer } from './lib.mjs';
import { CHROMIUM_ARGS } from '../../tests/e2e/lib.mjs';

const n = Number(process.argv[2]);
if (!(n > 0) || process.argv.length < 4) {
  console.error('usage: node bench/browser/ab-load.mjs N SITE[:MARK] ...');
  process.exit(2);
}
const sites = process.argv.slice(3).map((s) => {
  const i = s.indexOf(':');
  return i < 0 ? { dir: s, mark: 'shelfmark:first-frame' } : { dir: s.slice(0, i), mark: s.slice(i + 1) };
});
for (const s of sites) Object.assign(s, { srv: await startCountingServer(s.dir), marks: {} });
const browser = await chromium.launch({ executablePath: process.env.SHELFMARK_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
for (let round = 0; round < n; round++) {
  for (const s of sites) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    for (const kind of ['cold', 'warm']) {
      const page = await ctx.newPage();
      await page.goto(s.srv.url);
      await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, s.mark, { timeout: 60000 });
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((e) => [e.name, e.startTime])),
      );
      for (const [k, v] of Object.entries(marks)) (s.marks[`${kind} ${k}`] ??= []).push(v);
      await new Promise((r) => setTimeout(r, 300));
      await page.close();
    }
    await ctx.close();
  }
}
for (const s of sites) {
  const row = (kind) => Math.round(median(s.marks[`${kind} ${s.mark}`] ?? []));
  const detail = Object.entries(s.marks)
    .filter(([k]) => !/ready|catalogue/.test(k))
    .map(([k, v]) => `${k.replace('shelfmark:', '').replace('baseline:', '')}=${Math.round(median(v))}`)
    .join(' ');
  console.log(`${s.dir}: first frame cold ${row('cold')} ms, warm ${row('warm')} ms (${detail})`);
}
await browser.close();
for (const s of sites) await s.srv.close();
