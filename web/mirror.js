// The accessible DOM mirror of the canvas UI (issue 12). The app draws everything on one
// WebGL canvas, which screen readers cannot see; after each frame in which the model or the
// view changed (never on idle frames) the C++ side (src/app/mirror.*) describes the UI as
// JSON and calls window.shelfmarkMirror.update(jsonText). This script renders that into
// real, semantic DOM inside <div id="a11y"> (landmarks, headings, a virtualised table of
// papers with status selects, the paper's detail, dialogs, a live region) and sends what
// the user does there back as actions:
//
//   Module.ccall('sm_mirror_action', null, ['string'], [JSON.stringify(action)])
//
// Actions ({do: ...}):
//   open {id}                  open (select) a paper            status {id, value}
//   focus-row {id}             move the table cursor to a paper priority {id, value: 0..3}
//   tags {id, value}           note {id, value}                 add-to-list {list, id}
//   list {id}                  open a reading list ("" = all)   query {value}
//   import, export, stats, help, newlist, undo                  theme {value}, text-size {value}
//   dialog {choice}            cancel (the dialog)
//   import-toggle {row}        include or leave out the import preview's row (an item, or a
//                              section: all of it); import-cursor {row}: the keyboard's row
//   the user's own lists: rename-list {list, value}, delete-list {list}, add-paper {list,
//   title, authors, venue, year, link}, move-entry {list, s, e, up}, remove-entry {list, s, e}
//   focus {name}               the canvas widget the DOM focus stands for ("" = none), so that
//                              the canvas draws its focus ring there
//
// Elements are kept across updates and keyed (papers by id, lists by id), so the focused
// element survives an update, and only what changed is touched. The container is visually
// hidden, except the focused text field (search, tags, note), which is shown over the
// canvas widget it stands for so that sighted keyboard users see a real field with its caret
// and IME composition. Plain script, no dependencies, no inline handlers (the page's CSP).
'use strict';

(function () {
  var STATUSES = ['unread', 'queued', 'reading', 'read', 'skipped'];
  var PRIORITIES = ['none', 'low', 'normal', 'high'];
  var TEXT_SIZES = [100, 125, 150, 175, 200];
  var NOTE_DEBOUNCE_MS = 150;
  var IMPORT_MODES = ['merge', 'replace', 'checklist', 'newlist']; // ImportMode's order

  // ------------------------------------------------------------------ small helpers
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function str(v) { return v == null ? '' : String(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : null; }
  function setText(e, t) { t = str(t); if (e.textContent !== t) e.textContent = t; }
  function setAttr(e, name, v) {
    if (v == null || v === false) { if (e.hasAttribute(name)) e.removeAttribute(name); return; }
    v = v === true ? 'true' : String(v);
    if (e.getAttribute(name) !== v) e.setAttribute(name, v);
  }
  function setHidden(e, hidden) { if (e.hidden !== !!hidden) e.hidden = !!hidden; }
  function setValue(e, v) { v = str(v); if (e.value !== v) e.value = v; }
  function setTabIndex(e, n) { if (e.tabIndex !== n) e.tabIndex = n; }
  function isTextField(t) {
    if (!t || !t.tagName) return false;
    if (t.tagName === 'TEXTAREA' || t.isContentEditable) return true;
    if (t.tagName !== 'INPUT') return false;
    var type = (t.type || 'text').toLowerCase();
    return ['text', 'search', 'email', 'url', 'tel', 'password', 'number'].indexOf(type) >= 0;
  }
  function selectOptions(select, pairs) {
    for (var i = 0; i < pairs.length; i++) select.appendChild(el('option', { value: pairs[i][0] }, pairs[i][1]));
  }
  var uid = 0;
  function newId(prefix) { return 'a11y-' + prefix + '-' + ++uid; }

  // ------------------------------------------------------------------ sending actions
  var sent = []; // the last actions sent (for tests and debugging)
  // update() is called from inside the app's frame; what it causes (a focus moved into a
  // dialog, a focused row that left the window) is sent once that call has returned, never
  // re-entering the app in the middle of its frame.
  var inUpdate = false;
  var deferred = [];
  function flushDeferred() {
    var list = deferred;
    deferred = [];
    list.forEach(send);
  }
  function send(action) {
    if (inUpdate) {
      if (!deferred.length) queueMicrotask(flushDeferred);
      deferred.push(action);
      return false;
    }
    sent.push(action);
    if (sent.length > 100) sent.shift();
    var M = window.Module;
    if (!M || typeof M.ccall !== 'function') return false;
    // ccall looks the export up as Module._name: a build without it would throw.
    if (typeof M._sm_mirror_action !== 'function') return false;
    try {
      M.ccall('sm_mirror_action', null, ['string'], [JSON.stringify(action)]);
      return true;
    } catch (e) {
      console.warn('mirror action failed: ' + (e && e.message ? e.message : e));
      return false;
    }
  }

  // ------------------------------------------------------------------ the skeleton
  var root = document.getElementById('a11y');
  if (!root) {
    root = el('div', { id: 'a11y' });
    (document.body || document.documentElement).appendChild(root);
  }

  // Banner: title, menu actions as buttons, view settings, save state.
  var header = el('header', { role: 'banner' });
  header.appendChild(el('h1', null, 'Shelfmark'));
  var bannerAlert = el('div', { role: 'alert', class: 'a11y-alert' });
  header.appendChild(bannerAlert);
  var menu = el('div', { role: 'group', 'aria-label': 'Menu' });
  var nameFocusPending = false; // "New list" pressed here: its name field takes the focus
  var menuButtons = [
    ['Import', 'Ctrl+O', { do: 'import' }],
    ['Export', 'Ctrl+S', { do: 'export' }],
    ['Statistics', '', { do: 'stats' }],
    ['Keyboard shortcuts', '?', { do: 'help' }],
    ['New list', '', { do: 'newlist' }, 'new-list'],
  ].map(function (b) {
    var btn = el('button', { type: 'button' }, b[0]);
    if (b[1]) btn.setAttribute('aria-keyshortcuts', b[1] === '?' ? 'Shift+?' : b[1].replace('Ctrl', 'Control'));
    btn.addEventListener('click', function () {
      if (b[2].do === 'newlist') nameFocusPending = true; // the new list's name is typed next
      send(b[2]);
    });
    btn.dataset.focusName = b[3] || 'menu-file';
    menu.appendChild(btn);
    return btn;
  });
  header.appendChild(menu);
  var themeId = newId('theme');
  var themeLabel = el('label', { for: themeId }, 'Theme');
  var themeSelect = el('select', { id: themeId });
  selectOptions(themeSelect, [['system', 'System'], ['dark', 'Dark'], ['light', 'Light']]);
  themeSelect.dataset.focusName = 'menu-view';
  themeSelect.addEventListener('change', function () { send({ do: 'theme', value: themeSelect.value }); });
  var sizeId = newId('size');
  var sizeLabel = el('label', { for: sizeId }, 'Text size');
  var sizeSelect = el('select', { id: sizeId });
  selectOptions(sizeSelect, TEXT_SIZES.map(function (n) { return [String(n), n + ' %']; }));
  sizeSelect.dataset.focusName = 'menu-view';
  sizeSelect.addEventListener('change', function () { send({ do: 'text-size', value: parseInt(sizeSelect.value, 10) }); });
  header.appendChild(themeLabel);
  header.appendChild(themeSelect);
  // Shown once the app reports a text size (the setting exists in the build).
  var sizeWrap = el('span');
  sizeWrap.appendChild(sizeLabel);
  sizeWrap.appendChild(sizeSelect);
  sizeWrap.hidden = true;
  header.appendChild(sizeWrap);
  var saveText = el('p', { class: 'a11y-save' });
  header.appendChild(saveText);
  var noticeText = el('p', { class: 'a11y-notice' });
  header.appendChild(noticeText);

  // Navigation: the reading lists.
  var nav = el('nav', { 'aria-label': 'Reading lists' });
  var navHeading = el('h2', { id: newId('lists') }, 'Reading lists');
  nav.appendChild(navHeading);
  var listUl = el('ul', { 'aria-labelledby': navHeading.id });
  nav.appendChild(listUl);
  var listItems = new Map(); // list id -> {li, button}

  // Main: the open list, the search, the papers.
  var main = el('main');
  var listHeading = el('h2', { id: newId('list') });
  main.appendChild(listHeading);
  var queryErrorId = newId('query-error');
  var search = el('input', { type: 'search', 'aria-label': 'Search papers', 'aria-describedby': queryErrorId, autocomplete: 'off', spellcheck: 'false' });
  search.dataset.focusName = 'search';
  search.dataset.rect = 'search';
  main.appendChild(search);
  var queryError = el('p', { id: queryErrorId });
  main.appendChild(queryError);
  var summary = el('p');
  main.appendChild(summary);
  // What the rows leave out: matches in all papers (and a button to show them), selected
  // papers without a row (status keys leave them alone).
  var scopeLine = el('p');
  var scopeText = el('span');
  var scopeWiden = el('button', { type: 'button' }, 'Search all papers');
  scopeWiden.addEventListener('click', function () { send({ do: 'search-all' }); });
  scopeLine.appendChild(scopeText);
  scopeLine.appendChild(document.createTextNode(' '));
  scopeLine.appendChild(scopeWiden);
  main.appendChild(scopeLine);
  var hiddenLine = el('p');
  main.appendChild(hiddenLine);

  // A list of the user's own: rename, delete (after a confirmation), add a paper by hand.
  var own = el('div', { role: 'group', 'aria-label': 'This list of mine' });
  var ownId = null; // the list the group stands for
  var nameId = newId('list-name');
  var ownName = el('input', { type: 'text', id: nameId, autocomplete: 'off' });
  ownName.dataset.focusName = 'list-name';
  ownName.dataset.rect = 'list-name';
  var nameSent = null;
  function sendRename() {
    var v = ownName.value.trim();
    if (!ownId || !v || v === nameSent) return;
    nameSent = v;
    send({ do: 'rename-list', list: ownId, value: v });
  }
  ownName.addEventListener('change', sendRename);
  ownName.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { ev.preventDefault(); sendRename(); } });
  var nameP = el('p');
  nameP.appendChild(el('label', { for: nameId }, 'List name'));
  nameP.appendChild(ownName);
  own.appendChild(nameP);
  var delAsk = el('button', { type: 'button', 'aria-expanded': 'false' }, 'Delete list…');
  var delBox = el('div', { role: 'group', 'aria-label': 'Delete this list?' });
  var delText = el('p');
  var delYes = el('button', { type: 'button' }, 'Delete');
  var delNo = el('button', { type: 'button' }, 'Keep');
  delBox.appendChild(delText);
  delBox.appendChild(delYes);
  delBox.appendChild(delNo);
  delBox.hidden = true;
  function askDelete(open) {
    delBox.hidden = !open;
    delAsk.setAttribute('aria-expanded', open ? 'true' : 'false');
    (open ? delNo : delAsk).focus();
  }
  delAsk.addEventListener('click', function () { askDelete(delBox.hidden); });
  delNo.addEventListener('click', function () { askDelete(false); });
  delYes.addEventListener('click', function () {
    if (ownId) send({ do: 'delete-list', list: ownId });
    delBox.hidden = true;
    delAsk.setAttribute('aria-expanded', 'false');
  });
  own.appendChild(delAsk);
  own.appendChild(delBox);
  var addSet = el('fieldset');
  addSet.appendChild(el('legend', null, 'Add a paper to this list'));
  function field(label, attrs) {
    var id = newId('np');
    var input = el('input', Object.assign({ type: 'text', id: id, autocomplete: 'off' }, attrs || {}));
    var p = el('p');
    p.appendChild(el('label', { for: id }, label));
    p.appendChild(input);
    addSet.appendChild(p);
    input.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { ev.preventDefault(); addPaper(); } });
    return input;
  }
  var npTitle = field('Title (required)', { 'aria-required': 'true' });
  npTitle.dataset.focusName = 'new-paper-title';
  npTitle.dataset.rect = 'new-paper-title';
  var npLink = field('Link', { type: 'url', placeholder: 'https://…' });
  var npAuthors = field('Authors, comma separated');
  var npVenue = field('Venue');
  var npYear = field('Year', { inputmode: 'numeric' });
  var npError = el('p', { id: newId('np-error') });
  npTitle.setAttribute('aria-describedby', npError.id);
  var npAdd = el('button', { type: 'button' }, 'Add to this list');
  npAdd.dataset.focusName = 'new-paper-add';
  addSet.appendChild(npError);
  addSet.appendChild(npAdd);
  function addPaper() {
    var title = npTitle.value.trim();
    if (!ownId) return;
    if (!title) {
      setText(npError, 'A title is needed.');
      npTitle.setAttribute('aria-invalid', 'true');
      npTitle.focus();
      return;
    }
    setText(npError, '');
    npTitle.removeAttribute('aria-invalid');
    var year = parseInt(npYear.value, 10);
    send({
      do: 'add-paper',
      list: ownId,
      title: title,
      authors: npAuthors.value.trim(),
      venue: npVenue.value.trim(),
      year: year >= 1000 && year <= 9999 ? year : 0,
      link: npLink.value.trim(),
    });
    [npTitle, npLink, npAuthors, npVenue, npYear].forEach(function (f) { f.value = ''; });
    npTitle.focus();
  }
  npAdd.addEventListener('click', addPaper);
  own.appendChild(addSet);
  own.hidden = true;
  main.appendChild(own);
  var table = el('table', { 'aria-labelledby': listHeading.id });
  var tbody = el('tbody');
  table.appendChild(tbody);
  main.appendChild(table);
  // The Statistics view, in the table's place while the canvas shows it (panel_stats.cpp).
  var statsBox = el('section', { 'aria-labelledby': newId('stats-title') });
  var statsTitle = el('h2', { id: statsBox.getAttribute('aria-labelledby') }, 'Statistics');
  var statsBack = el('button', { type: 'button' }, 'Back to papers');
  statsBack.dataset.focusName = 'stats-back';
  statsBack.addEventListener('click', function () { send({ do: 'cancel' }); });
  var statsLines = el('div');
  // The chart as a list of weeks ("This week: 7"), under its description.
  var statsCaption = el('h3', { id: newId('stats-chart') });
  var statsChart = el('ul', { 'aria-labelledby': statsCaption.id });
  [statsTitle, statsBack, statsLines, statsCaption, statsChart].forEach(function (e) { statsBox.appendChild(e); });
  statsBox.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); send({ do: 'cancel' }); }
  });
  statsBox.hidden = true;
  main.appendChild(statsBox);
  var statsKey = null;
  var rowEls = new Map(); // key ('p:ID' / 's:TITLE') -> row record

  // Complementary: the open paper.
  var aside = el('aside', { 'aria-label': 'Paper' });
  var noPaper = el('p', null, 'Select a paper');
  aside.appendChild(noPaper);
  var detailBox = el('div');
  aside.appendChild(detailBox);
  var dTitle = el('h2');
  var dAuthors = el('p');
  var dVenue = el('p');
  var dLinks = el('ul', { 'aria-label': 'Links' });
  var dStatusSet = el('fieldset');
  dStatusSet.appendChild(el('legend', null, 'Status'));
  var radioName = newId('status');
  var dRadios = STATUSES.map(function (s) {
    var id = newId('st');
    var r = el('input', { type: 'radio', name: radioName, id: id, value: s });
    r.dataset.focusName = 'detail-status:' + s;
    r.addEventListener('change', function () {
      if (r.checked && current.detail) send({ do: 'status', id: current.detail.id, value: s });
    });
    var lab = el('label', { for: id }, s);
    var wrap = el('span', { class: 'a11y-radio' });
    wrap.appendChild(r);
    wrap.appendChild(lab);
    dStatusSet.appendChild(wrap);
    return r;
  });
  var prioId = newId('prio');
  var dPrioLabel = el('label', { for: prioId }, 'Priority');
  var dPrio = el('select', { id: prioId });
  selectOptions(dPrio, PRIORITIES.map(function (p, i) { return [String(i), p]; }));
  dPrio.dataset.focusName = 'priority';
  dPrio.addEventListener('change', function () {
    if (current.detail) send({ do: 'priority', id: current.detail.id, value: parseInt(dPrio.value, 10) });
  });
  var tagsId = newId('tags');
  var dTagsLabel = el('label', { for: tagsId }, 'Tags');
  var dTags = el('input', { type: 'text', id: tagsId, autocomplete: 'off' });
  dTags.dataset.focusName = 'tags';
  dTags.dataset.rect = 'tags';
  var tagsSent = null;
  function sendTags() {
    if (!current.detail || tagsSent === dTags.value) return;
    tagsSent = dTags.value;
    send({ do: 'tags', id: current.detail.id, value: dTags.value });
  }
  dTags.addEventListener('change', sendTags);
  dTags.addEventListener('blur', sendTags);
  var dAppears = el('p');
  var addId = newId('add');
  var dAddLabel = el('label', { for: addId }, 'Add to my list');
  var dAdd = el('select', { id: addId });
  dAdd.dataset.focusName = 'add-to-list';
  dAdd.addEventListener('change', function () {
    var list = dAdd.value;
    if (list && current.detail) send({ do: 'add-to-list', list: list, id: current.detail.id });
    dAdd.value = '';
  });
  var dAddWrap = el('p');
  dAddWrap.appendChild(dAddLabel);
  dAddWrap.appendChild(dAdd);
  var dNote = el('textarea', { 'aria-label': 'Note (Markdown)', spellcheck: 'true' });
  dNote.dataset.focusName = 'note-editor';
  dNote.dataset.rect = 'note-editor';
  var dNoteMessage = el('p');
  var dQuarantine = el('p', null, 'A saved record of this paper could not be read by this version; it is kept unchanged.');
  [dTitle, dAuthors, dVenue, dLinks, dStatusSet].forEach(function (e) { detailBox.appendChild(e); });
  var prioWrap = el('p');
  prioWrap.appendChild(dPrioLabel);
  prioWrap.appendChild(dPrio);
  var tagsWrap = el('p');
  tagsWrap.appendChild(dTagsLabel);
  tagsWrap.appendChild(dTags);
  [prioWrap, tagsWrap, dAppears, dAddWrap, dNote, dNoteMessage, dQuarantine].forEach(function (e) { detailBox.appendChild(e); });

  // The note: sent ~150 ms after the last keystroke and when leaving the field.
  var noteTimer = 0;
  var notePending = null; // {id, value} not yet sent
  function flushNote() {
    if (noteTimer) { clearTimeout(noteTimer); noteTimer = 0; }
    if (!notePending) return;
    var p = notePending;
    notePending = null;
    send({ do: 'note', id: p.id, value: p.value });
  }
  function noteChanged() {
    if (!current.detail) return;
    notePending = { id: current.detail.id, value: dNote.value };
    if (noteTimer) clearTimeout(noteTimer);
    noteTimer = setTimeout(flushNote, NOTE_DEBOUNCE_MS);
  }
  dNote.addEventListener('input', function (ev) { if (!ev.isComposing) noteChanged(); });
  dNote.addEventListener('compositionend', noteChanged);
  dNote.addEventListener('blur', flushNote);

  // The search: each edit is sent (the app filters as it is typed).
  var querySent = null;
  function sendQuery() {
    if (querySent === search.value) return;
    querySent = search.value;
    send({ do: 'query', value: search.value });
  }
  search.addEventListener('input', function (ev) { if (!ev.isComposing) sendQuery(); });
  // Enter opens the first match (in all papers when the open list has none), as on the canvas.
  search.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter' || ev.isComposing) return;
    ev.preventDefault();
    sendQuery();
    send({ do: 'first-hit' });
  });
  search.addEventListener('compositionend', sendQuery);

  // The page is being hidden or closed: what was typed here and not sent yet (the note's
  // debounce, a field not left) goes to the app first. These listeners are added before
  // the app's own (page_web.js, at start-up), so the app's flush then saves it.
  function flushTyped() {
    flushNote();
    sendTags();
    sendRename();
  }
  window.addEventListener('pagehide', flushTyped);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushTyped(); });

  // Dialog layer and live region.
  var dialogLayer = el('div', { class: 'a11y-dialogs' });
  var live = el('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', class: 'a11y-live' });

  [header, nav, main, aside, dialogLayer, live].forEach(function (e) { root.appendChild(e); });
  var landmarks = [header, nav, main, aside];

  // ------------------------------------------------------------------ rendering
  var current = { detail: null, dialog: null, rows: [] };
  var lastSeq = -Infinity;

  function renderBanner(m) {
    var save = obj(m.save) || {};
    var t = str(save.text);
    if (save.why) t += (t ? ': ' : '') + str(save.why);
    setText(saveText, t ? 'Save state: ' + t : '');
    setText(bannerAlert, m.banner);
    setHidden(bannerAlert, !m.banner);
    setText(noticeText, m.notice);
    setHidden(noticeText, !m.notice);
    var theme = str(m.themeSetting || m.theme);
    if (['system', 'dark', 'light'].indexOf(theme) >= 0 && document.activeElement !== themeSelect) setValue(themeSelect, theme);
    var size = typeof m.textSize === 'number' ? m.textSize : NaN;
    setHidden(sizeWrap, TEXT_SIZES.indexOf(size) < 0);
    if (TEXT_SIZES.indexOf(size) >= 0 && document.activeElement !== sizeSelect) setValue(sizeSelect, String(size));
  }

  function renderLists(m) {
    var lists = arr(m.lists);
    var seen = new Set();
    var prev = null;
    lists.forEach(function (l) {
      l = obj(l);
      if (!l) return;
      var id = str(l.id);
      if (seen.has(id)) return;
      seen.add(id);
      var item = listItems.get(id);
      if (!item) {
        var li = el('li');
        var b = el('button', { type: 'button' });
        b.dataset.focusName = 'list:' + id;
        b.addEventListener('click', function () { send({ do: 'list', id: id }); });
        li.appendChild(b);
        item = { li: li, button: b };
        listItems.set(id, item);
      }
      var read = Number(l.read) || 0, total = Number(l.total) || 0;
      setText(item.button, str(l.title) + ', ' + read + ' of ' + total + ' read');
      setAttr(item.button, 'aria-current', l.current ? 'true' : null);
      var at = prev ? prev.nextSibling : listUl.firstChild;
      if (at !== item.li) listUl.insertBefore(item.li, at);
      prev = item.li;
    });
    listItems.forEach(function (item, id) {
      if (!seen.has(id)) { item.li.remove(); listItems.delete(id); }
    });
  }

  // Paper rows that left the window wait here to be given another paper: building a row
  // (a select with its options) costs far more than renaming one.
  var rowPool = [];
  var ROW_POOL_MAX = 200;
  function makePaperRow(id) {
    var rec = rowPool.pop() || newPaperRow();
    rec.id = id;
    rec.title.dataset.focusName = 'row:' + id;
    rec.title.dataset.paper = id;
    rec.select.dataset.focusName = 'status:' + id;
    rec.select.dataset.paper = id;
    return rec;
  }
  // The move/remove buttons of a row in a list of the user's own (made when first needed).
  function rowActions(rec) {
    if (rec.actions) return rec.actions;
    var td = el('td');
    var up = el('button', { type: 'button' }, 'Move up');
    var down = el('button', { type: 'button' }, 'Move down');
    var remove = el('button', { type: 'button' }, 'Remove');
    [up, down, remove].forEach(function (b) { td.appendChild(b); });
    var entry = function () { return { list: rec.entry.list, s: rec.entry.s, e: rec.entry.e }; };
    up.addEventListener('click', function () { if (rec.entry) send(Object.assign({ do: 'move-entry', up: true }, entry())); });
    down.addEventListener('click', function () { if (rec.entry) send(Object.assign({ do: 'move-entry', up: false }, entry())); });
    remove.addEventListener('click', function () { if (rec.entry) send(Object.assign({ do: 'remove-entry' }, entry())); });
    rec.actions = { td: td, buttons: [up, down, remove] };
    return rec.actions;
  }

  function newPaperRow() {
    var rec = { paper: true, id: '' };
    var tr = el('tr');
    var th = el('th', { scope: 'row' });
    var title = el('button', { type: 'button', class: 'a11y-title', id: newId('title') });
    // A table row has no name of its own in Chromium's tree: the title names it.
    tr.setAttribute('aria-labelledby', title.id);
    title.addEventListener('click', function () { send({ do: 'open', id: rec.id }); });
    title.addEventListener('keydown', function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var step = ev.key === 'ArrowDown' ? 1 : ev.key === 'ArrowUp' ? -1 : 0;
      var to = null;
      if (step) to = neighbourPaper(rec, step);
      else if (ev.key === 'Home') to = edgePaper(1);
      else if (ev.key === 'End') to = edgePaper(-1);
      else return;
      ev.preventDefault();
      if (!to || to === rec) return;
      setRoving(to.key);
      to.title.focus({ preventScroll: true });
      send({ do: 'focus-row', id: to.id });
    });
    th.appendChild(title);
    var by = el('td');
    var stCell = el('td');
    var select = el('select');
    selectOptions(select, STATUSES.map(function (s) { return [s, s]; }));
    select.addEventListener('change', function () { send({ do: 'status', id: rec.id, value: select.value }); });
    stCell.appendChild(select);
    tr.appendChild(th);
    tr.appendChild(by);
    tr.appendChild(stCell);
    rec.tr = tr;
    rec.title = title;
    rec.by = by;
    rec.select = select;
    return rec;
  }

  function makeSectionRow() {
    var tr = el('tr', { class: 'a11y-section' });
    var td = el('td', { colspan: '3' });
    var h = el('h3');
    td.appendChild(h);
    tr.appendChild(td);
    return { tr: tr, cell: td, heading: h, paper: false };
  }

  // The rendered paper rows in order (for the arrow keys).
  function paperRows() {
    return current.rows.filter(function (r) { return r.paper; });
  }
  function neighbourPaper(rec, step) {
    var rows = paperRows();
    var i = rows.indexOf(rec);
    return i < 0 ? null : rows[i + step] || null;
  }
  function edgePaper(which) {
    var rows = paperRows();
    return (which > 0 ? rows[0] : rows[rows.length - 1]) || null;
  }
  // Roving tabindex: only one row's controls are in the Tab order.
  var rovingKey = null;
  function setRoving(key) {
    rovingKey = key;
    current.rows.forEach(function (r) {
      if (!r.paper) return;
      var n = r.key === key ? 0 : -1;
      setTabIndex(r.title, n);
      setTabIndex(r.select, n);
      if (r.actions) r.actions.buttons.forEach(function (b) { setTabIndex(b, n); });
    });
  }

  function renderTable(m) {
    var rows = arr(m.rows).map(obj).filter(Boolean);
    var total = Number(m.rowTotal);
    if (!(total >= 0)) total = rows.length;
    setAttr(table, 'aria-rowcount', String(total));

    // Keys first: a paper listed twice (in two sections) is two rows, 'p:ID' and 'p:ID#1'.
    var count = new Map();
    var keys = rows.map(function (r) {
      if (r.section != null && r.id == null) return 's:' + str(r.section) + ':' + str(r.i);
      var base = 'p:' + str(r.id);
      var n = count.get(base) || 0;
      count.set(base, n + 1);
      return n ? base + '#' + n : base;
    });
    var seen = new Set(keys);

    // Rows no longer shown go (paper rows to the pool, to be reused just below); remember
    // whether one of them had the focus.
    var active = document.activeElement;
    var lostFocus = false;
    rowEls.forEach(function (rec, key) {
      if (seen.has(key)) return;
      if (rec.tr.contains(active)) lostFocus = true;
      rec.tr.remove();
      rowEls.delete(key);
      if (rec.paper && rowPool.length < ROW_POOL_MAX) rowPool.push(rec);
    });

    var want = [];
    var done = new Set();
    var cursorKey = null;
    var columns = 3;
    rows.forEach(function (r, k) {
      var key = keys[k];
      if (done.has(key)) return;
      done.add(key);
      var rec = rowEls.get(key);
      if (r.section != null && r.id == null) {
        rec = rec || makeSectionRow();
        setText(rec.heading, r.section);
      } else {
        rec = rec || makePaperRow(str(r.id));
        var t = str(r.title);
        setText(rec.title, t);
        setText(rec.by, [str(r.by), str(r.role)].filter(Boolean).join(', '));
        setAttr(rec.select, 'aria-label', 'Status of ' + t);
        if (STATUSES.indexOf(r.status) >= 0) setValue(rec.select, r.status);
        if (r.cursor && !cursorKey) cursorKey = key;
        var movable = ownId && typeof r.s === 'number' && typeof r.e === 'number';
        rec.entry = movable ? { list: ownId, s: r.s, e: r.e } : null;
        if (movable) {
          var a = rowActions(rec);
          if (a.td.parentNode !== rec.tr) rec.tr.appendChild(a.td);
          setAttr(a.buttons[0], 'aria-label', 'Move ' + t + ' up');
          setAttr(a.buttons[1], 'aria-label', 'Move ' + t + ' down');
          setAttr(a.buttons[2], 'aria-label', 'Remove ' + t + ' from this list');
          a.buttons.forEach(function (b) { b.dataset.focusName = 'row:' + str(r.id); b.dataset.paper = str(r.id); });
        } else if (rec.actions && rec.actions.td.parentNode) {
          rec.actions.td.remove();
        }
        if (movable) columns = 4;
      }
      rec.key = key;
      rowEls.set(key, rec);
      var idx = Number(r.i);
      setAttr(rec.tr, 'aria-rowindex', String((idx >= 0 ? idx : want.length) + 1));
      want.push(rec);
    });
    current.rows = want;
    want.forEach(function (rec) { if (!rec.paper) setAttr(rec.cell, 'colspan', String(columns)); });

    // Put the rows in order without moving the row that holds the focus (moving a focused
    // element through insertBefore takes the focus away from it).
    // (Read again: a removed row's element may hold the focus no more, and be reused.)
    active = document.activeElement;
    var fixed = null;
    for (var k = 0; k < want.length; k++) if (want[k].tr.isConnected && want[k].tr.contains(active)) fixed = want[k].tr;
    var prev = null;
    want.forEach(function (rec) {
      if (rec.tr === fixed) { prev = fixed; return; }
      var at = prev ? prev.nextSibling : tbody.firstChild;
      if (at !== rec.tr) tbody.insertBefore(rec.tr, at);
      prev = rec.tr;
    });

    // The cursor row is the one in the Tab order, unless the focus is on another row.
    var focusedKey = null;
    want.forEach(function (rec) { if (rec.paper && rec.tr.contains(document.activeElement)) focusedKey = rec.key; });
    var papers = paperRows();
    var roving = focusedKey || cursorKey || (rowEls.has(rovingKey) ? rovingKey : null) || (papers[0] ? papers[0].key : null);
    setRoving(roving);
    if (lostFocus) {
      // The focused paper left the window: keep the focus in the table.
      var r = rowEls.get(roving);
      if (r && r.paper) r.title.focus({ preventScroll: true });
    }
  }

  function renderMain(m) {
    var list = obj(m.list) || {};
    setText(listHeading, list.title || 'Papers');
    if (document.activeElement !== search) {
      setValue(search, m.query);
      querySent = str(m.query);
    }
    setText(queryError, m.queryError);
    setAttr(search, 'aria-invalid', m.queryError ? 'true' : null);
    setText(summary, list.summary);
    var scope = obj(m.scope) || {};
    setText(scopeText, scope.text);
    setHidden(scopeWiden, !scope.widen);
    setHidden(scopeLine, !scope.text);
    setText(hiddenLine, scope.hidden);
    setHidden(hiddenLine, !scope.hidden);
    renderOwn(list);
    renderTable(m);
    renderStats(m);
  }

  function renderStats(m) {
    var st = obj(m.stats);
    var wasShown = !statsBox.hidden;
    setHidden(statsBox, !st);
    setHidden(table, !!st);
    if (!st) {
      statsKey = null;
      if (wasShown && statsBox.contains(document.activeElement)) search.focus({ preventScroll: true });
      return;
    }
    var key = JSON.stringify([st.lines, st.chart, st.weeks]);
    if (key !== statsKey) {
      statsKey = key;
      setText(statsBack, str(st.back) || 'Back to papers');
      statsLines.textContent = '';
      arr(st.lines).forEach(function (t) { statsLines.appendChild(el('p', null, str(t))); });
      setText(statsCaption, st.chart);
      statsChart.textContent = '';
      arr(st.weeks).map(obj).filter(Boolean).forEach(function (w) {
        statsChart.appendChild(el('li', null, str(w.label) + ': ' + (Number(w.count) || 0)));
      });
    }
    if (!wasShown && (document.activeElement === document.body || root.contains(document.activeElement)))
      statsBack.focus({ preventScroll: true });
  }

  function renderOwn(list) {
    var mine = !!list.mine && list.id != null && list.id !== '';
    setHidden(own, !mine);
    var id = mine ? str(list.id) : null;
    if (id !== ownId) {
      // Another list: its own name, nothing half-typed from the last one.
      ownId = id;
      delBox.hidden = true;
      delAsk.setAttribute('aria-expanded', 'false');
      setText(npError, '');
    }
    if (!mine) return;
    if (nameFocusPending && id) { // as the canvas does for a list made there
      nameFocusPending = false;
      setValue(ownName, list.title);
      nameSent = str(list.title);
      ownName.focus({ preventScroll: true });
      ownName.select();
    }
    if (document.activeElement !== ownName) {
      setValue(ownName, list.title);
      nameSent = str(list.title);
    }
    setText(delText, 'Delete "' + str(list.title) + '"? Papers and notes stay; only the list goes.');
  }

  var renderedLinks = '';
  var renderedMyLists = '';
  function renderDetail(m) {
    var d = obj(m.detail);
    var prevId = current.detail ? current.detail.id : null;
    setHidden(noPaper, !!d);
    setHidden(detailBox, !d);
    if (!d) {
      flushNote();
      current.detail = null;
      return;
    }
    var id = str(d.id);
    var changedPaper = id !== prevId;
    if (changedPaper) flushNote(); // a pending edit belongs to the paper it was typed for
    current.detail = { id: id };
    setText(dTitle, d.title);
    setText(dAuthors, d.authors ? 'By ' + str(d.authors) : '');
    setHidden(dAuthors, !d.authors);
    var venue = [str(d.venue), d.year ? str(d.year) : ''].filter(Boolean).join(', ');
    setText(dVenue, venue);
    setHidden(dVenue, !venue);

    var links = arr(d.links).map(obj).filter(Boolean);
    var linksKey = JSON.stringify(links);
    if (linksKey !== renderedLinks) {
      renderedLinks = linksKey;
      while (dLinks.firstChild) dLinks.firstChild.remove();
      links.forEach(function (l, i) {
        var li = el('li');
        var a = el('a', { href: str(l.url), target: '_blank', rel: 'noopener' }, str(l.label || l.url));
        a.dataset.focusName = 'detail-link:' + i;
        li.appendChild(a);
        dLinks.appendChild(li);
      });
    }
    setHidden(dLinks, !links.length);

    dRadios.forEach(function (r) {
      var on = r.value === d.status;
      if (r.checked !== on) r.checked = on;
    });
    var prio = Number(d.priority) || 0;
    if (document.activeElement !== dPrio) setValue(dPrio, String(Math.max(0, Math.min(3, prio))));
    if (changedPaper || document.activeElement !== dTags) {
      setValue(dTags, d.tags);
      tagsSent = str(d.tags);
    }
    var appears = arr(d.appearsIn).map(str).filter(Boolean);
    setText(dAppears, appears.length ? 'In: ' + appears.join('; ') : 'In none of the lists');

    var my = arr(m.myLists).map(obj).filter(Boolean);
    var myKey = JSON.stringify(my);
    if (myKey !== renderedMyLists) {
      renderedMyLists = myKey;
      while (dAdd.firstChild) dAdd.firstChild.remove();
      dAdd.appendChild(el('option', { value: '' }, 'Choose a list'));
      my.forEach(function (l) { dAdd.appendChild(el('option', { value: str(l.id) }, str(l.title))); });
    }
    setHidden(dAddWrap, !my.length);

    if (changedPaper || document.activeElement !== dNote) setValue(dNote, d.note);
    setText(dNoteMessage, d.noteMessage);
    setHidden(dNoteMessage, !d.noteMessage);
    setHidden(dQuarantine, !d.quarantined);
  }

  // ------------------------------------------------------------------ dialogs
  var dialog = null; // {key, box, returnTo}
  function focusables(box) {
    return Array.prototype.filter.call(box.querySelectorAll('button, [href], select, textarea, input, [tabindex]'), function (e) {
      return !e.disabled && e.tabIndex >= 0 && !e.hidden;
    });
  }
  function closeDialog() {
    if (!dialog) return;
    var d = dialog;
    dialog = null;
    landmarks.forEach(function (l) { l.inert = false; });
    var wasInside = d.box.contains(document.activeElement);
    d.box.remove();
    if (wasInside || document.activeElement === document.body) {
      var to = d.returnTo;
      if (to && to.isConnected && typeof to.focus === 'function') to.focus({ preventScroll: true });
    }
  }
  function renderDialog(m) {
    var d = obj(m.dialog);
    if (!d) { closeDialog(); return; }
    var choices = arr(d.choices).map(obj).filter(Boolean);
    // The lines and the import preview's items change in place (a checkbox toggled keeps
    // the focus); a new set of buttons makes a new dialog.
    var key = JSON.stringify([d.kind, d.title, choices, d.cancel, !!obj(d.items)]);
    if (dialog && dialog.key === key) { renderDialogBody(dialog, d); return; }
    var returnTo = dialog ? dialog.returnTo : document.activeElement;
    var refocus = !dialog || dialog.box.contains(document.activeElement);
    if (dialog) { dialog.box.remove(); dialog = null; }

    var titleId = newId('dialog-title');
    var box = el('div', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, class: 'a11y-dialog' });
    box.dataset.kind = str(d.kind);
    box.appendChild(el('h2', { id: titleId }, str(d.title) || 'Dialog'));
    var descId = newId('dialog-desc');
    var body = el('div', { id: descId });
    box.appendChild(body);
    box.setAttribute('aria-describedby', descId);
    var items = null;
    if (obj(d.items)) {
      var sumId = newId('import-summary');
      items = { summary: el('p', { id: sumId, class: 'a11y-import-summary' }),
        group: el('div', { role: 'group', 'aria-describedby': sumId }), rows: {} };
      items.group.dataset.importItems = 'true';
      box.appendChild(items.summary);
      box.appendChild(items.group);
    }
    var first = null, def = null;
    choices.forEach(function (c) {
      var b = el('button', { type: 'button' }, str(c.label || c.id));
      // The canvas names the import dialog's buttons by mode ("import-0" = Merge...).
      var mode = IMPORT_MODES.indexOf(str(c.id));
      b.dataset.focusName = d.kind === 'import' && mode >= 0 ? 'import-' + mode : 'dialog-choice:' + str(c.id);
      if (c.default) { def = def || b; b.dataset.default = 'true'; }
      b.addEventListener('click', function () { send({ do: 'dialog', choice: c.id }); });
      box.appendChild(b);
      first = first || b;
    });
    var cancel = el('button', { type: 'button' }, str(d.cancel) || 'Cancel');
    cancel.dataset.focusName = 'dialog-cancel';
    cancel.addEventListener('click', function () { send({ do: 'cancel' }); });
    box.appendChild(cancel);
    first = first || cancel;
    box.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        ev.stopPropagation();
        send({ do: 'cancel' });
      } else if (ev.key === 'Enter' && !ev.shiftKey && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
        // Enter on a button presses that button (native); elsewhere it is the default choice.
        if (ev.target && ev.target.tagName === 'BUTTON') return;
        ev.preventDefault();
        var dc = choices.filter(function (c) { return c.default; })[0] || choices[0];
        send(dc ? { do: 'dialog', choice: dc.id } : { do: 'cancel' });
      } else if (ev.key === 'Tab') {
        var f = focusables(box);
        if (!f.length) return;
        var i = f.indexOf(document.activeElement);
        var next = ev.shiftKey ? (i <= 0 ? f.length - 1 : i - 1) : (i < 0 || i === f.length - 1 ? 0 : i + 1);
        ev.preventDefault();
        f[next].focus();
      }
    });
    dialogLayer.appendChild(box);
    dialog = { key: key, box: box, returnTo: returnTo, body: body, items: items };
    renderDialogBody(dialog, d);
    if (refocus) (def || first).focus({ preventScroll: true });
    landmarks.forEach(function (l) { l.inert = true; });
  }
  function renderDialogBody(dlg, d) {
    var lines = arr(d.lines).map(str);
    var ps = dlg.body.children;
    while (ps.length > lines.length) dlg.body.lastChild.remove();
    lines.forEach(function (t, i) {
      if (i < ps.length) setText(ps[i], t); else dlg.body.appendChild(el('p', null, t));
    });
    var it = obj(d.items);
    if (it && dlg.items) renderImportItems(dlg.items, it);
  }
  // The import preview's rows near the cursor (src/app/mirror.cpp ImportItems): one checkbox
  // per section and per item, keyed by row and reused; one tab stop (the cursor's row), the
  // arrows move between rows, Space toggles (native), and the cursor follows the focus.
  function renderImportItems(box, it) {
    setText(box.summary, it.summary);
    setAttr(box.group, 'aria-label', str(it.label) + ' (' + Number(it.total) + ' rows)');
    var cursor = Number(it.cursor);
    var seen = {};
    var prev = null;
    arr(it.rows).map(obj).filter(Boolean).forEach(function (r) {
      var n = Number(r.row);
      seen[n] = true;
      var rec = box.rows[n];
      if (!rec) {
        rec = { div: el('div', { class: 'a11y-import-row' }), box: el('input', { type: 'checkbox' }),
          label: el('span'), detail: el('span', { class: 'a11y-import-detail' }) };
        var lab = el('label');
        lab.appendChild(rec.box);
        lab.appendChild(rec.label);
        rec.div.appendChild(lab);
        rec.div.appendChild(rec.detail);
        var detailId = newId('import-detail');
        rec.detail.id = detailId;
        rec.box.setAttribute('aria-describedby', detailId);
        rec.box.dataset.row = String(n);
        rec.box.dataset.focusName = 'import-row-' + n;
        rec.box.addEventListener('change', function () { send({ do: 'import-toggle', row: n }); });
        rec.box.addEventListener('focus', function () { send({ do: 'import-cursor', row: n }); });
        rec.box.addEventListener('keydown', function (ev) {
          var step = ev.key === 'ArrowDown' ? 1 : ev.key === 'ArrowUp' ? -1 : 0;
          if (!step) return;
          var next = box.rows[n + step];
          ev.preventDefault();
          if (next) { setTabIndex(next.box, 0); next.box.focus(); }
        });
        box.rows[n] = rec;
      }
      rec.div.dataset.kind = str(r.kind);
      setText(rec.label, r.label);
      setText(rec.detail, r.detail);
      if (rec.box.checked !== !!r.checked) rec.box.checked = !!r.checked;
      if (rec.box.indeterminate !== !!r.mixed) rec.box.indeterminate = !!r.mixed;
      setTabIndex(rec.box, n === cursor ? 0 : -1);
      var at = prev ? prev.div.nextSibling : box.group.firstChild;
      if (at !== rec.div) box.group.insertBefore(rec.div, at);
      prev = rec;
    });
    Object.keys(box.rows).forEach(function (k) {
      if (seen[k]) return;
      var rec = box.rows[k];
      if (rec.div.contains(document.activeElement)) return; // kept until the focus leaves it
      rec.div.remove();
      delete box.rows[k];
    });
  }

  // ------------------------------------------------------------------ live region
  var liveTimer = 0;
  var livePending = ''; // lines not said yet (the timer below)
  function announce(m) {
    var items = arr(m.announce).map(obj).filter(function (a) { return a && Number(a.seq) > lastSeq; });
    if (!items.length) return;
    items.sort(function (a, b) { return Number(a.seq) - Number(b.seq); });
    lastSeq = Number(items[items.length - 1].seq);
    var text = items.map(function (a) { return str(a.text); }).filter(Boolean).join('. ');
    if (!text) return;
    // Cleared first and set a moment later, so that the same text said twice is said twice.
    // Lines that come before that moment join the pending ones: none is dropped (a status
    // line and "All changes saved." can come within a few ms).
    livePending = livePending ? livePending + '. ' + text : text;
    live.textContent = '';
    if (liveTimer) clearTimeout(liveTimer);
    liveTimer = setTimeout(function () { liveTimer = 0; live.textContent = livePending; livePending = ''; }, 50);
  }

  // ------------------------------------------------------------------ the visible text field
  var themeName = 'dark';
  var rects = {};
  function placeField() {
    var a = document.activeElement;
    var name = a && root.contains(a) && a.dataset ? a.dataset.rect : null;
    var r = name ? rects[name] : null;
    var show = !!(r && r.length === 4 && r[2] > 0 && r[3] > 0);
    root.classList.toggle('a11y-editing', show);
    [search, dTags, dNote, ownName, npTitle].forEach(function (f) {
      var on = show && f === a;
      f.classList.toggle('a11y-shown', on);
      if (!on) { if (f.hasAttribute('style')) f.removeAttribute('style'); return; }
      var px = Math.round(Math.min(16 * scaleOf() / 100, f === dNote ? 999 : r[3] * 0.62));
      f.style.left = r[0] + 'px';
      f.style.top = r[1] + 'px';
      f.style.width = r[2] + 'px';
      f.style.height = r[3] + 'px';
      f.style.fontSize = Math.max(10, px) + 'px';
    });
    root.dataset.theme = themeName;
  }
  var textScale = 100;
  function scaleOf() { return textScale; }

  // ------------------------------------------------------------------ focus and keys
  var lastFocusName = null;
  function reportFocus(name) {
    if (name === lastFocusName) return;
    lastFocusName = name;
    send({ do: 'focus', name: name });
  }
  root.addEventListener('focusin', function (ev) {
    var t = ev.target;
    var name = t && t.dataset && t.dataset.focusName != null ? t.dataset.focusName : '';
    if (t && t.dataset && t.dataset.paper) {
      var row = current.rows.filter(function (r) { return r.paper && r.tr.contains(t); })[0];
      if (row) setRoving(row.key);
    }
    reportFocus(name);
    placeField();
  });
  root.addEventListener('focusout', function (ev) {
    var to = ev.relatedTarget;
    if (!to || !root.contains(to)) {
      reportFocus('');
      // Shown only while focused.
      setTimeout(placeField, 0);
    }
  });

  function focusSearch() { search.focus({ preventScroll: true }); search.select(); }
  root.addEventListener('keydown', function (ev) {
    if (ev.defaultPrevented) return;
    var ctrl = ev.ctrlKey || ev.metaKey;
    var k = ev.key;
    var typing = isTextField(ev.target);
    var act = null;
    if (ctrl && !ev.altKey && (k === 's' || k === 'S')) act = function () { flushNote(); send({ do: 'export' }); };
    else if (ctrl && !ev.altKey && (k === 'o' || k === 'O')) act = function () { send({ do: 'import' }); };
    else if (ctrl && !ev.altKey && (k === 'f' || k === 'F')) act = focusSearch;
    else if (ctrl && !ev.altKey && !ev.shiftKey && (k === 'z' || k === 'Z') && !typing) act = function () { send({ do: 'undo' }); };
    else if (!ctrl && !ev.altKey && k === '/' && !typing) act = focusSearch;
    else if (!ctrl && !ev.altKey && k === '?' && !typing) act = function () { send({ do: 'help' }); };
    else if (k === 'F10' && !ctrl && !ev.altKey) act = function () { if (!dialog) menuButtons[0].focus(); };
    if (!act) return;
    ev.preventDefault();
    act();
  });

  // ------------------------------------------------------------------ update
  function update(json) {
    var m;
    try {
      m = typeof json === 'string' ? JSON.parse(json) : json;
    } catch (e) {
      console.warn('mirror: bad JSON: ' + e.message);
      return;
    }
    m = obj(m);
    if (!m) return;
    var t0 = performance.now();
    inUpdate = true;
    try {
      render(m);
    } finally {
      inUpdate = false;
    }
    stats.updates++;
    stats.lastMs = performance.now() - t0;
    stats.totalMs += stats.lastMs;
    stats.recent.push(Math.round(stats.lastMs * 100) / 100);
    if (stats.recent.length > 50) stats.recent.shift();
  }

  function render(m) {
    themeName = m.theme === 'light' ? 'light' : 'dark';
    var ts = parseInt(m.textSize, 10);
    textScale = ts >= 50 && ts <= 400 ? ts : 100;
    rects = obj(m.rects) || {};
    renderBanner(m);
    renderLists(m);
    renderMain(m);
    renderDetail(m);
    renderDialog(m);
    announce(m);
    placeField();
  }

  var stats = { updates: 0, lastMs: 0, totalMs: 0, recent: [] }; // update() times, ms
  window.shelfmarkMirror = {
    update: update,
    // For tests and debugging: what was sent, and how long updates took.
    sent: sent,
    stats: stats,
    root: root,
  };
})();
