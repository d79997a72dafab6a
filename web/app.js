// Patient chat widget: socket.io client for Rasa's socket.io channel.
// Every message is rendered with textContent, never as HTML.
// The server issues the session id (signed; channels/session_ids.py) and the page
// keeps it, with the messages, in sessionStorage: gone when the tab closes, and
// "End chat" clears it at once (a shared computer shows the next person nothing).
(function () {
  "use strict";

  var config = window.CHAT_CONFIG || {};
  var rasaUrl = config.rasaUrl || (location.protocol + "//" + location.hostname + ":5005");
  var STORAGE_KEY = "patient-chat-v1";
  var store = window.sessionStorage;
  var MAX_STORED = 200;
  var REPLY_TIMEOUT_MS = 20000;

  var ESCALATION_TEXT = {
    emergency: {
      title: "Call your local emergency number now.",
      body: "Don't wait for a reply here. Go to the nearest emergency department if you can't call."
    },
    urgent: {
      title: "Contact your care team today.",
      body: "Call your care team (or trial doctor) or their 24-hour line now. If you can't reach them, call your local emergency number."
    }
  };

  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var typing = document.getElementById("typing");
  var offline = document.getElementById("offline");
  var alertArea = document.getElementById("alert-area");

  function loadState() {
    try {
      // Conversations kept by earlier versions of this page in localStorage go.
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) { /* storage off */ }
    try {
      var saved = JSON.parse(store.getItem(STORAGE_KEY) || "null");
      if (saved && (saved.sessionId === null || typeof saved.sessionId === "string") &&
          Array.isArray(saved.messages)) {
        return saved;
      }
    } catch (e) { /* a damaged store starts a new conversation */ }
    // No id until the server issues one.
    return { sessionId: null, messages: [] };
  }

  var state = loadState();

  function saveState() {
    state.messages = state.messages.slice(-MAX_STORED);
    try { store.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* full */ }
  }

  function scrollToEnd() {
    window.scrollTo(0, document.body.scrollHeight);
  }

  function clearButtons() {
    var groups = log.querySelectorAll(".buttons");
    for (var i = 0; i < groups.length; i++) { groups[i].remove(); }
  }

  function renderButtons(item, buttons) {
    var group = document.createElement("div");
    group.className = "buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = String(b.title || "");
      button.addEventListener("click", function () {
        send(String(b.payload || b.title || ""), String(b.title || ""));
      });
      group.appendChild(button);
    });
    item.appendChild(group);
  }

  function renderMessage(m, live) {
    var item = document.createElement("li");
    item.className = "msg " + m.from + (m.level ? " escalation-" + m.level : "");
    var text = document.createElement("div");
    text.textContent = m.text;
    item.appendChild(text);
    if (m.buttons && m.buttons.length && live) {
      clearButtons();
      renderButtons(item, m.buttons);
    }
    log.appendChild(item);
    scrollToEnd();
    return item;
  }

  function addMessage(m) {
    state.messages.push(m);
    saveState();
    renderMessage(m, true);
  }

  function showBanner(level, category) {
    var text = ESCALATION_TEXT[level];
    if (!text) { return; }
    alertArea.textContent = "";
    var banner = document.createElement("div");
    banner.className = "banner " + level;
    banner.setAttribute("role", "alert");
    banner.dataset.level = level;
    banner.dataset.category = category || "";
    var words = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = text.title;
    var body = document.createElement("span");
    body.textContent = text.body;
    words.appendChild(title);
    words.appendChild(body);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.setAttribute("aria-label", "Dismiss this alert");
    close.addEventListener("click", function () { banner.remove(); state.banner = null; saveState(); });
    banner.appendChild(words);
    banner.appendChild(close);
    alertArea.appendChild(banner);
    state.banner = { level: level, category: category };
    saveState();
  }

  var replyTimer = null;

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(replyTimer);
    if (on) {
      replyTimer = setTimeout(function () {
        typing.hidden = true;
        renderMessage({ from: "notice", text: "No reply yet. Please try again. If it is urgent, call your care team; in an emergency, call your local emergency number." }, true);
      }, REPLY_TIMEOUT_MS);
    }
  }

  function setOffline(isOffline) {
    offline.hidden = !isOffline;
    // Lets tests and assistive tooling know whether messages can be sent now.
    document.body.dataset.connected = isOffline ? "false" : "true";
  }

  // --- socket.io -------------------------------------------------------------
  var socket = io(rasaUrl, { path: "/socket.io", transports: ["websocket", "polling"] });

  socket.on("connect", function () {
    socket.emit("session_request", { session_id: state.sessionId });
  });
  socket.on("session_confirm", function (issued) {
    var id = (issued && typeof issued === "object") ? issued.session_id : issued;
    if (typeof id === "string" && id) {
      state.sessionId = id;
      saveState();
    }
    setOffline(false);
  });
  socket.on("connect_error", function () { setOffline(true); setTyping(false); });
  socket.on("disconnect", function () { setOffline(true); setTyping(false); });

  socket.on("bot_uttered", function (data) {
    if (!data || typeof data !== "object") { return; }
    setTyping(false);
    var custom = data.custom || {};
    var escalation = custom.escalation;
    if (escalation && typeof escalation === "object") {
      var level = String(escalation.level || "");
      showBanner(level, String(escalation.category || ""));
      // Mark the reply it belongs to, the bot message just shown.
      var last = state.messages[state.messages.length - 1];
      if (last && last.from === "bot") {
        last.level = level;
        saveState();
        var items = log.querySelectorAll(".msg.bot");
        if (items.length) { items[items.length - 1].classList.add("escalation-" + level); }
      }
    }
    if (typeof data.text === "string" && data.text) {
      var buttons = data.quick_replies || data.buttons || [];
      addMessage({ from: "bot", text: data.text, buttons: Array.isArray(buttons) ? buttons : [] });
    }
  });

  function send(payload, shown) {
    var text = String(payload || "").trim();
    if (!text) { return false; }
    if (!socket.connected) {
      setOffline(true);
      return false;
    }
    clearButtons();
    addMessage({ from: "user", text: shown || text });
    socket.emit("user_uttered", { message: text, session_id: state.sessionId });
    setTyping(true);
    return true;
  }

  // --- end the chat: forget it on this device, start afresh ---------------------
  document.getElementById("end-chat").addEventListener("click", function () {
    try { store.removeItem(STORAGE_KEY); } catch (e) { /* storage off */ }
    state = { sessionId: null, messages: [] };
    log.textContent = "";
    alertArea.textContent = "";
    setTyping(false);
    if (socket.connected) { socket.emit("session_request", { session_id: null }); }
    input.value = "";
    input.focus();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    // Keep what the patient typed when it could not be sent: nothing is lost.
    if (send(input.value)) { input.value = ""; }
    input.focus();
  });

  // --- restore the conversation after a reload --------------------------------
  state.messages.forEach(function (m, i) {
    renderMessage(m, i === state.messages.length - 1);
  });
  if (state.banner) { showBanner(state.banner.level, state.banner.category); }
  input.focus();
})();
