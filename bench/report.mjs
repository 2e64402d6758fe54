#!/usr/bin/env node
// Merges the benchmark outputs of one run into bench-results/results.json and
// bench-results/results.md (the table, the targets of issue 7, the machine).
//
//   node bench/report.mjs [--dir bench-results] [--papers 50000]
//
// Reads DIR/machine.json, DIR/native.json (Google Benchmark JSON), DIR/browser.json
// (bench/browser/run.mjs) and DIR/synth-*.json (shelfmark_synth --summary); any of them
// may be missing: the figures it would give are then reported as not available.

import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = opt('dir', 'bench-results');
// --before DIR: an earlier run (e.g. of main before a change) whose figures get a column
// beside this run's in the issue 15 table.
const beforeDir = opt('before', null);
const papers = Number(opt('papers', 50000));

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return null;
  }
};
const machine = readJson('machine.json') ?? {};
const nativeRaw = readJson('native.json');
const browser = readJson('browser.json');
const synth = {};
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const m = /^synth-(\d+)\.json$/.exec(f);
  if (m) {
    const s = readJson(f);
    if (s) {
      delete s.paperIds;
      synth[m[1]] = s;
    }
  }
}

// ------------------------------------------------------------------ formatting

const fmtMs = (v) => (v === null || v === undefined ? 'n/a' : v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`);
const fmtBytes = (b) =>
  b === null || b === undefined ? 'n/a' : b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} KB` : `${b} B`;
const fmtMiB = (b) => (b === null || b === undefined ? 'n/a' : `${(b / 2 ** 20).toFixed(1)} MiB`);
const fmtRatio = (r) => (r === null || r === undefined || !Number.isFinite(r) ? 'n/a' : r < 0.1 ? `${(r * 100).toFixed(2)} %` : `${r.toFixed(2)}×`);
const ok = (v) => v !== null && v !== undefined && Number.isFinite(v);
const ratio = (a, b) => (ok(a) && ok(b) && b > 0 ? a / b : null);
const get = (obj, ...keys) => keys.reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
const why = (x) => (x && x.available === false ? x.reason : null);

// ------------------------------------------------------------------ native

function nativeTable() {
  if (!nativeRaw) return { rows: [], context: null, note: 'native benchmarks did not run' };
  const byName = new Map();
  for (const b of nativeRaw.benchmarks ?? []) {
    const name = b.run_name ?? b.name.replace(/_(mean|median|stddev|cv)$/, '');
    const agg = b.aggregate_name ?? (b.run_type === 'iteration' ? 'single' : null);
    if (agg && !['median', 'single'].includes(agg)) continue;
    if (byName.has(name) && agg === 'single') continue; // prefer the median of repetitions
    const toMs = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit ?? 'ns'];
    const counters = {};
    for (const [k, v] of Object.entries(b)) {
      if (['papers', 'records', 'matches', 'input_bytes', 'output_bytes', 'file_bytes', 'papers_json_bytes', 'index_bytes', 'nodes'].includes(k)) counters[k] = v;
    }
    byName.set(name, {
      name,
      realMs: b.error_occurred ? null : b.real_time * toMs,
      cpuMs: b.error_occurred ? null : b.cpu_time * toMs,
      repetitions: b.repetitions ?? 1,
      error: b.error_occurred ? b.error_message : null,
      counters,
    });
  }
  return { rows: [...byName.values()], context: nativeRaw.context };
}
const native = nativeTable();
const nativeRow = (name) => native.rows.find((r) => r.name === name) ?? null;

// ------------------------------------------------------------------ browser figures

const load = browser?.load;
const idle = browser?.idle;
const big = browser?.big;
const core = browser?.core;
const site = browser?.site;

const appColdFF = get(load, 'app', 'coldFirstFrameMs', 'median');
const baseColdFF = get(load, 'baseline', 'coldFirstFrameMs', 'median');
const appWarmFF = get(load, 'app', 'warmFirstFrameMs', 'median');
const baseWarmFF = get(load, 'baseline', 'warmFirstFrameMs', 'median');
const appIdle = get(idle, 'app', 'taskDurationMs');
const baseIdle = get(idle, 'baseline', 'taskDurationMs');
const siteGzip = get(site, 'app', 'gzipBytesExcludingLazy');
const baseGzip = get(site, 'baseline', 'gzipBytes');
const appFirstVisit = get(load, 'app', 'firstVisitBytes');
const baseFirstVisit = get(load, 'baseline', 'firstVisitBytes');
const appPageBytes = get(appFirstVisit, 'byInitiator', 'page');
const basePageBytes = get(baseFirstVisit, 'total');

const bundledOnly = big && big.syntheticLoaded === false;
const bigWhy = why(big) ?? (bundledOnly ? 'the app does not load ?synthetic= yet: measured on the bundled catalogue only (see below)' : null);
const keyP95 = bundledOnly ? null : get(big, 'typing', 'keystrokeToFrameMs', 'p95');
const scrollP95 = bundledOnly ? null : get(big, 'scroll', 'frameCpuMs', 'p95');
const memTotal = bundledOnly ? null : get(big, 'memory', 'totalBytes');
const statusP95 = get(big, 'status', 'clickToCommitMs', 'p95');
const importMerge = get(core, 'progressFileImportMerge10k', 'medianMs');
const importRecords = get(core, 'progressImportRecords10k', 'medianMs');
const mergeRecords = get(core, 'progressMergeRecords10k', 'medianMs');


// ------------------------------------------------------------------ targets

const MB = 1e6;
const MiB = 2 ** 20;
function target(name, limitText, value, valueText, met, note) {
  return { target: name, limit: limitText, value: ok(value) ? value : null, measured: ok(value) ? valueText : 'not available', met: ok(value) ? met : null, note: note ?? null };
}
const targets = [
  target('Idle main-thread TaskDuration, app / baseline (5 s)', '≤ 2 %', ratio(appIdle, baseIdle), `${fmtRatio(ratio(appIdle, baseIdle))} (${fmtMs(appIdle)} vs ${fmtMs(baseIdle)})`, ratio(appIdle, baseIdle) <= 0.02, why(get(idle, 'app')) ?? why(get(idle, 'baseline'))),
  target('First frame, cold, app / baseline (median of runs)', '≤ 1.5×', ratio(appColdFF, baseColdFF), `${fmtRatio(ratio(appColdFF, baseColdFF))} (${fmtMs(appColdFF)} vs ${fmtMs(baseColdFF)})`, ratio(appColdFF, baseColdFF) <= 1.5, why(load)),
  target('First frame, warm, app / baseline (median of runs)', '≤ 1.5×', ratio(appWarmFF, baseWarmFF), `${fmtRatio(ratio(appWarmFF, baseWarmFF))} (${fmtMs(appWarmFF)} vs ${fmtMs(baseWarmFF)})`, ratio(appWarmFF, baseWarmFF) <= 1.5, why(load)),
  target('Whole site, gzip, lazily loaded CJK glyphs excluded', '≤ 1.2 MB', siteGzip, fmtBytes(siteGzip), siteGzip <= 1.2 * MB),
  target(`Search keystroke → drawn frame p95 at ${papers} papers`, '≤ 16 ms', keyP95, fmtMs(keyP95), keyP95 <= 16, bigWhy ?? why(get(big, 'typing'))),
  target(`Scroll frame CPU p95 at ${papers} papers`, '≤ 8 ms', scrollP95, fmtMs(scrollP95), scrollP95 <= 8, bigWhy ?? why(get(big, 'scroll'))),
  target(`wasm + JS memory at ${papers} papers`, '≤ 128 MiB', memTotal, fmtMiB(memTotal), memTotal <= 128 * MiB, bigWhy ?? why(get(big, 'memory'))),
  target('Status change → committed IndexedDB transaction p95', '≤ 400 ms', statusP95, `${fmtMs(statusP95)} (${get(big, 'status', 'changes') ?? 0} changes, ${get(big, 'catalogue') ?? '?'} catalogue)`, statusP95 <= 400, why(get(big, 'status')) ?? why(big)),
  target(
    'Import (parse + preview + merge) of a 10k-entry progress file in the browser',
    '≤ 250 ms',
    importMerge,
    fmtMs(importMerge),
    importMerge <= 250,
    why(core) ?? (ok(importMerge) ? 'core library in wasm, same flags as the app; without the app UI and the IndexedDB writes' : 'core/progress_file.h not built into the wasm core benchmark'),
  ),
];

// ------------------------------------------------------------------ figures vs baseline

const comparisons = [
  { figure: 'Bytes on the wire, first visit, page requests (gzip)', app: appPageBytes, base: basePageBytes, fmt: fmtBytes },
  { figure: 'Bytes on the wire, first visit, incl. service-worker precache', app: get(appFirstVisit, 'total'), base: basePageBytes, fmt: fmtBytes },
  { figure: 'Site files as served (gzip -6 where serve.mjs compresses)', app: get(site, 'app', 'gzipBytes'), base: baseGzip, fmt: fmtBytes },
  { figure: 'Navigation → first frame, cold (median)', app: appColdFF, base: baseColdFF, fmt: fmtMs },
  { figure: 'Navigation → first frame, warm (median)', app: appWarmFF, base: baseWarmFF, fmt: fmtMs },
  { figure: 'Navigation → ready, cold (median)', app: get(load, 'app', 'coldReadyMs', 'median'), base: baseColdFF, fmt: fmtMs },
  { figure: 'Navigation → ready, warm (median)', app: get(load, 'app', 'warmReadyMs', 'median'), base: baseWarmFF, fmt: fmtMs },
  { figure: 'Idle: main-thread TaskDuration over 5 s', app: appIdle, base: baseIdle, fmt: fmtMs },
  { figure: 'Idle: frames drawn over 5 s', app: get(idle, 'app', 'frames'), base: get(idle, 'baseline', 'frames'), fmt: (v) => (ok(v) ? String(v) : 'n/a') },
  { figure: 'Idle: renderer process CPU over 5 s', app: get(idle, 'app', 'processCpuMs', 'renderer'), base: get(idle, 'baseline', 'processCpuMs', 'renderer'), fmt: fmtMs },
  { figure: 'Idle: GPU process CPU over 5 s (SwiftShader)', app: get(idle, 'app', 'processCpuMs', 'GPU'), base: get(idle, 'baseline', 'processCpuMs', 'GPU'), fmt: fmtMs },
].map((c) => ({ ...c, ratio: ratio(c.app, c.base) }));

const bigFigures = big && big.available !== false
  ? [
      ['Navigation → first frame', fmtMs(big.firstFrameMs)],
      ['Navigation → ready (catalogue generated in the page, storage loaded)', fmtMs(big.readyMs)],
      ['Catalogue shown', big.syntheticLoaded === null ? 'unknown (no id list to check against)' : big.syntheticLoaded ? `synthetic, ${papers} papers` : 'the BUNDLED one: ?synthetic= is not wired yet, so the figures below are for the bundled catalogue, not 50k'],
      ['Scroll: frames / wheel events', why(big.scroll) ?? `${big.scroll.frames} / ${big.scroll.wheelEvents} (rows moved: ${big.scroll.scrolled ? 'yes' : 'NO'})`],
      ['Scroll: frame CPU (rAF callback, thread time) median / p95', why(big.scroll) ?? `${fmtMs(big.scroll.frameCpuMs.median)} / ${fmtMs(big.scroll.frameCpuMs.p95)}`],
      ['Scroll: whole frame task CPU median / p95', why(big.scroll) ?? `${fmtMs(big.scroll.frameTaskCpuMs.median)} / ${fmtMs(big.scroll.frameTaskCpuMs.p95)}`],
      ['Typing: keystroke → drawn frame median / p95', why(big.typing) ?? `${fmtMs(big.typing.keystrokeToFrameMs.median)} / ${fmtMs(big.typing.keystrokeToFrameMs.p95)} (${big.typing.keystrokes} keys, ${big.typing.keystrokesThatChangedTheTable} changed the rows)`],
      ['Typing: frame CPU median / p95', why(big.typing) ?? `${fmtMs(big.typing.frameCpuMs.median)} / ${fmtMs(big.typing.frameCpuMs.p95)}`],
      ['Memory: wasm linear memory', why(big.memory) ?? fmtMiB(big.memory.wasmBytes)],
      ['Memory: JS heap used', why(big.memory) ?? fmtMiB(big.memory.jsHeapUsedBytes)],
      ['Status change → commit median / p95', why(big.status) ?? `${fmtMs(big.status.clickToCommitMs.median)} / ${fmtMs(big.status.clickToCommitMs.p95)} (${big.status.changes} changes; transaction itself p95 ${fmtMs(big.status.transactionMs.p95)})`],
      ['Accessible mirror update (JSON build + DOM) median / p95 / max', why(big.mirror ?? { available: false, reason: 'not measured' }) ?? `${fmtMs(big.mirror.totalMs.median)} / ${fmtMs(big.mirror.totalMs.p95)} / ${fmtMs(big.mirror.totalMs.max)} (${big.mirror.samples} updates; build p95 ${fmtMs(big.mirror.buildMs.p95)}, DOM p95 ${fmtMs(big.mirror.domMs.p95)}; ${big.mirror.updatesWhileIdle} while idle)`],
    ]
  : null;

// The generator must give the same bytes natively (g++) and in wasm (emcc).
const nativeFingerprint = synth[String(papers)]?.fingerprint ?? null;
const wasmFingerprint = core?.syntheticFingerprint50000 ?? null;
const determinism =
  nativeFingerprint && wasmFingerprint && papers === 50000
    ? nativeFingerprint === wasmFingerprint
      ? `same bytes natively and in wasm (fingerprint ${nativeFingerprint})`
      : `MISMATCH: native ${nativeFingerprint}, wasm ${wasmFingerprint}`
    : null;

const coreFigures = core && core.available !== false
  ? Object.entries(core)
      .filter(([, v]) => v && typeof v === 'object' && 'medianMs' in v)
      .map(([k, v]) => [k, fmtMs(v.medianMs), v.maxMs !== undefined ? fmtMs(v.maxMs) : ''])
  : null;

// ------------------------------------------------------------------ notes (issue 10)

const notesRun = get(browser, 'notes');
const noteRows = [];
if (notesRun) {
  for (const [key, label] of [['longLine128k', 'note of one 128 KB line'], ['longLine256k', 'note of one 255 KB line'], ['longLine1m', 'stored note of one 1 MB line (over the limit)']]) {
    const r = notesRun[key];
    if (!r || r.available === false) continue;
    noteRows.push([`${label}: frame while previewed (median / max)`, `${fmtMs(get(r, 'previewFrameMs', 'median'))} / ${fmtMs(get(r, 'previewFrameMs', 'max'))}`]);
    noteRows.push([`${label}: frame while typing in it (median / max)`, `${fmtMs(get(r, 'typingFrameMs', 'median'))} / ${fmtMs(get(r, 'typingFrameMs', 'max'))}`]);
    noteRows.push([`${label}: key → 2 frames drawn (median)`, fmtMs(get(r, 'keyToSecondFrameMs', 'median'))]);
  }
  for (const [key, label] of [['paste5mb', '5 MB paste'], ['paste100mb', '100 MB paste']]) {
    const p = notesRun[key];
    if (!p || p.available === false) continue;
    noteRows.push([`${label}: the page's paste handling`, fmtMs(p.handlerMs)]);
    noteRows.push([`${label}: then 2 frames drawn`, fmtMs(p.thenTwoFramesMs)]);
    noteRows.push([`${label}: wasm heap before → after`, `${fmtMiB(p.heapBeforeBytes)} → ${fmtMiB(p.heapAfterBytes)}`]);
    noteRows.push([`${label}: message`, p.message || '(none)']);
  }
}

// ------------------------------------------------------------------ issue 15 table

// The figures of issue 15 from one run's raw files (this run, or --before's).
function nativeMs(raw, name) {
  for (const b of raw?.benchmarks ?? []) {
    const n = b.run_name ?? b.name.replace(/_(mean|median|stddev|cv)$/, '');
    const agg = b.aggregate_name ?? 'single';
    if (n !== name || !['median', 'single'].includes(agg) || b.error_occurred) continue;
    return b.real_time * { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit ?? 'ns'];
  }
  return null;
}
function issue15Figures(br, nat) {
  const l = br?.load;
  const b = br?.big && br.big.syntheticLoaded !== false ? br.big : null;
  const c = br?.core;
  const coldApp = get(l, 'app', 'coldFirstFrameMs', 'median');
  const coldBase = get(l, 'baseline', 'coldFirstFrameMs', 'median');
  const warmApp = get(l, 'app', 'warmFirstFrameMs', 'median');
  const warmBase = get(l, 'baseline', 'warmFirstFrameMs', 'median');
  const idleApp = get(br, 'idle', 'app', 'taskDurationMs');
  const idleBase = get(br, 'idle', 'baseline', 'taskDurationMs');
  return {
    coldFF: { v: ratio(coldApp, coldBase), text: `${fmtRatio(ratio(coldApp, coldBase))} (${fmtMs(coldApp)} / ${fmtMs(coldBase)})` },
    warmFF: { v: ratio(warmApp, warmBase), text: `${fmtRatio(ratio(warmApp, warmBase))} (${fmtMs(warmApp)} / ${fmtMs(warmBase)})` },
    key: { v: get(b, 'typing', 'keystrokeToFrameMs', 'p95'), text: fmtMs(get(b, 'typing', 'keystrokeToFrameMs', 'p95')) },
    keyBroad: {
      v: get(b, 'typingBroad', 'keystrokeToFrameMs', 'p95'),
      text: ok(get(b, 'typingBroad', 'keystrokeToFrameMs', 'p95'))
        ? `${fmtMs(get(b, 'typingBroad', 'keystrokeToFrameMs', 'p95'))} (${(get(b, 'typingBroad', 'bySort') ?? []).map((r) => `${r.sort} max ${fmtMs(get(r, 'keystrokeToFrameMs', 'max'))}`).join(', ')})`
        : 'n/a',
    },
    ownListEdit: {
      v: nativeMs(nat, `BM_OwnListEdit/${papers}/0`),
      text: ok(nativeMs(nat, `BM_OwnListEdit/${papers}/0`))
        ? `${fmtMs(nativeMs(nat, `BM_OwnListEdit/${papers}/0`) / 2)} (whole re-index: ${fmtMs(nativeMs(nat, `BM_OwnListEdit/${papers}/1`) / 2)})`
        : 'n/a',
    },
    heap: {
      v: get(b, 'memory', 'totalBytes'),
      text: `${fmtMiB(get(b, 'memory', 'totalBytes'))} (wasm ${fmtMiB(get(b, 'memory', 'wasmBytes'))})`,
    },
    nativeLoad: { v: nativeMs(nat, `BM_LoadCatalogueFiles/${papers}`), text: ok(nativeMs(nat, `BM_LoadCatalogueFiles/${papers}`)) ? fmtMs(nativeMs(nat, `BM_LoadCatalogueFiles/${papers}`)) : 'refused / n/a' },
    browserLoad: { v: get(c, `catalogueLoad${papers}`, 'medianMs'), text: ok(get(c, `catalogueLoad${papers}`, 'medianMs')) ? fmtMs(get(c, `catalogueLoad${papers}`, 'medianMs')) : 'refused / n/a' },
    scroll: { v: get(b, 'scroll', 'frameCpuMs', 'p95'), text: fmtMs(get(b, 'scroll', 'frameCpuMs', 'p95')) },
    idle: {
      v: get(br, 'idle', 'app', 'frames'),
      text: `${get(br, 'idle', 'app', 'frames') ?? 'n/a'} frames (baseline ${get(br, 'idle', 'baseline', 'frames') ?? 'n/a'}); CPU ${fmtRatio(ratio(idleApp, idleBase))} of the baseline`,
    },
    status: { v: get(b, 'status', 'clickToCommitMs', 'p95'), text: fmtMs(get(b, 'status', 'clickToCommitMs', 'p95')) },
    import10k: { v: get(c, 'progressFileImportMerge10k', 'medianMs'), text: fmtMs(get(c, 'progressFileImportMerge10k', 'medianMs')) },
    // The progress file of the budget (50,000 papers, 500 lists; docs/progress-file.md).
    progress50kNative: {
      v: nativeMs(nat, 'BM_ProgressFile50kParse/iterations:3'),
      text: ok(nativeMs(nat, 'BM_ProgressFile50kParse/iterations:3')) ? fmtMs(nativeMs(nat, 'BM_ProgressFile50kParse/iterations:3')) : 'refused / n/a',
    },
    progress50kBrowser: {
      v: get(c, 'progressFileParse50k', 'medianMs'),
      text: ok(get(c, 'progressFileParse50k', 'medianMs'))
        ? `${fmtMs(get(c, 'progressFileParse50k', 'medianMs'))} (${fmtMiB(get(c, 'progressFile50kBytes'))} file, ${fmtMiB(get(c, 'progressFile50kKeptBytes'))} kept)`
        : 'refused / n/a',
    },
  };
}
const issue15Rows = [
  ['coldFF', 'First frame, cold: app / baseline (median)', '≤ 1.5×', (v) => v <= 1.5],
  ['warmFF', 'First frame, warm: app / baseline (median)', '≤ 1.5×', (v) => v <= 1.5],
  ['key', `Search keystroke → drawn frame p95, ${papers} papers`, '≤ 16 ms', (v) => v <= 16],
  ['keyBroad', `Broad keystrokes (one letter, Backspace to all) in All papers, unsorted / by Status / by Title: p95, ${papers} papers`, '≤ 16 ms', (v) => v <= 16],
  ['heap', `Memory (wasm linear memory + JS heap), ${papers} papers`, '≤ 128 MiB', (v) => v <= 128 * MiB],
  ['nativeLoad', `Native load of a ${papers}-paper catalogue from files`, 'loads', (v) => ok(v)],
  ['browserLoad', `Browser (wasm) load of a ${papers}-paper catalogue from files`, 'loads', (v) => ok(v)],
  ['scroll', `Scroll frame CPU p95, ${papers} papers`, '≤ 8 ms', (v) => v <= 8],
  ['idle', 'Idle: frames drawn over 5 s', '0', (v) => v === 0],
  ['status', 'Status change → committed p95', '≤ 400 ms', (v) => v <= 400],
  ['import10k', 'Import of a 10k-entry progress file (browser)', '≤ 250 ms', (v) => v <= 250],
  ['progress50kNative', 'Native parse of the progress file of 50,000 papers and 500 lists', 'loads', (v) => ok(v)],
  ['progress50kBrowser', 'Browser (wasm) parse of the progress file of 50,000 papers and 500 lists', 'loads', (v) => ok(v)],
  ['ownListEdit', `An edit of an own list (native, per edit), ${papers} papers`, 'no target', () => true],
];
const issue15Now = issue15Figures(browser, nativeRaw);
const readBefore = (file) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(beforeDir, file), 'utf8'));
  } catch {
    return null;
  }
};
const issue15Before = beforeDir ? issue15Figures(readBefore('browser.json'), readBefore('native.json')) : null;

// Where the wasm heap goes at 50k papers (core parts measured in wasm by core_bench.cpp).
const heapParts = get(core, 'heap50000', 'parts') ?? null;

// ------------------------------------------------------------------ unavailable

const unavailable = [];
const note = (what, reason) => reason && unavailable.push({ what, reason });
note('browser benchmarks', browser ? null : 'bench-results/browser.json missing (the browser run failed or was skipped)');
note('load', why(load));
note('idle (app)', why(get(idle, 'app')));
note('idle (baseline)', why(get(idle, 'baseline')));
note(`${papers}-paper page`, why(big));
if (big && big.available !== false) {
  if (bundledOnly) note(`figures at ${papers} papers`, 'the app does not load ?synthetic= yet; scroll, typing and memory were measured on the bundled catalogue only');
  note('scroll at 50k', why(big.scroll));
  note('typing a search at 50k', why(big.typing));
  note('memory at 50k', why(big.memory));
  note('status → commit', why(big.status));
}
note('core in wasm', why(core));
for (const k of ['longLine128k', 'longLine256k', 'longLine1m', 'paste5mb', 'paste100mb']) note(`notes: ${k}`, why(get(notesRun, k)));
const ctx = native.context ?? {};
if (ctx.has_search_h === '0') note('native search benchmarks', 'src/core/search.h was not present at build time');
if (ctx.has_progress_file_h === '0') note('native progress-file benchmarks', 'src/core/progress_file.h was not present at build time');
if (ctx.has_markdown_h === '0') note('native ParseMarkdown benchmark', 'src/core/markdown.h was not present at build time');
for (const r of native.rows) if (r.error) note(r.name, r.error);

// ------------------------------------------------------------------ write

const results = {
  generatedAt: new Date().toISOString(),
  machine,
  targets,
  comparisons,
  synthetic: synth,
  native: { context: native.context, benchmarks: native.rows },
  browser,
  generatorDeterminism: determinism,
  issue15: { now: issue15Now, before: issue15Before, heapParts },
  unavailable,
};
fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const md = [];
const esc = (s) => String(s).replace(/\|/g, '\\|');
md.push('# Shelfmark benchmarks', '');
md.push(`Generated ${results.generatedAt} by \`scripts/bench.sh\` (see docs/benchmarks.md). Raw data: \`results.json\`.`, '');
md.push('## Machine', '');
md.push('| | |', '| --- | --- |');
for (const [k, v] of Object.entries({
  CPU: machine.cpu,
  'Cores (logical)': machine.cores,
  Memory: machine.memory,
  OS: machine.os,
  Kernel: machine.kernel,
  Chromium: browser?.browser ?? machine.chromium,
  emcc: machine.emcc,
  'g++': machine.gxx,
  Node: machine.node,
  'Load average at start': machine.loadavg,
  Commit: machine.commit,
})) {
  if (v !== undefined && v !== null && v !== '') md.push(`| ${k} | ${esc(v)} |`);
}
md.push('');
md.push('## Targets (issue 7)', '');
md.push('| target | limit | measured | met |', '| --- | --- | --- | --- |');
for (const t of targets) {
  const met = t.met === null ? 'not measurable' : t.met ? '**met**' : '**not met**';
  md.push(`| ${esc(t.target)} | ${esc(t.limit)} | ${esc(t.measured)}${t.note ? ` — ${esc(t.note)}` : ''} | ${met} |`);
}
md.push('');
md.push('## App vs baseline (same run, same browser)', '');
md.push('The baseline is a minimal Dear ImGui 1.90.1 page (one window, continuous `emscripten_set_main_loop`) built with the same toolchain and flags.', '');
md.push('| figure | app | baseline | app / baseline |', '| --- | --- | --- | --- |');
for (const c of comparisons) md.push(`| ${esc(c.figure)} | ${c.fmt(c.app)} | ${c.fmt(c.base)} | ${fmtRatio(c.ratio)} |`);
md.push('');
const timelineRows = (t) =>
  t ? [['HTML received', t.htmlResponseEndMs], ['DOMContentLoaded', t.domContentLoadedMs], ...t.files.map((f) => [`${f.file} received`, f.responseEndMs])] : [];
const appCold = get(load, 'app', 'coldTimeline');
const baseCold = get(load, 'baseline', 'coldTimeline');
if (appCold || baseCold) {
  md.push('## Where the cold first frame goes (first run, ms after navigation start)', '');
  md.push('| app | ms | baseline | ms |', '| --- | --- | --- | --- |');
  const a = timelineRows(appCold);
  const b = timelineRows(baseCold);
  a.push(['first frame', get(load, 'app', 'cold', 0, 'firstFrame')]);
  b.push(['first frame', get(load, 'baseline', 'cold', 0, 'firstFrame')]);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [an, av] = a[i] ?? ['', null];
    const [bn, bv] = b[i] ?? ['', null];
    md.push(`| ${esc(an)} | ${ok(av) ? Math.round(av) : ''} | ${esc(bn)} | ${ok(bv) ? Math.round(bv) : ''} |`);
  }
  md.push('');
}
md.push(`## The app at ${papers} papers (\`index.html?synthetic=${papers}&lists=50&seed=1\`)`, '');
if (bigFigures) {
  md.push('| figure | value |', '| --- | --- |');
  for (const [k, v] of bigFigures) md.push(`| ${esc(k)} | ${esc(v)} |`);
} else {
  md.push(`Not available: ${why(big) ?? 'not run'}.`);
}
md.push('');
md.push('## Core library in wasm, in the browser', '');
if (coreFigures) {
  md.push('| operation | median | max |', '| --- | --- | --- |');
  for (const [k, v, m] of coreFigures) md.push(`| ${esc(k)} | ${v} | ${m} |`);
} else {
  md.push(`Not available: ${why(core) ?? 'not run'}.`);
}
md.push('');
md.push('## Notes: long lines and huge pastes (issue 10)', '');
if (noteRows.length) {
  md.push('Frame = one animation-frame callback (input, ImGui, drawing), wall time. Target: under 50 ms a frame for any note up to the 256 KB limit.', '');
  md.push('| figure | value |', '| --- | --- |');
  for (const [k, v] of noteRows) md.push(`| ${esc(k)} | ${esc(v)} |`);
} else {
  md.push('Not available: not run.');
}
md.push('');
if (determinism) md.push(`Synthetic generator: ${determinism}.`, '');
md.push('## Native (Google Benchmark, Release)', '');
if (native.rows.length) {
  md.push(`Median of ${native.rows[0].repetitions} repetitions; wall and CPU time per operation.`, '');
  md.push('| benchmark | time | CPU | notes |', '| --- | --- | --- | --- |');
  for (const r of native.rows) {
    const c = Object.entries(r.counters)
      .map(([k, v]) => `${k}=${/bytes/.test(k) ? fmtBytes(v) : Math.round(v)}`)
      .join(', ');
    md.push(`| ${esc(r.name)} | ${r.error ? '—' : fmtMs(r.realMs)} | ${r.error ? '—' : fmtMs(r.cpuMs)} | ${esc(r.error ? `not measurable: ${r.error}` : c)} |`);
  }
} else {
  md.push(native.note ?? 'No native results.');
}
md.push('');
md.push('## Synthetic workloads', '');
md.push('| papers | lists | entries | progress records | notes | papers.json | list files | progress (JSON lines) |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const s of Object.values(synth)) {
  md.push(`| ${s.papers} | ${s.lists} | ${s.entries} | ${s.progressRecords} | ${s.notes} (${fmtBytes(s.noteBytes)}) | ${fmtBytes(s.papersJsonBytes)} | ${fmtBytes(s.listsJsonBytes)} | ${fmtBytes(s.progressJsonlBytes)} |`);
}
md.push('');
if (appFirstVisit) {
  md.push('## First visit: bytes on the wire per file (app)', '');
  md.push('| file | bytes (body, as sent) | requests | by | encoding |', '| --- | --- | --- | --- | --- |');
  for (const f of appFirstVisit.files) md.push(`| ${esc(f.path)} | ${fmtBytes(f.bytes)} | ${f.requests} | ${f.by} | ${f.encoding || 'identity'} |`);
  md.push('');
  md.push('"sw-precache" are the service worker\'s `cache.addAll` requests (made with `cache: \'reload\'`), "page" the page\'s own.', '');
}
if (site?.app?.files) {
  md.push('## Site files (app)', '');
  md.push('| file | raw | as served |', '| --- | --- | --- |');
  for (const f of site.app.files) md.push(`| ${esc(f.file)} | ${fmtBytes(f.bytes)} | ${fmtBytes(f.gzip)}${f.served === 'identity' ? ' (not compressed)' : ''} |`);
  md.push('');
}
md.push('## Where the wasm heap goes at 50,000 papers (issue 15)', '');
if (heapParts) {
  md.push('Core parts measured in wasm (bytes in use once built; how far the heap\'s high-water mark rose while building: temporaries). The rest of the app\'s wasm memory (rows, UI caches, fonts, ImGui, the stack, free space the heap keeps) is the app\'s wasm memory above minus these.', '');
  md.push('| part | in use | high-water rise while built |', '| --- | --- | --- |');
  for (const p of heapParts) md.push(`| ${esc(p.part)} | ${fmtMiB(p.bytes)} | ${fmtMiB(p.peakRiseBytes)} |`);
  const wasm = get(big, 'memory', 'wasmBytes');
  if (ok(wasm)) md.push(`| the app's wasm linear memory after loading, scrolling and typing | ${fmtMiB(wasm)} | |`);
  md.push('');
} else {
  md.push('Not available: the core benchmark in wasm did not run.', '');
}
md.push(`## Issue 15: the figures${beforeDir ? ` (before: \`${beforeDir}\`)` : ''}`, '');
md.push(beforeDir ? '| figure | target | before | now | met now |' : '| figure | target | now | met |');
md.push(beforeDir ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |');
for (const [key, label, limit, meets] of issue15Rows) {
  const now = issue15Now[key];
  const met = limit === 'no target' ? '—' : ok(now.v) ? (meets(now.v) ? '**met**' : '**not met**') : 'not measurable';
  const cells = beforeDir ? [label, limit, issue15Before[key].text, now.text, met] : [label, limit, now.text, met];
  md.push(`| ${cells.map(esc).join(' | ')} |`);
}
md.push('');
if (unavailable.length) {
  md.push('## Not available in this run', '');
  for (const u of unavailable) md.push(`- ${esc(u.what)}: ${esc(u.reason)}`);
  md.push('');
}
fs.writeFileSync(path.join(dir, 'results.md'), md.join('\n'));
console.log(`[bench:report] wrote ${path.join(dir, 'results.json')} and ${path.join(dir, 'results.md')}`);
