// Where the browser end-to-end suite finds the site, the browser and its limits; shared
// by playwright.config.mjs, global-setup.mjs and fixtures.mjs (no Playwright import here).
//
//   SHELFMARK_SITE         site folder to serve (default: build/web/site; relative to the repo)
//   SHELFMARK_CHROMIUM     browser executable (default: /usr/bin/chromium, Debian's)
//   SHELFMARK_E2E_TIMEOUT  per-test timeout in ms for tests that set none (default: 60000)

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = path.resolve(REPO, process.env.SHELFMARK_SITE ?? 'build/web/site');
export const CHROMIUM = process.env.SHELFMARK_CHROMIUM ?? '/usr/bin/chromium';
export const TEST_TIMEOUT = Number(process.env.SHELFMARK_E2E_TIMEOUT ?? 60000);
// Screenshots: test-results/e2e/<file>/<name>.png (kept by tests), and
// test-results/e2e/<file>--<test>.png (every page of a failed test).
export const RESULTS_DIR = path.join(REPO, 'test-results', 'e2e');
