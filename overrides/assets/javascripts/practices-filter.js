/* Filter of the good-practice index (practices/index.md) by country and working area.
 * Works on data attributes of the generated list: <li data-country="KZ" data-areas="identification prevention">.
 * Without JavaScript the controls stay hidden and every practice is listed. Does nothing on other pages. */
(function () {
  "use strict";

  function setup() {
    var root = document.querySelector("[data-teia-practice-filter]");
    var list = document.querySelector("[data-teia-practice-list]");
    if (!root || !list || root.getAttribute("data-ready") === "1") return;
    root.setAttribute("data-ready", "1");

    var country = root.querySelector('select[data-filter="country"]');
    var area = root.querySelector('select[data-filter="area"]');
    var count = root.querySelector(".teia-filter__count");
    var empty = document.querySelector("[data-teia-practice-empty]");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-country]"));

    // Keep the choice in the address (#country=KZ&area=prevention) so that a filtered list can be shared.
    function readHash() {
      var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      if (params.has("country")) country.value = params.get("country");
      if (params.has("area")) area.value = params.get("area");
      if (country.selectedIndex < 0) country.value = "";
      if (area.selectedIndex < 0) area.value = "";
    }

    function writeHash() {
      var params = new URLSearchParams();
      if (country.value) params.set("country", country.value);
      if (area.value) params.set("area", area.value);
      var hash = params.toString();
      history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var areas = (item.getAttribute("data-areas") || "").split(/\s+/);
        var match = (!country.value || item.getAttribute("data-country") === country.value) &&
                    (!area.value || areas.indexOf(area.value) !== -1);
        item.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = (count.getAttribute("data-count-template") || "{shown}/{total}")
        .replace("{shown}", String(shown)).replace("{total}", String(items.length));
      if (empty) empty.hidden = shown !== 0;
    }

    function onChange() {
      apply();
      writeHash();
    }

    if (/country=|area=/.test(window.location.hash)) readHash();
    country.addEventListener("change", onChange);
    area.addEventListener("change", onChange);
    root.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
  // Material's instant navigation (off today) replaces the page without a new load: run again if it is enabled.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
})();
