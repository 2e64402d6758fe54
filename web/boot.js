// Runs first (in <head>, before the style sheet): fetches shelfmark.wasm and compiles it
// while the browser still parses, styles and runs the other scripts, so that shelfmark.js
// finds it compiled (issue 15: the compile used to start only once shelfmark.js ran,
// 100-200 ms after the bytes had arrived). main.js hands the module to Emscripten
// (Module.instantiateWasm).
//
// The bytes are compiled whole (WebAssembly.compile), not streamed: a streaming compile
// decodes the module on the page's main thread as the bytes come in (64 + 21 + 21 ms
// there in a trace of a warm load), where the scripts, the style and the first frame
// wait for it; compile() does that work on V8's background threads. It also takes a
// server that does not send the type application/wasm.
'use strict';

(function () {
  var meta = document.querySelector('meta[name="shelfmark-build"]');
  var url = 'shelfmark.wasm?v=' + (meta ? meta.content : 'dev');
  if (typeof WebAssembly !== 'object' || typeof fetch !== 'function') return; // main.js reports it
  var compiled = fetch(url, { credentials: 'same-origin' })
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
      return r.arrayBuffer();
    })
    .then(function (bytes) { return WebAssembly.compile(bytes); });
  compiled.catch(function () {}); // reported by main.js when the app asks for it
  window.shelfmarkWasm = compiled;
})();
