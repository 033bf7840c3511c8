// The checklist pages: the print button (shown only when scripts run), the print date, and the
// overdue band of a procedure whose review fell due after the site was built.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('.cl-print');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }

  function two(n) { return (n < 10 ? '0' : '') + n; }

  // Today in the site's format (lang/*.toml: pt-BR DD/MM/AAAA, en YYYY-MM-DD), from local time.
  function today() {
    var d = new Date();
    var iso = d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
    var pt = (document.documentElement.lang || '').toLowerCase().indexOf('pt') === 0;
    return { iso: iso, text: pt ? two(d.getDate()) + '/' + two(d.getMonth() + 1) + '/' + d.getFullYear() : iso };
  }

  function stamp() {
    var now = today();
    // An empty <time> is not valid HTML: the page has a <span>, the script puts the date in it.
    var slots = document.querySelectorAll('.cl-printed');
    for (var i = 0; i < slots.length; i++) {
      var time = document.createElement('time');
      time.setAttribute('datetime', now.iso);
      time.textContent = now.text;
      slots[i].textContent = '';
      slots[i].appendChild(time);
    }
    var bands = document.querySelectorAll('.cl-overdue[data-due]');
    for (var j = 0; j < bands.length; j++) {
      if (bands[j].getAttribute('data-due') < now.iso) bands[j].hidden = false;
    }
  }

  stamp();
  window.addEventListener('beforeprint', stamp);
})();
