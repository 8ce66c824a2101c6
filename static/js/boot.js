/* Starts the page's Python, choosing the interpreter first, and gives Python what MicroPython cannot
   do safely itself (a JS exception thrown inside a call from MicroPython cannot be caught there).

   Interpreter: PyScript's MicroPython (mpy.json, boots in a fraction of Pyodide's time) for the small
   screens - the chat's message popup (by its placement) and My requests (the screen this browser last
   opened in the app tab of this portal, kept by py/main.py); Pyodide (pyscript.toml) for everything
   else, for a screen MicroPython handed over (servicedesk.views.hand_over), and whenever the portal
   frame does not answer in time. Both run the same py/main.py.
   sdStore: get/set/take on localStorage or sessionStorage, null or nothing where storage is
   refused (private mode, blocked third-party storage) instead of an exception.
   sdZoneWall(ms, zone): the wall time of an instant in an IANA zone ("YYYY-MM-DD HH:MM:SS"),
   null for a zone this browser does not know (py/mpy/zoneinfo.py). */
(function () {
  "use strict";
  var root = globalThis;            /* the page (or Node.js in tests/mpy) */
  var SMALL = { IM_CONTEXT_MENU: 1, IMMOBILE_CONTEXT_MENU: 1, IM_TEXTAREA: 1, IM_SIDEBAR: 1 };
  var MICRO = { my_requests: 1, task_from_message: 1 };      /* servicedesk.views.ON_MICROPYTHON */

  function area(session) { return session ? root.sessionStorage : root.localStorage; }
  root.sdStore = {
    get: function (key, session) { try { return area(session).getItem(key); } catch (e) { return null; } },
    set: function (key, value, session) {
      try { area(session).setItem(key, value); return true; } catch (e) { return false; }
    },
    take: function (key, session) {
      try { var v = area(session).getItem(key); area(session).removeItem(key); return v; } catch (e) { return null; }
    }
  };
  root.sdZoneWall = function (ms, zone) {
    try { return new Date(ms).toLocaleString("sv-SE", { timeZone: zone, hourCycle: "h23" }); } catch (e) { return null; }
  };

  if (typeof document === "undefined") return;     /* Node.js: tests/mpy load the helpers above only */

  function start(micro) {
    performance.mark("sd:interpreter");
    var script = document.createElement("script");
    script.type = micro ? "mpy" : "py";
    script.src = "py/main.py";
    script.setAttribute("config", micro ? "mpy.json" : "pyscript.toml");
    document.documentElement.dataset.interpreter = micro ? "micropython" : "pyodide";
    document.body.append(script);
    import("../vendor/pyscript/core.js");
  }

  function pick(b24) {
    if (root.sdStore.get("servicedesk:open", true)) return false;      /* a hand-over: Pyodide */
    if (SMALL[String(b24.placement.placement)]) return true;
    var screen = root.sdStore.get("servicedesk:screen:" + b24.getTargetOrigin());   /* JSON text */
    try { return !!MICRO[JSON.parse(screen)]; } catch (e) { return false; }
  }

  var frame = root.sdFrame, started = false;     /* static/js/snapshot.js starts the handshake */
  if (!frame && root.B24Js) try { frame = root.sdFrame = B24Js.initializeB24Frame(); } catch (e) { frame = null; }
  function once(micro) { if (!started) { started = true; start(micro); } }
  if (!frame) return once(false);                               /* no portal SDK: Pyodide says why */
  setTimeout(function () { once(false); }, 3000);              /* the portal is slow to answer */
  frame.then(function (b24) { once(pick(b24)); }, function () { once(false); });
})();
