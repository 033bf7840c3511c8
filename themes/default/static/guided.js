/* sopbook guided mode: a step-by-step walk through one procedure.
 *
 * Page contract (written by the procedure-page template):
 *   - button#guided-open[hidden]           un-hidden here; the page is complete without JS
 *   - script#sopbook-guided (JSON)         {title, breadcrumb, start, steps: {id: {...}}}
 *   - script#sopbook-strings (JSON)        flat {key: text}; pt-BR fallbacks below
 *   - ol.steps > li.step#ID > .step-body   rendered content, cloned into the panel
 *   - svg g#fc-ID                          flowchart node, gets class fc-current
 *
 * Every string in the data is untrusted: it only ever reaches the DOM through
 * textContent, attribute values or a textarea's value. No innerHTML, no inline
 * handlers, no network. Plain ES2017, no build step.
 */
(function () {
  'use strict';

  // pt-BR fallbacks for every interface string (used when #sopbook-strings lacks a key).
  const DEFAULT_STRINGS = {
    guided_open: 'Modo guiado',
    guided_title: 'Modo guiado',
    guided_step_of: 'Passo {n} de {total}',
    guided_done: 'Feito',
    guided_back: 'Voltar',
    guided_restart: 'Recomeçar',
    guided_close: 'Fechar',
    guided_resolved: 'Resolvido',
    guided_escalate_to: 'Escalonar para {to}',
    guided_sla: 'Retorno em {sla}',
    guided_via: 'Como encaminhar',
    guided_fields: 'Dados para o chamado',
    guided_case_note: 'Nota para o chamado',
    guided_copy: 'Copiar',
    guided_copied: 'Copiado!',
    guided_copy_failed: 'Não foi possível copiar automaticamente: o texto está selecionado, use Ctrl+C.',
    guided_path: 'Caminho',
    guided_outcome: 'Resultado',
    guided_incomplete: 'O procedimento está incompleto neste ponto. Volte ao passo anterior ou recomece, e avise o responsável pelo procedimento.',
    guided_incomplete_title: 'Procedimento incompleto',
    guided_missing_step: 'Passo inexistente: {id}',
    guided_answer: '{question} — {answer}',
    guided_date: 'Data',
    guided_note_to: 'Encaminhar para',
    guided_note_sla: 'Retorno',
  };

  const FIELD_BLANK = '____________';
  const DOCKED_QUERY = '(min-width: 64em)';

  function readJSON(id) {
    const el = document.getElementById(id);
    if (!el) return null;
    try {
      const value = JSON.parse(el.textContent || '');
      return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
    } catch (e) {
      return null;
    }
  }

  function str(value) {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && isFinite(value)) return String(value);
    return '';
  }

  function has(obj, key) {
    return obj != null && typeof key === 'string' && Object.prototype.hasOwnProperty.call(obj, key);
  }

  // "{n} of {total}" style templates; the replacement is a function so "$&" in data stays literal.
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (match, key) => (has(values, key) ? str(values[key]) : match));
  }

  // The step text is Markdown source; the case note wants plain text.
  function plain(markdown) {
    return str(markdown)
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[\[([^\]]*)\]\]/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?!\w)/g, '$1$2')
      .replace(/`+/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function formatDate(date, lang) {
    const d = pad(date.getDate());
    const m = pad(date.getMonth() + 1);
    const y = date.getFullYear();
    const time = pad(date.getHours()) + ':' + pad(date.getMinutes());
    if (/^en-us/i.test(lang)) return `${m}/${d}/${y} ${time}`;
    if (/^(pt|es|fr|it|de|en-gb)\b/i.test(lang)) return `${d}/${m}/${y} ${time}`;
    return `${y}-${m}-${d} ${time}`;
  }

  // Only navigable, non-script URLs become links; anything else is shown as text.
  function safeHref(url) {
    const raw = str(url).trim();
    if (!raw) return null;
    try {
      const resolved = new URL(raw, document.baseURI);
      return /^(https?|file|mailto):$/.test(resolved.protocol) ? raw : null;
    } catch (e) {
      return null;
    }
  }

  // Small element builder: attributes via setAttribute, children as nodes or text.
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const name of Object.keys(attrs)) {
        const value = attrs[name];
        if (value == null || value === false) continue;
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children == null) return node;
    if (!Array.isArray(children)) children = [children];
    for (const child of children) {
      if (child == null || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function stripIds(node) {
    if (node.nodeType !== 1) return node;
    node.removeAttribute('id');
    for (const inner of node.querySelectorAll('[id]')) inner.removeAttribute('id');
    return node;
  }

  function init() {
    const data = readJSON('sopbook-guided');
    const openButton = document.getElementById('guided-open');
    if (!data || !openButton || !data.steps || typeof data.steps !== 'object') return;

    const userStrings = readJSON('sopbook-strings') || {};
    const S = {};
    for (const key of Object.keys(DEFAULT_STRINGS)) {
      S[key] = has(userStrings, key) && typeof userStrings[key] === 'string' && userStrings[key]
        ? userStrings[key]
        : DEFAULT_STRINGS[key];
    }

    const lang = document.documentElement.getAttribute('lang') || 'pt-BR';
    const steps = data.steps;
    const total = Object.keys(steps).length;
    const start = str(data.start);
    const procTitle = str(data.title);
    const breadcrumb = str(data.breadcrumb);
    const stepList = document.querySelector('ol.steps');

    ensureStylesheet();

    let dialog = null;
    let ui = null;
    let current = start;
    let trail = []; // [{id, answer}] — the steps left behind; answer is null for an action
    let marked = []; // elements carrying fc-current / guided-current
    let docked = false;
    let statusTimer = 0;
    const dockedQuery = window.matchMedia ? window.matchMedia(DOCKED_QUERY) : null;

    function getStep(id) {
      if (!has(steps, id)) return null;
      const step = steps[id];
      return step && typeof step === 'object' ? step : null;
    }

    function stepItem(id) {
      if (!stepList || !id) return null;
      for (const li of stepList.children) if (li.id === id) return li;
      return null;
    }

    function stepBody(id) {
      const li = stepItem(id);
      if (!li) return null;
      for (const child of li.children) if (child.classList.contains('step-body')) return child;
      return li.querySelector('.step-body');
    }

    function questionOf(step) {
      return plain(step.text) || plain(step.title);
    }

    function actionOf(step) {
      return plain(step.title) || plain(step.text);
    }

    function kindOf(step) {
      const kind = str(step && step.kind);
      return ['action', 'decision', 'resolution', 'escalation'].indexOf(kind) >= 0 ? kind : 'broken';
    }

    function ensureStylesheet() {
      for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
        if (/(^|\/)guided\.css([?#]|$)/.test(link.getAttribute('href') || '')) return;
      }
      const root = document.documentElement.getAttribute('data-root') || '';
      document.head.appendChild(el('link', { rel: 'stylesheet', href: root + 'assets/guided.css' }));
    }

    // ---- the panel --------------------------------------------------------

    function build() {
      const titleId = 'sopbook-guided-label';
      const eyebrowId = 'sopbook-guided-eyebrow';
      const closeButton = el('button', { type: 'button', class: 'guided-close', 'aria-label': S.guided_close, title: S.guided_close }, '\u00d7');
      const backButton = el('button', { type: 'button', class: 'guided-nav-button guided-back' }, [
        el('span', { 'aria-hidden': 'true' }, '\u2190 '), S.guided_back,
      ]);
      const restartButton = el('button', { type: 'button', class: 'guided-nav-button guided-restart' }, [
        el('span', { 'aria-hidden': 'true' }, '\u21ba '), S.guided_restart,
      ]);
      const scroller = el('div', { class: 'guided-scroll' });
      const live = el('div', { class: 'guided-live', role: 'status', 'aria-live': 'polite' });

      dialog = el('dialog', { class: 'guided', 'aria-labelledby': `${eyebrowId} ${titleId}` }, [
        el('header', { class: 'guided-header' }, [
          el('div', { class: 'guided-heading' }, [
            el('p', { class: 'guided-eyebrow', id: eyebrowId }, S.guided_title),
            el('h2', { class: 'guided-proc', id: titleId }, procTitle || breadcrumb),
          ]),
          closeButton,
        ]),
        scroller,
        el('footer', { class: 'guided-footer' }, [backButton, restartButton]),
        live,
      ]);
      document.body.appendChild(dialog);

      closeButton.addEventListener('click', close);
      backButton.addEventListener('click', back);
      restartButton.addEventListener('click', restart);
      dialog.addEventListener('close', onClosed);
      dialog.addEventListener('keydown', (event) => {
        // Modal dialogs close on Escape by themselves; the docked one and the fallback need this.
        if ((event.key === 'Escape' || event.key === 'Esc') && !isModal()) {
          event.preventDefault();
          close();
        }
      });
      ui = { scroller, live, backButton, restartButton, closeButton };
    }

    // The attribute, not the property: without <dialog> support .open does not exist.
    function isOpen() {
      return !!dialog && dialog.hasAttribute('open');
    }

    function isModal() {
      return isOpen() && !docked && typeof dialog.showModal === 'function';
    }

    function open() {
      if (!dialog) build();
      if (isOpen()) {
        focusHeading();
        return;
      }
      docked = !!(dockedQuery && dockedQuery.matches);
      dialog.classList.toggle('guided-docked', docked);
      document.documentElement.classList.toggle('guided-docked-page', docked);
      if (typeof dialog.showModal === 'function') {
        if (docked) dialog.show();
        else dialog.showModal();
      } else {
        dialog.setAttribute('open', '');
        dialog.classList.add('guided-fallback');
      }
      openButton.setAttribute('aria-expanded', 'true');
      render();
    }

    function close() {
      if (!dialog) return;
      if (typeof dialog.close === 'function') {
        if (isOpen()) dialog.close();
      } else if (dialog.hasAttribute('open')) {
        dialog.removeAttribute('open');
        onClosed();
      }
    }

    function onClosed() {
      // The close event is queued: a panel reopened in the meantime (onModeChange) stays as it is.
      if (isOpen()) return;
      unmark();
      document.documentElement.classList.remove('guided-docked-page');
      openButton.setAttribute('aria-expanded', 'false');
      openButton.focus();
    }

    // Crossing the docked/modal breakpoint while open: reopen in the other mode, same walk.
    function onModeChange() {
      if (!isOpen()) return;
      const wanted = !!(dockedQuery && dockedQuery.matches);
      if (wanted === docked) return;
      if (typeof dialog.showModal === 'function') {
        dialog.close();
        open();
      } else {
        docked = wanted;
        dialog.classList.toggle('guided-docked', docked);
        document.documentElement.classList.toggle('guided-docked-page', docked);
      }
    }

    function focusHeading() {
      const heading = ui && ui.scroller.querySelector('.guided-step-title');
      if (heading) heading.focus({ preventScroll: true });
    }

    // ---- moves ------------------------------------------------------------

    function go(next, answer) {
      trail.push({ id: current, answer: answer == null ? null : answer });
      current = str(next);
      render();
    }

    function back() {
      if (!trail.length) return;
      current = trail.pop().id;
      render();
    }

    function restart() {
      trail = [];
      current = start;
      render();
    }

    // ---- highlight on the page -------------------------------------------

    function unmark() {
      for (const item of marked) item.node.classList.remove(item.cls);
      marked = [];
    }

    function flowchartInView(node) {
      const figure = node.closest ? node.closest('figure') || node.closest('svg') : null;
      if (!figure) return false;
      const box = figure.getBoundingClientRect();
      return box.bottom > 0 && box.top < (window.innerHeight || document.documentElement.clientHeight);
    }

    function mark(id) {
      unmark();
      if (!id) return;
      const node = document.getElementById('fc-' + id);
      if (node && node.classList) {
        node.classList.add('fc-current');
        marked.push({ node, cls: 'fc-current' });
        // Docked beside the page: keep the node in view while the analyst is looking at the
        // flowchart; leave the page alone when they have scrolled elsewhere.
        if (docked && typeof node.scrollIntoView === 'function' && flowchartInView(node)) {
          const still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
          node.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: still ? 'auto' : 'smooth' });
        }
      }
      const li = stepItem(id);
      if (li) {
        li.classList.add('guided-current');
        marked.push({ node: li, cls: 'guided-current' });
      }
    }

    // ---- rendering ----------------------------------------------------------

    function render() {
      const step = getStep(current);
      const kind = step ? kindOf(step) : 'missing';
      const section = el('section', { class: `guided-step guided-step-${kind}` });

      section.appendChild(heading(step, kind));
      if (step) section.appendChild(body(step));

      if (kind === 'action') renderAction(section, step);
      else if (kind === 'decision') renderDecision(section, step);
      else if (kind === 'resolution') renderResolution(section, step);
      else if (kind === 'escalation') renderEscalation(section, step);
      else section.appendChild(incomplete(step ? '' : current));

      clear(ui.scroller);
      ui.scroller.appendChild(section);
      fitNote();
      ui.scroller.scrollTop = 0;
      ui.backButton.disabled = trail.length === 0;
      ui.live.textContent = '';
      mark(step ? current : '');
      focusHeading();
    }

    function heading(step, kind) {
      let title = step ? plain(step.title) : '';
      if (!title) {
        if (kind === 'resolution') title = S.guided_resolved;
        else if (kind === 'escalation' && str(step.to)) title = fmt(S.guided_escalate_to, { to: str(step.to) });
        else if (kind === 'broken' || kind === 'missing') title = S.guided_incomplete_title;
        else title = step ? questionOf(step) : '';
      }
      const number = step ? str(step.number) : '';
      return el('h3', { class: 'guided-step-title', tabindex: '-1' }, [
        number ? el('span', { class: 'guided-progress' }, fmt(S.guided_step_of, { n: number, total })) : null,
        number ? ' ' : null,
        el('span', { class: 'guided-step-name' }, title),
      ]);
    }

    // The step's rendered content, cloned from the page; the Markdown source as text otherwise.
    function body(step) {
      const source = stepBody(current);
      if (source) {
        const copy = stripIds(source.cloneNode(true));
        copy.classList.add('guided-body');
        return copy;
      }
      const box = el('div', { class: 'guided-body' });
      const paragraphs = str(step.text).split(/\n\s*\n/).map(plain).filter(Boolean);
      for (const text of paragraphs) box.appendChild(el('p', null, text));
      return box;
    }

    function renderAction(section, step) {
      const done = el('button', { type: 'button', class: 'guided-primary guided-done' }, [
        el('span', { 'aria-hidden': 'true' }, '\u2713 '), S.guided_done,
      ]);
      done.addEventListener('click', () => go(step.next, null));
      section.appendChild(el('div', { class: 'guided-choices' }, done));
    }

    function renderDecision(section, step) {
      const branches = Array.isArray(step.branches) ? step.branches.filter((b) => b && typeof b === 'object') : [];
      if (!branches.length) {
        section.appendChild(incomplete(''));
        return;
      }
      const title = section.querySelector('.guided-step-title');
      title.id = 'sopbook-guided-question';
      const group = el('div', { class: 'guided-choices guided-answers', role: 'group', 'aria-labelledby': title.id });
      for (const branch of branches) {
        const answer = str(branch.when);
        const button = el('button', { type: 'button', class: 'guided-answer' }, answer);
        button.addEventListener('click', () => go(branch.next, answer));
        group.appendChild(button);
      }
      section.appendChild(group);
    }

    function renderResolution(section, step) {
      section.appendChild(el('div', { class: 'guided-outcome guided-outcome-resolution' }, [
        el('span', { class: 'guided-badge' }, S.guided_resolved),
      ]));
      section.appendChild(caseNote(step, 'resolution'));
    }

    function renderEscalation(section, step) {
      const to = str(step.to);
      const sla = str(step.sla_text) || str(step.sla);
      const box = el('div', { class: 'guided-outcome guided-outcome-escalation' });
      if (to) box.appendChild(el('p', { class: 'guided-escalate' }, fmt(S.guided_escalate_to, { to })));
      if (sla) box.appendChild(el('p', { class: 'guided-sla' }, fmt(S.guided_sla, { sla })));
      const via = str(step.via);
      if (via) {
        const href = safeHref(step.via_url);
        box.appendChild(el('p', { class: 'guided-via' }, [
          S.guided_via + ': ',
          href ? el('a', { href }, via) : el('span', null, via),
        ]));
      }
      section.appendChild(box);
      if (!to) section.appendChild(incomplete(''));

      const fields = Array.isArray(step.fields) ? step.fields.map(str).filter(Boolean) : [];
      if (fields.length) {
        const fieldsId = 'sopbook-guided-fields';
        section.appendChild(el('h4', { class: 'guided-subhead', id: fieldsId }, S.guided_fields));
        section.appendChild(el('ul', { class: 'guided-fields', 'aria-labelledby': fieldsId },
          fields.map((field) => el('li', null, field))));
      }
      section.appendChild(caseNote(step, 'escalation'));
    }

    function incomplete(missingId) {
      return el('div', { class: 'guided-incomplete', role: 'note' }, [
        el('p', null, S.guided_incomplete),
        missingId ? el('p', { class: 'guided-missing' }, fmt(S.guided_missing_step, { id: missingId })) : null,
      ]);
    }

    // ---- case note ----------------------------------------------------------

    function noteText(step, kind) {
      const lines = [];
      lines.push(breadcrumb || procTitle);
      lines.push(`${S.guided_date}: ${formatDate(new Date(), lang)}`);
      lines.push('');
      lines.push(`${S.guided_path}:`);
      let n = 0;
      for (const entry of trail) {
        const s = getStep(entry.id);
        if (!s) continue;
        n += 1;
        if (entry.answer != null) {
          lines.push(`${n}. ` + fmt(S.guided_answer, { question: questionOf(s), answer: plain(entry.answer) }));
        } else {
          lines.push(`${n}. [x] ${actionOf(s)}`);
        }
      }
      lines.push('');
      if (kind === 'resolution') {
        const text = plain(step.text);
        lines.push(`${S.guided_outcome}: ${S.guided_resolved}` + (text ? ` — ${text}` : ''));
      } else {
        const to = plain(step.to);
        const sla = plain(step.sla_text) || plain(step.sla);
        const outcome = plain(step.title) || (to ? fmt(S.guided_escalate_to, { to }) : '');
        if (outcome) lines.push(`${S.guided_outcome}: ${outcome}`);
        if (to) lines.push(`${S.guided_note_to}: ${to}`);
        if (sla) lines.push(`${S.guided_note_sla}: ${sla}`);
        const fields = Array.isArray(step.fields) ? step.fields.map(plain).filter(Boolean) : [];
        if (fields.length) {
          lines.push('');
          lines.push(`${S.guided_fields}:`);
          for (const field of fields) lines.push(`${field}: ${FIELD_BLANK}`);
        }
      }
      return lines.join('\n');
    }

    function caseNote(step, kind) {
      const text = noteText(step, kind);
      const areaId = 'sopbook-guided-note';
      const area = el('textarea', {
        id: areaId,
        class: 'guided-note',
        readonly: true,
        spellcheck: 'false',
        rows: String(Math.max(text.split('\n').length, 6)),
      });
      area.value = text;
      const copyButton = el('button', { type: 'button', class: 'guided-primary guided-copy' }, S.guided_copy);
      const status = el('span', { class: 'guided-copy-status', 'aria-hidden': 'true' });
      copyButton.addEventListener('click', () => copy(area, copyButton, status));
      return el('div', { class: 'guided-case' }, [
        el('label', { class: 'guided-subhead', for: areaId }, S.guided_case_note),
        area,
        el('div', { class: 'guided-copy-row' }, [copyButton, status]),
      ]);
    }

    // The note grows to its full height, so a phone scrolls the panel only, not a box inside it.
    function fitNote() {
      const area = isOpen() ? ui.scroller.querySelector('textarea.guided-note') : null;
      if (!area) return;
      area.style.height = 'auto';
      area.style.height = area.scrollHeight + (area.offsetHeight - area.clientHeight) + 'px';
    }

    async function copy(area, button, status) {
      const text = area.value;
      let ok = false;
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        try {
          await navigator.clipboard.writeText(text);
          ok = true;
        } catch (e) {
          ok = false;
        }
      }
      if (!ok) {
        area.focus();
        area.select();
        area.setSelectionRange(0, text.length);
        try {
          ok = document.execCommand('copy');
        } catch (e) {
          ok = false;
        }
        if (ok) button.focus();
      }
      const message = ok ? S.guided_copied : S.guided_copy_failed;
      status.textContent = message;
      status.classList.toggle('guided-copy-failed', !ok);
      // Clear first so a second copy is announced again.
      ui.live.textContent = '';
      window.setTimeout(() => {
        ui.live.textContent = message;
      }, 50);
      window.clearTimeout(statusTimer);
      statusTimer = window.setTimeout(() => {
        status.textContent = '';
      }, 4000);
    }

    // ---- wiring ---------------------------------------------------------------

    openButton.hidden = false;
    openButton.setAttribute('aria-haspopup', 'dialog');
    openButton.setAttribute('aria-expanded', 'false');
    openButton.addEventListener('click', open);
    window.addEventListener('resize', fitNote);
    if (dockedQuery) {
      if (typeof dockedQuery.addEventListener === 'function') dockedQuery.addEventListener('change', onModeChange);
      else if (typeof dockedQuery.addListener === 'function') dockedQuery.addListener(onModeChange);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
