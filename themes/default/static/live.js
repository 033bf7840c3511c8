// sopbook serve: reloads the page after each rebuild, and shows the lint errors over the page
// while the sources do not build. Served only by `sopbook serve`, never part of a built site.
(function () {
  'use strict';
  var overlay = null;
  var lastBuild = null;
  // The site's interface strings (pt-BR or English, as sopbook.toml says); Portuguese without them.
  var strings = {
    live_errors_one: 'sopbook: o site não foi reconstruído (1 erro)',
    live_errors: 'sopbook: o site não foi reconstruído ({n} erros)',
    live_hint: 'Corrija o arquivo e salve: a página se atualiza sozinha.'
  };
  // Read when first needed: this script runs before the page's deferred ones, among them
  // assets/sopbook-strings.js, which sets window.sopbookStrings.
  var read = false;
  function readStrings() {
    if (read) return;
    read = true;
    var own = window.sopbookStrings;
    try {
      if (!own || Object.getPrototypeOf(own) !== Object.prototype) {
        own = JSON.parse(document.getElementById('sopbook-strings').textContent);
      }
      Object.keys(strings).forEach(function (key) { if (typeof own[key] === 'string' && own[key]) strings[key] = own[key]; });
    } catch (e) { /* a page without the strings (the empty first page) */ }
  }

  function showErrors(errors) {
    readStrings();
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
    title.textContent = errors.length === 1 ? strings.live_errors_one : strings.live_errors.replace('{n}', errors.length);
    title.style.cssText = 'margin:0 0 16px;font-size:20px;color:#ff8a80';
    overlay.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement('p');
      var where = document.createElement('strong');
      where.textContent = e.file ? e.file + ':' + e.line + ':' + e.column : '';
      var rule = document.createElement('span');
      rule.textContent = ' error[' + e.rule + '] ';
      rule.style.color = '#ffcc80';
      item.appendChild(where);
      item.appendChild(rule);
      item.appendChild(document.createTextNode(e.message));
      overlay.appendChild(item);
    });
    var hint = document.createElement('p');
    hint.textContent = strings.live_hint;
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
    showErrors(data.errors);
  });
})();
