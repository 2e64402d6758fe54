// Page services for Shelfmark: performance marks, clipboard, links, and the page
// lifecycle events that must reach C++ (hide/close -> flush, paste).
var SmPageLib = {
  $SmFile__deps: ['$SMStr'],
  $SmFile: {
    maxBytes: 32 * 1024 * 1024,
    report: function (name, ok, text) {
      var pn = SMStr.alloc(name), pt = SMStr.alloc(text);
      try { Module._sm_on_file(pn, ok, pt); } finally { _free(pn); _free(pt); }
    },
    // Reads a File as strict UTF-8; a too-large or undecodable file is reported, not read.
    read: function (file) {
      var name = String(file.name || 'file').slice(0, 200);
      if (file.size > SmFile.maxBytes) {
        SmFile.report(name, 0, 'the file is ' + (file.size / 1048576).toFixed(1) + ' MB; the limit is 32 MB');
        return;
      }
      file.arrayBuffer().then(function (buf) {
        var text;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
        } catch (e) {
          SmFile.report(name, 0, 'the file is not UTF-8 text (is it the right file?)');
          return;
        }
        if (text.indexOf('\u0000') >= 0) {
          SmFile.report(name, 0, 'the file contains NUL bytes: it is not a text file');
          return;
        }
        SmFile.report(name, 1, text);
      }, function (e) {
        SmFile.report(name, 0, 'the file could not be read: ' + (e && e.message ? e.message : e));
      });
    },
  },
  sm_page_download: function (name, text, mime) {
    var blob = new Blob([UTF8ToString(text)], { type: UTF8ToString(mime) });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  },
  sm_page_pick_file__deps: ['$SmFile'],
  sm_page_pick_file: function () {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.md,.markdown,.txt,application/json,text/markdown,text/plain';
    input.addEventListener('change', function () {
      if (input.files && input.files[0]) SmFile.read(input.files[0]);
    });
    input.click();
  },
  sm_page_init__deps: ['$SMStr', '$SmFile'],
  sm_page_init: function () {
    var flush = function () {
      if (Module._sm_on_flush) Module._sm_on_flush();
    };
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') flush();
    });
    window.addEventListener('pagehide', flush);
    if (window.matchMedia) {
      var mq = window.matchMedia('(prefers-color-scheme: dark)');
      var scheme = function () { Module._sm_on_color_scheme(mq.matches ? 1 : 0); };
      if (mq.addEventListener) mq.addEventListener('change', scheme);
      scheme();
    }
    var hash = function () { SMStr.call(Module._sm_on_hash, decodeURIComponent(location.hash || '')); };
    window.addEventListener('hashchange', hash);
    hash();
    // Files dropped anywhere on the page are imported like picked ones.
    document.addEventListener('dragover', function (ev) { ev.preventDefault(); });
    document.addEventListener('drop', function (ev) {
      ev.preventDefault();
      var f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
      if (f) SmFile.read(f);
    });
    document.addEventListener('paste', function (ev) {
      var t = ev.clipboardData ? ev.clipboardData.getData('text/plain') : '';
      if (typeof t === 'string' && t.length) SMStr.call(Module._sm_on_paste, t);
    });
  },
  sm_page_mark: function (ptr) {
    var name = UTF8ToString(ptr);
    if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
  },
  sm_page_set_clipboard: function (ptr) {
    var text = UTF8ToString(ptr);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function () {});
    }
  },
  sm_page_open_url: function (ptr) {
    var url = UTF8ToString(ptr);
    if (/^(https?:|mailto:)/i.test(url)) window.open(url, '_blank', 'noopener');
  },
  sm_page_set_hash: function (ptr) {
    var h = UTF8ToString(ptr);
    var url = location.pathname + location.search + (h ? '#' + encodeURI(h.replace(/^#/, '')) : '');
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
  },
  sm_page_get_setting__deps: ['$SMStr'],
  sm_page_get_setting: function (ptr) {
    var v = null;
    try { v = localStorage.getItem('shelfmark:' + UTF8ToString(ptr)); } catch (e) { v = null; }
    return v === null ? 0 : SMStr.alloc(v);
  },
  sm_page_set_setting: function (k, v) {
    try { localStorage.setItem('shelfmark:' + UTF8ToString(k), UTF8ToString(v)); } catch (e) {}
  },
  sm_page_fatal: function (ptr) {
    var el = document.getElementById('status');
    el.textContent = UTF8ToString(ptr);
    el.className = 'error';
  },
  sm_page_set_cursor: function (ptr) {
    Module.canvas.style.cursor = UTF8ToString(ptr);
  },
};
mergeInto(LibraryManager.library, SmPageLib);
