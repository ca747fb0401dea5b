(function () {
  "use strict";
  var table = document.getElementById("segments");
  var controls = document.getElementById("controls");
  var sortSel = document.getElementById("sort");
  var filterSel = document.getElementById("filter");
  var shown = document.getElementById("shown");
  if (!table || !controls || !sortSel || !filterSel) { return; }
  var bodies = Array.prototype.slice.call(table.tBodies);
  var total = bodies.length;

  function num(el, key, missing) {
    var v = el.getAttribute("data-" + key);
    return v === null || v === "" ? missing : parseFloat(v);
  }
  var keys = {
    doc: function (b) { return [num(b, "index", 0)]; },
    severity: function (b) { return [-num(b, "severity", 0), -num(b, "risk", 0), num(b, "index", 0)]; },
    risk: function (b) { return [-num(b, "risk", 0), num(b, "index", 0)]; },
    chrf: function (b) { return [num(b, "chrf", -1), -num(b, "risk", 0), num(b, "index", 0)]; },
    comet: function (b) { return [num(b, "comet", -1e9), -num(b, "risk", 0), num(b, "index", 0)]; }
  };
  var sortLabels = { doc: "document order", severity: "worst flag first", risk: "most degraded first", chrf: "lowest chrF first", comet: "lowest COMET first" };

  function compare(a, b) {
    for (var i = 0; i < a.k.length; i++) {
      if (a.k[i] !== b.k[i]) { return a.k[i] < b.k[i] ? -1 : 1; }
    }
    return 0;
  }

  function apply() {
    var mode = keys[sortSel.value] ? sortSel.value : "doc";
    var cat = filterSel.value;
    var decorated = bodies.map(function (b) { return { b: b, k: keys[mode](b) }; });
    decorated.sort(compare);
    var frag = document.createDocumentFragment();
    var visible = 0;
    decorated.forEach(function (d) {
      var cats = (d.b.getAttribute("data-cats") || "").split(" ").filter(Boolean);
      var show = cat === "" || (cat === "*" ? cats.length > 0 : cats.indexOf(cat) >= 0);
      d.b.hidden = !show;
      if (show) { visible++; }
      frag.appendChild(d.b);
    });
    table.appendChild(frag);
    var what = cat === "" ? "" : cat === "*" ? ", flagged only" : ", category " + cat;
    shown.textContent = visible + " of " + total + " segments, " + sortLabels[mode] + what;
    Array.prototype.forEach.call(document.querySelectorAll(".catbtn"), function (btn) {
      btn.setAttribute("aria-pressed", btn.getAttribute("data-cat") === cat ? "true" : "false");
    });
  }

  sortSel.addEventListener("change", apply);
  filterSel.addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", function () {
    sortSel.value = "doc"; filterSel.value = ""; apply(); toHash();
  });
  Array.prototype.forEach.call(document.querySelectorAll(".catbtn"), function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var cat = btn.getAttribute("data-cat");
      filterSel.value = filterSel.value === cat ? "" : cat;
      apply();
      toHash();
      controls.scrollIntoView({ block: "start" });
    });
  });
  // The view can be linked: #sort=risk&cat=name (read on load, kept up to date on change).
  function fromHash() {
    var h = window.location.hash;
    if (!/^#(sort|cat)=/.test(h)) { return; }
    h.slice(1).split("&").forEach(function (part) {
      var kv = part.split("="), v = decodeURIComponent(kv[1] || "");
      var sel = kv[0] === "sort" ? sortSel : kv[0] === "cat" ? filterSel : null;
      if (sel && Array.prototype.some.call(sel.options, function (o) { return o.value === v; })) { sel.value = v; }
    });
  }
  function toHash() {
    if (!window.history || !history.replaceState) { return; }
    var h = sortSel.value === "doc" && filterSel.value === "" ? " " :
      "#sort=" + encodeURIComponent(sortSel.value) + "&cat=" + encodeURIComponent(filterSel.value);
    try { history.replaceState(null, "", h === " " ? window.location.pathname + window.location.search : h); } catch (e) { /* file: URLs in some browsers */ }
  }
  sortSel.addEventListener("change", toHash);
  filterSel.addEventListener("change", toHash);
  controls.hidden = false;
  document.documentElement.classList.add("js");
  fromHash();
  apply();
  document.body.setAttribute("data-js", "ready");
}());
