// The baseline page's bootstrap: the Emscripten Module and a frame counter for the
// browser benchmarks (window.baseline.frameCount()).
'use strict';
window.Module = {
  canvas: document.getElementById('canvas'),
  print: function (t) { console.log(t); },
  printErr: function (t) { console.warn(t); },
};
window.baseline = {
  frameCount: function () {
    return window.Module.calledRun && window.Module._baseline_frames ? window.Module._baseline_frames() : 0;
  },
};
