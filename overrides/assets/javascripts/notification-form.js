/* Fillable notification form (notification/form.md).
 *
 * Builds the form from the generated notification/fields.json (the fields of data/notification.yml),
 * checks the required fields (messages tied to each control, and a summary with links), produces a clean
 * printable notification in English, Russian or both side by side, saves the entries to a JSON file and
 * loads them again (within the limits of fields.json), and imports the result of the Annex I calculator
 * (localStorage; on arrival from the calculator's "carry over", at once). The entries are saved in this
 * browser on every change and restored on load (per language, versioned key). The saved file has the same
 * keys as the YAML input of `teia-guide notify`, so it can be given to the command as it is. Helpers
 * shared with the calculator are in tools.js (window.teiaTools).
 * Does nothing on pages without #teia-notification-form; nothing leaves the browser.
 */
(function () {
  "use strict";

  var T = window.teiaTools, el = T.el, fill = T.fill;
  var FORMAT = "teia-notification";

  function NotificationForm(root, def) {
    this.root = root;
    this.def = def;
    this.lang = def.lang;
    this.t = def.ui[def.lang];
    this.langs = def.languages.map(function (language) { return language.code; });   // column order side by side
    this.tools = def.tools;           // tools_* strings of the page language
    this.locale = def.tools.tools_locale;
    this.limits = def.limits;
    this.counter = 0;
    this.controls = [];            // {field, section, input, error, item}
    this.items = {};               // repeatable section id -> container element
    this.store = T.store(def.storage.autosave);
    this.build();
    this.start();
  }

  /* restore the entries kept in this browser, then take a result carried over from the calculator */
  NotificationForm.prototype.start = function () {
    var kept = this.store.load();
    if (kept && kept.data && this.withinLimits(kept.data, "") === "") {
      this.restore(kept.data);
      var mode = this.form.querySelector("input[name=nf-output-lang][value='" + kept.data.output_lang + "']");
      if (mode) mode.checked = true;
      this.saved.restored(kept.saved_at);
    }
    var result = this.calculatorResult();
    if (result && result.pending) {
      this.importCalculator(true);
      try {
        window.localStorage.setItem(this.def.calculator_key, JSON.stringify(Object.assign({}, result, {pending: false})));
      } catch (e) { /* the import is done; only the flag could not be cleared */ }
    }
  };

  NotificationForm.prototype.changed = function () {
    var data = this.collect();
    data.output_lang = (this.form.querySelector("input[name=nf-output-lang]:checked") || {}).value;
    this.saved.saved(this.store.save(data));
  };

  NotificationForm.prototype.clearAll = function () {
    var self = this;
    this.store.clear();
    this.controls.forEach(function (c) { if (!c.item) self.setValue(c, ""); });
    this.def.sections.forEach(function (section) {
      if (!section.repeatable) return;
      self.items[section.id].textContent = "";
      self.controls = self.controls.filter(function (c) { return c.section !== section; });
      self.addItem(section);
    });
    this.showSummary([]);
    this.output.textContent = "";
  };

  NotificationForm.prototype.build = function () {
    var self = this, t = this.t;
    document.querySelectorAll(".teia-nform-nojs").forEach(function (node) { node.hidden = true; });

    this.status = el("p", {className: "teia-nform__status", role: "status", "aria-live": "polite"});
    this.summary = el("div", {className: "teia-nform__summary", tabindex: "-1", hidden: true});
    this.form = el("form", {novalidate: true, "aria-label": t.doc_title});
    this.form.appendChild(el("p", {text: t.required_legend}));

    this.def.sections.forEach(function (section) {
      var fieldset = el("fieldset", {id: "nf-section-" + section.id}, [el("legend", {text: section.letter + ". " + section.title[self.lang]})]);
      if (section.repeatable) {
        var list = el("div", {className: "teia-nform__items"});
        self.items[section.id] = list;
        var add = el("button", {type: "button", id: "nf-add-" + section.id, text: t.add_item});
        add.addEventListener("click", function () {
          if (self.items[section.id].children.length >= self.limits.items) return;
          self.focusFirst(self.addItem(section));
          self.changed();
        });
        fieldset.appendChild(list);
        fieldset.appendChild(el("span", {className: "teia-nform__error", id: "nf-add-" + section.id + "-error"}));
        fieldset.appendChild(add);
        self.addItem(section);
      } else {
        section.fields.forEach(function (field) { fieldset.appendChild(self.fieldControl(section, field, null)); });
      }
      self.form.appendChild(fieldset);
    });

    var langs = el("fieldset", {className: "teia-nform__langs"}, [el("legend", {text: t.output_language})]);
    // one choice per language (named in itself, as the language switcher does), then all of them side by side
    var names = self.def.languages.map(function (language) { return language.name; });
    self.def.languages.concat([{code: "both", name: fill(t.lang_both, {languages: names.join(", ")})}]).forEach(function (choice) {
      var radio = el("input", {type: "radio", name: "nf-output-lang", value: choice.code, id: "nf-output-" + choice.code,
                               checked: choice.code === self.lang});
      langs.appendChild(el("label", {for: "nf-output-" + choice.code, lang: choice.code === "both" ? null : choice.code},
                           [radio, " ", choice.name]));
    });
    this.form.appendChild(langs);

    var file = el("input", {type: "file", id: "nf-load", accept: ".json,application/json", className: "teia-nform__file"});
    file.addEventListener("change", function () { self.loadFile(file); });
    var actions = el("div", {className: "teia-nform__actions", role: "group", "aria-label": t.tools}, [
      el("button", {type: "submit", className: "teia-nform__primary", id: "nf-produce", text: t.produce}),
      el("button", {type: "button", id: "nf-save", text: t.save}),
      el("label", {className: "teia-nform__filelabel", for: "nf-load"}, [t.load, file]),
      el("button", {type: "button", id: "nf-import", text: t.import})
    ]);
    this.form.appendChild(actions);
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.produce(); });
    actions.querySelector("#nf-save").addEventListener("click", function () { self.save(); });
    actions.querySelector("#nf-import").addEventListener("click", function () { self.importCalculator(); });

    this.output = el("div", {className: "teia-nform__output"});
    this.saved = T.saveStatus(this.tools, this.locale, function () { self.clearAll(); });
    this.form.appendChild(this.saved.element);
    this.form.addEventListener("input", function () { self.changed(); });
    this.form.addEventListener("change", function () { self.changed(); });
    this.root.appendChild(this.summary);
    this.root.appendChild(this.form);
    this.root.appendChild(this.status);
    this.root.appendChild(this.output);

    window.addEventListener("beforeprint", function () { self.markForPrint(true); });
    window.addEventListener("afterprint", function () { self.markForPrint(false); });
  };

  NotificationForm.prototype.fieldControl = function (section, field, item) {
    var t = this.t, id = item ? "nf-" + section.id + "-" + item.dataset.key + "-" + field.id : "nf-" + field.id;
    var input;
    if (field.type === "textarea" || field.type === "list") {
      input = el("textarea", {id: id, name: field.id, rows: field.type === "list" ? 3 : 4});
    } else if (field.type === "choice") {
      input = el("select", {id: id, name: field.id}, [el("option", {value: "", text: t.choose})]);
      field.options.forEach(function (option) { input.appendChild(el("option", {value: option.id, text: option.label[this.lang]})); }, this);
    } else {
      // numbers are text read in the page's locale ("1 250,5"), which an <input type=number> refuses
      var type = {text: "text", date: "date", number: "text"}[field.type];
      input = el("input", {id: id, name: field.id, type: type, inputmode: field.type === "number" ? "decimal" : null,
                           maxlength: field.type === "number" ? "40" : null});
    }
    if (field.required) { input.required = true; input.setAttribute("aria-required", "true"); }
    var help = field.help[this.lang] + (field.type === "list" ? " " + t.list_hint : "");
    var error = el("span", {className: "teia-nform__error", id: id + "-error"});
    input.setAttribute("aria-describedby", id + "-help " + id + "-error");
    var label = el("label", {for: id}, [field.label[this.lang]]);
    if (field.required) label.appendChild(el("abbr", {className: "teia-req", title: t.required, text: " *"}));
    label.appendChild(el("span", {className: "teia-nform__basis", text: " (" + field.basis[this.lang] + ")"}));
    var control = {field: field, section: section, input: input, error: error, item: item};
    this.controls.push(control);
    var self = this;
    input.addEventListener("input", function () { if (input.getAttribute("aria-invalid") === "true") self.check(control); });
    return el("div", {className: "teia-nform__field"}, [label, el("span", {className: "teia-nform__help", id: id + "-help", text: help}), input, error]);
  };

  NotificationForm.prototype.addItem = function (section) {
    var self = this, list = this.items[section.id];
    var item = el("fieldset", {className: "teia-nform__item"});
    item.dataset.key = String(++this.counter);
    item.appendChild(el("legend", {}));
    section.fields.forEach(function (field) { item.appendChild(self.fieldControl(section, field, item)); });
    var remove = el("button", {type: "button", text: this.t.remove_item});
    remove.addEventListener("click", function () {
      self.controls = self.controls.filter(function (c) { return c.item !== item; });
      list.removeChild(item);
      self.numberItems(section);
      document.getElementById("nf-add-" + section.id).focus();
      self.changed();
    });
    item.appendChild(remove);
    list.appendChild(item);
    this.numberItems(section);
    return item;
  };

  NotificationForm.prototype.numberItems = function (section) {
    var name = section.item[this.lang];
    Array.prototype.forEach.call(this.items[section.id].children, function (item, index) {
      item.querySelector("legend").textContent = name + " " + (index + 1);
    });
  };

  NotificationForm.prototype.focusFirst = function (container) {
    var first = container.querySelector("input, textarea, select");
    if (first) first.focus();
  };

  // --- checking ------------------------------------------------------------------------------------

  NotificationForm.prototype.problem = function (control) {
    var field = control.field, value = control.input.value.trim(), t = this.t;
    if (!value) return field.required ? t.error_required : "";
    if (field.type === "date") {
      var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      var date = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
      if (!date || date.getUTCMonth() !== +match[2] - 1 || date.getUTCDate() !== +match[3]) return t.error_date;
    }
    if (field.type === "number" && !(this.number(value) > 0)) return t.error_number;
    if (field.pattern && !new RegExp(field.pattern).test(value)) return t.error_pattern;
    if (field.type === "choice" && !field.options.some(function (o) { return o.id === value; })) return t.error_choice;
    return "";
  };

  /* a number as the reader of this page writes it; NaN when it cannot be read or could mean two things */
  NotificationForm.prototype.number = function (text) {
    if (String(text).length > 40) return NaN;
    var read = T.parseNumber(String(text).trim(), this.locale);
    return read.error || !isFinite(read.value) || read.value > this.limits.max_number ? NaN : read.value;
  };

  NotificationForm.prototype.check = function (control) {
    var message = this.problem(control);
    control.error.textContent = message;
    if (message) control.input.setAttribute("aria-invalid", "true");
    else control.input.removeAttribute("aria-invalid");
    return message;
  };

  NotificationForm.prototype.validate = function () {
    var self = this, errors = [];
    this.controls.forEach(function (control) {
      var message = self.check(control);
      if (message) {
        var where = control.item ? control.item.querySelector("legend").textContent + ": " : "";
        errors.push({id: control.input.id, text: where + control.field.label[self.lang] + ": " + message});
      }
    });
    this.def.sections.forEach(function (section) {
      if (!section.repeatable) return;
      var error = document.getElementById("nf-add-" + section.id + "-error");
      var needed = section.fields.some(function (f) { return f.required; });
      var empty = needed && !self.items[section.id].children.length;
      error.textContent = empty ? self.t.error_items : "";
      if (empty) errors.push({id: "nf-add-" + section.id, text: section.title[self.lang] + ": " + self.t.error_items});
    });
    this.showSummary(errors);
    return errors.length === 0;
  };

  NotificationForm.prototype.showSummary = function (errors) {
    var summary = this.summary;
    summary.textContent = "";
    if (!errors.length) { summary.hidden = true; summary.removeAttribute("role"); return; }
    var heading = el("h2", {id: "nf-summary-title", text: fill(this.t.errors_title,
      {problems: T.plural(this.t.problems_count, errors.length, this.locale)})});
    var list = el("ul");
    errors.forEach(function (error) {
      var link = el("a", {href: "#" + error.id, text: error.text});
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var target = document.getElementById(error.id);
        target.scrollIntoView({block: "center"});
        target.focus();
      });
      list.appendChild(el("li", {}, [link]));
    });
    summary.setAttribute("role", "alert");
    summary.setAttribute("aria-labelledby", "nf-summary-title");
    summary.appendChild(heading);
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  };

  // --- values: the same keys as the YAML input of `teia-guide notify` ---------------------------------

  NotificationForm.prototype.valueOf = function (control) {
    var value = control.input.value.trim();
    if (!value) return undefined;
    if (control.field.type === "list") return value.split(/\n/).map(function (s) { return s.trim(); }).filter(Boolean);
    if (control.field.type === "number") {
      var number = this.number(value);
      return isNaN(number) ? value : number;
    }
    return value;
  };

  NotificationForm.prototype.collect = function () {
    var self = this, data = {template: FORMAT, version: this.def.version};
    this.def.sections.forEach(function (section) {
      if (section.repeatable) {
        data[section.id] = Array.prototype.map.call(self.items[section.id].children, function (item) {
          var entry = {};
          self.controls.forEach(function (c) {
            if (c.item === item) { var v = self.valueOf(c); if (v !== undefined) entry[c.field.id] = v; }
          });
          return entry;
        });
      } else {
        self.controls.forEach(function (c) {
          if (c.section === section) { var v = self.valueOf(c); if (v !== undefined) data[c.field.id] = v; }
        });
      }
    });
    return data;
  };

  NotificationForm.prototype.setValue = function (control, value) {
    if (Array.isArray(value)) value = value.join("\n");
    if (control.field.type === "number" && typeof value === "number" && isFinite(value)) value = T.formatNumber(value, this.locale, 6);
    control.input.value = value === null || value === undefined ? "" : String(value);
  };

  NotificationForm.prototype.restore = function (data) {
    var self = this, aliases = this.def.aliases || {}, unknown = [];
    var known = {template: true, version: true, example: true};
    this.controls.forEach(function (c) { if (!c.item) self.setValue(c, ""); });
    Object.keys(data).forEach(function (rawKey) {
      var key = aliases[rawKey] || rawKey;
      var section = self.def.sections.filter(function (s) { return s.repeatable && s.id === key; })[0];
      if (section) {
        self.items[section.id].textContent = "";
        self.controls = self.controls.filter(function (c) { return c.section !== section; });
        (Array.isArray(data[rawKey]) ? data[rawKey] : []).forEach(function (entry) {
          var item = self.addItem(section);
          Object.keys(entry || {}).forEach(function (fieldKey) {
            var id = aliases[fieldKey] || fieldKey;
            var control = self.controls.filter(function (c) { return c.item === item && c.field.id === id; })[0];
            if (control) self.setValue(control, entry[fieldKey]); else unknown.push(fieldKey);
          });
        });
        if (!self.items[section.id].children.length) self.addItem(section);
        return;
      }
      var control = self.controls.filter(function (c) { return !c.item && c.field.id === key; })[0];
      if (control) self.setValue(control, data[rawKey]);
      else if (!known[key]) unknown.push(rawKey);
    });
    return unknown;
  };

  NotificationForm.prototype.save = function () {
    var data = this.collect();
    var name = (data.activity_name || "notification").toLowerCase().replace(/[^a-z0-9\u0400-\u04ff]+/g, "-").replace(/^-|-$/g, "");
    var filename = (name || "notification") + (data.notification_date ? "-" + data.notification_date : "") + ".json";
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], {type: "application/json"});
    var link = el("a", {href: URL.createObjectURL(blob), download: filename});
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    this.status.textContent = fill(this.t.saved, {file: filename});
  };

  /* "" when a notification's data is within the limits of fields.json, else the message that says why not
   * (a file of thousands of substances or of huge fields is refused before it reaches the form) */
  NotificationForm.prototype.withinLimits = function (data, fileName) {
    var self = this, limits = this.limits, problem = "";
    function text(value, key) {
      if (problem) return;
      if (typeof value === "string" && value.length > limits.field_chars) {
        problem = fill(self.t.load_too_long, {file: fileName, field: key, count: T.formatNumber(value.length, self.locale), max: T.formatNumber(limits.field_chars, self.locale)});
      } else if (Array.isArray(value)) {
        if (value.length > limits.items) {
          problem = fill(self.t.load_too_many, {file: fileName, count: T.plural(self.t.substances_count, value.length, self.locale),
                                                max: T.formatNumber(limits.items, self.locale)});
        } else value.forEach(function (v) { text(v, key); });
      } else if (value && typeof value === "object") {
        Object.keys(value).slice(0, limits.keys + 1).forEach(function (k) { text(value[k], k); });
      }
    }
    text(data, "");
    return problem;
  };

  NotificationForm.prototype.loadFile = function (input) {
    var self = this, file = input.files && input.files[0];
    if (!file) return;
    if (file.size > this.limits.file_bytes) {
      var size = function (bytes) { return fill(self.tools.tools_megabytes, {value: T.formatNumber(bytes / 1000000, self.locale, 1)}); };
      this.status.textContent = fill(this.t.load_too_big, {file: file.name, size: size(file.size), max: size(this.limits.file_bytes)});
      input.value = "";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      var tooMuch = data && typeof data === "object" ? self.withinLimits(data, file.name) : "";
      if (tooMuch) {
        self.status.textContent = tooMuch;
      } else if (!data || typeof data !== "object" || Array.isArray(data) || (data.template && data.template !== FORMAT)) {
        self.status.textContent = fill(self.t.load_error, {file: file.name});
      } else {
        var unknown = self.restore(data);
        self.status.textContent = fill(self.t.loaded, {file: file.name}) +
          (unknown.length ? " " + fill(self.t.unknown_keys, {keys: unknown.join(", ")}) : "");
        self.showSummary([]);
        self.output.textContent = "";
        self.changed();
      }
      input.value = "";
    };
    reader.readAsText(file);
  };

  // --- Annex I calculator result (localStorage, written by the calculator page) ---------------------

  NotificationForm.prototype.calculatorResult = function () {
    var result = null;
    try { result = JSON.parse(window.localStorage.getItem(this.def.calculator_key) || "null"); } catch (e) { result = null; }
    return result && typeof result === "object" && !Array.isArray(result) ? result : null;
  };

  /* arrived: true when the reader came with the calculator's "carry over": the substances section is
   * shown and its first imported field focused */
  NotificationForm.prototype.importCalculator = function (arrived) {
    var self = this, t = this.t, result = this.calculatorResult(), locale = this.locale;
    var substances = result && Array.isArray(result.substances) ? result.substances : [];
    var section = this.def.sections.filter(function (s) { return s.repeatable; })[0];
    if (!substances.length || !section) { this.status.textContent = t.import_none; return; }
    if (substances.length > this.limits.items) {
      this.status.textContent = fill(t.import_too_many, {count: T.plural(t.substances_count, substances.length, locale),
                                                         max: T.formatNumber(this.limits.items, locale)});
      return;
    }
    var cut = function (value) { return typeof value === "string" ? value.slice(0, self.limits.field_chars) : value; };
    var names = this.controls.filter(function (c) { return c.item && c.field.id === "substance_name"; })
      .map(function (c) { return c.input.value.trim(); });
    // replace the entries that are still empty, keep the ones already filled in
    Array.prototype.slice.call(this.items[section.id].children).forEach(function (item) {
      var filled = self.controls.some(function (c) { return c.item === item && c.input.value.trim(); });
      if (!filled) {
        self.controls = self.controls.filter(function (c) { return c.item !== item; });
        item.parentNode.removeChild(item);
      }
    });
    var tags = this.def.verification || {};
    var number = function (value) { return T.formatNumber(Number(value.toPrecision(3)), locale, 6); };
    var firstItem = null;
    substances.forEach(function (s) {
      if (!s || typeof s !== "object" || names.indexOf(String(s.name || "").trim()) >= 0) return;   // already there
      var item = self.addItem(section);
      firstItem = firstItem || item;
      var assessed = typeof s.threshold_t === "number" && typeof s.ratio === "number";
      var values = {
        substance_name: cut(s.name), cas_number: s.cas && /\d/.test(s.cas) ? cut(s.cas) : null,
        max_quantity_t: typeof s.quantity_t === "number" ? s.quantity_t : null,
        // the Annex I entry itself stays for the official to confirm; the calculator's finding goes with it
        annex1_entry: assessed ? fill(t.import_entry, {threshold: T.formatNumber(s.threshold_t, locale, 6), ratio: number(s.ratio),
                                                      reached: s.reached ? t.yes : t.no,
                                                      verification: tags[s.verification] || s.verification || "—"}) : null
      };
      self.controls.forEach(function (c) {
        if (c.item === item && values[c.field.id] !== undefined && values[c.field.id] !== null) self.setValue(c, values[c.field.id]);
      });
    });
    this.numberItems(section);
    var date = /^\d{4}-\d{2}-\d{2}$/.test(result.date || "") ? T.formatDate(new Date(result.date + "T12:00:00"), locale) : "";
    this.status.textContent = fill(arrived ? t.from_calculator : t.import_done,
      {date: date, substances: T.plural(t.substances_count, substances.length, locale)});
    this.changed();
    if (arrived) {
      var fieldset = document.getElementById("nf-section-" + section.id);
      fieldset.scrollIntoView({block: "start"});
      this.focusFirst(firstItem || fieldset);
    }
  };

  // --- the produced notification -------------------------------------------------------------------

  NotificationForm.prototype.produce = function () {
    this.output.textContent = "";
    if (!this.validate()) return;
    var mode = (this.form.querySelector("input[name=nf-output-lang]:checked") || {}).value || this.lang;
    var doc = this.document(this.collect(), mode);
    var print = el("button", {type: "button", className: "teia-nform__primary", id: "nf-print", text: this.t.print});
    print.addEventListener("click", function () { window.print(); });
    this.output.appendChild(el("div", {className: "teia-nform__actions"}, [print]));
    this.output.appendChild(doc);
    this.status.textContent = this.t.ready;
    doc.focus();
  };

  NotificationForm.prototype.text = function (mode, pick) {
    // one string in one language, or "RU / EN" (every language, in column order) for the heading lines
    var def = this.def;
    if (mode !== "both") return pick(mode, def.ui[mode]);
    return this.langs.map(function (code) { return pick(code, def.ui[code]); }).join(" / ");
  };

  NotificationForm.prototype.document = function (data, mode) {
    var self = this, both = mode === "both";
    var doc = el("article", {className: "teia-ndoc" + (both ? " teia-ndoc--both" : ""), tabindex: "-1",
                             lang: both ? null : mode, id: "teia-notification-output"});
    doc.appendChild(el("h2", {className: "teia-ndoc__title", text: this.text(mode, function (c, u) { return u.doc_title; })}));
    doc.appendChild(el("p", {className: "teia-ndoc__sub", text: this.text(mode, function (c, u) { return u.doc_subtitle; })}));
    (both ? this.langs : [mode]).forEach(function (code) {
      var u = self.def.ui[code];
      doc.appendChild(el("p", {className: "teia-ndoc__note", lang: code, text: u.based_on}));
    });
    this.def.sections.forEach(function (section) {
      var title = section.letter + ". " + self.text(mode, function (c) { return section.title[c]; });
      doc.appendChild(el("h3", {text: title}));
      if (section.repeatable) {
        (data[section.id] || []).forEach(function (entry, index) {
          doc.appendChild(el("h4", {text: self.text(mode, function (c) { return section.item[c]; }) + " " + (index + 1)}));
          doc.appendChild(self.table(section, entry, mode));
        });
      } else {
        doc.appendChild(self.table(section, data, mode));
      }
    });
    return doc;
  };

  NotificationForm.prototype.table = function (section, values, mode) {
    var self = this, both = mode === "both", body = el("tbody");
    var table = el("table", {className: "teia-ndoc__table"});
    if (both) {
      var heads = this.def.languages.map(function (language) {
        return el("th", {scope: "col", lang: language.code, text: language.name});
      });
      heads.push(el("th", {scope: "col", text: this.text("both", function (c, u) { return u.value; })}));
      table.appendChild(el("thead", {}, [el("tr", {}, heads)]));
    }
    section.fields.forEach(function (field) {
      var row = el("tr");
      (both ? self.langs : [mode]).forEach(function (code) { row.appendChild(el("th", {scope: "row", lang: both ? code : null, text: field.label[code]})); });
      row.appendChild(self.valueCell(field, values[field.id], mode));
      body.appendChild(row);
    });
    table.appendChild(body);
    return table;
  };

  NotificationForm.prototype.valueCell = function (field, value, mode) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
      return el("td", {}, [el("span", {className: "teia-ndoc__empty", text: this.text(mode, function (c, u) { return u.not_given; })})]);
    }
    if (field.type === "choice") {
      var option = field.options.filter(function (o) { return o.id === value; })[0];
      if (option) value = this.text(mode, function (c) { return option.label[c]; });
    }
    return el("td", {className: "teia-ndoc__value", text: Array.isArray(value) ? value.join("\n") : String(value)});
  };

  NotificationForm.prototype.markForPrint = function (on) {
    document.querySelectorAll(".teia-print-hide").forEach(function (node) { node.classList.remove("teia-print-hide"); });
    document.body.classList.remove("teia-printing-notification");
    var doc = this.output.querySelector(".teia-ndoc");
    if (!on || !doc) return;
    // hide every element that is not on the path from <body> to the notification
    for (var node = doc; node && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node) sibling.classList.add("teia-print-hide");
      });
    }
    document.body.classList.add("teia-printing-notification");
  };

  // a failed load leaves the explanation and the link to the blank form visible
  window.teiaTools.startTool("#teia-notification-form", "data-fields",
                             function (root, def) { root.teiaForm = new NotificationForm(root, def); });
})();
