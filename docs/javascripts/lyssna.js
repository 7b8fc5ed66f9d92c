/* "Lyssna": reads the revision's text, or one section, aloud with the
   browser's own speech synthesis, in Swedish, one utterance per heading,
   paragraph or list item. Only a voice that runs on the device (localService)
   is used: some browsers' voices are network services, and no text may leave
   the device. Without speech synthesis, without a local Swedish voice or
   without JavaScript there is no control at all. Abbreviations are read as
   their expansion from the glossary (the build's <abbr title>). */
(function () {
  "use strict";

  var LANG = "sv-SE";
  var RATES = [["0.75", "Långsamt"], ["1", "Normalt"], ["1.25", "Snabbare"], ["1.5", "Snabbt"]];
  var BLOCKS = "h2, h3, h4, h5, h6, p, li";
  var SKIP = "[data-generated], .headerlink, .visually-hidden, details, ul, ol, button";
  var LEVEL = { H2: 2, H3: 3, H4: 4, H5: 5, H6: 6 };

  var synth = window.speechSynthesis;
  var state = { queue: [], at: 0, playing: false, paused: false, turn: 0, voice: null, rate: 1 };
  var ui = null;

  function swedishLocalVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var lang = (voices[i].lang || "").replace("_", "-").toLowerCase();
      if (voices[i].localService && (lang === "sv" || lang.indexOf("sv-") === 0)) { return voices[i]; }
    }
    return null;
  }

  /* What a block says: its own words, abbreviations expanded, without the
     build's controls, soft hyphens or nested lists (read as blocks of their own). */
  function spokenText(block) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll(SKIP).forEach(function (el) { el.remove(); });
    copy.querySelectorAll("abbr[title]").forEach(function (abbr) {
      abbr.replaceWith(document.createTextNode(abbr.getAttribute("title")));
    });
    return copy.textContent.replace(/\u00ad/g, "").replace(/\s+/g, " ").trim();
  }

  function blocksOf(text) {
    return Array.prototype.filter.call(text.querySelectorAll(BLOCKS), function (el) {
      return !el.closest(SKIP) && spokenText(el) !== "";
    });
  }

  /* A section: its heading and every block up to the next heading of the same or a higher level. */
  function sectionBlocks(all, heading) {
    var start = all.indexOf(heading);
    var out = [heading];
    for (var i = start + 1; i < all.length; i++) {
      var level = LEVEL[all[i].tagName];
      if (level && level <= LEVEL[heading.tagName]) { break; }
      out.push(all[i]);
    }
    return out;
  }

  function highlight(block) {
    document.querySelectorAll(".listen-current").forEach(function (el) { el.classList.remove("listen-current"); });
    if (!block) { return; }
    block.classList.add("listen-current");
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    block.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  }

  function speakCurrent() {
    var block = state.queue[state.at];
    if (!block) { stop(); return; }
    var turn = ++state.turn;
    var utterance = new window.SpeechSynthesisUtterance(spokenText(block));
    utterance.lang = LANG;
    utterance.voice = state.voice;
    utterance.rate = state.rate;
    utterance.onend = function () {
      if (turn !== state.turn || !state.playing) { return; }
      state.at += 1;
      speakCurrent();
    };
    highlight(block);
    synth.speak(utterance);
  }

  function play(blocks) {
    synth.cancel();
    state.queue = blocks;
    state.at = 0;
    state.playing = true;
    state.paused = false;
    render();
    speakCurrent();
  }

  function pauseOrContinue() {
    if (!state.playing) { return; }
    state.paused = !state.paused;
    if (state.paused) { synth.pause(); } else { synth.resume(); }
    render();
  }

  function stop() {
    state.turn += 1;
    state.playing = false;
    state.paused = false;
    synth.cancel();
    highlight(null);
    render();
  }

  function setRate(value) {
    state.rate = parseFloat(value);
    if (state.playing && !state.paused) {  // the paragraph being read starts again at the new speed
      state.turn += 1;
      synth.cancel();
      speakCurrent();
    }
  }

  function button(className, text, onClick) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "listen__button " + className;
    el.textContent = text;
    el.addEventListener("click", onClick);
    return el;
  }

  function render() {
    ui.start.hidden = state.playing;
    ui.pause.hidden = !state.playing;
    ui.stop.hidden = !state.playing;
    ui.pause.textContent = state.paused ? "Fortsätt" : "Pausa";
    ui.pause.setAttribute("aria-pressed", state.paused ? "true" : "false");
    ui.status.textContent = !state.playing ? "" : state.paused ? "Pausad." : "Läser upp.";
  }

  function build(text) {
    var all = blocksOf(text);
    var bar = document.createElement("div");
    bar.className = "listen";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Lyssna på texten");
    ui = {
      start: button("listen__start", "Lyssna", function () { play(blocksOf(text)); }),
      pause: button("listen__pause", "Pausa", pauseOrContinue),
      stop: button("listen__stop", "Stoppa", stop),
      status: document.createElement("span")
    };
    ui.status.className = "visually-hidden";
    ui.status.setAttribute("role", "status");
    var label = document.createElement("label");
    label.className = "listen__rate";
    label.textContent = "Hastighet ";
    var select = document.createElement("select");
    RATES.forEach(function (rate) {
      var option = document.createElement("option");
      option.value = rate[0];
      option.textContent = rate[1];
      option.selected = rate[0] === "1";
      select.appendChild(option);
    });
    select.addEventListener("change", function () { setRate(select.value); });
    label.appendChild(select);
    [ui.start, ui.pause, ui.stop, label, ui.status].forEach(function (el) { bar.appendChild(el); });
    text.parentNode.insertBefore(bar, text);

    all.filter(function (el) { return LEVEL[el.tagName]; }).forEach(function (heading) {
      var name = spokenText(heading);
      var one = button("listen-section", "Lyssna", function () { play(sectionBlocks(blocksOf(text), heading)); });
      one.setAttribute("data-generated", "listen");
      one.setAttribute("data-pagefind-ignore", "all");
      one.setAttribute("aria-label", "Lyssna på avsnittet " + name);
      heading.insertAdjacentElement("afterend", one);
    });
    render();
    if (window.paragraphKeys) { window.paragraphKeys.refresh(); }  // the section buttons join their sections
  }

  function init() {
    var text = document.querySelector(".revision-text[data-pagefind-body]");
    if (!text || ui) { return; }
    state.voice = swedishLocalVoice();
    if (state.voice) { build(text); }
  }

  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  // Voices may arrive after the page has loaded.
  if (typeof synth.addEventListener === "function") { synth.addEventListener("voiceschanged", init); }
  window.addEventListener("pagehide", function () { synth.cancel(); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
