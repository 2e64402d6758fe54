// Runs first (in <head>, before the style sheet): fetches shelfmark.wasm and compiles it
// while the browser still parses, styles and runs the other scripts, so that shelfmark.js
// finds it compiled (issue 15: the compile used to start only once shelfmark.js ran,
// 100-200 ms after the bytes had arrived). main.js hands the module to Emscripten
// (Module.instantiateWasm).
//
// A streaming compile: an interleaved A/B on the quiet 2-core machine gave first frames
// of 759 / 750 ms (cold / warm) against 835 / 757 ms for compiling the whole fetched
// bytes, whose work on V8's background threads waits for a core. A server that does not
// send the type application/wasm gets the bytes compiled whole.
'use strict';

(function () {
  var meta = document.querySelector('meta[name="shelfmark-build"]');
  var url = 'shelfmark.wasm?v=' + (meta ? meta.content : 'dev');
  if (typeof WebAssembly !== 'object' || typeof fetch !== 'function') return; // main.js reports it
  function bytes() {
    return fetch(url, { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
        return r.arrayBuffer();
      })
      .then(function (b) { return WebAssembly.compile(b); });
  }
  var compiled = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' })).catch(bytes)
    : bytes();
  compiled.catch(function () {}); // reported by main.js when the app asks for it
  window.shelfmarkWasm = compiled;
})();
