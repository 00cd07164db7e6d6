/* Glossary definitions for touch and keyboard, not only for the mouse.
 *
 * The build marks the Convention's terms in the text as <abbr title="definition"> (teiaguide/features/
 * glossary.py). A title shows on mouse hover only: a phone never shows it, a keyboard cannot reach it.
 * Here every term shows its definition in one small tooltip (role="tooltip", described-by the term) on
 * hover, tap or focus; Escape, a tap elsewhere or leaving the term closes it. The first occurrence of each
 * term on the page is focusable (Tab), so that a keyboard reaches every definition once, without a stop
 * on every repetition. Without JavaScript the title remains; the tooltip is never printed (glossary.css).
 */
(function () {
  "use strict";

  // terms of the glossary: abbr elements written by Markdown (other abbrs, e.g. country codes, have a
  // class); not inside links or headings, where a tap must follow the link and no underline is shown
  var CANDIDATES = ".md-typeset abbr[title]:not([class])";
  var TERM = "abbr[data-teia-definition]";
  var GAP = 6;
  var tip = null;
  var current = null;
  var leaving = null;             // timer: hide after the pointer has left the term and the tooltip

  function setup() {
    var seen = {};
    document.querySelectorAll(CANDIDATES).forEach(function (term) {
      if (term.closest("a, h1, h2, h3, h4, h5, h6")) return;
      var definition = term.getAttribute("title");
      term.setAttribute("data-teia-definition", definition);
      term.removeAttribute("title");                  // no second, native tooltip on hover
      if (!seen[definition]) {
        seen[definition] = true;
        term.tabIndex = 0;
      }
    });
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "teia-term-tip";
      tip.className = "teia-term-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(term) {
    if (current === term) return;
    hide();
    var box = tooltip();
    box.textContent = term.getAttribute("data-teia-definition");
    box.hidden = false;
    term.setAttribute("aria-describedby", box.id);
    current = term;
    place(term, box);
  }

  function hide() {
    if (!current) return;
    tip.hidden = true;
    current.removeAttribute("aria-describedby");
    current = null;
  }

  // below the term (above it if there is no room), kept inside the viewport on a narrow phone
  function place(term, box) {
    var line = term.getClientRects()[0] || term.getBoundingClientRect();
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(GAP, Math.min(line.left, viewport - box.offsetWidth - GAP));
    var top = line.bottom + GAP;
    if (top + box.offsetHeight > window.innerHeight && line.top - box.offsetHeight - GAP > 0) {
      top = line.top - box.offsetHeight - GAP;
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function termOf(node) {
    return node && node.closest ? node.closest(TERM) : null;
  }

  function within(node) {
    return node && ((current && current.contains(node)) || (tip && tip.contains(node)));
  }

  setup();
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (term) show(term);
    else if (!within(event.target)) hide();
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) show(term);
    else hide();
  });
  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term || within(event.target)) clearTimeout(leaving);
    if (term) show(term);
  });
  document.addEventListener("mouseout", function (event) {
    // a moment's grace: the pointer may cross the gap onto the tooltip itself (WCAG 1.4.13: hoverable)
    if (current && within(event.target) && !within(event.relatedTarget) && document.activeElement !== current) {
      clearTimeout(leaving);
      leaving = setTimeout(hide, 300);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("resize", hide);
})();
