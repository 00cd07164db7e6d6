/* Interactive quiz (page quiz/index.md, generated from data/quiz.yml by teiaguide/features/quiz.py).
 *
 * The page is a plain form: every question is a <fieldset> with a <legend> and labelled radio buttons or
 * checkboxes, readable without JavaScript. This script adds: "Check answer" per question (verdict, the
 * correct answer, explanation and link, announced in a live region), the score, "Start again", a filter
 * by working area (#area-<id> or ?area=<id> in the URL), shuffling, and the reader's progress kept in
 * localStorage. Nothing is sent anywhere. It does nothing on pages without [data-teia-quiz].
 */
(function () {
  "use strict";

  function setup(form) {
    var live = form.querySelector("[data-teia-quiz-live]");
    var filter = form.querySelector("[data-teia-quiz-filter]");
    var shuffleBox = form.querySelector("[data-teia-quiz-shuffle]");
    var result = form.querySelector("[data-teia-quiz-result]");
    var scoreText = form.querySelector("[data-teia-quiz-score]");
    var sections = Array.prototype.slice.call(form.querySelectorAll("[data-area]"));
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
    var storageKey = form.getAttribute("data-storage-key");
    var state = readState();       // {answers: {question id: [option ids]}, shuffle: bool}
    var currentArea = "";          // the filter lives in the URL (#area-<id>), not in storage

    function text(name) { return form.getAttribute("data-text-" + name) || ""; }

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (match, key) {
        return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
      });
    }

    // --- storage: only on this device; a blocked or full storage just means no saved progress ---------
    function readState() {
      var empty = { answers: {}, shuffle: false };
      try {
        var saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
        if (saved && typeof saved === "object" && saved.answers && typeof saved.answers === "object") {
          return { answers: saved.answers, shuffle: !!saved.shuffle };
        }
      } catch (error) { /* storage unavailable or corrupt: start fresh */ }
      return empty;
    }

    function saveState() {
      try { window.localStorage.setItem(storageKey, JSON.stringify(state)); } catch (error) { /* ignore */ }
    }

    function announce(message) {
      // clear first so that the same message twice in a row is announced again
      live.textContent = "";
      window.setTimeout(function () { live.textContent = message; }, 50);
    }

    // --- one question -------------------------------------------------------------------------------
    function inputs(question) {
      return Array.prototype.slice.call(question.querySelectorAll("input"));
    }

    function correctIds(question) {
      return question.getAttribute("data-correct").split(" ").filter(Boolean).sort();
    }

    function chosenIds(question) {
      return inputs(question).filter(function (input) { return input.checked; })
        .map(function (input) { return input.value; }).sort();
    }

    function isRight(question, chosen) {
      return chosen.join(" ") === correctIds(question).join(" ");
    }

    function showResult(question, chosen) {
      var right = isRight(question, chosen);
      var correct = correctIds(question);
      var feedback = question.querySelector("[data-teia-quiz-feedback]");
      var verdict = question.querySelector("[data-teia-quiz-verdict]");
      var button = question.querySelector("[data-teia-quiz-check]");
      inputs(question).forEach(function (input) {
        input.checked = chosen.indexOf(input.value) !== -1;
        input.disabled = true;
        var option = input.closest("[data-option]");
        option.classList.toggle("is-answer", correct.indexOf(input.value) !== -1);
        option.classList.toggle("is-chosen", input.checked);
      });
      question.classList.toggle("is-right", right);
      question.classList.toggle("is-wrong", !right);
      question.setAttribute("data-state", right ? "right" : "wrong");
      verdict.textContent = right ? text("right") : text("wrong");
      feedback.hidden = false;
      // the button keeps the focus (a disabled button would drop it to the top of the page)
      button.setAttribute("aria-disabled", "true");
      return right;
    }

    function clearResult(question) {
      inputs(question).forEach(function (input) {
        input.checked = false;
        input.disabled = false;
        var option = input.closest("[data-option]");
        option.classList.remove("is-answer", "is-chosen");
      });
      question.classList.remove("is-right", "is-wrong");
      question.removeAttribute("data-state");
      question.querySelector("[data-teia-quiz-verdict]").textContent = "";
      question.querySelector("[data-teia-quiz-feedback]").hidden = true;
      question.querySelector("[data-teia-quiz-check]").removeAttribute("aria-disabled");
    }

    function check(question) {
      var id = question.getAttribute("data-question");
      if (state.answers[id]) { return; }               // already checked: wait for "Start again"
      var chosen = chosenIds(question);
      if (!chosen.length) {
        announce(text("choose-first"));
        return;
      }
      var right = showResult(question, chosen);
      state.answers[id] = chosen;
      saveState();
      var solution = question.querySelector(".teia-quiz__solution");
      var message = (right ? text("right") : text("wrong") + " " + solution.textContent.trim());
      var summary = updateScore();
      announce(summary.done ? message + " " + summary.text : message);
    }

    // --- the set of questions shown: filter, numbering, score ---------------------------------------
    function visibleQuestions() {    // in the page's current (possibly shuffled) order
      return Array.prototype.slice.call(form.querySelectorAll("[data-question]")).filter(function (question) { return !question.closest("[data-area]").hidden; });
    }

    function renumber() {
      visibleQuestions().forEach(function (question, index) {
        question.querySelector("[data-teia-quiz-number]").textContent = (index + 1) + ".";
      });
    }

    function updateScore() {
      var shown = visibleQuestions();
      var answered = 0;
      var correct = 0;
      shown.forEach(function (question) {
        var chosen = state.answers[question.getAttribute("data-question")];
        if (chosen) {
          answered += 1;
          if (isRight(question, chosen.slice().sort())) { correct += 1; }
        }
      });
      var values = { answered: answered, correct: correct, total: shown.length };
      var done = shown.length > 0 && answered === shown.length;
      var summary = fill(text(done ? "done" : "progress"), values);
      scoreText.textContent = summary;
      result.classList.toggle("is-done", done);
      return { text: summary, done: done };
    }

    function knownArea(area) {
      return sections.some(function (section) { return section.getAttribute("data-area") === area; });
    }

    function applyFilter(area, updateUrl) {
      if (!knownArea(area)) { area = ""; }
      currentArea = area;
      filter.value = area;
      sections.forEach(function (section) {
        section.hidden = area !== "" && section.getAttribute("data-area") !== area;
      });
      if (updateUrl && window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        url.searchParams.delete("area");
        url.hash = area ? "area-" + area : "";
        window.history.replaceState(null, "", url.href);
      }
      renumber();
      updateScore();
    }

    function areaFromUrl() {
      var match = /^#area-([a-z0-9-]+)$/.exec(window.location.hash);
      if (match && knownArea(match[1])) { return match[1]; }
      var query = new URLSearchParams(window.location.search).get("area");
      return query && knownArea(query) ? query : null;
    }

    // --- shuffle: random order on request, the page's order otherwise -------------------------------
    function reorder(container, children, random) {
      var order = children.slice();
      if (random) {
        for (var i = order.length - 1; i > 0; i -= 1) {
          var j = Math.floor(Math.random() * (i + 1));
          var swap = order[i]; order[i] = order[j]; order[j] = swap;
        }
      }
      order.forEach(function (child) { container.appendChild(child); });
    }

    var originalQuestions = sections.map(function (section) {
      return Array.prototype.slice.call(section.querySelectorAll("[data-question]"));
    });
    var originalOptions = questions.map(function (question) {
      return Array.prototype.slice.call(question.querySelectorAll("[data-option]"));
    });

    function applyShuffle(random) {
      state.shuffle = random;
      shuffleBox.checked = random;
      sections.forEach(function (section, index) { reorder(section, originalQuestions[index], random); });
      questions.forEach(function (question, index) {
        reorder(question.querySelector("[data-teia-quiz-options]"), originalOptions[index], random);
      });
      renumber();
      saveState();
    }

    function retry() {
      visibleQuestions().forEach(function (question) {
        clearResult(question);
        delete state.answers[question.getAttribute("data-question")];
      });
      saveState();
      if (state.shuffle) { applyShuffle(true); }
      updateScore();
      announce(text("restarted"));
      var first = visibleQuestions()[0];
      if (first) { first.querySelector("input").focus(); }
    }

    // --- wiring ------------------------------------------------------------------------------------
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-teia-quiz-check]");
      if (button) { check(button.closest("[data-question]")); }
      if (event.target.closest("[data-teia-quiz-retry]")) { retry(); }
    });
    filter.addEventListener("change", function () { applyFilter(filter.value, true); });
    shuffleBox.addEventListener("change", function () { applyShuffle(shuffleBox.checked); });
    window.addEventListener("hashchange", function () {
      var area = areaFromUrl();
      if (area !== null && area !== currentArea) { applyFilter(area, false); }
    });

    // the script works: show its controls, hide the note for readers without JavaScript
    Array.prototype.forEach.call(form.querySelectorAll("[data-teia-quiz-controls], [data-teia-quiz-actions]"),
      function (element) { element.hidden = false; });
    result.hidden = false;
    var note = document.querySelector("[data-teia-quiz-nojs]");
    if (note) { note.hidden = true; }

    questions.forEach(function (question) {
      var chosen = state.answers[question.getAttribute("data-question")];
      if (Array.isArray(chosen) && chosen.length) {
        showResult(question, chosen.map(String));
      } else {
        delete state.answers[question.getAttribute("data-question")];
      }
    });
    applyShuffle(state.shuffle);
    var fromUrl = areaFromUrl();
    applyFilter(fromUrl !== null ? fromUrl : "", false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-teia-quiz]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
