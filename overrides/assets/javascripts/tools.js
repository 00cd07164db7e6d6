/* Shared helpers of the browser tools (the Annex I calculator, the notification form, the self-assessment),
 * loaded before them: building elements, message templates, numbers, dates and plural forms in the page's
 * locale, saving a form's entries in this browser, loading a tool's data (also from file://) and starting
 * a tool.
 * Everything a reader types is read as text (textContent, never innerHTML). Exposed as window.teiaTools;
 * does nothing by itself.
 */
(function () {
  "use strict";

  /* <tag attrs...>children</tag>; attrs.text sets the text, attrs.className the class; null/false skip */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; }
      else if (name === "className") { node.className = value; }
      else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* "Saved as {file}." + {file: "a.json"} -> "Saved as a.json." (unknown placeholders stay) */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // --- plural forms ----------------------------------------------------------------------------------

  /* forms: "one: {count} row; few: {count} строки; many: …; other: …" (data/ui.yml); Intl.PluralRules picks */
  function plural(forms, count, locale) {
    var table = {};
    String(forms).split(";").forEach(function (part) {
      var at = part.indexOf(":");
      if (at > 0) { table[part.slice(0, at).trim()] = part.slice(at + 1).trim(); }
    });
    var rules = formatters["plural|" + locale] || (formatters["plural|" + locale] = new Intl.PluralRules(locale));
    var category = rules.select(count);
    var text = table[category] || table.other || "";
    return fill(text, { count: formatNumber(count, locale) });
  }

  // --- numbers ---------------------------------------------------------------------------------------

  var formatters = {};     // building an Intl formatter is slow; a form may format thousands of numbers

  function formatNumber(value, locale, digits) {
    var key = locale + "|" + (digits === undefined ? 3 : digits);
    if (!formatters[key]) {
      formatters[key] = new Intl.NumberFormat(locale, { maximumFractionDigits: digits === undefined ? 3 : digits });
    }
    return formatters[key].format(value);
  }

  /* the locale's decimal sign and group separator, as Intl writes them ("," and "\u00a0" in Russian) */
  function separators(locale) {
    if (formatters["separators|" + locale]) { return formatters["separators|" + locale]; }
    var parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    var pick = function (type) { return (parts.filter(function (p) { return p.type === type; })[0] || {}).value; };
    formatters["separators|" + locale] = { decimal: pick("decimal") || ".", group: pick("group") || "," };
    return formatters["separators|" + locale];
  }

  var SPACES = /[\s\u00a0\u202f\u2009\u2007']/g;   // spaces of every width and the apostrophe group a number

  function groupsAreValid(integer, sign) {
    // 1,250 / 12,500,000: one to three digits, then groups of exactly three, no leading zero
    var parts = integer.split(sign);
    if (parts.length < 2 || !/^[1-9]\d{0,2}$/.test(parts[0])) { return false; }
    return parts.slice(1).every(function (part) { return /^\d{3}$/.test(part); });
  }

  /* One number as a reader of `locale` writes it. Returns {value} or {error: "invalid"|"ambiguous",
   * readings: [a, b]}. Spaces always group. A sign that is the locale's decimal sign is decimal; the
   * locale's group sign in valid groups of three groups; a sign the locale does not use ("1.250" on a
   * Russian page) that could group or be decimal is ambiguous: the reader is asked, never guessed for. */
  function parseNumber(text, locale) {
    var raw = String(text).replace(SPACES, "");
    if (!/^\d[\d.,]*$|^[.,]\d+$/.test(raw)) { return { error: "invalid" }; }
    var sep = separators(locale);
    var decimal = sep.decimal;
    var group = /\s/.test(sep.group) || sep.group === "\u00a0" || sep.group === "\u202f" ? null : sep.group;
    var signs = raw.replace(/\d/g, "");
    var kinds = signs.split("").filter(function (c, i, all) { return all.indexOf(c) === i; });
    var number = function (integer, fraction) {
      return Number(integer.replace(/[.,]/g, "") + (fraction ? "." + fraction : ""));
    };
    if (!kinds.length) { return { value: Number(raw) }; }
    if (kinds.length === 2) {
      // "1,250.5" or "1.250,5": the last sign is the decimal one, once; the other groups
      var last = raw.charAt(raw.search(/[.,][^.,]*$/));
      var at = raw.lastIndexOf(last);
      var integer = raw.slice(0, at);
      if (raw.split(last).length !== 2 || !groupsAreValid(integer, last === "," ? "." : ",")) { return { error: "invalid" }; }
      return { value: number(integer, raw.slice(at + 1)) };
    }
    var mark = kinds[0];
    var count = raw.split(mark).length - 1;
    if (count > 1) {
      return groupsAreValid(raw, mark) ? { value: number(raw) } : { error: "invalid" };
    }
    var pieces = raw.split(mark);
    if (mark === decimal) { return { value: number(pieces[0] || "0", pieces[1]) }; }
    var couldGroup = groupsAreValid(raw, mark);
    if (!couldGroup) { return pieces[1] ? { value: number(pieces[0] || "0", pieces[1]) } : { error: "invalid" }; }
    if (mark === group) { return { value: number(raw) }; }
    return { error: "ambiguous", readings: [number(raw), number(pieces[0], pieces[1])] };
  }

  /* A quantity with an optional unit: "1 250,5", "25 т", "800 kg". units: [{factor_t, names}] (annex1.json).
   * Returns {tonnes, unit} or {error, ...} with error one of: empty, too_long, invalid, ambiguous (readings
   * in tonnes), unit (the unknown unit), negative, absurd (over limits.max_tonnes). */
  function parseQuantity(text, locale, units, limits) {
    var clean = String(text === null || text === undefined ? "" : text).trim();
    if (!clean) { return { error: "empty" }; }
    if (clean.length > limits.quantity_chars) { return { error: "too_long", max: limits.quantity_chars }; }
    if (/^[-\u2212]/.test(clean)) { return { error: "negative" }; }
    var match = /^([\d\s\u00a0\u202f\u2009\u2007'.,]*\d[\d\s\u00a0\u202f\u2009\u2007'.,]*?)\s*([^\d\s.,][^\d]*)?$/.exec(clean);
    if (!match) { return { error: "invalid" }; }
    var factor = 1, unit = "";
    if (match[2]) {
      unit = match[2].trim().toLowerCase().replace(/\.$/, "");
      var found = units.filter(function (u) {
        return u.names.some(function (name) { return name.toLowerCase() === unit; });
      })[0];
      if (!found) { return { error: "unit", unit: match[2].trim() }; }
      factor = found.factor_t;
    }
    var read = parseNumber(match[1].trim(), locale);
    if (read.error === "ambiguous") {
      return { error: "ambiguous", readings: read.readings.map(function (v) { return v * factor; }) };
    }
    if (read.error || !isFinite(read.value)) { return { error: "invalid" }; }
    var tonnes = read.value * factor;
    if (tonnes > limits.max_tonnes) { return { error: "absurd", tonnes: tonnes, max: limits.max_tonnes }; }
    return { tonnes: tonnes, unit: unit, factor: factor };
  }

  // --- dates -----------------------------------------------------------------------------------------

  /* "2 December 2026" / "2 декабря 2026 г.", as the guide writes dates */
  function formatDate(date, locale) {
    return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(date);
  }

  function formatTime(date, locale) {
    return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(date);
  }

  function isoDate(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  // --- saving a form's entries in this browser -------------------------------------------------------

  /* A versioned, per-language slot in localStorage: load() -> {saved_at, data} or null; save(data) ->
   * true, or false when the browser refuses (private mode, quota); clear(). */
  function store(key) {
    function storage() {
      try { return window.localStorage; } catch (err) { return null; }
    }
    return {
      key: key,
      load: function () {
        var box = storage();
        if (!box) { return null; }
        try {
          var raw = box.getItem(key);
          var parsed = raw ? JSON.parse(raw) : null;
          return parsed && typeof parsed === "object" && parsed.data && typeof parsed.data === "object" ? parsed : null;
        } catch (err) { return null; }
      },
      save: function (data) {
        var box = storage();
        if (!box) { return false; }
        try { box.setItem(key, JSON.stringify({ saved_at: new Date().toISOString(), data: data })); return true; }
        catch (err) { return false; }
      },
      clear: function () {
        var box = storage();
        if (box) { try { box.removeItem(key); } catch (err) { /* nothing to remove */ } }
      }
    };
  }

  /* The visible "saved" line and the "clear" button of a form. texts: tools_* strings of data/ui.yml.
   * While the browser refuses to save, leaving the page with changes asks first (the only case in which
   * entries would be lost: with autosave a reload or Back brings them back). */
  function saveStatus(texts, locale, onClear) {
    var line = el("span", { className: "teia-autosave__state", role: "status", "aria-live": "polite" });
    var clear = el("button", { type: "button", className: "teia-autosave__clear", text: texts.tools_clear });
    var box = el("p", { className: "teia-autosave teia-noprint" }, [line, " ", clear]);
    var unsaved = false;
    window.addEventListener("beforeunload", function (event) {
      if (unsaved) { event.preventDefault(); event.returnValue = ""; }
    });
    clear.addEventListener("click", function () { onClear(); unsaved = false; line.textContent = texts.tools_cleared; });
    return {
      element: box,
      saved: function (ok) {
        unsaved = !ok;
        line.textContent = ok ? fill(texts.tools_saved, { time: formatTime(new Date(), locale) }) : texts.tools_not_saved;
        box.setAttribute("data-state", ok ? "saved" : "unsaved");
      },
      restored: function (savedAt) {
        var when = savedAt ? new Date(savedAt) : null;
        line.textContent = fill(texts.tools_restored, { date: when && !isNaN(when) ? formatDate(when, locale) + ", " + formatTime(when, locale) : "" });
        box.setAttribute("data-state", "restored");
      }
    };
  }

  // --- the data a tool loads ----------------------------------------------------------------------

  /* The JSON a tool needs (url relative to the page) -> Promise of the data. Over http(s) it is fetched.
   * A page opened from file:// (the offline bundle) may not fetch local files, but may load scripts: there
   * the same data comes from <name>.data.js next to the JSON, which stores it in window.teiaData under the
   * JSON's path below the language's root, e.g. "calculator/annex1.json" (teiaguide/browser_data.py). */
  function loadData(url) {
    var address = new URL(url, window.location.href);
    if (address.protocol !== "file:") {
      return fetch(address.href).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      });
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = address.href.replace(/\.json$/, ".data.js");
      script.onload = function () {
        var data = window.teiaData || {};
        var key = Object.keys(data).filter(function (path) {
          return address.pathname.slice(-path.length - 1) === "/" + path;
        })[0];
        if (key) { resolve(data[key]); } else { reject(new Error("no data in " + script.src)); }
      };
      script.onerror = function () { reject(new Error("could not load " + script.src)); };
      document.head.appendChild(script);
    });
  }

  /* Start a tool once the page is parsed and only once: its root element (`selector`), its data loaded from
   * the URL in the root's attribute `source`, then setup(root, data). Only a failed load goes to
   * loadFailed(root): an error of the tool itself is not caught, so that it shows in the console (and fails
   * the browser tests). A page without the root is left alone. */
  function startTool(selector, source, setup, loadFailed) {
    function start() {
      var root = document.querySelector(selector);
      if (!root || root.dataset.teiaStarted) { return; }
      root.dataset.teiaStarted = "1";
      loadData(root.getAttribute(source)).then(function (data) { setup(root, data); },
                                               function () { if (loadFailed) { loadFailed(root); } });
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
    else { start(); }
  }

  window.teiaTools = {
    el: el, loadData: loadData, startTool: startTool, fill: fill, plural: plural,
    formatNumber: formatNumber, parseNumber: parseNumber, parseQuantity: parseQuantity, separators: separators,
    formatDate: formatDate, formatTime: formatTime, isoDate: isoDate,
    store: store, saveStatus: saveStatus
  };
})();
