/* Diff pages: switch between the inline and the side-by-side view, and the
   picker on jamfor/ that goes to the page of two chosen revisions. Without
   JavaScript the inline view and the list of all pairs remain. */
(function () {
  "use strict";

  function setUpViewSwitch() {
    var control = document.querySelector("[data-diff-view-switch]");
    var diff = document.querySelector(".diff[data-view]");
    if (!control || !diff) return;
    control.hidden = false;
    control.addEventListener("change", function (event) {
      if (event.target.name === "diff-view") diff.setAttribute("data-view", event.target.value);
    });
    var checked = control.querySelector("input:checked");
    if (checked) diff.setAttribute("data-view", checked.value);
  }

  function setUpPicker() {
    var form = document.querySelector("[data-diff-picker]");
    if (!form) return;
    var from = form.querySelector("#diff-from");
    var to = form.querySelector("#diff-to");
    var message = form.querySelector(".diff-picker__message");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = from.options[from.selectedIndex];
      var b = to.options[to.selectedIndex];
      if (a.value === b.value) {
        message.textContent = "Välj två olika versioner.";
        return;
      }
      // Pages exist older first, in the order of the chain; the build lists
      // every pair's link below the form, so the address is never guessed.
      if (Number(a.dataset.order) > Number(b.dataset.order)) { var t = a; a = b; b = t; }
      var link = document.querySelector('.diff-pairs a[data-old="' + CSS.escape(a.value) + '"][data-new="' + CSS.escape(b.value) + '"]');
      if (link) window.location.href = link.href;
    });
  }

  function init() { setUpViewSwitch(); setUpPicker(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
