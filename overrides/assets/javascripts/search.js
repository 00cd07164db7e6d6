/* Search box of the guide, on Pagefind's JavaScript API.
 *
 * Nothing is downloaded until the reader types: then pagefind.js loads the index of the page's own
 * language (Pagefind picks it from <html lang>), fetching only the index chunks the query needs.
 * Russian queries are stemmed (Snowball), so «аварией» finds «авария».
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var MAX_RESULTS = 10;

  function setup(root) {
    var toggle = root.querySelector(".teia-search__toggle");
    var panel = root.querySelector(".teia-search__panel");
    var form = root.querySelector("[data-teia-search-form]");
    var input = root.querySelector(".teia-search__input");
    var close = root.querySelector("[data-teia-search-close]");
    var status = root.querySelector(".teia-search__status");
    var list = root.querySelector(".teia-search__results");
    var siteRoot = new URL(root.getAttribute("data-site-root"), window.location.href);
    var pagefind = null;
    var timer = null;

    function text(name) { return root.getAttribute("data-" + name) || ""; }

    function open() {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      input.focus();
    }

    function shut() {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }

    function load() {
      if (!pagefind && window.teiaOfflineSearch) {
        // the offline bundle (file://, no Pagefind): offline-search.js answers in Pagefind's shape
        pagefind = window.teiaOfflineSearch.load(siteRoot, document.documentElement.lang);
      }
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
          // result URLs must resolve under the site's own base path (e.g. a project page on a sub-path)
          return module.options({ baseUrl: siteRoot.pathname }).then(function () { return module; });
        });
      }
      return pagefind;
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (data) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = data.url;
        link.className = "teia-search__link";
        var title = document.createElement("span");
        title.className = "teia-search__title";
        title.textContent = (data.meta && data.meta.title) || data.url;
        var excerpt = document.createElement("span");
        excerpt.className = "teia-search__excerpt";
        // Pagefind's excerpt is escaped text with <mark> around the matched words
        excerpt.innerHTML = data.excerpt;
        link.appendChild(title);
        link.appendChild(excerpt);
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    function search() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        list.textContent = "";
        status.textContent = query ? text("hint") : "";
        return;
      }
      status.textContent = text("loading");
      load().then(function (module) {
        return module.debouncedSearch(query);
      }).then(function (found) {
        if (found === null) return; // a newer query replaced this one
        return Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (results) {
            if (input.value.trim() !== query) return;
            show(results);
            status.textContent = results.length ? found.results.length + " " + text("results") : text("none");
          });
      }).catch(function () {
        status.textContent = text("offline");
      });
    }

    toggle.addEventListener("click", function () { panel.hidden ? open() : shut(); });
    close.addEventListener("click", shut);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") shut();
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target && event.target.tagName) || "");
      if (event.key === "/" && !typing && panel.hidden) {
        event.preventDefault();
        open();
      }
    });
  }

  document.querySelectorAll("[data-teia-search]").forEach(setup);
})();
