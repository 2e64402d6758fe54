// Issue 4, "Never lose a note": durability end-to-end tests in real Chromium with real
// IndexedDB. Storage is never mocked, except in the test about it being unavailable.
//
//   1. change -> close the tab 0, 50 or 300 ms later -> reopen -> the change is there
//   2. two tabs: different papers both survive; same paper: the later edit wins
//   5. the database is deleted while the app is open -> no silent empty save
//   6. IndexedDB unavailable -> the app runs from memory and says it is not saving

import {
  clickNamed,
  clickStatusNoWait,
  idbDatabaseNames,
  nextStatus,
  openApp,
  openAppWindow,
  readStatusWatch,
  watchStatuses,
  percentiles,
  readIdb,
  readIdbAll,
  rect,
  reloadApp,
  saveState,
  setStatusWithMouse,
  sleep,
  status,
  visiblePapers,
  waitSaved,
  waitForRect,
  waitUntil,
} from './lib.mjs';
import { expect, test } from './fixtures.mjs';

// Polls `check()` (a node-side async function) until it returns truthy or `ms` pass;
// returns {ok, value, ms} (ms = time until it held, or the budget when it never did).
async function within(ms, check, interval = 20) {
  const start = Date.now();
  let value;
  for (;;) {
    value = await check();
    if (value) return { ok: true, value, ms: Date.now() - start };
    if (Date.now() - start > ms) return { ok: false, value, ms: Date.now() - start };
    await sleep(interval);
  }
}

// The "not being saved" banner's rectangle (probe name 'banner'), or null when not drawn.
async function banner(page) {
  const r = await rect(page, 'banner');
  return r && r.w > 0 && r.h > 0 ? r : null;
}

// ------------------------------------------------------------------------------ test 1
const CLOSE_DELAYS = [0, 50, 300];
const ROUNDS_PER_DELAY = 7;

test('a change survives closing the tab 0, 50 and 300 ms later (21 rounds)', async ({ context, url, note }) => {
  // 21 reopenings: on 2 loaded cores a page took ~2.8 s to ready (the catalogue now loads
  // after the first frame), and 150 s ran out with no change lost.
  test.setTimeout(300000);
  // Diagnostic only: counts pagehide events (so a failure can tell "the page never
  // heard it was closing" apart from "it heard and did not save").
  await context.addInitScript(() => {
    window.addEventListener('pagehide', () => {
      try {
        localStorage.setItem('e2e-pagehide', String(Number(localStorage.getItem('e2e-pagehide') || 0) + 1));
      } catch {
        /* ignore */
      }
    });
  });

  let page = await openApp(context, url);
  const ids = await visiblePapers(page);
  expect(ids.length, `need ${CLOSE_DELAYS.length} visible papers, got ${ids.length}`).toBeGreaterThanOrEqual(CLOSE_DELAYS.length);
  // One paper per delay, so a lost change at one delay cannot hide behind another.
  const paperFor = new Map(CLOSE_DELAYS.map((d, i) => [d, ids[i]]));

  const failures = [];
  const perDelay = new Map(CLOSE_DELAYS.map((d) => [d, { ok: 0, n: 0 }]));
  const rounds = CLOSE_DELAYS.length * ROUNDS_PER_DELAY;
  for (let round = 0; round < rounds; round++) {
    const delay = CLOSE_DELAYS[round % CLOSE_DELAYS.length];
    const id = paperFor.get(delay);
    const before = await status(page, id);
    const want = nextStatus(before, Math.floor(round / CLOSE_DELAYS.length));
    await clickStatusNoWait(page, id, want);
    const clickedAt = Date.now();
    let before_close = null; // for the 300 ms rounds: the app's state just before closing
    if (delay >= 300) {
      await sleep(delay - 60);
      before_close = await page.evaluate((i) => ({ status: window.shelfmark.status(i), save: window.shelfmark.saveState() }), id);
      await sleep(Math.max(0, clickedAt + delay - Date.now()));
    } else if (delay) {
      await sleep(delay);
    }
    await page.close(); // runs pagehide (no beforeunload)
    const closedAfter = Date.now() - clickedAt;

    page = await openApp(context, url);
    const seen = await status(page, id);
    const rec = await readIdb(page, 'papers', id);
    const stats = perDelay.get(delay);
    stats.n++;
    if (seen === want && rec?.status === want) {
      stats.ok++;
    } else {
      failures.push(
        `round ${round + 1}, close ${delay} ms after the click (page.close() returned ${closedAfter} ms after the mouse-up): ` +
          `paper '${id}' ${before} -> ${want}; after reopening status()=${JSON.stringify(seen)}, ` +
          `IndexedDB record ${JSON.stringify(rec)}` +
          (before_close ? `; ${delay - 60} ms after the click the page had ${JSON.stringify(before_close)}` : ''),
      );
    }
  }
  const pagehides = await page.evaluate(() => Number(localStorage.getItem('e2e-pagehide') || 0));
  const summary = CLOSE_DELAYS.map((d) => `${d} ms: ${perDelay.get(d).ok}/${perDelay.get(d).n}`).join(', ');
  note(`${rounds} rounds (${summary}); pagehide seen ${pagehides} time(s) for ${rounds} closes`);
  expect(failures.length, `${failures.length} of ${rounds} changes were lost:\n${failures.join('\n')}`).toBe(0);
});

// ------------------------------------------------------------------------------ test 2
const AGREE_MS = 1000;

// mode 'windows': B is a second window (both in front, as two windows side by side);
// mode 'tabs': B is a second tab of A's window, and each edit first brings its tab to
// the front, as a user switching tabs would. Headless Chromium keeps the tab behind
// 'visible' but gives it ~1 animation frame per second (and delays CDP input to it), so
// this mode checks that changes are merged and saved without animation frames.
function twoTabsTest(mode) {
  test(`two ${mode}: different papers both survive; same paper, the later edit wins in both`, async ({ context, url, note }) => {
    test.setTimeout(90000);
    const a = await openApp(context, url);
    const b = mode === 'windows' ? await openAppWindow(context, a, url) : await openApp(context, url);
    const front = mode === 'tabs' ? (p) => p.bringToFront() : async () => {};
    const pages = [['A', a], ['B', b]];
    const ids = await visiblePapers(a);
    expect(ids.length, `need 7 visible papers, got ${ids.length}`).toBeGreaterThanOrEqual(7);
    const [p1, p2, p3, p4] = ids.slice(3, 7); // on screen, and not the ones test 1 uses
    const latencies = [];
    let gapMs = null;

    // Watches both pages (in the page, every 10 ms) for `expected`, lets `act()` make the
    // edits, then requires both tabs to show `expected` within AGREE_MS of the last
    // mouse-up, and to keep showing it. Returns the time both agreed (ms after it).
    const agreeAfter = async (what, expected, act, { timed = true } = {}) => {
      for (const [, p] of pages) await watchStatuses(p, expected);
      await act();
      const since = Date.now(); // just after the last mouse-up reached the page
      const states = {};
      await within(AGREE_MS + 2000, async () => {
        for (const [name, p] of pages) states[name] = await readStatusWatch(p);
        return Object.values(states).every((w) => w?.first);
      });
      await sleep(300); // it must stay that way (no late write of an older value)
      for (const [name, p] of pages) states[name] = await readStatusWatch(p, { stop: true });
      const now = {};
      for (const [name, p] of pages) for (const id of Object.keys(expected)) now[`${name}:${id}`] = await status(p, id);
      const firsts = Object.values(states).map((w) => w?.first);
      expect(
        firsts.every((f) => f),
        `${what}: the tabs did not both show ${JSON.stringify(expected)} within ${AGREE_MS + 2000} ms; they show ${JSON.stringify(now)}`,
      ).toBeTruthy();
      for (const [name, w] of Object.entries(states)) {
        expect(w.broke, `${what}: tab ${name} showed ${JSON.stringify(expected)}, then ${JSON.stringify(w.broke?.seen)} ${w.broke?.at - since} ms after the click`).toBeFalsy();
      }
      const ms = Math.max(...firsts) - since;
      if (!timed) return ms;
      latencies.push(ms);
      // Where the time went: when each tab first showed it, and its save states.
      const timeline = Object.entries(states)
        .map(([name, w]) => `${name} showed it at +${w.first - since} ms, save states ${w.saves.map(([at, st]) => `${st}@${at - since}`).join(' ')}`)
        .join('; ');
      expect(ms, `${what}: the tabs agreed on ${JSON.stringify(expected)} only ${ms} ms after the click (budget ${AGREE_MS} ms): ${timeline}`).toBeLessThanOrEqual(AGREE_MS);
      return ms;
    };
    // Both tabs show `expected` now (e.g. right after reloading), and IndexedDB agrees.
    const showNow = async (what, expected) => {
      const seen = {};
      for (const [name, p] of pages) for (const id of Object.keys(expected)) seen[`${name}:${id}`] = await status(p, id);
      const bad = Object.entries(seen).filter(([k, v]) => v !== expected[k.slice(2)]);
      expect(bad.length, `${what}: expected ${JSON.stringify(expected)} in both tabs, they show ${JSON.stringify(seen)}`).toBe(0);
      const recs = await readIdbAll(a, 'papers');
      for (const [id, v] of Object.entries(expected)) expect(recs?.[id]?.status, `${what}: IndexedDB papers/${id}.status`).toBe(v);
    };
    const reloadBoth = async () => {
      for (const p of [a, b]) {
        await front(p);
        await reloadApp(p);
      }
    };

    // --- different papers, edited one right after the other (B clicks while A's change
    //     may still be being written)
    const vA = nextStatus(await status(a, p1), 1);
    const vB = nextStatus(await status(b, p2), 2);
    const diff = { [p1]: vA, [p2]: vB };
    await agreeAfter('different papers', diff, async () => {
      await front(a);
      await clickStatusNoWait(a, p1, vA);
      await front(b);
      await clickStatusNoWait(b, p2, vB);
    });
    await Promise.all([waitSaved(a), waitSaved(b)]);
    await showNow('different papers, both saved', diff);
    await reloadBoth();
    await showNow('different papers after reloading both tabs', diff);

    // --- same paper: A changes it and has saved; then B changes it -> B's value
    const x1 = nextStatus(await status(a, p3), 0);
    const y1 = nextStatus(x1, 1);
    await front(a);
    await agreeAfter(`same paper, A sets ${x1}`, { [p3]: x1 }, () => setStatusWithMouse(a, p3, x1), { timed: false });
    await front(b);
    await agreeAfter(`same paper, B sets ${y1} after A's ${x1} was saved`, { [p3]: y1 }, () => clickStatusNoWait(b, p3, y1));

    // --- same paper, B right after A (A's write may not have reached B yet).
    //     B opens its status popup first and picks right after A's click: a press and
    //     release on B's status *button* would be lost if A's change arrived in between
    //     (reported separately: the button's ImGui id contains the status name).
    const x2 = nextStatus(await status(a, p4), 2);
    const y2 = nextStatus(x2, 3);
    await agreeAfter(`same paper, B sets ${y2} right after A set ${x2}`, { [p4]: y2 }, async () => {
      await front(b);
      await clickNamed(b, `status:${p4}`);
      const opt = await waitForRect(b, `status-option:${y2}`);
      await front(a);
      await clickStatusNoWait(a, p4, x2);
      const aUp = Date.now();
      await front(b);
      await b.mouse.click(opt.x + opt.w / 2, opt.y + opt.h / 2);
      gapMs = Date.now() - aUp;
    });
    await Promise.all([waitSaved(a), waitSaved(b)]);
    const all = { ...diff, [p3]: y1, [p4]: y2 };
    await showNow('all edits, both tabs saved', all);
    await reloadBoth();
    await showNow('all edits after reloading both tabs', all);

    const p = percentiles(latencies);
    note(
      `last click -> both tabs show it: ${latencies.join(', ')} ms (median ${p.median}, max ${p.max}; budget ${AGREE_MS}); ` +
        `same paper, B's pick came ${gapMs} ms after A's`,
    );
  });
}
twoTabsTest('windows');
twoTabsTest('tabs');

// ------------------------------------------------------------------------------ test 5
test('database deleted while the app is open: no silent save into an empty database', async ({ context, url, note }) => {
  test.setTimeout(60000);
  const page = await openApp(context, url);
  const ids = await visiblePapers(page);
  const [p1, p2] = ids;
  const v1 = nextStatus(await status(page, p1));
  await setStatusWithMouse(page, p1, v1);
  expect((await readIdb(page, 'papers', p1))?.status, `IndexedDB papers/${p1}.status before deletion`).toBe(v1);
  const bannerBefore = await banner(page);
  expect(bannerBefore, `a "not being saved" banner is shown before anything went wrong: ${JSON.stringify(bannerBefore)}`).toBeFalsy();

  // Delete the database the way site-data clearing or another script would.
  const outcome = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const events = [];
        const req = indexedDB.deleteDatabase('shelfmark');
        req.onblocked = () => events.push('blocked');
        req.onsuccess = () => resolve([...events, 'success']);
        req.onerror = () => resolve([...events, `error: ${req.error}`]);
        setTimeout(() => resolve([...events, 'no result after 5 s']), 5000);
      }),
  );
  expect(outcome.join(','), 'deleteDatabase outcome (blocked = the app kept its connection open)').toBe('success');

  const why = await waitUntil(
    page,
    () => {
      const s = window.shelfmark.saveState();
      return typeof s === 'string' && s.startsWith('unsaved: ') ? s : null;
    },
    undefined,
    { timeout: 3000, what: 'saveState() to start with "unsaved: " after the database was deleted' },
  );
  expect(/delet/i.test(why), `saveState() does not say the data was deleted: ${JSON.stringify(why)}`).toBeTruthy();
  // The banner that comes with it moves the table down; let that frame be drawn before
  // reading widget positions again.
  await sleep(400);

  // A further change stays in memory and is not written into a new, empty database.
  const v2 = nextStatus(await status(page, p2), 1);
  await clickStatusNoWait(page, p2, v2);
  await waitUntil(page, ([i, v]) => window.shelfmark.status(i) === v, [p2, v2], { timeout: 5000, what: `status('${p2}') === '${v2}'` });
  await sleep(1200); // well past the 300 ms batching
  const dbs = await idbDatabaseNames(page);
  expect(dbs.includes('shelfmark'), `the app recreated the deleted database: indexedDB.databases() = ${JSON.stringify(dbs)}`).toBeFalsy();
  const after = await saveState(page);
  expect(after.startsWith('unsaved: '), `saveState() after a further change: ${JSON.stringify(after)} (expected "unsaved: ...")`).toBeTruthy();
  expect(await status(page, p1), `status('${p1}') kept in memory`).toBe(v1);
  const bannerAfter = await banner(page);
  expect(bannerAfter, 'no "not being saved" banner (probe rect \'banner\') after the database was deleted').toBeTruthy();

  // A flush (what the app does on pagehide / hidden) must not write either. The event
  // is dispatched by hand: after a real close no same-origin page could look without
  // being the app (which opens a new database) or loading a favicon through the worker.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  await sleep(500);
  const dbs2 = await idbDatabaseNames(page);
  expect(dbs2.includes('shelfmark'), `a flush (pagehide) recreated the deleted database: ${JSON.stringify(dbs2)}`).toBeFalsy();
  expect((await saveState(page)).startsWith('unsaved: '), `saveState() after a flush: ${JSON.stringify(await saveState(page))}`).toBeTruthy();
  note(`saveState() after deletion: ${JSON.stringify(why)}; banner at ${JSON.stringify(bannerAfter)}`);
});

// ------------------------------------------------------------------------------ test 6
function unavailableTest(label, initScript) {
  test(`IndexedDB unavailable (${label}): the app runs from memory and says it is not saving`, async ({ context, url, note }) => {
    test.setTimeout(45000);
    await context.addInitScript(initScript);
    const page = await openApp(context, url);
    const ids = await visiblePapers(page);
    expect(ids.length, `expected at least 5 visible papers, got ${ids.length}`).toBeGreaterThanOrEqual(5);
    const s0 = await saveState(page);
    expect(typeof s0 === 'string' && s0.startsWith('unsaved: '), `saveState() is ${JSON.stringify(s0)} (expected "unsaved: <why>")`).toBeTruthy();
    expect(/indexeddb|storage|sav/i.test(s0.slice(9)), `saveState() does not say why: ${JSON.stringify(s0)}`).toBeTruthy();
    const banner0 = await banner(page);
    expect(banner0, 'no "not being saved" banner (probe rect \'banner\') at start').toBeTruthy();

    // Usable: status changes work in memory, and the state keeps saying "unsaved".
    const id = ids[1];
    for (const round of [0, 1]) {
      const v = nextStatus(await status(page, id), round);
      await clickStatusNoWait(page, id, v);
      await waitUntil(page, ([i, s]) => window.shelfmark.status(i) === s, [id, v], { timeout: 5000, what: `status('${id}') === '${v}'` });
    }
    await sleep(500);
    const s1 = await saveState(page);
    expect(s1, 'saveState() after two status changes').toBe(s0);
    expect(await banner(page), 'the "not being saved" banner went away after a status change').toBeTruthy();
    note(`saveState(): ${JSON.stringify(s0)}; banner at ${JSON.stringify(banner0)}`);
  });
}

unavailableTest('indexedDB.open throws', () => {
  const err = () => new DOMException('The user denied permission to access the database.', 'SecurityError');
  const proto = Object.getPrototypeOf(window.indexedDB);
  Object.defineProperty(proto, 'open', { value: () => { throw err(); }, configurable: true });
});
unavailableTest('window.indexedDB is undefined', () => {
  Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
});
