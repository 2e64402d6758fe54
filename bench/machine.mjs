#!/usr/bin/env node
// Prints the machine's description as JSON for the benchmark report.
//   node bench/machine.mjs [--site-build TEXT]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const run = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 }).split('\n')[0].trim();
  } catch {
    return null;
  }
};
const osRelease = (() => {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
})();
const i = process.argv.indexOf('--site-build');
const dirty = run('git', ['status', '--porcelain']) !== '' && run('git', ['status', '--porcelain']) !== null;
const commit = run('git', ['rev-parse', '--short', 'HEAD']);
console.log(
  JSON.stringify(
    {
      cpu: os.cpus()[0]?.model?.trim() ?? null,
      cores: os.cpus().length,
      memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
      os: osRelease,
      kernel: `${os.type()} ${os.release()}`,
      chromium: run(process.env.SHELFMARK_CHROMIUM ?? '/usr/bin/chromium', ['--version']),
      emcc: run('emcc', ['--version']),
      gxx: run('g++', ['--version']),
      node: process.version,
      loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '),
      commit: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : null,
      siteBuild: i > 0 ? process.argv[i + 1] : null,
    },
    null,
    2,
  ),
);
