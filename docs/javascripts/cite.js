/* "Kopiera hänvisning": turns each permanent link `a.cite-link` that the build
   puts on a revision page (hooks/agreement/citation.py) into a button that
   copies the ready citation in its `data-citation` and announces the result in
   a live region. Without this script the link stays a plain permanent link. */
(function () {
  "use strict";

  var SHOW_MS = 4000;
  var status = null;
  var clearTimer = null;

  function liveRegion() {
    if (!status) {
      status = document.createElement("div");
      status.className = "cite-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    return status;
  }

  function announce(text) {
    var region = liveRegion();
    window.clearTimeout(clearTimer);
    region.textContent = text;
    clearTimer = window.setTimeout(function () { region.textContent = ""; }, SHOW_MS);
  }

  function span(className, text) {
    var el = document.createElement("span");
    el.className = className;
    el.textContent = text;
    return el;
  }

  function upgrade(link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-button";
    button.setAttribute("data-citation", link.getAttribute("data-citation"));
    button.setAttribute("data-generated", "citation");
    button.setAttribute("data-pagefind-ignore", "all");
    if (link.hasAttribute("tabindex")) { button.setAttribute("tabindex", link.getAttribute("tabindex")); }
    button.appendChild(span("cite-button__text", "Kopiera hänvisning"));
    button.appendChild(span("visually-hidden", " till " + (link.getAttribute("data-where") || "texten")));
    link.replaceWith(button);
  }

  function copied(button, text) {
    var label = button.querySelector(".cite-button__text");
    label.textContent = "Kopierad";
    window.setTimeout(function () { label.textContent = "Kopiera hänvisning"; }, SHOW_MS);
    announce("Hänvisningen är kopierad: " + text);
  }

  function copy(button) {
    var text = button.getAttribute("data-citation");
    var failed = function () { announce("Kunde inte kopiera. Hänvisning: " + text); };
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      failed();
      return;
    }
    navigator.clipboard.writeText(text).then(function () { copied(button, text); }, failed);
  }

  function init() {
    liveRegion();
    document.querySelectorAll("a.cite-link[data-citation]").forEach(upgrade);
    if (window.paragraphKeys) { window.paragraphKeys.refresh(); }  // the buttons join their sections
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-button");
    if (button) {
      copy(button);
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's page-load signal (also instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
