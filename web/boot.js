// Runs first (async, in <head>): starts compiling shelfmark.wasm and creating the WebGL
// context while the browser still parses, styles and runs the other scripts, so that
// shelfmark.js finds both ready (issue 15: the wasm compile used to start only once
// shelfmark.js ran, about 100-200 ms after the bytes had arrived). main.js hands the
// compiled module to Emscripten (Module.instantiateWasm); Emscripten's
// emscripten_webgl_create_context gets this same context back from getContext.
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

  // The same attributes as main_web.cpp's emscripten_webgl_create_context (WebGL 2, no
  // alpha, antialias, depth or stencil): the context is created once, here.
  var canvas = document.getElementById('canvas');
  if (canvas && canvas.getContext) {
    try {
      canvas.getContext('webgl2', {
        alpha: false, depth: false, stencil: false, antialias: false,
        premultipliedAlpha: true, preserveDrawingBuffer: false,
        powerPreference: 'default', failIfMajorPerformanceCaveat: false,
      });
    } catch (e) { /* no WebGL 2: main_web.cpp says so */ }
  }
})();
