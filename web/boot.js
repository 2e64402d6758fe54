// Runs first (in <head>, before the style sheet): starts compiling shelfmark.wasm while
// the browser still parses, styles and runs the other scripts, so that shelfmark.js finds
// it compiled (issue 15: the compile used to start only once shelfmark.js ran, 100-200 ms
// after the bytes had arrived, and then ran on the page's main thread). main.js hands
// the compiled module to Emscripten (Module.instantiateWasm).
'use strict';

(function () {
  var meta = document.querySelector('meta[name="shelfmark-build"]');
  var url = 'shelfmark.wasm?v=' + (meta ? meta.content : 'dev');

  // Streaming compile needs the server to say application/wasm; any other answer (a
  // static server that does not know the type) falls back to compiling the bytes.
  function compileBytes() {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
      return r.arrayBuffer();
    }).then(function (bytes) { return WebAssembly.compile(bytes); });
  }

  if (typeof WebAssembly === 'object' && typeof fetch === 'function') {
    var compiled = typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' })).catch(compileBytes)
      : compileBytes();
    compiled.catch(function () {}); // reported by main.js when the app asks for it
    window.shelfmarkWasm = compiled;
  }
})();
