// The browser end-to-end suite: tests/e2e/*.test.mjs on @playwright/test, against the
// built site (served by scripts/serve.mjs) in headless Debian Chromium (no browser
// download: launchOptions.executablePath).
//
//   node_modules/.bin/playwright test                  every test (npm run test:e2e)
//   node_modules/.bin/playwright test offline ui        files whose path matches 'offline' or 'ui'
//   node_modules/.bin/playwright test -g 'round trip'  tests whose title matches (-g takes a
//                                                      regular expression: escape ( ) + . ? etc.)
//   node_modules/.bin/playwright test ui.test.mjs:135  the test at that line
//   node_modules/.bin/playwright test --list           list the tests without running them
//   ... --trace on                                     record a trace per test (test-results/playwright/)
// (npx playwright test ... does the same.)
//
// Environment (tests/e2e/settings.mjs): SHELFMARK_SITE (default build/web/site),
// SHELFMARK_CHROMIUM (default /usr/bin/chromium), SHELFMARK_E2E_TIMEOUT (ms, default 60000,
// for tests that set no timeout of their own).
//
// The fixtures in tests/e2e/fixtures.mjs give each test a fresh browser context and fail
// it on any console error, page error or CSP violation in its pages (unless allowed).

import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/e2e/lib.mjs';
import { CHROMIUM, TEST_TIMEOUT } from './tests/e2e/settings.mjs';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.test.mjs',
  globalSetup: './tests/e2e/global-setup.mjs',
  // The machine has 2 cores, and the tests time clicks and frames: one at a time, in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: TEST_TIMEOUT,
  reporter: [['list']],
  // Playwright's own per-test output (attachments, traces); it empties this folder at
  // the start of a run. Screenshots the tests keep go to test-results/e2e/ (settings.mjs).
  outputDir: 'test-results/playwright',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    // Every wait of the page API without a timeout of its own (the old runner's
    // context.setDefaultTimeout(30000)).
    actionTimeout: 30000,
    navigationTimeout: 30000,
    trace: 'off',
    screenshot: 'off', // the fixtures take their own, of every page of a failed test
    video: 'off',
  },
});
