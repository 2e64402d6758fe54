#!/usr/bin/env node
// Stamps an assembled site folder with its build id (a hash of its content):
//   - index.html: ?v=<id> on boot.js, mirror.js, main.js, style.css, shelfmark.js, shelfmark.wasm (fetched by boot.js) and the preloaded data; <meta name="shelfmark-build">
//   - sw.js: BUILD_ID and the list of files to pre-cache
//   - icons/icon-192.png, icons/icon-512.png and manifest.webmanifest (drawn here, ours)
// Idempotent: stamping a stamped folder again gives the same result unless content changed.
//   node scripts/stamp-site.mjs SITE_DIR
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: stamp-site.mjs SITE_DIR (a folder with index.html)');
  process.exit(2);
}

// ---------------------------------------------------------------- icons (PNG, drawn)
function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function drawIcon(size) {
  // Same design as assets/icon.svg (64-unit grid): rounded tile, three books, a ribbon.
  const s = size / 64;
  const shapes = [
    { x: 12, y: 14, w: 9, h: 38, c: [0x6e, 0xa8, 0xfe] },
    { x: 24, y: 10, w: 9, h: 42, c: [0x59, 0xc9, 0x7a] },
    { x: 36, y: 18, w: 9, h: 34, c: [0xf2, 0xb4, 0x41] },
    { x: 47, y: 8, w: 9, h: 24, c: [0xe8, 0x62, 0x5b], ribbon: true },
  ];
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / s, v = (y + 0.5) / s;
      let c = [0x1d, 0x23, 0x30], a = 255;
      const r = 12, cx = Math.min(Math.max(u, r), 64 - r), cy = Math.min(Math.max(v, r), 64 - r);
      if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) a = 0;
      for (const sh of shapes) {
        if (u >= sh.x && u < sh.x + sh.w && v >= sh.y && v < sh.y + sh.h) {
          if (sh.ribbon && v > sh.y + sh.h - 4 && Math.abs(u - (sh.x + sh.w / 2)) < (v - (sh.y + sh.h - 4)) * (sh.w / 8)) continue;
          c = sh.c;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = c[0]; raw[o + 1] = c[1]; raw[o + 2] = c[2]; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
fs.mkdirSync(path.join(site, 'icons'), { recursive: true });
for (const size of [192, 512]) fs.writeFileSync(path.join(site, 'icons', `icon-${size}.png`), drawIcon(size));
fs.writeFileSync(path.join(site, 'manifest.webmanifest'), JSON.stringify({
  name: 'Shelfmark',
  short_name: 'Shelfmark',
  description: 'Work through research reading lists: progress and notes, offline, in your browser.',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#141416',
  theme_color: '#1d2330',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
}, null, 2) + '\n');

// ---------------------------------------------------------------- build id
const skip = new Set(['index.html', 'sw.js', '.stamp']);
function listFiles(dir, rel = '') {
  const out = [];
  for (const ent of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) out.push(...listFiles(dir, r));
    else if (!skip.has(r)) out.push(r);
  }
  return out.sort();
}
const files = listFiles(site);
const hash = crypto.createHash('sha256');
for (const f of files) {
  hash.update(f + '\0');
  hash.update(fs.readFileSync(path.join(site, f)));
}
// The page template and the worker code count too (without their stamps).
const unstamp = (t) => t.replace(/\?v=[0-9a-f]+/g, '').replace(/content="[0-9a-f]{16}"/g, '')
  .replace(/const BUILD_ID = '[^']*';/, '').replace(/const FILES = \[[^\]]*\];/, '');
const indexPath = path.join(site, 'index.html'), swPath = path.join(site, 'sw.js');
let index = fs.readFileSync(indexPath, 'utf8');
let sw = fs.existsSync(swPath) ? fs.readFileSync(swPath, 'utf8') : '';
hash.update(unstamp(index)); hash.update(unstamp(sw));
const id = hash.digest('hex').slice(0, 16);

const versioned = new Set(['boot.js', 'mirror.js', 'main.js', 'style.css', 'shelfmark.js', 'shelfmark.wasm', 'shelfmark.data']);
index = index.replace(/(href|src)="(boot\.js|mirror\.js|main\.js|style\.css|shelfmark\.js|shelfmark\.wasm|shelfmark\.data)(\?v=[0-9a-f]+)?"/g, `$1="$2?v=${id}"`)
  .replace(/<meta name="shelfmark-build" content="[^"]*">/, `<meta name="shelfmark-build" content="${id}">`);
fs.writeFileSync(indexPath, index);
if (sw) {
  const precache = ['./', './index.html', ...files.map((f) => './' + f + (versioned.has(f) ? `?v=${id}` : ''))];
  sw = sw.replace(/const BUILD_ID = '[^']*';/, `const BUILD_ID = '${id}';`)
    .replace(/const FILES = \[[^\]]*\];/, `const FILES = ${JSON.stringify(precache)};`);
  fs.writeFileSync(swPath, sw);
}
console.log(`stamped ${site}: build ${id}, ${files.length + 2} files`);
