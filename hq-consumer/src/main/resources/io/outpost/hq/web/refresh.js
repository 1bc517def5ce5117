// Outpost HQ status page: every data-refresh-seconds, fetch the page again and swap in its header
// and main part, so that the view stays current without a reload. Same origin only (the page's
// Content-Security-Policy allows nothing else); when HQ cannot be reached, the last status stays
// on screen and the header says so.
(function () {
  'use strict';
  var period = Number(document.body.getAttribute('data-refresh-seconds') || '10') * 1000;
  var refreshes = 0;

  function swap(fresh, selector) {
    var current = document.querySelector(selector);
    var next = fresh.querySelector(selector);
    if (current && next) {
      current.replaceWith(document.adoptNode(next));
    }
  }

  function refresh() {
    fetch('/', { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        swap(fresh, 'header');
        swap(fresh, 'main');
        document.title = fresh.title;
        refreshes += 1;
        document.body.setAttribute('data-refreshes', String(refreshes));
      })
      .catch(function () {
        var state = document.getElementById('refresh-state');
        if (state) {
          state.textContent = ' \u00b7 HQ not reachable, showing the last status';
          state.className = 'pill bad';
        }
      })
      .then(function () {
        setTimeout(refresh, period);
      });
  }

  setTimeout(refresh, period);
})();
