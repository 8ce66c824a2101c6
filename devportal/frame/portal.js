// devportal's portal page: frames the app like Bitrix24 does and answers the JS SDK's frame
// messages (getInitData, refreshAuth, resizeWindow, setTitle, selectUser, openPath, ...) for the
// chosen user and placement. State lives in the URL: ?user=ID&placement=X&options=JSON&mobile=1.
"use strict";
(function () {
  const q = new URLSearchParams(location.search);
  const $ = (id) => document.getElementById(id);
  const state = { users: [], config: {}, sid: "", token: null, appOrigin: "" };
  // Test hooks: queued answers for selectUser, and a log of what the app asked for.
  const dev = (window.devportal = { selectQueue: [], log: [] });

  async function json(url, body) {
    const init = body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const resp = await fetch(url, init);
    if (!resp.ok) throw new Error(url + ": HTTP " + resp.status);
    return resp.json();
  }

  function currentUser() {
    const id = Number(q.get("user") || state.config.default_user || (state.users[0] || {}).id);
    return state.users.find((u) => u.id === id) || state.users[0];
  }

  async function newToken() {
    state.token = await json("/_dev/token", { user_id: currentUser().id });
    return state.token;
  }

  function reply(cbId, data) {
    const frame = $("frame-box").querySelector("iframe");
    if (frame && cbId) frame.contentWindow.postMessage(cbId + ":" + JSON.stringify(data ?? {}), state.appOrigin);
  }

  function parse(data) {
    if (data && typeof data === "object") {
      let params = data.params;
      if (typeof params === "string" && params) { try { params = JSON.parse(params); } catch (e) { /* raw */ } }
      return { cmd: data.method, params: params || {}, cbId: data.callback, sid: data.appSid };
    }
    const parts = String(data).split(":");
    const sid = parts.pop(), cbId = parts.pop(), cmd = parts.shift();
    const raw = parts.join(":");
    let params = {};
    if (raw) { try { params = JSON.parse(raw); } catch (e) { params = raw; } }
    return { cmd, params, cbId, sid };
  }

  // a portal name inside our own text: isolated (FSI…PDI) so right-to-left runs or an RLO stay inside it
  const isolate = (text) => "\u2068" + text + "\u2069";

  function userCard(u) {
    return { id: String(u.id), name: u.name, photo: u.photo || "", position: u.work_position || "",
             url: "/company/personal/user/" + u.id + "/", sub: false, sup: false };
  }

  function pickUsers(multiple) {
    if (dev.selectQueue.length) {
      const ids = dev.selectQueue.shift();
      const cards = ids.map((id) => state.users.find((u) => u.id === id)).filter(Boolean).map(userCard);
      return Promise.resolve(multiple ? cards : (cards[0] || null));
    }
    return new Promise((resolve) => {
      const dlg = $("picker"), list = $("picker-list"), chosen = new Set();
      const draw = () => {
        list.textContent = "";
        const needle = $("picker-q").value.toLowerCase();
        state.users.filter((u) => !u.bot && u.name.toLowerCase().includes(needle)).forEach((u) => {
          const li = document.createElement("li");
          li.textContent = (chosen.has(u.id) ? "✓ " : "") + isolate(u.name) + (u.work_position ? " — " + isolate(u.work_position) : "");
          li.onclick = () => { if (!multiple) chosen.clear(); chosen.has(u.id) ? chosen.delete(u.id) : chosen.add(u.id); draw(); };
          list.appendChild(li);
        });
      };
      const done = (ok) => {
        dlg.close();
        const cards = ok ? [...chosen].map((id) => userCard(state.users.find((u) => u.id === id))) : [];
        resolve(multiple ? cards : (cards[0] || null));
      };
      $("picker-q").oninput = draw;
      $("picker-ok").onclick = () => done(true);
      $("picker-cancel").onclick = () => done(false);
      draw();
      dlg.showModal();
    });
  }

  async function handle(msg) {
    const { cmd, params, cbId } = msg;
    dev.log.push({ cmd, params });
    const user = currentUser();
    switch (cmd) {
      case "getInitData": {
        const t = state.token || (await newToken());
        let placementOptions = {};
        try { placementOptions = JSON.parse(q.get("options") || "{}"); } catch (e) { /* keep {} */ }
        return reply(cbId, {
          DOMAIN: location.host, PROTOCOL: location.protocol === "https:" ? 1 : 0, PATH: "/rest/",
          LANG: q.get("lang") || user.lang || "ru", AUTH_ID: t.access_token, AUTH_EXPIRES: t.expires_in,
          REFRESH_ID: t.refresh_token, MEMBER_ID: state.config.member_id || "", IS_ADMIN: !!user.is_admin,
          PLACEMENT: q.get("placement") || "DEFAULT", PLACEMENT_OPTIONS: placementOptions,
          INSTALL: false, FIRST_RUN: false, APP_OPTIONS: {}, USER_OPTIONS: {} });
      }
      case "refreshAuth": {
        const t = await newToken();
        return reply(cbId, { AUTH_ID: t.access_token, REFRESH_ID: t.refresh_token, AUTH_EXPIRES: t.expires_in });
      }
      case "resizeWindow": {
        const iframe = $("frame-box").querySelector("iframe");
        if (params && params.height) iframe.style.height = Math.max(200, Number(params.height)) + "px";
        return reply(cbId, {});
      }
      case "setTitle": $("title").textContent = (params && params.title) || ""; return reply(cbId, {});
      case "selectUser": return reply(cbId, await pickUsers(!!(params && params.mult)));
      case "openPath": case "openApplication": case "imOpenMessenger": case "imOpenHistory":
        $("status").textContent = "Открыто: " + JSON.stringify(params);
        return reply(cbId, { result: "close" });
      default:  // setScroll, setInstall, setInstallFinish, setAppOption, setUserOption, closeApplication, ...
        return reply(cbId, {});
    }
  }

  function mountFrame() {
    const box = $("frame-box");
    box.textContent = "";
    box.classList.toggle("mobile", q.get("mobile") === "1");
    state.sid = "devsid" + Math.random().toString(16).slice(2, 14);
    state.token = null;
    const iframe = document.createElement("iframe");
    iframe.name = location.host + "|" + (location.protocol === "https:" ? 1 : 0) + "|" + state.sid;
    iframe.title = "ServiceDesk";
    iframe.src = state.config.app_url;
    box.appendChild(iframe);
  }

  window.addEventListener("message", (event) => {
    const iframe = $("frame-box").querySelector("iframe");
    if (!iframe || event.source !== iframe.contentWindow || event.origin !== state.appOrigin) return;
    const msg = parse(event.data);
    if (msg.sid !== state.sid) return;
    handle(msg).catch((e) => { $("status").textContent = "Ошибка портала: " + e.message; });
  });

  function bindControls() {
    const sel = $("user");
    state.users.filter((u) => !u.bot).forEach((u) => {
      const o = document.createElement("option");
      o.value = u.id;
      o.textContent = isolate(u.name) + (u.role ? " (" + u.role + ")" : "");
      sel.appendChild(o);
    });
    sel.value = String(currentUser().id);
    $("placement").value = q.get("placement") || "DEFAULT";
    $("mobile").checked = q.get("mobile") === "1";
    const go = () => {
      q.set("user", sel.value);
      q.set("placement", $("placement").value);
      if ($("mobile").checked) q.set("mobile", "1"); else q.delete("mobile");
      history.replaceState(null, "", "?" + q.toString());
      mountFrame();
    };
    sel.onchange = go; $("placement").onchange = go; $("mobile").onchange = go;
  }

  (async function start() {
    state.config = await json("/_dev/config");
    const listed = await json("/_dev/users");
    state.users = Array.isArray(listed) ? listed : (listed.users || []);
    state.appOrigin = new URL(state.config.app_url, location.href).origin;
    bindControls();
    mountFrame();
  })().catch((e) => { $("status").textContent = "devportal: " + e.message; });
})();
