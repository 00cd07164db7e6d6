/* Fillable notification form (notification/form.md).
 *
 * Builds the form from the generated notification/fields.json (the fields of data/notification.yml),
 * checks the required fields (messages tied to each control, and a summary with links), produces a clean
 * printable notification in English, Russian or both side by side, saves the entries to a JSON file and
 * loads them again, and imports the result of the Annex I calculator (localStorage). The saved file has the
 * same keys as the YAML input of `teia-guide notify`, so it can be given to the command as it is.
 * Does nothing on pages without #teia-notification-form; nothing leaves the browser.
 */
(function () {
  "use strict";

  var FORMAT = "teia-notification";
  var LANGS = ["ru", "en"];          // order of the columns in the bilingual version

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

  function NotificationForm(root, def) {
    this.root = root;
    this.def = def;
    this.lang = def.lang;
    this.t = def.ui[def.lang];
    this.counter = 0;
    this.controls = [];            // {field, section, input, error, item}
    this.items = {};               // repeatable section id -> container element
    this.build();
  }

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
        add.addEventListener("click", function () { self.focusFirst(self.addItem(section)); });
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
    ["en", "ru", "both"].forEach(function (code) {
      var radio = el("input", {type: "radio", name: "nf-output-lang", value: code, id: "nf-output-" + code, checked: code === self.lang});
      langs.appendChild(el("label", {for: "nf-output-" + code}, [radio, " ", t["lang_" + code]]));
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
      var type = {text: "text", date: "date", number: "number"}[field.type];
      input = el("input", {id: id, name: field.id, type: type, step: type === "number" ? "any" : null,
                           min: type === "number" ? "0" : null, inputmode: type === "number" ? "decimal" : null});
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
    if (field.type === "number" && !(Number(value.replace(",", ".")) > 0)) return t.error_number;
    if (field.pattern && !new RegExp(field.pattern).test(value)) return t.error_pattern;
    if (field.type === "choice" && !field.options.some(function (o) { return o.id === value; })) return t.error_choice;
    return "";
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
    var heading = el("h2", {id: "nf-summary-title", text: fill(this.t.errors_title, {count: errors.length})});
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
      var number = Number(value.replace(",", "."));
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

  NotificationForm.prototype.loadFile = function (input) {
    var self = this, file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || typeof data !== "object" || Array.isArray(data) || (data.template && data.template !== FORMAT)) {
        self.status.textContent = fill(self.t.load_error, {file: file.name});
      } else {
        var unknown = self.restore(data);
        self.status.textContent = fill(self.t.loaded, {file: file.name}) +
          (unknown.length ? " " + fill(self.t.unknown_keys, {keys: unknown.join(", ")}) : "");
        self.showSummary([]);
        self.output.textContent = "";
      }
      input.value = "";
    };
    reader.readAsText(file);
  };

  // --- Annex I calculator result (localStorage, written by the calculator page) ---------------------

  NotificationForm.prototype.importCalculator = function () {
    var self = this, t = this.t, result = null;
    try { result = JSON.parse(window.localStorage.getItem(this.def.calculator_key) || "null"); } catch (e) { result = null; }
    var substances = result && Array.isArray(result.substances) ? result.substances : [];
    var section = this.def.sections.filter(function (s) { return s.repeatable; })[0];
    if (!substances.length || !section) { this.status.textContent = t.import_none; return; }
    // replace the entries that are still empty, keep the ones already filled in
    Array.prototype.slice.call(this.items[section.id].children).forEach(function (item) {
      var filled = self.controls.some(function (c) { return c.item === item && c.input.value.trim(); });
      if (!filled) {
        self.controls = self.controls.filter(function (c) { return c.item !== item; });
        item.parentNode.removeChild(item);
      }
    });
    var tags = this.def.verification || {};
    var number = function (value) { return Number(value.toPrecision(3)).toString(); };
    substances.forEach(function (s) {
      var item = self.addItem(section);
      var assessed = typeof s.threshold_t === "number" && typeof s.ratio === "number";
      var values = {
        substance_name: s.name, cas_number: s.cas && /\d/.test(s.cas) ? s.cas : null,
        max_quantity_t: typeof s.quantity_t === "number" ? s.quantity_t : null,
        // the Annex I entry itself stays for the official to confirm; the calculator's finding goes with it
        annex1_entry: assessed ? fill(t.import_entry, {threshold: s.threshold_t, ratio: number(s.ratio),
                                                      reached: s.reached ? t.yes : t.no,
                                                      verification: tags[s.verification] || s.verification || "—"}) : null
      };
      self.controls.forEach(function (c) {
        if (c.item === item && values[c.field.id] !== undefined && values[c.field.id] !== null) self.setValue(c, values[c.field.id]);
      });
    });
    this.numberItems(section);
    this.status.textContent = fill(t.import_done, {date: result.date || "", count: substances.length});
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
    // one string in one language, or "RU / EN" for the bilingual heading lines
    var def = this.def;
    if (mode !== "both") return pick(mode, def.ui[mode]);
    return LANGS.map(function (code) { return pick(code, def.ui[code]); }).join(" / ");
  };

  NotificationForm.prototype.document = function (data, mode) {
    var self = this, both = mode === "both";
    var doc = el("article", {className: "teia-ndoc" + (both ? " teia-ndoc--both" : ""), tabindex: "-1",
                             lang: both ? null : mode, id: "teia-notification-output"});
    doc.appendChild(el("h2", {className: "teia-ndoc__title", text: this.text(mode, function (c, u) { return u.doc_title; })}));
    doc.appendChild(el("p", {className: "teia-ndoc__sub", text: this.text(mode, function (c, u) { return u.doc_subtitle; })}));
    (both ? LANGS : [mode]).forEach(function (code) {
      var u = self.def.ui[code];
      doc.appendChild(el("p", {className: "teia-ndoc__note", lang: code, text: u.reconstructed_short + " " + u.version + ": " + self.def.version + "."}));
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
      table.appendChild(el("thead", {}, [el("tr", {}, [
        el("th", {scope: "col", lang: "ru", text: "Русский"}), el("th", {scope: "col", lang: "en", text: "English"}),
        el("th", {scope: "col", text: this.text("both", function (c, u) { return u.value; })})
      ])]));
    }
    section.fields.forEach(function (field) {
      var row = el("tr");
      (both ? LANGS : [mode]).forEach(function (code) { row.appendChild(el("th", {scope: "row", lang: both ? code : null, text: field.label[code]})); });
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

  function start() {
    var root = document.getElementById("teia-notification-form");
    if (!root || root.dataset.started) return;
    root.dataset.started = "1";
    fetch(new URL(root.getAttribute("data-fields"), window.location.href).href)
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (def) { root.teiaForm = new NotificationForm(root, def); })
      .catch(function () { /* the explanation and the link to the blank form stay visible */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
