/* Annex I identification calculator (calculator/index.md).
 *
 * Reads calculator/annex1.json next to the page and builds the form inside [data-teia-calc]. The rules
 * below are a line-by-line mirror of teiaguide/annex1_logic.py (the specification); the tests run both
 * on the same cases. Does nothing on pages without [data-teia-calc]; without JavaScript the page shows
 * the full Annex I tables instead.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "teia.calculator.result";   // read by the notification form

  // --- rules: mirror of teiaguide/annex1_logic.py --------------------------------------------------

  var RULE_VERIFICATION = {
    named: null, named_over_category: "verified", category: null,
    lowest_category: "UNVERIFIED", unknown: null, no_quantity: null
  };
  var SETTLED_TAGS = ["verified", "single_source"];

  function usableQuantity(quantity) {
    return typeof quantity === "number" && isFinite(quantity) && quantity >= 0;
  }

  function notAssessed(rule) {
    return { rule: rule, entry: null, threshold_t: null, ratio: null, reached: false,
             verification: null, rule_verification: null };
  }

  function assessRow(row, table) {
    if (!usableQuantity(row.quantity_t)) { return notAssessed("no_quantity"); }
    var named = row.substance && table.substances[row.substance] ? table.substances[row.substance] : null;
    var categories = (row.categories || []).filter(function (id) { return table.categories[id]; })
      .map(function (id) { return table.categories[id]; });
    var rule, entry;
    if (named) {
      rule = categories.length ? "named_over_category" : "named";
      entry = named;
    } else if (categories.length) {
      rule = categories.length > 1 ? "lowest_category" : "category";
      entry = categories[0];          // lowest threshold; on a tie the first given, like Python's min()
      categories.forEach(function (cat) { if (cat.threshold_t < entry.threshold_t) { entry = cat; } });
    } else {
      return notAssessed("unknown");
    }
    var ratio = row.quantity_t / entry.threshold_t;
    return { rule: rule, entry: entry.id, threshold_t: entry.threshold_t, ratio: ratio, reached: ratio >= 1,
             verification: entry.verification, rule_verification: RULE_VERIFICATION[rule] };
  }

  function isSettled(result) {
    return SETTLED_TAGS.indexOf(result.verification) >= 0 &&
      (result.rule_verification === null || result.rule_verification === "verified");
  }

  function assess(rows, table) {
    var results = rows.map(function (row) { return assessRow(row, table); });
    var assessed = results.filter(function (r) { return r.ratio !== null; });
    var total = 0;
    assessed.forEach(function (r) { total += r.ratio; });   // left to right, as in Python
    return {
      rows: results,
      verdict: assessed.some(function (r) { return r.reached; }),
      verdict_settled: assessed.some(function (r) { return r.reached && isSettled(r); }),
      sum_of_ratios: total,
      sum_reaches_one: total >= 1,
      unassessed: results.length - assessed.length,
      unsettled: assessed.filter(function (r) { return !isSettled(r); }).length
    };
  }

  function normalise(text) {
    return String(text || "").trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
  }

  function findSubstance(query, substances) {
    var wanted = normalise(query);
    if (!wanted) { return null; }
    for (var i = 0; i < substances.length; i++) {
      var item = substances[i];
      var keys = [item.label.en, item.label.ru].concat(item.cas || [], item.options || []).map(normalise);
      if (keys.indexOf(wanted) >= 0) { return item.id; }
    }
    return null;
  }

  function tableFromVersion(version) {
    var table = { version: version.id, categories: {}, substances: {} };
    version.categories.forEach(function (item) { table.categories[item.id] = item; });
    version.substances.forEach(function (item) { table.substances[item.id] = item; });
    return table;
  }


  // --- page --------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; } else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* "12,5" or "12.5" or "1 250" -> number; "" -> null; anything else -> NaN */
  function parseQuantity(text) {
    var clean = String(text || "").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    if (!clean) { return null; }
    return /^(\d+\.?\d*|\.\d+)$/.test(clean) ? Number(clean) : NaN;
  }

  function setup(root, data) {
    var lang = data.lang;
    var ui = data.ui;
    var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 3 });
    var versionId = data.default_version;
    var rowSeq = 0;
    var lastResult = null;

    function version() { return data.versions.filter(function (v) { return v.id === versionId; })[0]; }
    function table() { return tableFromVersion(version()); }
    function label(item) { return item.label[lang]; }
    function mark(tag) {
      var text = ui["verification_" + tag];
      return SETTLED_TAGS.indexOf(tag) >= 0 ? text : "⚠ " + text;
    }
    function fmt(value) { return numbers.format(value); }

    // form ------------------------------------------------------------------------------------------
    var datalist = el("datalist", { id: "teia-calc-substances" });
    var versionBox = el("fieldset", { "class": "teia-calc__version" }, [el("legend", { text: ui.calc_version_legend })]);
    data.versions.forEach(function (v) {
      var input = el("input", { type: "radio", name: "teia-calc-version", value: v.id, id: "teia-calc-version-" + v.id });
      input.checked = v.id === versionId;
      input.addEventListener("change", function () { if (input.checked) { switchVersion(v.id); } });
      versionBox.appendChild(el("span", { "class": "teia-calc__choice" },
        [input, " ", el("label", { "for": input.id, text: v.label })]));
    });
    var hint = el("p", { id: "teia-calc-hint", "class": "teia-calc__hint", text: ui.calc_substance_hint });
    var rows = el("div", { "class": "teia-calc__rows" });
    var addButton = el("button", { type: "button", "class": "md-button", text: ui.calc_add });
    var checkButton = el("button", { type: "submit", "class": "md-button md-button--primary", text: ui.calc_check });
    var form = el("form", { "class": "teia-calc__form", "aria-label": ui.calc_form_label, novalidate: true },
      [versionBox, hint, rows, el("p", { "class": "teia-calc__buttons" }, [addButton, " ", checkButton])]);

    // result ----------------------------------------------------------------------------------------
    var status = el("div", { "class": "teia-calc__verdict", role: "status", "aria-live": "polite", "data-verdict": "" });
    var resultBody = el("tbody");
    var headers = ["calc_col_substance", "calc_col_quantity", "calc_col_threshold", "calc_col_ratio",
                   "calc_col_reached", "calc_col_rule", "calc_col_verification"];
    var resultTable = el("table", { "class": "teia-calc__table" }, [
      el("caption", { text: ui.calc_result_caption }),
      el("thead", {}, [el("tr", {}, headers.map(function (key) { return el("th", { scope: "col", text: ui[key] }); }))]),
      resultBody
    ]);
    var checkedOn = el("p", { "class": "teia-calc__date" });
    var sumLine = el("p", { "class": "teia-calc__sum", "data-sum": "" });
    var printButton = el("button", { type: "button", "class": "md-button", text: ui.calc_print });
    var carryButton = el("button", { type: "button", "class": "md-button", text: ui.calc_carry });
    var carryStatus = el("p", { "class": "teia-calc__carry-status", role: "status" });
    var output = el("div", { "class": "teia-calc__output", hidden: true }, [
      checkedOn, el("div", { "class": "teia-calc__scroll" }, [resultTable]), sumLine,
      el("p", { "class": "teia-calc__actions" }, [printButton, " ", carryButton]), carryStatus
    ]);

    root.appendChild(form);
    root.appendChild(datalist);
    root.appendChild(status);
    root.appendChild(output);

    function fillDatalist() {
      datalist.textContent = "";
      version().substances.forEach(function (item) {
        datalist.appendChild(el("option", { value: item.options[lang === "ru" ? 1 : 0] }));
      });
    }

    function categoryBoxes(row) {
      var box = row.querySelector("[data-categories]");
      box.textContent = "";
      box.appendChild(el("legend", { text: ui.calc_categories_label }));
      version().categories.forEach(function (cat) {
        var id = row.id + "-cat-" + cat.id;
        var input = el("input", { type: "checkbox", value: cat.id, id: id });
        input.addEventListener("change", function () { countTicks(row); });
        box.appendChild(el("div", { "class": "teia-calc__category" }, [input, " ", el("label", { "for": id,
          text: (cat.no ? cat.no + ". " : "") + label(cat) + " — " + fmt(cat.threshold_t) + " " + ui.calc_tonnes_abbr +
            (cat.settled ? "" : " (⚠ " + ui.calc_not_confirmed + ")") +
            (cat.presence_verification ? " (⚠ " + ui.calc_presence_unverified + ")" : "") })]));
      });
      countTicks(row);
    }

    function countTicks(row) {
      var count = row.querySelectorAll("[data-categories] input:checked").length;
      row.querySelector("[data-ticked]").textContent = " (" + ui.calc_categories_selected + ": " + count + ")";
    }

    function showMatch(row) {
      var text = row.querySelector("[data-substance]").value;
      var match = row.querySelector("[data-match]");
      var id = findSubstance(text, version().substances);
      if (id) {
        var item = table().substances[id];
        match.textContent = ui.calc_match_named + " " + label(item) + " — " + fmt(item.threshold_t) + " " + ui.calc_tonnes_abbr;
      } else {
        match.textContent = normalise(text) ? ui.calc_match_none : "";
      }
    }

    function renumber() {
      Array.prototype.forEach.call(rows.children, function (row, index) {
        var title = ui.calc_row_legend + " " + (index + 1);
        row.querySelector("legend").textContent = title;
        row.querySelector("[data-remove]").setAttribute("aria-label", ui.calc_remove + ": " + title);
      });
    }

    function addRow() {
      rowSeq += 1;
      var id = "teia-calc-row-" + rowSeq;
      var substance = el("input", { type: "text", id: id + "-substance", list: datalist.id, autocomplete: "off",
        "data-substance": "", "aria-describedby": "teia-calc-hint " + id + "-match" });
      var quantity = el("input", { type: "text", id: id + "-quantity", inputmode: "decimal", autocomplete: "off",
        "data-quantity": "", "aria-describedby": id + "-quantity-error" });
      var remove = el("button", { type: "button", "class": "md-button teia-calc__remove", "data-remove": "", text: ui.calc_remove });
      var row = el("fieldset", { "class": "teia-calc__row", id: id }, [
        el("legend", {}),
        el("p", {}, [el("label", { "for": substance.id, text: ui.calc_substance_label }), el("br"), substance]),
        el("p", { "class": "teia-calc__match", id: id + "-match", "data-match": "" }),
        el("details", { "class": "teia-calc__categories" }, [
          el("summary", {}, [ui.calc_categories_label, el("span", { "data-ticked": "" })]),
          el("fieldset", { "data-categories": "" })
        ]),
        el("p", {}, [el("label", { "for": quantity.id, text: ui.calc_quantity_label }), el("br"), quantity]),
        el("p", { "class": "teia-calc__error", id: id + "-quantity-error", "data-error": "" }),
        el("p", {}, [remove])
      ]);
      substance.addEventListener("input", function () { showMatch(row); });
      remove.addEventListener("click", function () {
        var next = row.nextElementSibling || row.previousElementSibling;
        rows.removeChild(row);
        if (!rows.children.length) { addRow(); } else { renumber(); }
        (next ? next.querySelector("[data-substance]") : addButton).focus();
      });
      rows.appendChild(row);
      categoryBoxes(row);
      renumber();
      return row;
    }

    function switchVersion(id) {
      versionId = id;
      fillDatalist();
      Array.prototype.forEach.call(rows.children, function (row) { categoryBoxes(row); showMatch(row); });
      clearResult();
    }

    function clearResult() {
      output.hidden = true;
      status.textContent = "";
      status.setAttribute("data-verdict", "");
      root.classList.remove("teia-calc--has-result");
      lastResult = null;
    }

    // reading the form ----------------------------------------------------------------------------------
    function readRows() {
      var list = [];
      var valid = true;
      Array.prototype.forEach.call(rows.children, function (row) {
        var substanceText = row.querySelector("[data-substance]").value;
        var quantityInput = row.querySelector("[data-quantity]");
        var error = row.querySelector("[data-error]");
        var quantity = parseQuantity(quantityInput.value);
        var bad = typeof quantity === "number" && isNaN(quantity);
        quantityInput.setAttribute("aria-invalid", bad ? "true" : "false");
        error.textContent = bad ? ui.calc_quantity_invalid : "";
        if (bad) { valid = false; }
        var categories = Array.prototype.map.call(row.querySelectorAll("[data-categories] input:checked"),
          function (input) { return input.value; });
        if (!normalise(substanceText) && !categories.length && quantity === null) { return; }  // empty row
        list.push({ substance: findSubstance(substanceText, version().substances), categories: categories,
                    quantity_t: bad ? null : quantity, typed: substanceText.trim(), row: row });
      });
      return { rows: list, valid: valid };
    }

    function rowName(input, result, tab) {
      var named = input.substance ? tab.substances[input.substance] : null;
      if (named) { return label(named); }
      var name = input.typed || ui.calc_unnamed;
      if (result.entry && tab.categories[result.entry]) {
        var cat = tab.categories[result.entry];
        name += " — " + ui.calc_part1_short + (cat.no ? ", " + cat.no : "") + ": " + label(cat);
      }
      return name;
    }

    function render(read) {
      var tab = table();
      var assessment = assess(read.rows, tab);
      resultBody.textContent = "";
      var carried = [];
      assessment.rows.forEach(function (result, index) {
        var input = read.rows[index];
        var named = input.substance ? tab.substances[input.substance] : null;
        var name = rowName(input, result, tab);
        var assessed = result.ratio !== null;
        var statusText = assessed ? mark(result.verification) : "";
        if (result.rule_verification === "UNVERIFIED") { statusText += (statusText ? "; " : "") + "⚠ " + ui.calc_not_confirmed; }
        var reached = assessed ? (result.reached ? ui.calc_yes : ui.calc_no) : ui.calc_not_assessed;
        var tr = el("tr", { "data-rule": result.rule, "data-entry": result.entry || "",
                            "data-ratio": assessed ? String(result.ratio) : "", "data-reached": String(result.reached),
                            "data-threshold": assessed ? String(result.threshold_t) : "",
                            "class": result.reached ? "teia-calc__reached" : null }, [
          el("th", { scope: "row", text: name }),
          el("td", { text: usableQuantity(input.quantity_t) ? fmt(input.quantity_t) : "—" }),
          el("td", { text: assessed ? fmt(result.threshold_t) : "—" }),
          el("td", { text: assessed ? fmt(result.ratio) : "—" }),
          el("td", {}, [result.reached ? el("strong", { text: reached }) : reached]),
          el("td", { text: ui["calc_rule_" + result.rule] }),
          el("td", { text: statusText })
        ]);
        resultBody.appendChild(tr);
        carried.push({
          name: name, cas: named && named.cas ? named.cas.join(", ") : "",
          quantity_t: usableQuantity(input.quantity_t) ? input.quantity_t : null,
          threshold_t: result.threshold_t, ratio: result.ratio, reached: result.reached,
          verification: result.rule_verification === "UNVERIFIED" ? "UNVERIFIED" : result.verification,
          rule: result.rule
        });
      });
      var today = new Date();
      var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
        String(today.getDate()).padStart(2, "0");
      checkedOn.textContent = ui.calc_checked_on + ": " +
        new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(today) + "; " + version().label;
      sumLine.textContent = ui.calc_sum_label + ": " + fmt(assessment.sum_of_ratios) + " (" +
        (assessment.sum_reaches_one ? ui.calc_sum_reaches : ui.calc_sum_below) + ").";
      sumLine.setAttribute("data-sum", String(assessment.sum_of_ratios));

      var parts = [assessment.verdict ? ui.calc_verdict_yes : ui.calc_verdict_no];
      if (assessment.verdict && !assessment.verdict_settled) { parts.push(ui.calc_verdict_unsettled); }
      if (assessment.unassessed) { parts.push(ui.calc_verdict_unassessed); }
      if (assessment.verdict) { parts.push(ui.calc_verdict_reminder); }
      status.textContent = "";
      status.appendChild(el("strong", { text: parts[0] }));
      if (parts.length > 1) { status.appendChild(document.createTextNode(" " + parts.slice(1).join(" "))); }
      status.setAttribute("data-verdict", assessment.verdict ? "yes" : "no");
      output.hidden = false;
      root.classList.add("teia-calc--has-result");
      carryStatus.textContent = "";
      lastResult = { substances: carried, verdict: assessment.verdict ? "yes" : "no", date: iso,
                     version: versionId, lang: lang, sum_of_ratios: assessment.sum_of_ratios };
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var read = readRows();
      if (!read.valid) {
        clearResult();
        var first = root.querySelector("[data-quantity][aria-invalid='true']");
        if (first) { first.focus(); }
        return;
      }
      render(read);
    });
    addButton.addEventListener("click", function () { addRow().querySelector("[data-substance]").focus(); });
    printButton.addEventListener("click", function () { window.print(); });
    carryButton.addEventListener("click", function () {
      if (!lastResult) { return; }
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(lastResult));
      } catch (err) {
        carryStatus.textContent = ui.calc_carry_failed;
        return;
      }
      window.location.href = new URL(root.getAttribute("data-form-url"), window.location.href).href;
    });

    fillDatalist();
    addRow();
    root.hidden = false;
    var nojs = document.querySelector("[data-teia-calc-nojs]");
    if (nojs) { nojs.hidden = true; }
    root.setAttribute("data-ready", "true");
  }

  function start() {
    var root = document.querySelector("[data-teia-calc]");
    if (!root || root.getAttribute("data-ready")) { return; }
    // the rules, for the tests (and for anyone who wants to reuse them in the console)
    window.teiaCalculator = { assess: assess, assessRow: assessRow, findSubstance: findSubstance,
                              tableFromVersion: tableFromVersion };
    fetch(new URL(root.getAttribute("data-src"), window.location.href).href)
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) { setup(root, data); })
      .catch(function () {
        var nojs = document.querySelector("[data-teia-calc-nojs]");
        if (nojs) { nojs.textContent = root.getAttribute("data-load-failed"); }
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
