/* Search box of the guide, on Pagefind's JavaScript API.
 *
 * Nothing is downloaded until the reader types: then pagefind.js loads the index of the page's own
 * language (Pagefind picks it from <html lang>), fetching only the index chunks the query needs.
 * Russian queries are stemmed (Snowball), so «аварией» finds «авария».
 *
 * Each page found links to the page and to its best-matching sections (Pagefind's sub-results, headings
 * with an id). Every link carries the words Pagefind matched (?highlight=…); on arrival the target page
 * marks them with Pagefind's own highlighter (pagefind-highlight.js, loaded only then).
 * Keyboard: arrows move between the box and the results, Enter opens, Escape closes, Ctrl/⌘-K opens.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var PAGE_SIZE = 10;             // results shown at first and added by "show more"
  var SECTIONS = 3;               // section links under a page found
  var HIGHLIGHT = "highlight";    // URL parameter with the words to mark on the target page
  var MAX_WORDS = 12;

  /* The form of a message for a count ("one: {count} результат; few: …; many: …; other: …", data/ui.yml),
   * by the browser tools' shared helper (tools.js, loaded first on every page). */
  function plural(forms, count, locale) {
    return window.teiaTools.plural(forms, count, locale);
  }
  window.teiaPlural = plural;        // the search's counts, for the tests

  function siteRootOf(root) {
    return new URL(root.getAttribute("data-site-root"), window.location.href);
  }

  /* The words Pagefind marked in the excerpts of a result (the forms that occur on the page, «аварии»
   * for the query «аварией») and the query's own words. */
  function matchedWords(query, excerpts) {
    var words = query.toLowerCase().split(/\s+/);
    var holder = document.createElement("div");
    excerpts.forEach(function (excerpt) {
      holder.innerHTML = excerpt;
      holder.querySelectorAll("mark").forEach(function (mark) {
        words.push(mark.textContent.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
      });
    });
    return words.filter(function (word, index) {
      return word.length >= MIN_LENGTH && words.indexOf(word) === index;
    }).slice(0, MAX_WORDS);
  }

  function withHighlight(url, words) {
    var target = new URL(url, window.location.href);
    words.forEach(function (word) { target.searchParams.append(HIGHLIGHT, word); });
    return target.href;
  }

  function resultLink(href, title, excerpt, className) {
    var link = document.createElement("a");
    link.href = href;
    link.className = className;
    var heading = document.createElement("span");
    heading.className = "teia-search__title";
    heading.textContent = title;
    var text = document.createElement("span");
    text.className = "teia-search__excerpt";
    // Pagefind's excerpt is escaped text with <mark> around the matched words
    text.innerHTML = excerpt;
    link.appendChild(heading);
    link.appendChild(text);
    return link;
  }

  /* The sections of a page that match best (most weight), in the order they come in the page: headings
   * h2-h6 with an id, not the page's own title (h1), which the page link already is. */
  function bestSections(data) {
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.anchor && /^h[2-6]$/i.test(sub.anchor.element) && sub.url.indexOf("#") > 0;
    });
    function weight(sub) {
      return (sub.weighted_locations || []).reduce(function (sum, place) { return sum + place.weight; }, 0);
    }
    return sections.slice().sort(function (a, b) { return weight(b) - weight(a); })
      .slice(0, SECTIONS)
      .sort(function (a, b) { return sections.indexOf(a) - sections.indexOf(b); });
  }

  function resultItem(data, query) {
    var sections = bestSections(data);
    var words = matchedWords(query, [data.excerpt].concat(sections.map(function (sub) { return sub.excerpt; })));
    var item = document.createElement("li");
    item.appendChild(resultLink(withHighlight(data.url, words), (data.meta && data.meta.title) || data.url,
                                data.excerpt, "teia-search__link"));
    if (sections.length) {
      var list = document.createElement("ul");
      list.className = "teia-search__sections";
      sections.forEach(function (sub) {
        var entry = document.createElement("li");
        entry.appendChild(resultLink(withHighlight(sub.url, words), sub.title, sub.excerpt,
                                     "teia-search__link teia-search__link--section"));
        list.appendChild(entry);
      });
      item.appendChild(list);
    }
    return item;
  }

  function setup(root) {
    var toggle = root.querySelector(".teia-search__toggle");
    var panel = root.querySelector(".teia-search__panel");
    var form = root.querySelector("[data-teia-search-form]");
    var input = root.querySelector(".teia-search__input");
    var close = root.querySelector("[data-teia-search-close]");
    var more = root.querySelector("[data-teia-search-more]");
    var status = root.querySelector(".teia-search__status");
    var list = root.querySelector(".teia-search__results");
    var siteRoot = siteRootOf(root);
    var locale = document.documentElement.lang || undefined;
    var pagefind = null;
    var timer = null;
    var found = [];             // every result of the current query (data loaded page by page)
    var shown = 0;
    var shownQuery = "";

    function text(name) { return root.getAttribute("data-" + name) || ""; }

    function open() {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      input.focus();
      input.select();
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
        pagefind.catch(function () { pagefind = null; });    // offline for a moment: try again next time
      }
      return pagefind;
    }

    function updateMore() {
      var left = found.length - shown;
      more.hidden = left <= 0;
      more.disabled = false;
      if (left > 0) more.textContent = plural(text("more"), Math.min(left, PAGE_SIZE), locale);
    }

    /* The next PAGE_SIZE results (one fragment request each); returns the first new link. */
    function showNext(query) {
      var batch = found.slice(shown, shown + PAGE_SIZE);
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (results) {
        if (input.value.trim() !== query || shownQuery !== query) return null;
        var first = null;
        results.forEach(function (data) {
          var item = resultItem(data, query);
          first = first || item.querySelector("a");
          list.appendChild(item);
        });
        shown += batch.length;
        updateMore();
        return first;
      });
    }

    function search() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        list.textContent = "";
        found = [];
        shown = 0;
        updateMore();
        status.textContent = query ? text("hint") : "";
        return;
      }
      status.textContent = text("loading");
      load().then(function (module) {
        return module.debouncedSearch(query);
      }).then(function (response) {
        if (response === null || input.value.trim() !== query) return; // a newer query replaced this one
        list.textContent = "";
        found = response.results;
        shown = 0;
        shownQuery = query;
        return showNext(query).then(function () {
          if (input.value.trim() !== query) return;
          status.textContent = found.length ? plural(text("results"), found.length, locale) : text("none");
        });
      }).catch(function () {
        status.textContent = text("offline");
      });
    }

    /* Arrow keys: from the box into the results and back, through every link and the "more" button. */
    function move(step) {
      var stops = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
      if (!more.hidden) stops.push(more);
      var index = stops.indexOf(document.activeElement);
      var next = stops[Math.max(0, Math.min(stops.length - 1, index + step))];
      if (next) next.focus();
    }

    toggle.addEventListener("click", function () { panel.hidden ? open() : shut(); });
    close.addEventListener("click", shut);
    more.addEventListener("click", function () {
      if (more.disabled) return;
      more.disabled = true;             // one batch at a time, or a double click would list it twice
      showNext(shownQuery).then(function (first) {
        if (first) first.focus();
      }).catch(function () {
        more.disabled = false;
        status.textContent = text("offline");
      });
    });
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
      if (event.key === "Escape") {
        shut();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        move(event.key === "ArrowDown" ? 1 : -1);
      }
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target && event.target.tagName) || "");
      // Ctrl/⌘-K by the key's place, so that it also works with a Russian keyboard layout («л»)
      var commandK = (event.ctrlKey || event.metaKey) && !event.altKey && (event.code === "KeyK" || event.key === "k");
      if (commandK || (event.key === "/" && !typing && panel.hidden)) {
        event.preventDefault();
        open();
      }
    });
  }

  /* On a page reached from a result: mark the words it carries in ?highlight=…, with Pagefind's own
   * highlighter (mark.js inside), loaded only on such a page. Not in the offline bundle (file://): it has
   * no Pagefind, and browsers refuse to import a module from a file there (an error in the console). */
  function highlightArrival() {
    var root = document.querySelector("[data-teia-search]");
    if (!root || window.location.protocol === "file:" || !new URLSearchParams(window.location.search).has(HIGHLIGHT)) return;
    import(new URL("pagefind/pagefind-highlight.js", siteRootOf(root)).href).then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      new Highlight({
        highlightParam: HIGHLIGHT,
        addStyles: false,                         // search.css styles the marks (both colour schemes)
        markOptions: {
          className: "teia-search-highlight",
          exclude: [".headerlink", "[data-pagefind-ignore]", "[data-pagefind-ignore] *"],
        },
      });
      var first = document.querySelector("mark.teia-search-highlight");
      if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
    }).catch(function () { /* the page reads as well without marks */ });
  }

  document.querySelectorAll("[data-teia-search]").forEach(setup);
  highlightArrival();
})();
