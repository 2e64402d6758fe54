// Page bootstrap: configures the Emscripten Module before shelfmark.js runs, shows
// load errors in the page, and exposes a small read-only probe (window.shelfmark)
// that the end-to-end tests use to find widgets on the canvas.
'use strict';

(function () {
  var statusEl = document.getElementById('status');
  function showStatus(text, isError) {
    clearTimeout(slowLoad);
    statusEl.textContent = text;
    statusEl.className = isError ? 'error' : '';
  }
  // "Loading Shelfmark…" shows only when the start takes over a second: a quick start
  // draws no page text before the canvas (laying out that text, the page's first, cost
  // ~50 ms before any script ran).
  var slowLoad = setTimeout(function () { statusEl.className = ''; }, 1000);

  var canvas = document.getElementById('canvas');
  // The WebGL 2 context is made now, while boot.js's compile runs on other threads, with
  // the attributes main_web.cpp asks for (no alpha, depth, stencil or antialias):
  // emscripten_webgl_create_context gets this same context back. Its creation waits on
  // the browser's GPU process (25-170 ms measured), which then overlaps the compile.
  if (canvas.getContext) {
    try {
      canvas.getContext('webgl2', {
        alpha: false, depth: false, stencil: false, antialias: false,
        premultipliedAlpha: true, preserveDrawingBuffer: false,
        powerPreference: 'default', failIfMajorPerformanceCaveat: false,
      });
    } catch (e) { /* no WebGL 2: main_web.cpp says so */ }
  }
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showStatus('The graphics context was lost. Reload the page; your saved progress is kept.', true);
  });

  // The build id ties the js, wasm and data of one build together (see sw.js).
  var buildMeta = document.querySelector('meta[name="shelfmark-build"]');
  var build = buildMeta ? buildMeta.content : 'dev';

  function notice(text) {
    var el = document.getElementById('notice');
    el.textContent = text + ' ';
    var close = document.createElement('button');
    close.textContent = 'OK';
    close.addEventListener('click', function () { el.className = 'hidden'; canvas.focus(); });
    el.appendChild(close);
    el.className = '';
  }

  try {
    var previous = localStorage.getItem('shelfmark-build');
    if (previous && previous !== build) notice('Shelfmark was updated. Your progress and notes are unchanged.');
    localStorage.setItem('shelfmark-build', build);
  } catch (e) { /* storage blocked: the app reports it */ }

  if ('serviceWorker' in navigator && build !== 'dev') {
    var hadController = !!navigator.serviceWorker.controller;
    // Registered once the app is up, so that pre-caching does not compete with the
    // first load.
    var registered = false;
    var register = function () {
      if (registered) return;
      registered = true;
      navigator.serviceWorker.register('sw.js').catch(function (e) {
        console.warn('offline support unavailable: ' + e.message);
      });
    };
    var waitReady = function () {
      if (performance.getEntriesByName('shelfmark:ready').length) register();
      else setTimeout(waitReady, 200);
    };
    waitReady();
    setTimeout(register, 10000);
    // A worker of another build took over while this page runs: this page keeps working;
    // the new build starts on the next reload.
    navigator.serviceWorker.addEventListener('message', function (ev) {
      var other = ev.data && ev.data.shelfmarkBuild;
      if (hadController && other && other !== build) notice('A new version of Shelfmark is ready: reload to use it.');
    });
  }

  // Benchmarks: ?synthetic=N[&lists=L][&seed=S] loads a generated catalogue instead of
  // the bundled one, with its own database so real progress is never touched.
  var params = new URLSearchParams(location.search);
  var args = [];
  var dbName = 'shelfmark';
  if (params.has('synthetic')) {
    args.push('--synthetic', String(parseInt(params.get('synthetic'), 10) || 1000));
    args.push('--lists', String(parseInt(params.get('lists'), 10) || 50));
    args.push('--seed', String(parseInt(params.get('seed'), 10) || 1));
    dbName = 'shelfmark-synthetic';
  }

  window.Module = {
    arguments: args,
    shelfmarkDbName: dbName,
    canvas: canvas,
    locateFile: function (file) { return file + '?v=' + build; },
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    // No setStatus: with one, Emscripten delays main() by two timer tasks to show
    // "Running..." (the page's own "Loading Shelfmark…" stays until the runtime is up).
    // The module boot.js started compiling while the page loaded; compiled here if
    // boot.js did not run (an old cached page, a blocked script).
    instantiateWasm: function (imports, receive) {
      var compiled = window.shelfmarkWasm;
      if (!compiled) {
        compiled = fetch('shelfmark.wasm?v=' + build, { credentials: 'same-origin' })
          .then(function (r) {
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.arrayBuffer();
          })
          .then(function (bytes) { return WebAssembly.compile(bytes); });
      }
      compiled
        .then(function (module) {
          return WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); });
        })
        .catch(function (e) {
          showStatus('Shelfmark could not load its program (shelfmark.wasm): ' + (e && e.message ? e.message : e) +
            '. Check the connection and reload the page; your saved progress is kept.', true);
        });
      return {}; // the exports arrive through receive()
    },
    onRuntimeInitialized: function () {
      clearTimeout(slowLoad);
      statusEl.className = 'hidden';
      canvas.focus();
    },
    onAbort: function (what) {
      showStatus('Shelfmark stopped: ' + what + '. Reload the page; your saved progress is kept.', true);
    },
  };

  function query(q) {
    if (!window.Module.ccall || !window.Module.calledRun) return null;
    return JSON.parse(window.Module.ccall('sm_probe_query', 'string', ['string'], [q]));
  }

  window.shelfmark = {
    rect: function (name) { return query('rect ' + name); },
    status: function (paperId) { return query('status ' + paperId); },
    saveState: function () { return query('save'); },
    visiblePapers: function () { return query('visible') || []; },
    frameCount: function () { return query('frames') || 0; },
    // The table's paper rows on screen and how many of their titles are cut: {shown, cut}.
    titles: function () { return query('titles'); },
    notice: function () { return query('notice'); },
    queryError: function () { return query('query-error'); },
    importState: function () { return query('import'); },
    // The paper's record as the app holds it ({note, noteCopies, ...} or null), the
    // storage problems shown in the banner, and the quarantined records' keys.
    record: function (paperId) { return query('record ' + paperId); },
    problems: function () { return query('problems') || []; },
    quarantined: function () { return query('quarantined') || []; },
    // The accessible mirror's updates: how many, and the last ones' cost (JSON build in
    // wasm, DOM update in mirror.js), in ms.
    mirror: function () { return query('mirror'); },
  };
})();
