/* Annex I identification calculator (calculator/index.md).
 *
 * Reads calculator/annex1.json next to the page and builds the form inside [data-teia-calc]. The rules
 * and the substance search below are a line-by-line mirror of teiaguide/annex1_logic.py (the
 * specification); the tests run both on the same cases. Their settings (which tags are settled, how sure
 * each rule is), the units, the limits and the storage keys come from annex1.json. Helpers shared with
 * the notification form are in tools.js (window.teiaTools). Does nothing on pages without
 * [data-teia-calc]; without JavaScript the page shows the full Annex I tables instead.
 */
(function () {
  "use strict";

  var T = window.teiaTools;
  var QUERY_LIMIT = 200;     // as annex1_logic.QUERY_LIMIT

  // --- rules: mirror of teiaguide/annex1_logic.py --------------------------------------------------

  function usableQuantity(quantity) {
    return typeof quantity === "number" && isFinite(quantity) && quantity >= 0;
  }

  function notAssessed(rule) {
    return { rule: rule, entry: null, threshold_t: null, ratio: null, reached: false,
             verification: null, rule_verification: null, presence: null };
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
             verification: entry.verification, rule_verification: table.rule_verification[rule],
             presence: entry.presence_verification || null };
  }

  function isFirm(tag, table) {
    return table.settled_tags.indexOf(tag) >= 0 || table.aligned_tags.indexOf(tag) >= 0;
  }

  function isSettled(result, table) {
    return isFirm(result.verification, table) &&
      (result.rule_verification === null || table.settled_tags.indexOf(result.rule_verification) >= 0) &&
      (result.presence === null || table.settled_tags.indexOf(result.presence) >= 0);
  }

  function assess(rows, table) {
    var results = rows.map(function (row) { return assessRow(row, table); });
    var assessed = results.filter(function (r) { return r.ratio !== null; });
    var total = 0;
    assessed.forEach(function (r) { total += r.ratio; });   // left to right, as in Python
    var verdict = assessed.some(function (r) { return r.reached; });
    return {
      rows: results,
      answer: verdict ? "yes" : (assessed.length < results.length || !results.length ? "cannot_tell" : "no"),
      verdict: verdict,
      verdict_settled: assessed.some(function (r) { return r.reached && isSettled(r, table); }),
      sum_of_ratios: total,
      sum_reaches_one: total >= 1,
      unassessed: results.length - assessed.length,
      unsettled: assessed.filter(function (r) { return !isSettled(r, table); }).length
    };
  }

  // --- substance search: mirror of annex1_logic.normalise / suggest / find_substance ------------------

  function normalise(text) {
    return String(text || "").slice(0, QUERY_LIMIT).toLowerCase().replace(/ё/g, "е")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function labelsOf(item) { return Object.keys(item.label).map(function (code) { return item.label[code]; }); }

  function optionTexts(labels, cas) {
    var number = cas && cas.length ? " — CAS " + cas.join(", ") : "";
    return labels.map(function (label) {
      return [label].concat(labels.filter(function (other) { return other !== label; })).join(" / ") + number;
    });
  }

  function keysOf(item) {
    if (!item.keys) {
      var texts = labelsOf(item).concat(item.synonyms || [], item.cas || [], optionTexts(labelsOf(item), item.cas));
      item.keys = texts.map(normalise).filter(Boolean);
    }
    return item.keys;
  }

  function matchRank(query, key) {
    if (key === query) { return 0; }
    if (key.indexOf(query) === 0) { return 1; }
    if ((" " + key).indexOf(" " + query) >= 0) { return 2; }
    if (query.length >= 3 && key.indexOf(query) >= 0) { return 3; }
    return null;
  }

  function bestRank(query, item) {
    var best = null;
    keysOf(item).forEach(function (key) {
      var rank = matchRank(query, key);
      if (rank !== null && (best === null || rank < best)) { best = rank; }
    });
    return best;
  }

  function suggest(query, substances, limit) {
    var wanted = normalise(query);
    if (!wanted) { return []; }
    var ranked = [];
    substances.forEach(function (item, index) {
      var rank = bestRank(wanted, item);
      if (rank !== null) { ranked.push([rank, index, item.id]); }
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return ranked.slice(0, limit || 8).map(function (r) { return r[2]; });
  }

  function findSubstance(query, substances) {
    var wanted = normalise(query);
    if (!wanted) { return null; }
    var exact = substances.filter(function (item) { return keysOf(item).indexOf(wanted) >= 0; })
      .map(function (item) { return item.id; });
    if (exact.length) {
      return exact.every(function (id) { return id === exact[0]; }) ? exact[0] : null;
    }
    var partial = [];
    substances.forEach(function (item) {
      var rank = bestRank(wanted, item);
      if (rank !== null && rank <= 2 && partial.indexOf(item.id) < 0) { partial.push(item.id); }
    });
    return partial.length === 1 && wanted.length >= 3 ? partial[0] : null;
  }

  /* the table of one version, with the rules' settings that annex1.json ships */
  function tableFromVersion(version, data) {
    var table = { version: version.id, categories: {}, substances: {},
                  settled_tags: data.settled_tags, aligned_tags: data.aligned_tags,
                  rule_verification: data.rule_verification };
    version.categories.forEach(function (item) { table.categories[item.id] = item; });
    version.substances.forEach(function (item) { table.substances[item.id] = item; });
    return table;
  }


  // --- page --------------------------------------------------------------------------------------

  var el = T.el, fill = T.fill;

  function setup(root, data) {
    var lang = data.lang;
    var ui = data.ui;
    var locale = ui.tools_locale;
    var limits = data.limits;
    var versionId = data.default_version;
    var rowSeq = 0;
    var lastResult = null;
    var checked = false;
    var store = T.store(data.storage.autosave);

    function version() { return data.versions.filter(function (v) { return v.id === versionId; })[0]; }
    var tables = {};
    function table() { return tables[versionId] || (tables[versionId] = tableFromVersion(version(), data)); }
    function label(item) { return item.label[lang]; }
    function fmt(value) { return T.formatNumber(value, locale); }
    function basis(result) {
      // the basis of a value; a warning sign only where a real doubt remains (annex1_logic.FIRM_TAGS)
      var tab = table();
      var text = ui["verification_" + result.verification];
      if (!isFirm(result.verification, tab)) { text = "⚠ " + text; }
      if (result.presence && tab.settled_tags.indexOf(result.presence) < 0) { text += "; ⚠ " + ui.calc_presence_unverified; }
      return text;
    }

    // form ------------------------------------------------------------------------------------------
    var datalist = el("datalist", { id: "teia-calc-substances" });
    var versionBox = el("fieldset", { "class": "teia-calc__version" }, [el("legend", { text: ui.calc_version_legend })]);
    data.versions.forEach(function (v) {
      var input = el("input", { type: "radio", name: "teia-calc-version", value: v.id, id: "teia-calc-version-" + v.id });
      input.checked = v.id === versionId;
      input.addEventListener("change", function () { if (input.checked) { switchVersion(v.id); changed(); } });
      versionBox.appendChild(el("span", { "class": "teia-calc__choice" },
        [input, " ", el("label", { "for": input.id, text: v.label })]));
    });
    var hint = el("p", { id: "teia-calc-hint", "class": "teia-calc__hint", text: ui.calc_substance_hint });
    var rows = el("div", { "class": "teia-calc__rows" });
    var addButton = el("button", { type: "button", "class": "md-button", text: ui.calc_add });
    var addError = el("span", { "class": "teia-calc__error", role: "status" });
    var checkButton = el("button", { type: "submit", "class": "md-button md-button--primary", text: ui.calc_check });
    var saved = T.saveStatus(ui, locale, clearAll);
    var form = el("form", { "class": "teia-calc__form", "aria-label": ui.calc_form_label, novalidate: true },
      [versionBox, hint, rows, el("p", { "class": "teia-calc__buttons" }, [addButton, " ", checkButton, " ", addError]),
       saved.element]);

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
    var carryButton = el("button", { type: "button", "class": "md-button md-button--primary", text: ui.calc_carry });
    var carryStatus = el("p", { "class": "teia-calc__carry-status", role: "status" });
    var next = document.querySelector("[data-teia-calc-next]");
    var output = el("div", { "class": "teia-calc__output", hidden: true }, [
      checkedOn, el("div", { "class": "teia-calc__scroll", tabindex: "0", role: "region", "aria-label": ui.calc_result_caption }, [resultTable]),
      sumLine, el("p", { "class": "teia-calc__actions" }, [carryButton, " ", printButton]), carryStatus
    ]);
    if (next) { output.appendChild(next); }

    root.appendChild(form);
    root.appendChild(datalist);
    root.appendChild(status);
    root.appendChild(output);

    function fillDatalist() {
      datalist.textContent = "";
      version().substances.forEach(function (item) {
        datalist.appendChild(el("option", { value: item.options[lang] }));
      });
    }

    function categoryBoxes(row, ticked) {
      var box = row.querySelector("[data-categories]");
      box.textContent = "";
      box.appendChild(el("legend", { text: ui.calc_categories_label }));
      version().categories.forEach(function (cat) {
        var id = row.id + "-cat-" + cat.id;
        var input = el("input", { type: "checkbox", value: cat.id, id: id });
        input.checked = (ticked || []).indexOf(cat.id) >= 0;
        input.addEventListener("change", function () { countTicks(row); });
        var doubt = basis({ verification: cat.verification, presence: cat.presence_verification || null });
        box.appendChild(el("div", { "class": "teia-calc__category" }, [input, " ", el("label", { "for": id,
          text: (cat.no ? cat.no + ". " : "") + label(cat) + " — " + fmt(cat.threshold_t) + " " + ui.calc_tonnes_abbr +
            (doubt.indexOf("⚠") >= 0 ? " (" + doubt.slice(doubt.indexOf("⚠")) + ")" : "") })]));
      });
      countTicks(row);
    }

    function countTicks(row) {
      var count = row.querySelectorAll("[data-categories] input:checked").length;
      row.querySelector("[data-ticked]").textContent = " (" + ui.calc_categories_selected + ": " + fmt(count) + ")";
    }

    /* what the typed name matches: one named substance, several (offered as buttons), or none */
    function showMatch(row) {
      var input = row.querySelector("[data-substance]");
      var text = input.value;
      var match = row.querySelector("[data-match]");
      var offers = row.querySelector("[data-suggestions]");
      var substances = version().substances;
      var id = findSubstance(text, substances);
      offers.textContent = "";
      if (id) {
        var item = table().substances[id];
        match.textContent = ui.calc_match_named + " " + label(item) + " — " + fmt(item.threshold_t) + " " + ui.calc_tonnes_abbr;
        row.setAttribute("data-found", id);
        return;
      }
      row.setAttribute("data-found", "");
      var ids = normalise(text) ? suggest(text, substances, 6) : [];
      if (!normalise(text)) { match.textContent = ""; return; }
      match.textContent = ids.length ? (ids.length > 1 ? ui.calc_match_several : ui.calc_match_suggest) : ui.calc_match_none;
      ids.forEach(function (sid) {
        var item = table().substances[sid];
        var pick = el("button", { type: "button", "class": "teia-calc__suggestion", "data-pick": sid,
          text: label(item) + (item.cas && item.cas.length ? " (CAS " + item.cas.join(", ") + ")" : "") +
            " — " + fmt(item.threshold_t) + " " + ui.calc_tonnes_abbr });
        pick.addEventListener("click", function () {
          input.value = item.options[lang];
          showMatch(row);
          changed();
          row.querySelector("[data-quantity]").focus();
        });
        offers.appendChild(el("li", {}, [pick]));
      });
    }

    function renumber() {
      Array.prototype.forEach.call(rows.children, function (row, index) {
        var title = ui.calc_row_legend + " " + fmt(index + 1);
        row.querySelector("legend").textContent = title;
        row.querySelector("[data-remove]").setAttribute("aria-label", ui.calc_remove + ": " + title);
      });
    }

    /* the quantity as read in the page's locale, or the reason it cannot be read */
    function readQuantity(row) {
      var input = row.querySelector("[data-quantity]");
      var read = T.parseQuantity(input.value, locale, data.units, limits);
      var message = "";
      if (read.error === "ambiguous") {
        var sep = T.separators(locale);
        var written = function (value) { return String(value).replace(".", sep.decimal); };
        message = fill(ui.calc_quantity_ambiguous, { text: input.value.trim(), first: fmt(read.readings[0]), second: fmt(read.readings[1]),
          first_written: T.formatNumber(read.readings[0], locale), second_written: written(read.readings[1]) });
      } else if (read.error === "too_long") { message = fill(ui.calc_quantity_too_long, { max: fmt(read.max) }); }
      else if (read.error === "absurd") { message = fill(ui.calc_quantity_absurd, { value: fmt(read.tonnes), max: fmt(read.max) }); }
      else if (read.error === "negative") { message = ui.calc_quantity_negative; }
      else if (read.error === "unit") { message = fill(ui.calc_quantity_unit, { unit: read.unit }); }
      else if (read.error && read.error !== "empty") { message = ui.calc_quantity_invalid; }
      return { tonnes: read.error ? null : read.tonnes, empty: read.error === "empty", message: message };
    }

    function showQuantity(row, withErrors) {
      var input = row.querySelector("[data-quantity]");
      var read = readQuantity(row);
      var bad = Boolean(read.message);
      row.querySelector("[data-read]").textContent = read.tonnes !== null ? fill(ui.calc_quantity_read, { value: fmt(read.tonnes) }) : "";
      if (withErrors || input.getAttribute("aria-invalid") === "true") {
        input.setAttribute("aria-invalid", bad ? "true" : "false");
        row.querySelector("[data-error]").textContent = read.message;
      }
      return read;
    }

    function addRow(state) {
      if (rows.children.length >= limits.rows) {
        addError.textContent = fill(ui.tools_too_many_rows, { max: fmt(limits.rows) });
        return null;
      }
      rowSeq += 1;
      var id = "teia-calc-row-" + rowSeq;
      var substance = el("input", { type: "text", id: id + "-substance", list: datalist.id, autocomplete: "off",
        maxlength: String(limits.name_chars), "data-substance": "", "aria-describedby": "teia-calc-hint " + id + "-match" });
      var quantity = el("input", { type: "text", id: id + "-quantity", inputmode: "decimal", autocomplete: "off",
        "data-quantity": "", "aria-describedby": id + "-quantity-read " + id + "-quantity-error" });
      var remove = el("button", { type: "button", "class": "md-button teia-calc__remove", "data-remove": "", text: ui.calc_remove });
      var row = el("fieldset", { "class": "teia-calc__row", id: id }, [
        el("legend", {}),
        el("p", {}, [el("label", { "for": substance.id, text: ui.calc_substance_label }), el("br"), substance]),
        el("p", { "class": "teia-calc__match", id: id + "-match", "data-match": "", "aria-live": "polite" }),
        el("ul", { "class": "teia-calc__suggestions", "data-suggestions": "" }),
        el("details", { "class": "teia-calc__categories" }, [
          el("summary", {}, [ui.calc_categories_label, el("span", { "data-ticked": "" })]),
          el("fieldset", { "data-categories": "" })
        ]),
        el("p", {}, [el("label", { "for": quantity.id, text: ui.calc_quantity_label }), el("br"), quantity]),
        el("p", { "class": "teia-calc__read", id: id + "-quantity-read", "data-read": "" }),
        el("p", { "class": "teia-calc__error", id: id + "-quantity-error", "data-error": "" }),
        el("p", {}, [remove])
      ]);
      substance.addEventListener("input", function () { showMatch(row); });
      // the suggestions by keyboard: Down from the field into the list, Up/Down within it, Esc back
      substance.addEventListener("keydown", function (event) {
        var first = row.querySelector("[data-suggestions] button");
        if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
      });
      row.querySelector("[data-suggestions]").addEventListener("keydown", function (event) {
        var buttons = Array.prototype.slice.call(row.querySelectorAll("[data-suggestions] button"));
        var at = buttons.indexOf(document.activeElement);
        if (at < 0) { return; }
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          var step = event.key === "ArrowDown" ? 1 : -1;
          (buttons[at + step] || (step < 0 ? substance : buttons[at])).focus();
        } else if (event.key === "Escape") {
          event.preventDefault();
          substance.focus();
        }
      });
      quantity.addEventListener("input", function () { showQuantity(row, false); });
      remove.addEventListener("click", function () {
        var following = row.nextElementSibling || row.previousElementSibling;
        rows.removeChild(row);
        addError.textContent = "";
        if (!rows.children.length) { addRow(); } else { renumber(); }
        (following ? following.querySelector("[data-substance]") : addButton).focus();
        changed();
      });
      rows.appendChild(row);
      substance.value = state ? String(state.substance || "").slice(0, limits.name_chars) : "";
      quantity.value = state ? String(state.quantity || "").slice(0, limits.quantity_chars * 4) : "";
      categoryBoxes(row, state && Array.isArray(state.categories) ? state.categories : []);
      if (state) { showMatch(row); showQuantity(row, false); }
      renumber();
      return row;
    }

    function switchVersion(id) {
      versionId = id;
      fillDatalist();
      Array.prototype.forEach.call(rows.children, function (row) {
        var ticked = Array.prototype.map.call(row.querySelectorAll("[data-categories] input:checked"), function (i) { return i.value; });
        categoryBoxes(row, ticked);
        showMatch(row);
      });
      clearResult();
    }

    function clearResult() {
      output.hidden = true;
      if (next) { next.hidden = true; }
      status.textContent = "";
      status.setAttribute("data-verdict", "");
      root.classList.remove("teia-calc--has-result");
      lastResult = null;
      checked = false;
    }

    // saving the entries in this browser --------------------------------------------------------------
    function state() {
      return {
        version: versionId, checked: checked,
        rows: Array.prototype.map.call(rows.children, function (row) {
          return { substance: row.querySelector("[data-substance]").value, quantity: row.querySelector("[data-quantity]").value,
                   categories: Array.prototype.map.call(row.querySelectorAll("[data-categories] input:checked"), function (i) { return i.value; }) };
        })
      };
    }

    function changed() { saved.saved(store.save(state())); }

    function restore() {
      var kept = store.load();
      var data0 = kept && kept.data;
      if (!data0 || !Array.isArray(data0.rows) || !data0.rows.length) { return false; }
      if (data.versions.some(function (v) { return v.id === data0.version; }) && data0.version !== versionId) {
        versionId = data0.version;
        Array.prototype.forEach.call(versionBox.querySelectorAll("input"), function (i) { i.checked = i.value === versionId; });
        fillDatalist();
      }
      data0.rows.slice(0, limits.rows).forEach(function (r) { addRow(r && typeof r === "object" ? r : {}); });
      saved.restored(kept.saved_at);
      if (data0.checked) { check(false); }
      return true;
    }

    function clearAll() {
      store.clear();
      rows.textContent = "";
      addError.textContent = "";
      clearResult();
      addRow();
    }

    // reading the form ----------------------------------------------------------------------------------
    function readRows() {
      var list = [];
      var valid = true;
      Array.prototype.forEach.call(rows.children, function (row) {
        var substanceText = row.querySelector("[data-substance]").value;
        var read = showQuantity(row, true);
        if (read.message) { valid = false; }
        var categories = Array.prototype.map.call(row.querySelectorAll("[data-categories] input:checked"),
          function (input) { return input.value; });
        if (!normalise(substanceText) && !categories.length && read.empty) { return; }  // empty row
        list.push({ substance: findSubstance(substanceText, version().substances), categories: categories,
                    quantity_t: read.tonnes, typed: substanceText.trim(), row: row });
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

    function rowsText(count) { return T.plural(ui.calc_rows_count, count, locale); }

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
          el("td", { text: assessed ? basis(result) : "" })
        ]);
        resultBody.appendChild(tr);
        carried.push({
          name: name, cas: named && named.cas ? named.cas.join(", ") : "",
          quantity_t: usableQuantity(input.quantity_t) ? input.quantity_t : null,
          threshold_t: result.threshold_t, ratio: result.ratio, reached: result.reached,
          verification: result.verification, rule: result.rule
        });
      });
      var today = new Date();
      checkedOn.textContent = ui.calc_checked_on + ": " + T.formatDate(today, locale) + "; " + version().label;
      sumLine.textContent = ui.calc_sum_label + ": " + fmt(assessment.sum_of_ratios) + " (" +
        (assessment.sum_reaches_one ? ui.calc_sum_reaches : ui.calc_sum_below) + ").";
      sumLine.setAttribute("data-sum", String(assessment.sum_of_ratios));

      var answer = assessment.answer;
      var parts = [ui["calc_verdict_" + answer]];
      if (answer === "yes") {
        if (!assessment.verdict_settled) { parts.push(ui.calc_verdict_unsettled); }
        if (assessment.unassessed) { parts.push(fill(ui.calc_verdict_also_unassessed, { rows: rowsText(assessment.unassessed) })); }
        parts.push(ui.calc_verdict_reminder);
      } else if (answer === "cannot_tell") {
        parts.push(read.rows.length ? fill(ui.calc_verdict_unassessed, { rows: rowsText(assessment.unassessed) }) : ui.calc_verdict_nothing);
      }
      status.textContent = "";
      status.appendChild(el("strong", { text: parts[0] }));
      if (parts.length > 1) { status.appendChild(document.createTextNode(" " + parts.slice(1).join(" "))); }
      status.setAttribute("data-verdict", answer);
      output.hidden = !read.rows.length;
      carryButton.hidden = !carried.length;
      if (next) {
        next.hidden = !read.rows.length;
        Array.prototype.forEach.call(next.querySelectorAll("[data-next]"), function (p) { p.hidden = p.getAttribute("data-next") !== answer; });
      }
      root.classList.add("teia-calc--has-result");
      carryStatus.textContent = "";
      checked = true;
      lastResult = { substances: carried, verdict: answer, date: T.isoDate(today),
                     version: versionId, lang: lang, sum_of_ratios: assessment.sum_of_ratios };
    }

    function check(focus) {
      var read = readRows();
      if (!read.valid) {
        clearResult();
        var first = root.querySelector("[data-quantity][aria-invalid='true']");
        if (first && focus) { first.focus(); }
        return;
      }
      render(read);
    }

    /* the result goes to the notification form, which imports it on arrival and shows the substances */
    function carry(url) {
      if (!lastResult) { return; }
      try {
        window.localStorage.setItem(data.storage.result, JSON.stringify(Object.assign({ pending: true }, lastResult)));
      } catch (err) {
        carryStatus.textContent = ui.calc_carry_failed;
        return;
      }
      window.location.href = new URL(url, window.location.href).href.split("#")[0] + "#nf-section-substances";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(true);
      changed();
    });
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    addButton.addEventListener("click", function () {
      var row = addRow();
      if (row) { row.querySelector("[data-substance]").focus(); changed(); }
    });
    printButton.addEventListener("click", function () { window.print(); });
    carryButton.addEventListener("click", function () { carry(root.getAttribute("data-form-url")); });
    if (next) {
      Array.prototype.forEach.call(next.querySelectorAll("[data-teia-carry]"), function (link) {
        link.addEventListener("click", function (event) { event.preventDefault(); carry(link.getAttribute("href")); });
      });
    }

    fillDatalist();
    if (!restore()) { addRow(); }
    root.hidden = false;
    var nojs = document.querySelector("[data-teia-calc-nojs]");
    if (nojs) { nojs.hidden = true; }
    root.setAttribute("data-ready", "true");
  }

  // the rules, for the tests (and for anyone who wants to reuse them in the console)
  window.teiaCalculator = { assess: assess, assessRow: assessRow, findSubstance: findSubstance, suggest: suggest,
                            normalise: normalise, tableFromVersion: tableFromVersion };

  // a failed load says so where the page explains the calculator needs JavaScript
  window.teiaTools.startTool("[data-teia-calc]", "data-src", setup, function (root) {
    var nojs = document.querySelector("[data-teia-calc-nojs]");
    if (nojs) { nojs.textContent = root.getAttribute("data-load-failed"); }
  });
})();
