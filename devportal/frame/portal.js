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

  async function rest(method, params) {
    const t = state.token || (await newToken());
    const body = await json("/rest/" + method, Object.assign({ auth: t.access_token }, params || {}));
    return body.result;
  }

  // IM_CONTEXT_MENU opened from the page's own chat (widgets/im/context-menu.md): the menu of the
  // message clicked sends {messageId, dialogId, URI}, as a portal does.
  async function showChat(box) {
    const chatId = await rest("app.option.get", { option: "chat_id" });
    if (!chatId) { box.textContent = "Чат поддержки ещё не выбран: сначала настройте приложение."; return; }
    const dialogId = "chat" + chatId;
    const res = await rest("im.dialog.messages.get", { DIALOG_ID: dialogId, LIMIT: 10 });
    const list = document.createElement("ul");
    list.id = "dev-chat";
    (res.messages || []).filter((m) => m.author_id).forEach((m) => {
      const li = document.createElement("li");
      li.dataset.messageId = String(m.id);
      const text = document.createElement("span");
      text.textContent = String(m.text || "").split("\n")[0];
      const menu = document.createElement("button");
      menu.type = "button";
      menu.dataset.action = "message-menu";
      menu.textContent = "⋯ Создать заявку";
      menu.onclick = () => {
        q.set("options", JSON.stringify({ messageId: String(m.id), dialogId, URI: "/online/?IM_DIALOG=" + dialogId }));
        history.replaceState(null, "", "?" + q.toString());
        mountFrame();
      };
      li.append(text, " ", menu);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  // IMMOBILE_CONTEXT_MENU (widgets/mobile-app.md): not a frame but a page of its own, its data sent by
  // POST (auth and PLACEMENT_OPTIONS {dialogId} in the body). Offered only where an app bound it.
  async function openAsPage(box, bound) {
    const t = await newToken();
    const chatId = await rest("app.option.get", { option: "chat_id" });
    const fields = {
      DOMAIN: location.host, PROTOCOL: location.protocol === "https:" ? 1 : 0, LANG: currentUser().lang || "ru",
      APP_SID: state.sid, AUTH_ID: t.access_token, AUTH_EXPIRES: t.expires_in, REFRESH_ID: t.refresh_token,
      SERVER_ENDPOINT: location.origin + "/rest/", APPLICATION_SCOPE: "", member_id: state.config.member_id || "",
      status: "L", PLACEMENT: "IMMOBILE_CONTEXT_MENU", PLACEMENT_OPTIONS: JSON.stringify({ dialogId: "chat" + chatId }) };
    const form = document.createElement("form");
    form.method = "POST"; form.action = bound.handler; form.target = "_blank";
    Object.entries(fields).forEach(([k, v]) => {
      const input = document.createElement("input");
      input.type = "hidden"; input.name = k; input.value = String(v);
      form.appendChild(input);
    });
    box.appendChild(form);
    form.submit();
    $("status").textContent = "Открыто отдельной страницей (POST): " + bound.handler;
  }

  async function mountFrame() {
    const box = $("frame-box");
    box.textContent = "";
    delete box.dataset.unbound;
    box.classList.toggle("mobile", q.get("mobile") === "1");
    const placement = q.get("placement") || "DEFAULT";
    if (placement === "IMMOBILE_CONTEXT_MENU") {
      const bound = (await json("/_dev/placements")).find((p) => p.placement === placement);
      if (!bound) {
        box.dataset.unbound = placement;
        box.textContent = "Приложение не встроено в меню мобильного чата: в мобильном приложении пишите боту " +
          "ServiceDesk или команду /status в чате поддержки.";
        return;
      }
      return openAsPage(box, bound);
    }
    if (placement === "IM_CONTEXT_MENU" && !q.get("options")) return showChat(box);
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
      q.delete("options");                     // a new place: its data comes from that place
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
    await mountFrame();
  })().catch((e) => { $("status").textContent = "devportal: " + e.message; });
})();
