/* One Tab stop per section for the controls the build puts beside the text
   (a heading's ¶ and citation, "Andra versioner", each paragraph's ¶, citation
   and comment link, its history's link, "Lyssna på avsnittet"): a roving tabindex. Tab reaches the
   section's current control; the arrow keys (and Home, End) move between the
   controls of that section. Links in the text itself stay ordinary Tab stops.
   Without this script every control is a Tab stop of its own, as before. */
(function () {
  "use strict";

  var CONTROLS = [
    "a.headerlink", "a.paragraph-link", "a.cite-link", "button.cite-button", "a.comment-link",
    "details.section-versions > summary", "details.section-versions a", ".diff-since a",
    "button.listen-section", ".paragraph-history a"
  ].join(", ");
  var HEADINGS = "h2[id], h3[id], h4[id], h5[id], h6[id]";
  var HINT_ID = "paragraph-keys-hint";
  var groups = [];  // each: the controls of one section, in document order

  // The links of a closed "Andra versioner" still have boxes (the details'
  // content is only skipped): checkVisibility tells them apart.
  function visible(el) {
    return el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0;
  }

  function groupOf(el) {
    for (var i = 0; i < groups.length; i++) {
      if (groups[i].indexOf(el) !== -1) { return groups[i]; }
    }
    return null;
  }

  function makeCurrent(group, el) {
    group.forEach(function (c) { c.setAttribute("tabindex", c === el ? "0" : "-1"); });
  }

  function hint(text) {
    if (document.getElementById(HINT_ID)) { return; }
    var el = document.createElement("span");
    el.id = HINT_ID;
    el.className = "visually-hidden";
    el.textContent = "Piltangenterna flyttar mellan styckenas länkar i avsnittet.";
    text.appendChild(el);
  }

  function init() {
    var text = document.querySelector(".revision-text");
    groups = [];
    if (!text) { return; }
    hint(text);
    var current = null;
    text.querySelectorAll(HEADINGS + ", " + CONTROLS).forEach(function (el) {
      if (el.matches(HEADINGS)) {
        current = null;
        if (!el.matches(CONTROLS)) { return; }
      }
      if (!current) { current = []; groups.push(current); }
      current.push(el);
      // Keep what the control already refers to (e.g. the comment link's explanation).
      var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(HINT_ID) < 0) { described.push(HINT_ID); }
      el.setAttribute("aria-describedby", described.join(" "));
    });
    groups.forEach(function (group) { makeCurrent(group, group[0]); });
  }

  function step(group, from, key) {
    var shown = group.filter(function (el) { return el === from || visible(el); });
    var at = shown.indexOf(from);
    if (key === "Home") { return shown[0]; }
    if (key === "End") { return shown[shown.length - 1]; }
    if (key === "ArrowDown" || key === "ArrowRight") { return shown[Math.min(at + 1, shown.length - 1)]; }
    if (key === "ArrowUp" || key === "ArrowLeft") { return shown[Math.max(at - 1, 0)]; }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var group = groupOf(event.target);
    var next = group && step(group, event.target, event.key);
    if (!next) { return; }
    event.preventDefault();
    makeCurrent(group, next);
    next.focus();
  });

  // A control reached another way (a click, a cite button that replaced its
  // link) becomes its section's Tab stop.
  document.addEventListener("focusin", function (event) {
    var group = groupOf(event.target);
    if (group) { makeCurrent(group, event.target); }
  });

  window.paragraphKeys = { refresh: init };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
