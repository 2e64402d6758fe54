// Issue 15, the user's own data at scale, in real Chromium: a progress file of a reader
// with 50,000 papers (a status history each, tags on a third, a 0.5-4 KB note on one in
// four, some in Korean and Chinese) and 500 lists of their own (with 2,000 papers of their
// own) is chosen in the page's file chooser, merged, saved to IndexedDB, and is all there
// after a reload. The file (41.5 MiB) is over the old 32 MiB limit of the page and the core.
// It is generated here, deterministically, with the shapes of the synthetic generator
// (src/core/synthetic.cpp), so this test needs no native build.

import fs from 'node:fs';

import {
  clickStable,
  importFile,
  openApp,
  readIdb,
  reloadApp,
  waitForValue,
  waitSaved,
} from './lib.mjs';
import { expect, test } from './fixtures.mjs';

const PAPERS = 50000;
const LISTS = 500;
const USER_PAPERS = LISTS * 4;
const T0 = Date.UTC(2024, 0, 1);

// splitmix32-style integer generator: the same file on every run.
function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) % n;
  };
}

const WORDS = ['throughput', 'latency', 'scheduler', 'memory', '캐시', '分布式', 'baseline', 'ablation', 'straggler', 'pipeline'];
const TAGS = ['to-cite', 'reading-group', 'systems', 'llm', 'thesis', '논문', '复现'];

function note(r, i) {
  const target = 512 + r(3584 - 200);
  let md = `## Summary of paper ${i}\n\n`;
  while (md.length < target) {
    md += `- The ${WORDS[r(WORDS.length)]} is the ${WORDS[r(WORDS.length)]} (${r(1000)} ms).\n`;
    if (r(5) === 0) md += '\n| setting | value |\n| --- | ---: |\n| 한국어 | 中文 |\n\n';
  }
  return md;
}

function makeFile() {
  const r = rng(15);
  const papers = [];
  for (let i = 0; i < PAPERS; i++) {
    const id = `e2e-paper-${String(i).padStart(5, '0')}`; // sorted as exported
    const t = T0 + r(700) * 86400000 + r(86400000);
    const steps = 1 + r(3);
    const names = ['queued', 'reading', 'read'];
    const history = [];
    for (let s = 0; s < steps; s++) history.push([names[s], t + s * 3600000]);
    const rec = { paper: id, status: names[steps - 1], statusAt: t + (steps - 1) * 3600000, history };
    if (i % 4 === 0) {
      rec.note = note(r, i);
      rec.noteAt = rec.statusAt + 1000;
    }
    if (r(3) === 0) {
      rec.tags = [...new Set([TAGS[r(TAGS.length)], TAGS[r(TAGS.length)]])].sort();
      rec.tagsAt = rec.statusAt + 500;
    }
    papers.push(rec);
  }
  const userPapers = [];
  for (let j = 0; j < USER_PAPERS; j++) {
    userPapers.push({ id: `u-e2e-paper-${j + 1}`, title: `My paper ${j + 1}: ${WORDS[r(WORDS.length)]} at scale`, updatedAt: T0 + r(1e9) });
  }
  const lists = [];
  for (let k = 0; k < LISTS; k++) {
    const sections = [];
    for (let s = 0, n = 2 + r(11); s < n; s++) {
      const entries = [];
      const taken = new Set();
      for (let e = 0, m = 5 + r(36); e < m; e++) {
        const paper = r(10) === 0 ? `u-e2e-paper-${1 + r(USER_PAPERS)}` : `e2e-paper-${String(r(PAPERS)).padStart(5, '0')}`;
        if (taken.has(paper)) continue;
        taken.add(paper);
        entries.push({ paper, role: 'required' });
      }
      sections.push({ title: `Week ${s + 1}`, entries });
    }
    lists.push({ id: `u-e2e-list-${k + 1}`, title: k % 3 === 0 ? `논문 읽기 ${k + 1}` : k % 3 === 1 ? `读书会 ${k + 1}` : `Reading group ${k + 1}`, kind: 'user', updatedAt: T0 + r(1e9), sections });
  }
  const line = (x) => JSON.stringify(x);
  return {
    text:
      '{\n  "format": "shelfmark-progress",\n  "version": 1,\n  "exportedAt": "2026-01-01T00:00:00Z",\n  "appVersion": "e2e",\n' +
      `  "papers": [\n    ${papers.map(line).join(',\n    ')}\n  ],\n` +
      `  "lists": [\n    ${lists.map(line).join(',\n    ')}\n  ],\n` +
      `  "userPapers": [\n    ${userPapers.map(line).join(',\n    ')}\n  ]\n}\n`,
    papers,
    lists,
  };
}

// Counts of an IndexedDB store's keys, by prefix when given (no values are read).
function idbKeys(page, store) {
  return page.evaluate(async (store) => {
    const conn = await new Promise((resolve, reject) => {
      const req = indexedDB.open('shelfmark');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const req = conn.transaction(store, 'readonly').objectStore(store).getAllKeys();
        req.onsuccess = () => resolve(req.result.map(String));
        req.onerror = () => reject(req.error);
      });
    } finally {
      conn.close();
    }
  }, store);
}

test('a progress file of 50,000 papers and 500 lists of mine imports with Merge and is all there after a reload', async ({ context, url, note }) => {
  test.setTimeout(240000);
  const file = makeFile();
  const bytes = Buffer.byteLength(file.text);
  note(`file: ${(bytes / 1048576).toFixed(1)} MiB, ${PAPERS} papers, ${LISTS} lists, ${USER_PAPERS} papers of mine`);
  expect(bytes, 'the file is over the old 32 MiB limit').toBeGreaterThan(32 * 1048576);
  expect(bytes, 'and within the 64 MiB limit').toBeLessThan(64 * 1048576);

  const page = await openApp(context, url);
  const t0 = Date.now();
  // From a file on disk: Playwright refuses in-memory files over 50 MB.
  const where = test.info().outputPath('big-progress.json');
  fs.writeFileSync(where, file.text);
  const st = await importFile(page, where, { timeout: 120000 });
  expect(st.error, 'importState().error for the 50k/500 file').toBe('');
  const tPreview = Date.now();
  await clickStable(page, 'import-0', { fast: true }); // Merge
  await waitForValue(page, () => window.shelfmark.importState(), undefined, (s) => s && !s.open, { timeout: 60000, what: 'the import dialog to close after Merge' });
  await waitSaved(page, { timeout: 120000 });
  const tSaved = Date.now();
  note(`choose -> preview ${tPreview - t0} ms, Merge -> saved ${tSaved - tPreview} ms`);

  await reloadApp(page, { timeout: 120000 });
  // IndexedDB holds every record; the app shows a sample of them as the file says.
  const paperKeys = await idbKeys(page, 'papers');
  expect(paperKeys.filter((k) => k.startsWith('e2e-paper-')).length, 'progress records in IndexedDB after the reload').toBe(PAPERS);
  const userKeys = await idbKeys(page, 'user');
  expect(userKeys.filter((k) => k.startsWith('list:u-e2e-list-')).length, 'lists of mine in IndexedDB').toBe(LISTS);
  expect(userKeys.filter((k) => k.startsWith('paper:u-e2e-paper-')).length, 'papers of mine in IndexedDB').toBe(USER_PAPERS);
  for (const i of [0, 1, 4, 12345, 24680, 49999]) {
    const want = file.papers[i];
    const rec = await page.evaluate((id) => window.shelfmark.record(id), want.paper);
    expect(rec?.status, `record('${want.paper}').status after the reload`).toBe(want.status);
    expect(rec?.note ?? '', `record('${want.paper}').note after the reload`).toBe(want.note ?? '');
  }
  for (const k of [0, 1, 2, 499]) {
    const want = file.lists[k];
    const stored = await readIdb(page, 'user', `list:${want.id}`);
    const got = typeof stored === 'string' ? JSON.parse(stored) : stored;
    expect(got?.title, `IndexedDB list:${want.id} title (UTF-8 kept)`).toBe(want.title);
    expect(got?.sections?.length, `IndexedDB list:${want.id} sections`).toBe(want.sections.length);
  }
});
