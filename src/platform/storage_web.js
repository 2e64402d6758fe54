// IndexedDB storage for Shelfmark: one record per paper in object store "papers",
// keyed by paper id; the user's own lists and papers in "user"; records this build could
// not read, saved aside byte for byte, in "meta" (keys "quarantine:..."). Explicit
// transactions; results go back into C++ through the exported sm_on_* functions, which
// queue them for the main loop.
var SmStorageLib = {
  $SM__deps: ['$SMStr'],
  $SM: {
    db: null,
    failed: false,
    channel: null,
    // Which writes of other windows this one has taken in: each message names its window
    // and batch, and what it had taken in of the others, so a window merging a note can
    // tell which of its own texts the other one started from.
    windowId: Math.random().toString(36).slice(2) + Date.now().toString(36),
    seen: {}, // window id -> newest batch of it whose records the app took in (sm_storage_taken_in)
    fail: function (why) {
      SM.failed = true;
      SMStr.call(Module._sm_on_storage_failed, why);
    },
    open: function () {
      if (typeof indexedDB === 'undefined' || !indexedDB) {
        SM.fail('IndexedDB is not available in this browser window');
        return;
      }
      var req;
      try {
        // Version 2 added the "user" store (the user's own lists and papers).
        req = indexedDB.open(Module.shelfmarkDbName || 'shelfmark', 2);
      } catch (e) {
        SM.fail('IndexedDB cannot be opened: ' + (e && e.message ? e.message : e));
        return;
      }
      req.onupgradeneeded = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains('papers')) db.createObjectStore('papers');
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
        if (!db.objectStoreNames.contains('user')) db.createObjectStore('user');
      };
      req.onblocked = function () {
        SM.fail('the database is blocked by another Shelfmark tab of an older version; close it');
      };
      req.onerror = function (ev) {
        if (ev && ev.preventDefault) ev.preventDefault();
        var e = req.error;
        SM.fail('IndexedDB cannot be opened: ' + (e ? e.name + ': ' + e.message : 'unknown error'));
      };
      req.onsuccess = function () {
        var db = req.result;
        SM.db = db;
        db.onversionchange = function (ev) {
          var deleted = ev && ev.newVersion === null;
          // A newer build wants to upgrade: save what we have, then step aside.
          if (!deleted) Module._sm_on_flush();
          db.close();
          SM.db = null;
          SMStr.call(Module._sm_on_storage_closed, deleted
            ? 'the saved data of this site was deleted while Shelfmark was open; what you see is kept in this tab only'
            : 'a newer version of Shelfmark was opened in another tab; reload this tab to continue saving');
        };
        SM.listen();
        db.onclose = function () {
          SM.db = null;
          SMStr.call(Module._sm_on_storage_closed, 'the browser closed the database (was site data cleared?); your changes are kept in this tab: export them');
        };
        SM.readAll();
      };
    },
    // Other tabs announce committed records; read them back and hand them to C++.
    listen: function () {
      if (typeof BroadcastChannel === 'undefined' || SM.channel) return;
      SM.channel = new BroadcastChannel('shelfmark-progress');
      // Messages carry the committed records themselves: no read-back needed.
      SM.channel.onmessage = function (ev) {
        var items = ev.data && ev.data.items;
        if (!Array.isArray(items)) return;
        var seenOfUs = ev.data.seen && typeof ev.data.seen[SM.windowId] === 'number' ? ev.data.seen[SM.windowId] : -1;
        var from = typeof ev.data.from === 'string' ? ev.data.from : '';
        var fromBatch = typeof ev.data.batch === 'number' ? ev.data.batch : -1;
        items.forEach(function (kv) {
          if (!Array.isArray(kv) || typeof kv[0] !== 'string') return;
          var text;
          try { text = JSON.stringify(kv[1]); } catch (e) { return; }
          var pk = SMStr.alloc(kv[0]), pt = SMStr.alloc(text), pf = SMStr.alloc(from);
          try { Module._sm_on_storage_changed(pk, pt, seenOfUs, pf, fromBatch); } finally { _free(pk); _free(pt); _free(pf); }
        });
      };
    },
    info: function () {
      if (!navigator.storage || !navigator.storage.estimate) return;
      var persisted = navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false);
      Promise.all([persisted, navigator.storage.estimate()]).then(function (r) {
        Module._sm_on_storage_info(r[0] ? 1 : 0, r[1].usage || 0, r[1].quota || 0);
      }).catch(function () {});
    },
    // Keys: a paper id (store "papers"), "user/<key>" (store "user") or "meta/<key>"
    // (store "meta": quarantined records).
    storeOf: function (key) {
      return key.indexOf('user/') === 0 ? 'user' : key.indexOf('meta/') === 0 ? 'meta' : 'papers';
    },
    keyIn: function (key) { return key.indexOf('user/') === 0 || key.indexOf('meta/') === 0 ? key.slice(5) : key; },
    stores: ['meta', 'papers', 'user'],
    readAll: function () {
      var tx;
      try {
        tx = SM.db.transaction(SM.stores, 'readonly');
      } catch (e) {
        SM.fail('cannot read saved progress: ' + e.message);
        return;
      }
      // The quarantine first, so that records found unreadable again are known copies.
      var reqs = SM.stores.map(function (name) {
        var store = tx.objectStore(name);
        return { prefix: name === 'papers' ? '' : name + '/', keys: store.getAllKeys(), vals: store.getAll() };
      });
      tx.oncomplete = function () {
        var problems = [], count = 0;
        reqs.forEach(function (r) {
          var keys = r.keys.result, vals = r.vals.result;
          for (var i = 0; i < keys.length; i++) {
            var text;
            try {
              text = JSON.stringify(vals[i]);
            } catch (e) {
              text = null;
            }
            if (typeof keys[i] !== 'string' || typeof text !== 'string') {
              problems.push('record ' + String(keys[i]).slice(0, 60) + ' is unreadable');
              continue;
            }
            count++;
            SMStr.call2(Module._sm_on_storage_record, r.prefix + keys[i], text);
          }
        });
        SMStr.callN(Module._sm_on_storage_loaded, count, problems.join('\n'));
      };
      tx.onerror = tx.onabort = function () {
        SM.fail('cannot read saved progress: ' + (tx.error ? tx.error.name + ': ' + tx.error.message : 'aborted'));
      };
    },
    write: function (batch, json) {
      if (!SM.db) {
        SMStr.callWrite(batch, 0, SM.failed ? 'storage unavailable' : 'database closed');
        return;
      }
      var items, tx;
      // What this window had taken in of the others when it made these records (the app
      // handles every delivered message before it saves), not when the write completes.
      var seenAtWrite = Object.assign({}, SM.seen);
      try {
        items = JSON.parse(json);
        tx = SM.db.transaction(SM.stores, 'readwrite', { durability: 'strict' });
      } catch (e) {
        SMStr.callWrite(batch, 0, e.name + ': ' + e.message);
        return;
      }
      try {
        for (var i = 0; i < items.length; i++) {
          var store = tx.objectStore(SM.storeOf(items[i][0])), key = SM.keyIn(items[i][0]);
          if (items[i][1] === null) store.delete(key);
          else store.put(items[i][1], key);
        }
        // Commit now rather than after the request callbacks: the page may be closing.
        if (tx.commit) tx.commit();
      } catch (e) {
        try { tx.abort(); } catch (e2) {}
        SMStr.callWrite(batch, 0, e.name + ': ' + e.message);
        return;
      }
      tx.oncomplete = function () {
        SMStr.callWrite(batch, 1, '');
        SM.info();
        if (SM.channel) {
          try { SM.channel.postMessage({ items: items, from: SM.windowId, batch: batch, seen: seenAtWrite }); } catch (e) {}
        }
      };
      tx.onabort = function () {
        var e = tx.error;
        SMStr.callWrite(batch, 0, e ? e.name + ': ' + e.message : 'transaction aborted');
      };
    },
  },
  $SMStr: {
    alloc: function (s) {
      var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    call: function (fn, s) {
      var p = SMStr.alloc(s);
      try { fn(p); } finally { _free(p); }
    },
    call2: function (fn, a, b) {
      var pa = SMStr.alloc(a), pb = SMStr.alloc(b);
      try { fn(pa, pb); } finally { _free(pa); _free(pb); }
    },
    callN: function (fn, n, s) {
      var p = SMStr.alloc(s);
      try { fn(n, p); } finally { _free(p); }
    },
    callWrite: function (batch, ok, s) {
      var p = SMStr.alloc(s);
      try { Module._sm_on_write_done(batch, ok, p); } finally { _free(p); }
    },
  },
  sm_storage_open__deps: ['$SM'],
  sm_storage_open: function () {
    SM.open();
  },
  sm_storage_write__deps: ['$SM'],
  sm_storage_write: function (batch, ptr) {
    SM.write(batch, UTF8ToString(ptr));
  },
  sm_storage_taken_in__deps: ['$SM'],
  sm_storage_taken_in: function (source, batch) {
    var from = UTF8ToString(source);
    if (from && !(SM.seen[from] >= batch)) SM.seen[from] = batch;
  },
  sm_storage_persist__deps: ['$SM'],
  sm_storage_persist: function () {
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().then(SM.info, SM.info);
    } else {
      SM.info();
    }
  },
};
autoAddDeps(SmStorageLib, '$SM');
mergeInto(LibraryManager.library, SmStorageLib);
