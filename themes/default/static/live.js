// sopbook serve: reloads the page after each rebuild, and shows the lint errors over the page
// while the sources do not build. Served only by `sopbook serve`, never part of a built site.
// It has no words of its own: the server sends the overlay's (`text` of an error event), in the
// language of the command line.
(function () {
  'use strict';
  var overlay = null;
  var lastBuild = null;

  function showErrors(errors, text) {
    text = text || {};
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'sopbook-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);' +
        'color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px';
      document.body.appendChild(overlay);
    }
    overlay.textContent = '';
    var title = document.createElement('h2');
    title.textContent = text.title || 'sopbook';
    title.style.cssText = 'margin:0 0 16px;font-size:20px;color:#ff8a80';
    overlay.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement('p');
      var where = document.createElement('strong');
      where.textContent = e.file ? e.file + ':' + e.line + ':' + e.column : '';
      var rule = document.createElement('span');
      rule.textContent = ' ' + (text.error || '') + '[' + e.rule + '] ';
      rule.style.color = '#ffcc80';
      item.appendChild(where);
      item.appendChild(rule);
      item.appendChild(document.createTextNode(e.message));
      overlay.appendChild(item);
    });
    var hint = document.createElement('p');
    hint.textContent = text.hint || '';
    hint.style.opacity = '.8';
    overlay.appendChild(hint);
  }

  var source = new EventSource('/__sopbook/events');
  // This page's path in the site, as the server names changed pages.
  var here = decodeURIComponent(window.location.pathname.replace(/^\/+/, ''));
  if (here === '' || /\/$/.test(here)) here += 'index.html';

  source.addEventListener('reload', function (event) {
    var data = JSON.parse(event.data);
    var mine = (data.urls || []).some(function (url) { return url === '*' || url === here; });
    if (lastBuild !== null && (mine || overlay)) {
      window.location.reload();
      return;
    }
    lastBuild = data.build;
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  });
  source.addEventListener('error', function (event) {
    if (!event.data) return; // a dropped connection, not a build error
    var data = JSON.parse(event.data);
    lastBuild = data.build;
    showErrors(data.errors, data.text);
  });
})();
