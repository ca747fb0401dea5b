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
    risk: function (b) { return [-num(b, "risk", 0), num(b, "index", 0)]; },
    chrf: function (b) { return [num(b, "chrf", -1), -num(b, "risk", 0), num(b, "index", 0)]; },
    comet: function (b) { return [num(b, "comet", -1e9), -num(b, "risk", 0), num(b, "index", 0)]; }
  };
  var sortLabels = { doc: "document order", risk: "most degraded first", chrf: "lowest chrF first", comet: "lowest COMET first" };

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
    sortSel.value = "doc"; filterSel.value = ""; apply();
  });
  Array.prototype.forEach.call(document.querySelectorAll(".catbtn"), function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var cat = btn.getAttribute("data-cat");
      filterSel.value = filterSel.value === cat ? "" : cat;
      apply();
      controls.scrollIntoView({ block: "start" });
    });
  });
  controls.hidden = false;
  document.documentElement.classList.add("js");
  apply();
  document.body.setAttribute("data-js", "ready");
}());
