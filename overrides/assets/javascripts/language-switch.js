/* Language switcher: keep the section as well as the page.
 *
 * The switcher's links (overrides/partials/alternate.html) point at the same page in every language; the
 * hand-written pages share their section ids across languages, so the fragment the reader is on
 * (#indicators) is carried over. Runs on every page load (no instant navigation needed); without
 * JavaScript the links still keep the page.
 */
(function () {
  "use strict";

  function carryFragment() {
    document.querySelectorAll("a[data-teia-alternate]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      url.hash = window.location.hash;
      link.href = url.href;
    });
  }

  carryFragment();
  window.addEventListener("hashchange", carryFragment);
  // the hash may also change without an event (history.replaceState): read it again at the last moment
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a[data-teia-alternate]")) carryFragment();
  }, true);
})();
