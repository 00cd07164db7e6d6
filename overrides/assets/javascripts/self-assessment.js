/* Self-assessment and draft national action plan (self-assessment/index.md).
 *
 * Reads self-assessment/indicators.json (generated from data/self_assessment.yml), lets the reader score
 * every indicator with a note on the evidence, shows progress per working area, and drafts one action-plan
 * row per indicator below a chosen level. Saves as it goes in localStorage (one versioned key per
 * language), saves and loads a submission file (YAML or JSON, the format `teia-guide assess` and the
 * build check), and prints a clean report. Imported files are untrusted: only known keys are read, every
 * value is used as text (textContent / value), never as markup. Nothing leaves the browser.
 * Does nothing on pages without #teia-self-assessment.
 */
(function () {
  "use strict";

  var FORBIDDEN = /[<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? String(values[key]) : whole; });
  }

  function number(value, lang) {     // one decimal, with the language's decimal sign
    return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  }

  // --- the submission file: JSON, or the YAML this tool writes (every value a JSON scalar or list) -------

  function yamlQuote(value) {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  }

  function toYaml(data) {
    var lines = ["# Self-assessment and national action plan (teia-guide). Check: teia-guide assess FILE"];
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      if (key === "scores") {
        lines.push("scores:");
        Object.keys(value).forEach(function (id) {
          lines.push("  " + id + ":");
          Object.keys(value[id]).forEach(function (k) { lines.push("    " + k + ": " + yamlQuote(value[id][k])); });
        });
      } else if (key === "actions") {
        lines.push(value.length ? "actions:" : "actions: []");
        value.forEach(function (action) {
          Object.keys(action).forEach(function (k, index) {
            var shown = Array.isArray(action[k]) ? "[" + action[k].map(yamlQuote).join(", ") + "]" : yamlQuote(action[k]);
            lines.push((index ? "    " : "  - ") + k + ": " + shown);
          });
        });
      } else {
        lines.push(key + ": " + yamlQuote(value));
      }
    });
    return lines.join("\n") + "\n";
  }

  function scalar(text) {
    text = text.trim();
    if (text === "") return null;
    if (/^["[{]/.test(text)) return JSON.parse(text);
    if (/^-?\d+$/.test(text)) return Number(text);
    if (text === "true" || text === "false") return text === "true";
    return text.replace(/\s+#.*$/, "");
  }

  // Reads the YAML subset this tool writes (and hand edits of it): mappings by indentation, a list of
  // mappings under "actions", scalars plain or JSON-quoted. Anything else throws: the file is refused.
  function fromYaml(text) {
    var root = {}, scores = null, score = null, actions = null, action = null;
    text.split(/\r?\n/).forEach(function (raw) {
      if (!raw.trim() || /^\s*#/.test(raw)) return;
      var m = /^( *)(- )?([A-Za-z0-9_-]+):(?: (.*))?$/.exec(raw);
      if (!m) throw new Error("line");
      var indent = m[1].length, key = m[3], value = m[4] === undefined ? null : scalar(m[4]);
      if (indent === 0 && !m[2]) {
        scores = actions = score = action = null;
        if (key === "scores" && value === null) scores = root.scores = {};
        else if (key === "actions" && value === null) actions = root.actions = [];
        else root[key] = value;
      } else if (scores && indent === 2 && !m[2] && value === null) {
        score = scores[key] = {};
      } else if (score && indent === 4 && !m[2]) {
        score[key] = value;
      } else if (actions && indent === 2 && m[2]) {
        action = {}; actions.push(action); action[key] = value;
      } else if (action && indent === 4 && !m[2]) {
        action[key] = value;
      } else {
        throw new Error("structure");
      }
    });
    return root;
  }

  function parseFile(text) {
    var trimmed = text.replace(/^\ufeff/, "").trim();
    return trimmed.charAt(0) === "{" ? JSON.parse(trimmed) : fromYaml(trimmed);
  }

  // --- the tool --------------------------------------------------------------------------------------------

  function Tool(root, def) {
    this.root = root;
    this.def = def;
    this.t = def.ui;
    this.indicators = {};
    def.areas.forEach(function (area) {
      area.indicators.forEach(function (i) { i.area = area; this.indicators[i.id] = i; }, this);
    }, this);
    this.levels = {};
    def.levels.forEach(function (level) { this.levels[level.id] = level; }, this);
    this.state = this.load() || this.empty();
    this.build();
    this.restore();
  }

  Tool.prototype.empty = function () {
    return {v: 1, country: "", country_code: "", country_name: "", edition: String(new Date().getFullYear()),
            date: "", prepared_by: "", plan_below: this.def.plan_below, scores: {}, plan: {}};
  };

  Tool.prototype.load = function () {
    try {
      var saved = JSON.parse(window.localStorage.getItem(this.def.storage_key) || "null");
      return saved && saved.v === 1 && typeof saved.scores === "object" ? saved : null;
    } catch (e) { return null; }
  };

  Tool.prototype.persist = function () {
    try { window.localStorage.setItem(this.def.storage_key, JSON.stringify(this.state)); } catch (e) { /* private mode: no autosave */ }
  };

  Tool.prototype.build = function () {
    var self = this, t = this.t, def = this.def;
    document.querySelectorAll(".teia-sa-nojs").forEach(function (node) { node.hidden = true; });
    document.body.classList.add("teia-sa-started");
    this.form = el("form", {className: "teia-sa__form", novalidate: true, "aria-label": t.form_label});
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });

    // about the assessment
    var country = el("select", {id: "sa-country", name: "country"}, [el("option", {value: "", text: t.choose})]);
    def.countries.forEach(function (c) { country.appendChild(el("option", {value: c.code, text: c.name})); });
    country.appendChild(el("option", {value: "other", text: t.country_other}));
    this.otherBox = el("div", {className: "teia-sa__other"}, [
      this.field("sa-country-name", t.country_name, el("input", {type: "text", id: "sa-country-name", maxlength: def.limits.name})),
      this.field("sa-country-code", t.country_code, el("input", {type: "text", id: "sa-country-code", maxlength: 2, pattern: "[A-Za-z]{2}", autocomplete: "off"}), t.country_code_hint)
    ]);
    this.form.appendChild(el("fieldset", {className: "teia-sa__about"}, [
      el("legend", {text: t.about_legend}),
      this.field("sa-country", t.country, country),
      this.otherBox,
      this.field("sa-edition", t.edition, el("input", {type: "number", id: "sa-edition", min: 1992, max: 2100, step: 1, inputmode: "numeric"})),
      this.field("sa-date", t.date, el("input", {type: "date", id: "sa-date"})),
      this.field("sa-prepared-by", t.prepared_by, el("input", {type: "text", id: "sa-prepared-by", maxlength: def.limits.name}))
    ]));

    this.progress = {};
    this.total = el("p", {className: "teia-sa__total", role: "status", "aria-live": "polite"});
    this.form.appendChild(this.total);
    def.areas.forEach(function (area) {
      var progress = el("p", {className: "teia-sa__progress", id: "sa-progress-" + area.id});
      var meter = el("meter", {min: 0, max: def.levels.length - 1, value: 0, "aria-labelledby": "sa-progress-" + area.id});
      self.progress[area.id] = {text: progress, meter: meter};
      var set = el("fieldset", {className: "teia-sa__area", id: "sa-area-" + area.id},
                   [el("legend", {text: area.number + ". " + area.title}), el("div", {className: "teia-sa__meter"}, [meter, progress])]);
      area.indicators.forEach(function (indicator) { set.appendChild(self.indicatorControl(indicator)); });
      self.form.appendChild(set);
    });

    // the draft action plan
    var below = el("select", {id: "sa-plan-below"});
    def.levels.slice(1).forEach(function (level) { below.appendChild(el("option", {value: level.id, text: level.value + " — " + level.label})); });
    this.planRows = el("div", {className: "teia-sa__rows"});
    this.planEmpty = el("p", {className: "teia-sa__empty", text: t.plan_none});
    this.form.appendChild(el("fieldset", {className: "teia-sa__plan", id: "sa-plan"}, [
      el("legend", {text: t.plan_heading}),
      el("p", {text: t.plan_intro}),
      this.field("sa-plan-below", t.plan_below, below),
      this.planEmpty, this.planRows
    ]));

    var file = el("input", {type: "file", id: "sa-load", accept: ".yml,.yaml,.json,application/json,text/yaml", className: "teia-sa__file"});
    file.addEventListener("change", function () { self.loadFile(file); });
    var buttons = el("div", {className: "teia-sa__actions", role: "group", "aria-label": t.tools}, [
      el("button", {type: "button", id: "sa-save-yaml", className: "teia-sa__primary", text: t.save_yaml}),
      el("button", {type: "button", id: "sa-save-json", text: t.save_json}),
      el("label", {className: "teia-sa__filelabel", for: "sa-load"}, [t.load, file]),
      el("button", {type: "button", id: "sa-print", text: t.print}),
      el("button", {type: "button", id: "sa-clear", text: t.clear})
    ]);
    this.form.appendChild(buttons);
    buttons.querySelector("#sa-save-yaml").addEventListener("click", function () { self.save("yaml"); });
    buttons.querySelector("#sa-save-json").addEventListener("click", function () { self.save("json"); });
    buttons.querySelector("#sa-print").addEventListener("click", function () { self.renderReport(); window.print(); });
    buttons.querySelector("#sa-clear").addEventListener("click", function () {
      if (window.confirm(t.clear_confirm)) { self.state = self.empty(); self.persist(); self.restore(); self.status.textContent = t.cleared; }
    });

    this.summary = el("div", {className: "teia-sa__summary", tabindex: "-1", hidden: true});
    this.status = el("p", {className: "teia-sa__status", role: "status", "aria-live": "polite"});
    this.report = el("article", {className: "teia-sa-report", id: "teia-sa-report", "aria-hidden": "true"});
    [this.summary, this.form, this.status, this.report].forEach(function (node) { self.root.appendChild(node); });

    this.form.addEventListener("input", function (event) { self.changed(event.target); });
    this.form.addEventListener("change", function (event) { self.changed(event.target); });
    window.addEventListener("beforeprint", function () { self.renderReport(); });
  };

  Tool.prototype.field = function (id, label, control, hint) {
    var children = [el("label", {for: id, text: label})];
    if (hint) {
      children.push(el("span", {className: "teia-sa__hint", id: id + "-hint", text: hint}));
      control.setAttribute("aria-describedby", id + "-hint");
    }
    children.push(control);
    return el("div", {className: "teia-sa__field"}, children);
  };

  Tool.prototype.indicatorControl = function (indicator) {
    var self = this, t = this.t, id = "sa-" + indicator.id;
    var set = el("fieldset", {className: "teia-sa__indicator", id: id, "aria-describedby": id + "-evidence-hint"}, [
      el("legend", {text: indicator.code + " " + indicator.statement})
    ]);
    set.appendChild(el("p", {className: "teia-sa__hint", id: id + "-evidence-hint"}, [
      t.what_shows + " " + indicator.evidence + " ",
      el("a", {href: indicator.href, text: indicator.section_title})
    ]));
    var levels = el("div", {className: "teia-sa__levels"});
    [{id: "", value: "", label: t.not_assessed, evidence: ""}].concat(this.def.levels).forEach(function (level) {
      var radio = el("input", {type: "radio", name: id + "-level", id: id + "-level-" + (level.id || "none"), value: level.id,
                               "data-indicator": indicator.id, title: level.evidence || null});
      levels.appendChild(el("label", {for: radio.id, className: "teia-sa__level"}, [radio, " " + (level.id ? level.value + " — " : "") + level.label]));
    });
    set.appendChild(levels);
    var note = el("textarea", {id: id + "-evidence", rows: 2, maxlength: this.def.limits.evidence, "data-indicator": indicator.id, "data-key": "evidence"});
    set.appendChild(self.field(id + "-evidence", t.evidence_label, note));
    return set;
  };

  // --- state <-> controls ------------------------------------------------------------------------------

  Tool.prototype.changed = function (target) {
    var s = this.state, id = target.id;
    if (target.name && /-level$/.test(target.name) && target.checked) {
      var key = target.getAttribute("data-indicator");
      var score = s.scores[key] || {level: "", evidence: ""};
      score.level = target.value;
      s.scores[key] = score;
    } else if (target.getAttribute("data-key") === "evidence") {
      var k = target.getAttribute("data-indicator");
      s.scores[k] = s.scores[k] || {level: "", evidence: ""};
      s.scores[k].evidence = target.value;
    } else if (target.getAttribute("data-plan")) {
      var row = s.plan[target.getAttribute("data-plan")];
      if (row) row[target.getAttribute("data-key")] = target.value;
    } else if (id === "sa-country") { s.country = target.value; }
    else if (id === "sa-country-name") { s.country_name = target.value; }
    else if (id === "sa-country-code") { s.country_code = target.value.toUpperCase(); }
    else if (id === "sa-edition") { s.edition = target.value; }
    else if (id === "sa-date") { s.date = target.value; }
    else if (id === "sa-prepared-by") { s.prepared_by = target.value; }
    else if (id === "sa-plan-below") { s.plan_below = target.value; }
    else return;
    if (target.getAttribute("aria-invalid") === "true") { target.removeAttribute("aria-invalid"); }
    this.persist();
    if (target.type === "radio" || id === "sa-plan-below") { this.updateProgress(); this.updatePlan(); }
    if (id === "sa-country") this.otherBox.hidden = s.country !== "other";
  };

  Tool.prototype.restore = function () {
    var s = this.state, self = this;
    document.getElementById("sa-country").value = s.country || "";
    this.otherBox.hidden = s.country !== "other";
    document.getElementById("sa-country-name").value = s.country_name || "";
    document.getElementById("sa-country-code").value = s.country_code || "";
    document.getElementById("sa-edition").value = s.edition || "";
    document.getElementById("sa-date").value = s.date || "";
    document.getElementById("sa-prepared-by").value = s.prepared_by || "";
    document.getElementById("sa-plan-below").value = s.plan_below || this.def.plan_below;
    Object.keys(this.indicators).forEach(function (key) {
      var score = s.scores[key] || {};
      var radio = document.getElementById("sa-" + key + "-level-" + (score.level && self.levels[score.level] ? score.level : "none"));
      radio.checked = true;
      document.getElementById("sa-" + key + "-evidence").value = score.evidence || "";
    });
    this.updateProgress();
    this.updatePlan();
  };

  Tool.prototype.value = function (key) {
    var score = this.state.scores[key];
    return score && this.levels[score.level] ? this.levels[score.level].value : null;
  };

  Tool.prototype.areaStats = function (area) {
    var values = area.indicators.map(function (i) { return this.value(i.id); }, this).filter(function (v) { return v !== null; });
    var sum = values.reduce(function (a, b) { return a + b; }, 0);
    return {assessed: values.length, total: area.indicators.length, mean: values.length ? sum / values.length : null};
  };

  Tool.prototype.updateProgress = function () {
    var self = this, t = this.t, scored = 0, all = 0;
    this.def.areas.forEach(function (area) {
      var stats = self.areaStats(area), p = self.progress[area.id];
      scored += stats.assessed; all += stats.total;
      p.meter.value = stats.mean === null ? 0 : stats.mean;
      p.text.textContent = fill(t.progress, {assessed: stats.assessed, total: stats.total,
        average: stats.mean === null ? "—" : number(stats.mean, self.def.lang), top: self.def.levels.length - 1});
    });
    this.total.textContent = fill(t.progress_total, {assessed: scored, total: all});
  };

  // one row per indicator scored below the chosen level; edits are kept when a row disappears and returns
  Tool.prototype.rowKeys = function () {
    var limit = this.levels[this.state.plan_below] ? this.levels[this.state.plan_below].value : 3, self = this;
    return Object.keys(this.indicators).filter(function (key) { var v = self.value(key); return v !== null && v < limit; });
  };

  Tool.prototype.updatePlan = function () {
    var self = this, t = this.t, keys = this.rowKeys();
    var focused = document.activeElement && this.planRows.contains(document.activeElement) ? document.activeElement.id : null;
    this.planRows.textContent = "";
    keys.forEach(function (key) {
      var indicator = self.indicators[key];
      var row = self.state.plan[key];
      if (!row) row = self.state.plan[key] = {indicators: [key], action: indicator.action, responsible: "", partners: "", start: "", end: "", status: self.def.statuses[0].id};
      self.planRows.appendChild(self.planRow(key, row));
    });
    this.planEmpty.hidden = keys.length > 0;
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  };

  Tool.prototype.planRow = function (key, row) {
    var t = this.t, self = this, id = "sa-plan-" + key, limits = this.def.limits;
    var names = row.indicators.filter(function (k) { return self.indicators[k]; }).map(function (k) {
      var i = self.indicators[k], v = self.value(k), level = self.levels[(self.state.scores[k] || {}).level];
      return i.code + " " + i.statement + (v === null ? "" : " (" + v + " — " + level.label + ")");
    });
    function input(name, label, control) {
      control.id = id + "-" + name;
      control.setAttribute("data-plan", key);
      control.setAttribute("data-key", name);
      if (control.tagName !== "SELECT") control.value = row[name] || "";
      return self.field(control.id, label, control);
    }
    var status = el("select", {});
    this.def.statuses.forEach(function (s) { status.appendChild(el("option", {value: s.id, text: s.label})); });
    status.value = row.status || this.def.statuses[0].id;
    var set = el("fieldset", {className: "teia-sa__row", id: id}, [el("legend", {text: names.join("; ")})]);
    [input("action", t.action, el("textarea", {rows: 3, maxlength: limits.action})),
     input("responsible", t.responsible, el("input", {type: "text", maxlength: limits.name})),
     input("partners", t.partners, el("input", {type: "text", maxlength: limits.name})),
     input("start", t.start, el("input", {type: "date"})),
     input("end", t.end, el("input", {type: "date"})),
     input("status", t.status, status)].forEach(function (node) { set.appendChild(node); });
    return set;
  };

  // --- checking and saving -----------------------------------------------------------------------------

  Tool.prototype.submission = function () {
    var s = this.state, self = this, scores = {}, actions = [];
    Object.keys(this.indicators).forEach(function (key) {
      var score = s.scores[key];
      if (score && self.levels[score.level]) {
        scores[key] = {level: score.level};
        if ((score.evidence || "").trim()) scores[key].evidence = score.evidence.trim();
      }
    });
    this.rowKeys().forEach(function (key) {
      var row = s.plan[key];
      actions.push({indicators: row.indicators.filter(function (k) { return self.indicators[k]; }),
                    action: (row.action || "").trim(), responsible: (row.responsible || "").trim(),
                    partners: (row.partners || "").trim(), start: row.start, end: row.end, status: row.status});
    });
    var other = s.country === "other";
    var data = {format: this.def.format, indicator_set: this.def.version,
                country: other ? (s.country_code || "").toUpperCase() : s.country};
    if (other) data.country_name = (s.country_name || "").trim();
    data.edition = Number(s.edition);
    data.date = s.date;
    data.language = this.def.lang;
    if ((s.prepared_by || "").trim()) data.prepared_by = s.prepared_by.trim();
    data.plan_below = s.plan_below;
    data.scores = scores;
    data.actions = actions;
    return data;
  };

  Tool.prototype.problems = function () {
    var t = this.t, s = this.state, list = [];
    function need(ok, id, message) { if (!ok) list.push({id: id, text: message}); }
    function plain(value, id, label) {
      if (value && FORBIDDEN.test(value)) list.push({id: id, text: label + ": " + t.error_markup});
    }
    need(s.country, "sa-country", t.country + ": " + t.error_required);
    if (s.country === "other") need(/^[A-Za-z]{2}$/.test(s.country_code || ""), "sa-country-code", t.country_code + ": " + t.error_code);
    need(/^\d{4}$/.test(s.edition || "") && +s.edition >= 1992 && +s.edition <= 2100, "sa-edition", t.edition + ": " + t.error_year);
    need(/^\d{4}-\d{2}-\d{2}$/.test(s.date || ""), "sa-date", t.date + ": " + t.error_date);
    plain(s.country_name, "sa-country-name", t.country_name);
    plain(s.prepared_by, "sa-prepared-by", t.prepared_by);
    Object.keys(s.scores).forEach(function (key) {
      if (this.indicators[key]) plain(s.scores[key].evidence, "sa-" + key + "-evidence", this.indicators[key].code + " " + t.evidence_label);
    }, this);
    this.rowKeys().forEach(function (key) {
      var row = s.plan[key], id = "sa-plan-" + key, where = this.indicators[key].code + " — ";
      need((row.action || "").trim(), id + "-action", where + t.action + ": " + t.error_required);
      need((row.responsible || "").trim(), id + "-responsible", where + t.responsible + ": " + t.error_required);
      need(/^\d{4}-\d{2}-\d{2}$/.test(row.start || ""), id + "-start", where + t.start + ": " + t.error_date);
      need(/^\d{4}-\d{2}-\d{2}$/.test(row.end || ""), id + "-end", where + t.end + ": " + t.error_date);
      if (row.start && row.end && row.end < row.start) list.push({id: id + "-end", text: where + t.error_order});
      ["action", "responsible", "partners"].forEach(function (name) { plain(row[name], id + "-" + name, where + t[name]); });
    }, this);
    return list;
  };

  Tool.prototype.showSummary = function (errors) {
    var summary = this.summary;
    summary.textContent = "";
    document.querySelectorAll(".teia-sa [aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    if (!errors.length) { summary.hidden = true; summary.removeAttribute("role"); return; }
    var list = el("ul");
    errors.forEach(function (error) {
      var target = document.getElementById(error.id);
      if (target) target.setAttribute("aria-invalid", "true");
      var link = el("a", {href: "#" + error.id, text: error.text});
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (target) { target.scrollIntoView({block: "center"}); target.focus(); }
      });
      list.appendChild(el("li", {}, [link]));
    });
    summary.setAttribute("role", "alert");
    summary.appendChild(el("h2", {text: fill(this.t.errors_title, {count: errors.length})}));
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  };

  Tool.prototype.save = function (kind) {
    var errors = this.problems();
    this.showSummary(errors);
    if (errors.length) { this.status.textContent = ""; return; }
    var data = this.submission();
    var text = kind === "json" ? JSON.stringify(data, null, 2) + "\n" : toYaml(data);
    var name = (data.country || "xx").toLowerCase() + "-" + data.edition + (kind === "json" ? ".json" : ".yml");
    var link = el("a", {href: URL.createObjectURL(new Blob([text], {type: kind === "json" ? "application/json" : "text/yaml"})), download: name});
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    this.status.textContent = fill(this.t.saved, {file: name});
  };

  Tool.prototype.loadFile = function (input) {
    var self = this, t = this.t, file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > this.def.max_bytes) { this.status.textContent = fill(t.load_too_big, {file: file.name}); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try { data = parseFile(String(reader.result)); } catch (e) { data = null; }
      if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== self.def.format) {
        self.status.textContent = fill(t.load_error, {file: file.name});
        return;
      }
      var skipped = self.importData(data);
      self.persist();
      self.restore();
      self.showSummary([]);
      self.status.textContent = fill(t.loaded, {file: file.name}) + (skipped.length ? " " + fill(t.load_skipped, {items: skipped.join(", ")}) : "");
    };
    reader.readAsText(file);
  };

  // untrusted: known keys only, strings only, cut to the limits; unknown ids are reported, not kept
  Tool.prototype.importData = function (data) {
    var self = this, limits = this.def.limits, skipped = [], state = this.empty();
    function text(value, limit) { return typeof value === "string" ? value.slice(0, limit) : (typeof value === "number" ? String(value) : ""); }
    var code = text(data.country, 2).toUpperCase();
    var known = this.def.countries.some(function (c) { return c.code === code; });
    state.country = known ? code : (code ? "other" : "");
    state.country_code = known ? "" : code;
    state.country_name = text(data.country_name, limits.name);
    state.edition = text(data.edition, 4);
    state.date = /^\d{4}-\d{2}-\d{2}$/.test(text(data.date, 10)) ? data.date : "";
    state.prepared_by = text(data.prepared_by, limits.name);
    state.plan_below = this.levels[data.plan_below] && this.levels[data.plan_below].value > 0 ? data.plan_below : this.def.plan_below;
    var scores = data.scores && typeof data.scores === "object" ? data.scores : {};
    Object.keys(scores).forEach(function (key) {
      var score = scores[key];
      if (self.indicators[key] && score && (score.level === null || score.level === "")) {   // listed, not assessed yet
        state.scores[key] = {level: "", evidence: text(score.evidence, limits.evidence)};
        return;
      }
      if (!self.indicators[key] || !score || !self.levels[score.level]) { skipped.push(key); return; }
      state.scores[key] = {level: score.level, evidence: text(score.evidence, limits.evidence)};
    });
    (Array.isArray(data.actions) ? data.actions : []).forEach(function (action, index) {
      var ids = action && Array.isArray(action.indicators) ? action.indicators.filter(function (k) { return self.indicators[k]; }) : [];
      if (!ids.length || state.plan[ids[0]]) { skipped.push("actions[" + index + "]"); return; }
      var date = function (v) { v = text(v, 10); return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : ""; };
      state.plan[ids[0]] = {indicators: ids, action: text(action.action, limits.action), responsible: text(action.responsible, limits.name),
                            partners: text(action.partners, limits.name), start: date(action.start), end: date(action.end),
                            status: self.def.statuses.some(function (s) { return s.id === action.status; }) ? action.status : self.def.statuses[0].id};
    });
    this.state = state;
    return skipped;
  };

  // --- the printed report --------------------------------------------------------------------------------

  Tool.prototype.renderReport = function () {
    var self = this, t = this.t, s = this.state, doc = this.report;
    doc.textContent = "";
    var country = s.country === "other" ? s.country_name || s.country_code :
      (this.def.countries.filter(function (c) { return c.code === s.country; })[0] || {}).name || "";
    doc.appendChild(el("h2", {text: t.report_title + (country ? ": " + country : "")}));
    doc.appendChild(el("p", {text: [t.edition + " " + (s.edition || "—"), t.date + " " + (s.date || "—"),
                                    s.prepared_by ? t.prepared_by + ": " + s.prepared_by : ""].filter(Boolean).join(" · ")}));
    var head = el("tr", {}, [el("th", {scope: "col", text: t.area}), el("th", {scope: "col", text: t.average}), el("th", {scope: "col", text: t.assessed})]);
    var body = el("tbody");
    this.def.areas.forEach(function (area) {
      var stats = self.areaStats(area);
      body.appendChild(el("tr", {}, [el("th", {scope: "row", text: area.number + ". " + area.title}),
        el("td", {text: stats.mean === null ? "—" : number(stats.mean, self.def.lang) + " / " + (self.def.levels.length - 1)}),
        el("td", {text: stats.assessed + " / " + stats.total})]));
    });
    doc.appendChild(el("table", {}, [el("thead", {}, [head]), body]));
    this.def.areas.forEach(function (area) {
      doc.appendChild(el("h3", {text: area.number + ". " + area.title}));
      var rows = el("tbody");
      area.indicators.forEach(function (i) {
        var score = s.scores[i.id] || {}, level = self.levels[score.level];
        rows.appendChild(el("tr", {}, [el("td", {text: i.code + " " + i.statement}), el("td", {text: level ? level.value + " — " + level.label : t.not_assessed}),
                                       el("td", {className: "teia-sa-text", text: score.evidence || "—"})]));
      });
      doc.appendChild(el("table", {}, [el("thead", {}, [el("tr", {}, [el("th", {scope: "col", text: t.indicator}), el("th", {scope: "col", text: t.level}),
                                                                     el("th", {scope: "col", text: t.evidence_label})])]), rows]));
    });
    doc.appendChild(el("h3", {text: t.plan_heading}));
    var plan = el("tbody"), statuses = {};
    this.def.statuses.forEach(function (x) { statuses[x.id] = x.label; });
    this.rowKeys().forEach(function (key) {
      var row = s.plan[key];
      plan.appendChild(el("tr", {}, [el("td", {text: row.indicators.map(function (k) { return self.indicators[k] ? self.indicators[k].code : k; }).join(", ")}),
        el("td", {className: "teia-sa-text", text: row.action || "—"}), el("td", {text: row.responsible || "—"}), el("td", {text: row.partners || "—"}),
        el("td", {text: (row.start || "…") + " – " + (row.end || "…")}), el("td", {text: statuses[row.status] || ""})]));
    });
    doc.appendChild(el("table", {}, [el("thead", {}, [el("tr", {}, [t.indicators_addressed, t.action, t.responsible, t.partners, t.timing, t.status].map(function (x) {
      return el("th", {scope: "col", text: x}); }))]), plan]));
  };

  // a failed load leaves the questionnaire below visible
  window.teiaTools.startTool("#teia-self-assessment", "data-src",
                             function (root, def) { root.teiaTool = new Tool(root, def); });
})();
