/* The dashboard as this user last saw it, shown before Python is up (views/snapshot.py keeps it).
   Starts the portal frame handshake once (window.sdFrame, which py/main.py reuses), asks the portal who
   the user is with the user's own token, and shows only that user's entry of this portal from the
   app's IndexedDB: marked as saved data (data-cached, data-state="cached") until fresh figures replace it.
   Never blocks or breaks the boot: any failure just shows nothing here. */
(function () {
  "use strict";
  if (!window.B24Js || !window.indexedDB) return;
  var frame;
  try { frame = window.sdFrame = B24Js.initializeB24Frame(); } catch (e) { return; }

  function openDb() {             /* the loader's database; its store is made as the loader makes it */
    return new Promise(function (ok, fail) {
      var req = indexedDB.open("servicedesk", 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("cache"); };
      req.onsuccess = function () { ok(req.result); };
      req.onerror = function () { fail(req.error); };
    });
  }

  function read(db, pattern) {
    return new Promise(function (ok, fail) {
      var store = db.transaction("cache").objectStore("cache"), keys = store.getAllKeys();
      keys.onerror = function () { fail(keys.error); };
      keys.onsuccess = function () {
        var key = keys.result.map(String).filter(function (k) { return pattern.test(k); })[0];
        if (key === undefined) return ok(null);
        var get = store.get(key);
        get.onsuccess = function () { ok(get.result); };
        get.onerror = function () { fail(get.error); };
      };
    });
  }

  function escaped(text) { return String(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function show(data, uid) {
    var app = document.getElementById("app");
    if (!app || app.firstElementChild) return;                 /* Python has drawn already */
    var view = document.createElement("section"), head = document.createElement("header"),
        title = document.createElement("h1"), stamp = document.createElement("span"),
        body = document.createElement("div");
    view.className = "sd-view sd-dash";
    view.setAttribute("data-view", "dashboard");
    view.setAttribute("data-state", "cached");
    view.setAttribute("data-cached", "");
    view.setAttribute("data-cached-user", uid);
    view.setAttribute("aria-busy", "true");
    head.className = "sd-dash__head";
    title.className = "sd-dash__title";
    title.textContent = data.title;
    stamp.className = "sd-dash__stamp";
    stamp.setAttribute("data-field", "as-of");
    stamp.textContent = data.stamp;
    body.className = "sd-dash__body";
    body.innerHTML = data.html;                 /* the app's own rendering, text already escaped */
    head.append(title, stamp);
    view.append(head, body);
    app.append(view);
    performance.mark("sd:cached-view");
    if (window.sdProgress) window.sdProgress.done();
  }

  frame.then(function (b24) {
    if (String(b24.placement.placement) !== "DEFAULT") return null;     /* only the app tab has it */
    return b24.actions.v2.call.make({ method: "user.current", params: {} }).then(function (answer) {
      var uid = String(answer.getData().result.ID);
      var pattern = new RegExp("^servicedesk:v\\d+:" + escaped(b24.getTargetOrigin()) + ":" + uid + ":snapshot$");
      return openDb().then(function (db) {
        return read(db, pattern).then(function (text) {
          db.close();
          var data = text && JSON.parse(text);
          if (data && String(data.user) === uid && data.html) show(data, uid);
        });
      });
    });
  }).catch(function (e) { console.info("snapshot: " + (e && e.message || e)); });
})();
