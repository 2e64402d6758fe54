// Page services for Shelfmark: performance marks, clipboard, links, and the page
// lifecycle events that must reach C++ (hide/close -> flush, paste).
var SmPageLib = {
  sm_page_init__deps: ['$SMStr'],
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
