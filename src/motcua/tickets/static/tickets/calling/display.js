// The queue display: poll the feed every ~2 s, redraw, and speak each new call in order.
// Voice: the browser's speechSynthesis with a Vietnamese voice when it has one, else the server's espeak-ng WAV;
// neither → the call is shown only. Browsers block sound until a user gesture, hence the "turn sound on" button.
(() => {
  "use strict";
  const root = document.getElementById("display");
  if (!root) return;
  const texts = document.getElementById("qd-texts").dataset;
  const feed = root.dataset.feed;
  const pollMs = Number(root.dataset.poll) || 2000;
  let after = root.dataset.after || "0";
  let offset = Number(root.dataset.now) - Date.now(); // the server's clock, not the TV's
  let soundOn = false;
  let speaking = false;
  const queue = [];

  const clock = root.querySelector("[data-clock]");
  const tick = () => {
    const now = new Date(Date.now() + offset);
    clock.textContent = now.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "Asia/Ho_Chi_Minh" });
  };
  tick();
  setInterval(tick, 1000);

  const viVoice = () => {
    if (!("speechSynthesis" in window)) return null;
    return window.speechSynthesis.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith("vi")) || null;
  };
  if ("speechSynthesis" in window) window.speechSynthesis.onvoiceschanged = () => {};

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function render(state) {
    const [latest, ...rest] = state.serving;
    root.querySelector("[data-latest]").hidden = !latest;
    root.querySelector("[data-latest-empty]").hidden = Boolean(latest);
    if (latest) {
      root.querySelector("[data-latest-label]").textContent = latest.label;
      root.querySelector("[data-latest-counter]").textContent = latest.counter;
    }
    const body = root.querySelector("[data-serving]");
    body.replaceChildren(...rest.map((row) => {
      const tr = el("tr");
      tr.append(el("td", "qd-num", row.label), el("td", "qd-counter", String(row.counter)));
      return tr;
    }));
    const list = root.querySelector("[data-waiting]");
    list.replaceChildren(...state.waiting.map((service) => {
      const li = el("li", "qd-service");
      const name = el("span", "qd-service__name", service.service + " ");
      name.append(el("small", "", `(${service.count})`));
      const next = el("span", "qd-service__next");
      if (service.next.length) service.next.forEach((label) => next.append(el("span", "qd-num", label)));
      else next.append(el("span", "qd-muted", "—"));
      li.append(el("span", "qd-service__letter", service.letter), name, next);
      return li;
    }));
    root.querySelector("[data-date]").textContent = state.date;
  }

  function flash(call) {
    const box = root.querySelector("[data-latest]");
    root.querySelector("[data-latest-sentence]").textContent = call.sentence;
    box.classList.remove("qd-flash");
    void box.offsetWidth; // restart the animation
    box.classList.add("qd-flash");
  }

  function playNext() {
    if (speaking || !queue.length) return;
    const call = queue.shift();
    flash(call);
    if (!soundOn) return playNext();
    speaking = true;
    const done = () => { speaking = false; setTimeout(playNext, 600); };
    const voice = viVoice();
    if (voice) {
      const utterance = new SpeechSynthesisUtterance(call.sentence);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      utterance.onend = done;
      utterance.onerror = done;
      window.speechSynthesis.speak(utterance);
    } else if (root.dataset.speech === "1") {
      const audio = new Audio(call.audio);
      audio.onended = done;
      audio.onerror = () => { root.querySelector("[data-status]").textContent = texts.noSound; done(); };
      audio.play().catch(done);
    } else {
      root.querySelector("[data-status]").textContent = texts.noSound;
      done();
    }
  }

  async function poll() {
    try {
      const response = await fetch(`${feed}?after=${encodeURIComponent(after)}`, { cache: "no-store", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      offset = state.now - Date.now();
      after = String(state.last_event_id);
      root.dataset.after = after;
      render(state);
      state.calls.forEach((call) => queue.push(call));
      playNext();
      root.querySelector("[data-status]").textContent = "";
    } catch (error) {
      root.querySelector("[data-status]").textContent = texts.offline;
    } finally {
      setTimeout(poll, pollMs);
    }
  }

  const button = root.querySelector("[data-sound-on]");
  button.addEventListener("click", () => {
    soundOn = true;
    button.hidden = true;
    if ("speechSynthesis" in window) window.speechSynthesis.speak(new SpeechSynthesisUtterance(""));
    playNext();
  });
  setTimeout(poll, pollMs);
})();
