/* Search of the offline bundle, for pages opened from file:// (loaded only there; see main.html).
 *
 * Pagefind fetches its index, which browsers block on file://. Here the index of the page's language is
 * a script, assets/offline/search-<lang>.js (teiaguide/offline_search.py), loaded with the Snowball
 * stemmers (npm snowball-stemmers) the first time the reader types. The query is stemmed with the same
 * algorithm as the index was, so «установкой» finds «установки». search.js uses this object in place of
 * Pagefind's module: search(query) answers in Pagefind's shape ({results: [{data()}]}).
 */
(function () {
  "use strict";

  var MAX_EXCERPT_WORDS = 24;
  var WORDS_BEFORE = 6;                 // of the first match, in the excerpt
  var WORD = /[\p{L}\p{N}]+/gu;         // as teiaguide/offline_search.py splits words

  function words(text) {
    return (String(text).toLowerCase().replace(/ё/g, "е").match(WORD)) || [];
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
  }

  function Engine(index, siteRoot) {
    var factory = window.snowballFactory;
    var stemmer = index.stemmer && factory && factory.algorithms().indexOf(index.stemmer) >= 0
      ? factory.newStemmer(index.stemmer) : null;
    var cache = {};
    var keys = Object.keys(index.terms);          // sorted by the build: prefixes are found by bisection
    var total = index.docs.length;
    var averageLength = index.docs.reduce(function (sum, doc) { return sum + doc[4]; }, 0) / Math.max(1, total);

    /* BM25: a word that is rare in the guide counts more, and a long section (a table of every record)
     * does not win by length alone */
    function relevance(weight, doc, idf) {
      var k1 = 1.2, b = 0.75;
      return idf * weight * (k1 + 1) / (weight + k1 * (1 - b + b * index.docs[doc][4] / averageLength));
    }

    function stem(word) {
      if (!(word in cache)) { cache[word] = stemmer ? stemmer.stem(word) : word; }
      return cache[word];
    }

    /* the index terms a query word matches: its stem, and for the word being typed (the last one) every
     * term that starts with it or with its stem, and a stem that the unfinished word goes beyond
     * ("activit" -> "activ", the stem of "activity") */
    function termsFor(word, typing) {
      var own = stem(word);
      var found = index.terms[own] ? [own] : [];
      if (!typing) { return found; }
      // only when the word is not complete (its own stem is not in the index)
      for (var length = found.length ? 0 : word.length - 1; length >= Math.max(3, word.length - 3); length--) {
        var shorter = word.slice(0, length);
        if (index.terms[shorter] && found.indexOf(shorter) < 0) { found.push(shorter); }
      }
      [own, word].forEach(function (prefix) {
        var low = 0, high = keys.length;
        while (low < high) { var mid = (low + high) >> 1; if (keys[mid] < prefix) { low = mid + 1; } else { high = mid; } }
        for (var i = low; i < keys.length && keys[i].lastIndexOf(prefix, 0) === 0; i++) {
          if (found.indexOf(keys[i]) < 0) { found.push(keys[i]); }
        }
      });
      return found;
    }

    /* "…words around the first match…" as escaped HTML with <mark> around the matched words */
    function excerpt(text, matched) {
      var parts = text.split(/(\s+)/);
      var first = -1;
      for (var i = 0; i < parts.length && first < 0; i += 2) {
        if (words(parts[i]).some(function (w) { return matched[stem(w)]; })) { first = i; }
      }
      var start = Math.max(0, first - WORDS_BEFORE * 2);     // parts alternate: word, space, word…
      var out = [];
      for (var j = start; j < parts.length && out.length < MAX_EXCERPT_WORDS * 2; j++) {
        var piece = escapeHtml(parts[j]);
        var hit = j % 2 === 0 && words(parts[j]).some(function (w) { return matched[stem(w)]; });
        out.push(hit ? "<mark>" + piece + "</mark>" : piece);
      }
      return (start > 0 ? "… " : "") + out.join("") + (j < parts.length ? " …" : "");
    }

    this.search = function (query) {
      var list = words(query);
      var scores = null;
      var matched = {};
      list.forEach(function (word, position) {
        var terms = termsFor(word, position === list.length - 1);
        var these = {};
        terms.forEach(function (term) {
          matched[term] = true;
          var postings = index.terms[term];
          var idf = Math.log(1 + total / (postings.length / 2));
          for (var k = 0; k < postings.length; k += 2) {
            var score = relevance(postings[k + 1], postings[k], idf);
            if (!(postings[k] in these) || these[postings[k]] < score) { these[postings[k]] = score; }
          }
        });
        if (scores === null) { scores = these; return; }
        var both = {};                            // every word of the query must occur
        Object.keys(scores).forEach(function (doc) { if (doc in these) { both[doc] = scores[doc] + these[doc]; } });
        scores = both;
      });
      var ranked = Object.keys(scores || {}).sort(function (a, b) { return scores[b] - scores[a]; });
      return {
        results: ranked.map(function (doc) {
          var entry = index.docs[doc];
          return {
            data: function () {
              return Promise.resolve({
                url: new URL(entry[0], siteRoot).href,
                meta: { title: entry[2] ? entry[1] + " › " + entry[2] : entry[1] },
                excerpt: excerpt(entry[3], matched)
              });
            }
          };
        })
      };
    };
  }

  var loaded = {};

  window.teiaOfflineSearch = {
    /* -> Promise of an object with Pagefind's debouncedSearch(query); loaded once per language */
    load: function (siteRoot, lang) {
      return loaded[lang] || (loaded[lang] = Promise.all([
        window.snowballFactory ? null : script(new URL("assets/offline/snowball-stemmers.js", siteRoot).href),
        script(new URL("assets/offline/search-" + lang + ".js", siteRoot).href)
      ]).then(function () {
        var engine = new Engine(window.teiaSearchIndex[lang], siteRoot);
        return { debouncedSearch: function (query) { return Promise.resolve(engine.search(query)); } };
      }));
    }
  };

  // Load the index as soon as the search box is opened (a local file: no cost to anyone), so that the
  // first query is answered while the reader types rather than after the index has been read.
  document.querySelectorAll("[data-teia-search]").forEach(function (box) {
    var input = box.querySelector(".teia-search__input");
    var warm = function () {
      window.teiaOfflineSearch.load(new URL(box.getAttribute("data-site-root"), window.location.href),
                                    document.documentElement.lang).catch(function () { /* search.js reports it */ });
    };
    if (input) { input.addEventListener("focus", warm, { once: true }); }
  });
})();
