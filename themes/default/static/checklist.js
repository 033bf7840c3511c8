// The print button of the checklist pages: shown only when scripts run.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('.cl-print');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
