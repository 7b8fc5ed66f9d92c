/* "Om versionen" on a revision page is closed in the HTML (a phone shows the
   text first). reader.css shows it on wide screens and in print; this opens it
   there too, so the disclosure's state is what the reader sees. */
(function () {
  "use strict";
  var WIDE = "(min-width: 60em)";

  function facts() { return document.getElementById("om-versionen"); }

  function init() {
    var details = facts();
    if (details && window.matchMedia(WIDE).matches) { details.open = true; }
  }

  window.addEventListener("beforeprint", function () {
    var details = facts();
    if (details) { details.open = true; }
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
