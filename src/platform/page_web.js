// Page services for Shelfmark: performance marks, clipboard, links, and the page
// lifecycle events that must reach C++ (hide/close -> flush, paste).
var SmPageLib = {
  $SmFile__deps: ['$SMStr'],
  $SmFile: {
    // The largest file any import takes: kMaxProgressFileBytes (src/core/progress_file.h,
    // the progress file's budget); tests/unit/test_progress_file.cpp checks they agree.
    maxBytes: 64 * 1024 * 1024,
    report: function (name, ok, text) {
      var pn = SMStr.alloc(name), pt = SMStr.alloc(text);
      try { Module._sm_on_file(pn, ok, pt); } finally { _free(pn); _free(pt); }
    },
    // Reads a File as strict UTF-8; a too-large or undecodable file is reported, not read.
    read: function (file) {
      var name = String(file.name || 'file').slice(0, 200);
      if (file.size > SmFile.maxBytes) {
        SmFile.report(name, 0, 'the file is ' + (file.size / 1048576).toFixed(1) + ' MB; the limit is ' + SmFile.maxBytes / 1048576 + ' MB');
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
  // Glyphs our bundled fonts lack (CJK, other scripts) drawn by the browser with the
  // system's fonts, into alpha cells that the app copies into its font atlas.
  sm_page_rasterize: function (cps, count, px, cellW, cellH, baseline, alphaPtr, advPtr) {
    try {
      var canvas = document.createElement('canvas');
      canvas.width = cellW;
      canvas.height = cellH;
      var ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return 0;
      ctx.font = px + 'px "Noto Sans CJK SC", "Noto Sans CJK KR", "Noto Sans CJK JP", "PingFang SC", ' +
        '"Apple SD Gothic Neo", "Hiragino Sans", "Microsoft YaHei", "Malgun Gothic", "Yu Gothic", sans-serif';
      ctx.textBaseline = 'alphabetic';
      ctx.fillStyle = '#fff';
      for (var i = 0; i < count; i++) {
        var cp = HEAPU32[(cps >> 2) + i];
        var ch = String.fromCodePoint(cp);
        ctx.clearRect(0, 0, cellW, cellH);
        ctx.fillText(ch, 0, baseline);
        HEAPF32[(advPtr >> 2) + i] = Math.min(ctx.measureText(ch).width, cellW);
        var data = ctx.getImageData(0, 0, cellW, cellH).data;
        var base = alphaPtr + i * cellW * cellH;
        for (var p = 0; p < cellW * cellH; p++) HEAPU8[base + p] = data[p * 4 + 3];
      }
      return 1;
    } catch (e) {
      return 0;
    }
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
    input.accept = '.json,.md,.markdown,.txt,.bib,application/json,text/markdown,text/plain,application/x-bibtex,text/x-bibtex';
    input.addEventListener('change', function () {
      if (input.files && input.files[0]) SmFile.read(input.files[0]);
    });
    input.click();
  },
  // Sizes pasted text in UTF-8 bytes without copying it: each UTF-16 unit is 1 to 3
  // bytes, so a text of more than `limit` units is too large whatever it holds (its length
  // is then a lower bound, {exact: false}), and one of at most limit / 3 units fits. Only
  // in between are the bytes counted.
  $SmPaste: {
    utf8Size: function (t, limit) {
      var n = t.length;
      if (n > limit) return { bytes: n, exact: false };
      if (n * 3 <= limit) return { bytes: n, exact: false };
      return { bytes: lengthBytesUTF8(t), exact: true };
    },
  },
  // The text-input element while an IME composes: the app's text size (CSS px of a line)
  // and its text and background colours, set by sm_page_set_text_style.
  $SmIme: {
    px: 16,
    fg: '#1a1a1a',
    bg: '#ffffff',
    canvas: null,
    show: function (el) {
      el.classList.add('composing');
      el.style.fontSize = SmIme.px + 'px';
      el.style.lineHeight = (SmIme.px + 4) + 'px';
      el.style.height = (SmIme.px + 4) + 'px';
      el.style.color = SmIme.fg;
      el.style.backgroundColor = SmIme.bg;
      el.style.borderColor = SmIme.fg;
      SmIme.fit(el, el.value);
    },
    // As wide as the composing text (textareas do not size themselves), kept on screen.
    fit: function (el, text) {
      if (!el.classList.contains('composing')) return;
      var t = String(text || el.value || '');
      if (!SmIme.canvas) SmIme.canvas = document.createElement('canvas');
      var ctx = SmIme.canvas.getContext('2d');
      var cs = getComputedStyle(el);
      ctx.font = cs.fontSize + ' ' + cs.fontFamily;
      var w = Math.ceil(ctx.measureText(t).width) + 3; // and the caret
      w = Math.min(Math.max(w, Math.ceil(SmIme.px)), Math.max(40, window.innerWidth - 8));
      el.style.width = w + 'px';
      var left = parseFloat(el.dataset.x || el.style.left) || 0;
      el.style.left = Math.max(0, Math.min(left, window.innerWidth - w - 4)) + 'px';
    },
    hide: function (el) {
      el.classList.remove('composing');
      el.style.width = '';
      if (el.dataset.x) el.style.left = el.dataset.x + 'px';
    },
  },
  sm_page_set_text_style__deps: ['$SmIme'],
  sm_page_set_text_style: function (px, fg, bg) {
    var hex = function (v) { return '#' + ('000000' + (v >>> 0).toString(16)).slice(-6); };
    SmIme.px = Math.max(8, px);
    SmIme.fg = hex(fg);
    SmIme.bg = hex(bg);
  },
  sm_page_init__deps: ['$SMStr', '$SmFile', '$SmPaste', '$SmIme'],
  // max_paste_bytes: the largest paste any text field can take (kMaxNoteBytes).
  sm_page_init: function (maxPasteBytes) {
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
    // A click or tap on the canvas gives it the keyboard (away from the accessible mirror).
    var takeFocus = function () {
      var m = document.getElementById('a11y');
      if (m && m.contains(document.activeElement)) Module.canvas.focus({ preventScroll: true });
    };
    Module.canvas.addEventListener('mousedown', takeFocus);
    Module.canvas.addEventListener('touchstart', takeFocus, { passive: true });
    // Files dropped anywhere on the page are imported like picked ones.
    document.addEventListener('dragover', function (ev) { ev.preventDefault(); });
    document.addEventListener('drop', function (ev) {
      ev.preventDefault();
      var f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
      if (f) SmFile.read(f);
    });
    // Text input for ImGui fields goes through a hidden textarea so that IMEs (Chinese,
    // Japanese, Korean), dictation and inserted text work; keys still come as keydown.
    // While an IME composes (compositionstart..compositionend) the element shows the
    // composing text at the caret, in the app's text size and colours (SmIme.show);
    // otherwise it is invisible.
    var ime = document.getElementById('ime');
    if (ime) {
      var composing = false;
      var send = function (t) { if (t) SMStr.call(Module._sm_on_text, t); ime.value = ''; };
      ime.addEventListener('compositionstart', function () { composing = true; SmIme.show(ime); });
      ime.addEventListener('compositionupdate', function (ev) { SmIme.fit(ime, ev.data); });
      ime.addEventListener('compositionend', function (ev) { composing = false; SmIme.hide(ime); send(ev.data || ime.value); });
      ime.addEventListener('input', function (ev) {
        if (composing || ev.isComposing) { SmIme.fit(ime, ime.value); return; }
        if (ev.inputType === 'insertText' || ev.inputType === 'insertReplacementText' || ev.inputType === 'insertFromDrop') send(ev.data || ime.value);
        else ime.value = '';
      });
      ime.addEventListener('blur', function () { composing = false; SmIme.hide(ime); ime.value = ''; });
    }
    // Pasted text larger than any field can hold is refused here, before it is copied
    // into the wasm heap (a 100 MB paste grew the heap to 312 MB and froze the page for
    // seconds, only to be refused there); the app is told its size to say so.
    document.addEventListener('paste', function (ev) {
      var t = ev.clipboardData ? ev.clipboardData.getData('text/plain') : '';
      if (typeof t !== 'string' || !t.length) return;
      var size = SmPaste.utf8Size(t, maxPasteBytes);
      if (size.bytes > maxPasteBytes) Module._sm_on_paste_too_large(size.bytes, size.exact ? 1 : 0);
      else SMStr.call(Module._sm_on_paste, t);
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
  // The accessible mirror (web/mirror.js) renders the UI's description as DOM.
  sm_page_mirror_update: function (ptr) {
    if (window.shelfmarkMirror) window.shelfmarkMirror.update(UTF8ToString(ptr));
  },
  // The keyboard focus is in the accessible mirror: its keys are the DOM's, not ImGui's.
  sm_page_focus_in_mirror: function () {
    var m = document.getElementById('a11y');
    return m && m.contains(document.activeElement) ? 1 : 0;
  },
  sm_page_set_text_input__deps: ['$SmIme'],
  sm_page_set_text_input: function (active, x, y) {
    var ime = document.getElementById('ime');
    if (!ime) return;
    var mirror = document.getElementById('a11y');
    if (mirror && mirror.contains(document.activeElement)) return; // never steal the mirror's focus
    if (active) {
      ime.dataset.x = String(Math.max(0, x));
      ime.style.left = Math.max(0, x) + 'px';
      ime.style.top = Math.max(0, y) + 'px';
      SmIme.fit(ime, ime.value);
      if (document.activeElement !== ime) ime.focus({ preventScroll: true });
    } else if (document.activeElement === ime) {
      Module.canvas.focus({ preventScroll: true });
    }
  },
  sm_page_text_input_active: function () {
    var ime = document.getElementById('ime');
    return ime && document.activeElement === ime ? 1 : 0;
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
