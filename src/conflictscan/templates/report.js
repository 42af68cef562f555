(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.closest(".csr")) || document.getElementById(CONFLICTSCAN_REPORT_ID);
  if (!root) { return; }
  var cards = Array.prototype.slice.call(root.querySelectorAll(".csr-card"));
  var story = root.querySelector('[data-filter="story"]');
  var outlet = root.querySelector('[data-filter="outlet"]');
  var minimum = root.querySelector('[data-filter="confidence"]');
  var minimumLabel = root.querySelector("[data-filter-value]");
  var count = root.querySelector("[data-count]");
  var none = root.querySelector(".csr-none");

  function matches(card, s, o, m) {
    var d = card.dataset;
    return (!s || d.story === s) &&
      (!o || d.outletA === o || d.outletB === o) &&
      parseFloat(d.confidence) >= m;
  }

  function apply() {
    var s = story ? story.value : "";
    var o = outlet ? outlet.value : "";
    var m = parseFloat(minimum.value) || 0;
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, s, o, m - 1e-9);
      card.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    minimumLabel.textContent = m.toFixed(2);
    count.textContent = shown + " of " + cards.length + " shown";
    none.hidden = shown > 0 || cards.length === 0;
  }

  [story, outlet, minimum].forEach(function (control) {
    if (control) {
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    }
  });
  root.querySelectorAll(".csr-story-row").forEach(function (row) {
    row.addEventListener("click", function () {
      if (story) {
        story.value = story.value === row.dataset.story ? "" : row.dataset.story;
        apply();
      }
    });
  });
  apply();
})();
