// Runs once before the suite: a missing site or browser stops it with a clear message.

import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, SITE } from './settings.mjs';

export default function globalSetup() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) {
    throw new Error(`e2e: no site at ${SITE} (index.html missing). Build the web target first, or set SHELFMARK_SITE.`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`e2e: no browser at ${CHROMIUM} (install Debian's chromium, or set SHELFMARK_CHROMIUM).`);
  }
  console.log(`e2e: site ${path.relative(process.cwd(), SITE) || '.'}, browser ${CHROMIUM}`);
}
