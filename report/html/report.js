// docqa's HTML report: keyboard navigation from finding to finding and a
// filter by file. The page works without this script; the filters by rule
// and severity are CSS alone.
(function () {
  "use strict";
  var doc = document.documentElement;
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var current = -1;
  // go selects the next shown finding after the current one (step 1) or
  // before it (step -1), wrapping around; from none, the first or the last.
  function go(step) {
    if (findings.length === 0) { return; }
    var i = current >= 0 ? current : step > 0 ? -1 : findings.length;
    for (var n = 0; n < findings.length; n++) {
      i = (i + step + findings.length) % findings.length;
      var el = findings[i];
      if (el.closest(".hidden-by-filter") || getComputedStyle(el).display === "none") { continue; }
      select(i);
      return;
    }
  }
  function select(i) {
    var prev = findings[current];
    if (prev) {
      prev.classList.remove("current");
      document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    }
    current = i;
    var el = findings[i];
    var fold = el.closest(".fold");
    if (fold) { fold.open = true; }
    el.classList.add("current");
    var id = el.id;
    document.querySelectorAll("mark[data-finding]").forEach(function (m) {
      if ((" " + m.getAttribute("data-finding") + " ").indexOf(" " + id + " ") >= 0) { m.classList.add("current"); }
    });
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    var status = document.getElementById("nav-status");
    if (status) { status.textContent = "Finding " + (i + 1) + " of " + findings.length; }
  }
  // typing reports whether an element takes the keys as text: a text
  // field, not a filter's checkbox.
  function typing(t) {
    if (!t || !t.tagName) { return false; }
    if (t.tagName === "INPUT") { return t.type !== "checkbox" && t.type !== "radio"; }
    return t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable;
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) { return; }
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
  });
  findings.forEach(function (el, i) {
    el.addEventListener("focus", function () { if (current !== i) { current = i; } });
  });
  var filter = document.getElementById("file-filter");
  if (filter) {
    filter.hidden = false;
    var input = filter.querySelector("input");
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      document.querySelectorAll("[data-path]").forEach(function (el) {
        var hit = q === "" || el.getAttribute("data-path").toLowerCase().indexOf(q) >= 0;
        el.classList.toggle("hidden-by-filter", !hit);
      });
    });
  }
  var keys = document.getElementById("keys");
  if (keys) { keys.hidden = false; }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  doc.setAttribute("data-docqa-ready", "1");
})();
