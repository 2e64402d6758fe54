#!/usr/bin/env node
// Dependency-free static file server for the built Shelfmark site.
//
//   node scripts/serve.mjs [--root DIR] [--port 8080] [--host 127.0.0.1] [--no-gzip]
//
// Also importable: `startServer({root, port, host, gzip}) -> Promise<{url, port, close()}>`
// (port 0 picks a free port; the end-to-end tests use that).

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

// Types worth compressing on the fly (already-compressed formats are left alone).
const COMPRESSIBLE = new Set([
  '.html', '.htm', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest',
  '.wasm', '.data', '.bin', '.svg', '.ttf', '.otf', '.txt', '.md', '.xml', '.ico',
]);

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, body, headers = {}) {
  const buf = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

// Maps a request path onto a file inside `root` (an absolute, real path), or null.
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let st;
  try {
    st = await fsp.stat(file);
    if (st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fsp.stat(file);
    }
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  // Symlinks must not lead out of the root either.
  const real = await fsp.realpath(file).catch(() => null);
  if (!real || (real !== root && !real.startsWith(root + path.sep))) return null;
  return { file: real, st };
}

export async function startServer({ root = 'build/web/site', port = 8080, host = '127.0.0.1', gzip = true, quiet = true } = {}) {
  const absRoot = await fsp.realpath(path.resolve(root));
  if (!(await fsp.stat(absRoot)).isDirectory()) throw new Error(`not a directory: ${absRoot}`);

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      }
      const urlPath = new URL(req.url, 'http://x').pathname;
      const found = await resolveFile(absRoot, urlPath);
      if (!found) {
        if (!quiet) console.log(`404 ${req.method} ${req.url}`);
        return send(res, 404, 'Not Found\n');
      }
      const { file, st } = found;
      const ext = path.extname(file).toLowerCase();
      const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      const headers = {
        'Content-Type': mimeType(file),
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Last-Modified': st.mtime.toUTCString(),
        ETag: etag,
      };
      const useGzip = gzip && COMPRESSIBLE.has(ext) && st.size > 256 &&
        /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (gzip && COMPRESSIBLE.has(ext)) headers.Vary = 'Accept-Encoding';
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        return res.end();
      }
      if (!quiet) console.log(`200 ${req.method} ${req.url}${useGzip ? ' (gzip)' : ''}`);
      if (useGzip) {
        headers['Content-Encoding'] = 'gzip';
        res.writeHead(200, headers);
        if (req.method === 'HEAD') return res.end();
        const stream = fs.createReadStream(file);
        const gz = zlib.createGzip({ level: 6 });
        stream.on('error', () => res.destroy());
        gz.on('error', () => res.destroy());
        stream.pipe(gz).pipe(res);
      } else {
        headers['Content-Length'] = st.size;
        res.writeHead(200, headers);
        if (req.method === 'HEAD') return res.end();
        const stream = fs.createReadStream(file);
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      }
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
      if (!quiet) console.error(err);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}/`;
  return {
    url,
    port: actualPort,
    root: absRoot,
    server,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

function parseArgs(argv) {
  const opts = { root: 'build/web/site', port: 8080, host: '127.0.0.1', gzip: true, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [key, inline] = a.startsWith('--') && a.includes('=') ? a.split(/=(.*)/s, 2) : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${key} needs a value`);
      return argv[++i];
    };
    switch (key) {
      case '--root': opts.root = value(); break;
      case '--port': opts.port = Number(value()); break;
      case '--host': opts.host = value(); break;
      case '--no-gzip': opts.gzip = false; break;
      case '--quiet': opts.quiet = true; break;
      case '-h': case '--help':
        console.log('usage: node scripts/serve.mjs [--root DIR] [--port 8080] [--host 127.0.0.1] [--no-gzip] [--quiet]');
        process.exit(0);
        break;
      default: throw new Error(`unknown argument: ${a}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('bad --port');
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(2);
  }
  startServer(opts).then(
    (s) => {
      console.log(`Serving ${s.root} at ${s.url}`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
