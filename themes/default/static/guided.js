/* sopbook guided mode: a step-by-step walk through one procedure.
 *
 * Page contract (written by the procedure-page template):
 *   - button#guided-open[hidden]           un-hidden here; the page is complete without JS
 *   - a.example-guided[hidden][href^="#guia="]  a worked example: un-hidden here; a click replays
 *                                          its walk as a new case
 *   - script#sopbook-guided (JSON)         {title, breadcrumb, start, holidays?}
 *                                          holidays: ['YYYY-MM-DD', …], for SLAs in business days;
 *                                          steps: {id: {...}} only from an older template
 *   - ol.steps > li.step.step-KIND#ID      the step graph, read by readSteps():
 *       .step-number, .step-title[.step-untitled]  number; title (untitled: the kind's word)
 *       .step-body                         its elements before .callout/.step-image/.see-also
 *                                          are the step's text
 *       > .step-next a[href^="#"]          an action's next step
 *       > .branches > li (.answer, a)      a decision's answers and their steps
 *       > .terminal-escalation[data-to][data-sla][data-sla-text][data-sla-hours|-days|
 *         -business-days], dd.escalation-via (a), .fields > li[data-kind] (.field-optional)
 *   - window.sopbookStrings                flat {key: text} (assets/sopbook-strings.js, one file
 *                                          for every page; or JSON in script#sopbook-strings);
 *                                          pt-BR fallbacks below
 *   - ol.steps > li.step#ID > .step-body   rendered content, also cloned into the panel
 *   - svg g#fc-ID                          flowchart node: fc-current, fc-visited on the path
 *
 * The walk is a case: kept in sessionStorage (CASE_KEY) and in the hash (#guia=a.b.c&caso=ID),
 * so a reload resumes it and a procedure reached through `via` or a cross-reference joins it.
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
    guided_step: 'Passo {n}',
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
    guided_copy: 'Copiar nota',
    guided_copied: 'Copiado!',
    guided_copy_failed: 'Não foi possível copiar automaticamente: o texto está selecionado, use Ctrl+C.',
    guided_download: 'Baixar nota',
    guided_path: 'Caminho',
    guided_outcome: 'Resultado',
    guided_incomplete: 'O procedimento está incompleto neste ponto. Volte ao passo anterior ou recomece, e avise o responsável pelo procedimento.',
    guided_incomplete_title: 'Procedimento incompleto',
    guided_missing_step: 'Passo inexistente: {id}',
    guided_answer: '{question} — {answer}',
    guided_date: 'Data',
    guided_note_to: 'Encaminhar para',
    guided_note_sla: 'Retorno',
    guided_deadline: 'até {date}',
    guided_demand: 'Número da demanda',
    guided_required: 'obrigatório',
    guided_answers: 'Respostas até aqui',
    guided_return_to: 'Voltar para {title}',
    guided_invalid_cnpj: 'CNPJ inválido: confira os 14 dígitos (os dois últimos são de verificação).',
    guided_invalid_cpf: 'CPF inválido: confira os 11 dígitos (os dois últimos são de verificação).',
    guided_invalid_phone: 'Telefone inválido: informe DDD e número, como (51) 3333-4444 ou (51) 99999-8888.',
    guided_invalid_email: 'E-mail inválido: informe algo como nome@empresa.com.br.',
  };

  const FIELD_BLANK = '____________';
  const DOCKED_QUERY = '(min-width: 64em)';

  // The site's strings: assets/sopbook-strings.js sets window.sopbookStrings, once for every
  // page; a page from an older template carries them as JSON in #sopbook-strings. Only a plain
  // object counts (an element with that id is also a window property).
  function pageStrings() {
    const given = window.sopbookStrings;
    if (given && Object.getPrototypeOf(given) === Object.prototype) return given;
    return readJSON('sopbook-strings');
  }

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

  // Answers, `to` and the SLA are Markdown source; step titles and texts arrive plain from Rust
  // (src/render/guided.rs), so stripping them again would eat a written `\*`.
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

  // ---- ticket fields: kinds, masks, check digits ---------------------------------

  const FIELD_KINDS = ['cnpj', 'cpf', 'phone', 'email', 'text', 'long-text'];
  const CASE_KEY = 'sopbook-guided-case';

  // A field is a string (older data: a required text) or {name, kind, required}.
  function fieldOf(raw) {
    if (typeof raw === 'string') return raw ? { name: raw, kind: 'text', required: true } : null;
    if (!raw || typeof raw !== 'object' || !str(raw.name)) return null;
    const kind = FIELD_KINDS.indexOf(raw.kind) >= 0 ? raw.kind : 'text';
    return { name: str(raw.name), kind, required: raw.required !== false };
  }

  function digits(value) {
    return str(value).replace(/\D/g, '');
  }

  // Literal characters only appear once a digit follows them, so Backspace never gets stuck.
  function mask(value, pattern) {
    const d = digits(value);
    let out = '';
    let i = 0;
    for (const ch of pattern) {
      if (i >= d.length) break;
      if (ch === '0') out += d[i++];
      else out += ch;
    }
    return out;
  }

  function masked(kind, value) {
    if (kind === 'cnpj') return mask(value, '00.000.000/0000-00');
    if (kind === 'cpf') return mask(value, '000.000.000-00');
    if (kind === 'phone') return mask(value, digits(value).length > 10 ? '(00) 00000-0000' : '(00) 0000-0000');
    return value;
  }

  function checkDigit(nums, weights) {
    let sum = 0;
    for (let i = 0; i < weights.length; i++) sum += nums[i] * weights[i];
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  }

  function validCnpj(value) {
    const d = digits(value);
    if (d.length !== 14 || /^(\d)\1+$/.test(d)) return false;
    const n = d.split('').map(Number);
    const w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    return checkDigit(n, w1) === n[12] && checkDigit(n, [6].concat(w1)) === n[13];
  }

  function validCpf(value) {
    const d = digits(value);
    if (d.length !== 11 || /^(\d)\1+$/.test(d)) return false;
    const n = d.split('').map(Number);
    return checkDigit(n, [10, 9, 8, 7, 6, 5, 4, 3, 2]) === n[9] && checkDigit(n, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) === n[10];
  }

  // DDD 11–99; a mobile number (11 digits) starts with 9.
  function validPhone(value) {
    const d = digits(value);
    if (!/^[1-9][1-9]/.test(d)) return false;
    return d.length === 10 || (d.length === 11 && d[2] === '9');
  }

  function validEmail(value) {
    return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(str(value).trim());
  }

  // '' when the value is acceptable, else the key of the message that explains why.
  function fieldProblem(field, value) {
    const v = str(value).trim();
    if (!v) return '';
    if (field.kind === 'cnpj' && !validCnpj(v)) return 'guided_invalid_cnpj';
    if (field.kind === 'cpf' && !validCpf(v)) return 'guided_invalid_cpf';
    if (field.kind === 'phone' && !validPhone(v)) return 'guided_invalid_phone';
    if (field.kind === 'email' && !validEmail(v)) return 'guided_invalid_email';
    return '';
  }

  // ---- SLA deadline ----------------------------------------------------------------

  // The longest SLA in business days whose deadline is computed; past it, only its words show.
  const MAX_BUSINESS_DAYS = 10000;

  // {hours}, {days} or {businessDays} from sla_hours / sla_days / sla_business_days, else from
  // the sla source ("24h", "2d", "2du").
  function slaSpan(step) {
    if (typeof step.sla_hours === 'number' && step.sla_hours > 0) return { hours: step.sla_hours };
    if (typeof step.sla_days === 'number' && step.sla_days > 0) return { days: step.sla_days };
    if (typeof step.sla_business_days === 'number' && step.sla_business_days > 0) {
      return { businessDays: step.sla_business_days };
    }
    const m = /^\s*(\d+(?:[.,]\d+)?)\s*(du|h|d)/i.exec(str(step.sla));
    if (!m) return null;
    const n = Number(m[1].replace(',', '.'));
    const unit = m[2].toLowerCase();
    if (unit === 'du') return { businessDays: n };
    return unit === 'h' ? { hours: n } : { days: n };
  }

  // The holidays of the data, as a set of 'YYYY-MM-DD'; anything else in the list is ignored.
  function holidaySet(list) {
    const set = new Set();
    if (!Array.isArray(list)) return set;
    for (const item of list) {
      if (typeof item === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(item)) set.add(item);
    }
    return set;
  }

  function isoDay(date) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  // Monday to Friday, not a holiday (in the page's local time).
  function isBusinessDay(date, holidays) {
    const weekday = date.getDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(isoDay(date));
  }

  // Days are calendar days: the same clock time N dates later, whatever the DST. Business days
  // count the days after `now` that are business days, and the N-th is the date: a Friday + 1 is
  // the Monday, a Saturday or Sunday + 1 that Monday too (as Calendar::add_business_days in
  // src/model/calendar.rs: the two change together). Null when there is no sensible date.
  function deadline(now, span, holidays) {
    const date = new Date(now.getTime());
    if (span.hours) date.setTime(date.getTime() + span.hours * 3600 * 1000);
    else if (span.days) date.setDate(date.getDate() + span.days);
    else {
      let left = span.businessDays;
      if (!(left > 0) || left !== Math.floor(left) || left > MAX_BUSINESS_DAYS) return null;
      while (left > 0) {
        date.setDate(date.getDate() + 1);
        if (isBusinessDay(date, holidays)) left--;
      }
    }
    return isNaN(date.getTime()) ? null : date;
  }

  // ---- the case in sessionStorage ---------------------------------------------------

  function loadCase() {
    try {
      const value = JSON.parse(window.sessionStorage.getItem(CASE_KEY) || 'null');
      return value && typeof value === 'object' && Array.isArray(value.parts) ? value : null;
    } catch (e) {
      return null;
    }
  }

  function saveCase(kase) {
    try {
      window.sessionStorage.setItem(CASE_KEY, JSON.stringify(kase));
    } catch (e) {
      // Storage full or disabled: the hash still carries this page's walk.
    }
  }

  function newCaseId() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  }

  function pageKey(href) {
    const u = new URL(href, document.baseURI);
    return u.origin + u.pathname;
  }

  // "#guia=a.b.c&caso=ID" → {path: ['a','b','c'], caseId}; null without guia.
  function readHash(of) {
    const hash = (of === undefined ? window.location.hash : of).replace(/^#/, '');
    const params = {};
    for (const pair of hash.split('&')) {
      const at = pair.indexOf('=');
      if (at > 0) params[pair.slice(0, at)] = pair.slice(at + 1);
    }
    if (!has(params, 'guia')) return null;
    const path = params.guia ? params.guia.split('.').map((p) => {
      try {
        return decodeURIComponent(p);
      } catch (e) {
        return p;
      }
    }) : [];
    return { path, caseId: params.caso ? decodeURIComponent(params.caso) : '' };
  }

  function hashOf(path, caseId) {
    return '#guia=' + path.map(encodeURIComponent).join('.') + (caseId ? '&caso=' + encodeURIComponent(caseId) : '');
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
  }

  // ---- The step graph, read from the page ---------------------------------------

  const STEP_KINDS = ['action', 'decision', 'resolution', 'escalation'];
  // Where a step's text ends in its .step-body: what the template writes after it.
  const AFTER_TEXT = ['callout', 'step-image', 'see-also'];
  const BLOCKS = /^(P|DIV|LI|UL|OL|DL|DT|DD|TABLE|TR|TD|TH|PRE|BLOCKQUOTE|H[1-6]|BR|FIGURE|FIGCAPTION)$/;

  // The words a reader sees in `node`, as one line: screen-reader-only and hidden parts left
  // out, blocks separated by a space.
  function textOf(node) {
    if (!node) return '';
    const parts = [];
    (function walk(n) {
      if (n.nodeType === 3) {
        parts.push(n.nodeValue);
        return;
      }
      if (n.nodeType !== 1) return;
      if (n.classList.contains('visually-hidden') || n.getAttribute('aria-hidden') === 'true') return;
      for (const child of n.childNodes) walk(child);
      if (BLOCKS.test(n.tagName)) parts.push(' ');
    })(node);
    return parts.join('').replace(/\s+/g, ' ').trim();
  }

  function targetOf(link) {
    const href = link ? link.getAttribute('href') || '' : '';
    return href.charAt(0) === '#' && href.length > 1 ? href.slice(1) : null;
  }

  function childWith(parent, className) {
    if (!parent) return null;
    for (const child of parent.children) if (child.classList.contains(className)) return child;
    return null;
  }

  function stepText(li) {
    const body = childWith(li, 'step-body');
    if (!body) return '';
    const parts = [];
    for (const child of body.childNodes) {
      if (child.nodeType === 1 && AFTER_TEXT.some((c) => child.classList.contains(c))) break;
      parts.push(textOf(child));
    }
    return parts.filter(Boolean).join(' ');
  }

  function readEscalation(box, step) {
    if (!box) return;
    const d = box.dataset;
    step.to = d.to || '';
    step.sla = d.sla || '';
    step.sla_text = d.slaText || '';
    if (d.slaHours) step.sla_hours = Number(d.slaHours);
    if (d.slaDays) step.sla_days = Number(d.slaDays);
    if (d.slaBusinessDays) step.sla_business_days = Number(d.slaBusinessDays);
    const via = box.querySelector('dd.escalation-via');
    if (via) {
      step.via = textOf(via);
      const link = via.querySelector('a[href]');
      step.via_url = link ? link.getAttribute('href') : null;
    }
    const fields = childWith(box, 'fields');
    step.fields = fields ? Array.from(fields.children).map((li) => {
      const optional = li.querySelector('.field-optional');
      const name = Array.from(li.childNodes).filter((n) => n !== optional).map((n) => n.textContent).join('');
      return { name: name.trim(), kind: li.getAttribute('data-kind') || 'text', required: !optional };
    }) : [];
  }

  function readStep(li) {
    const kind = STEP_KINDS.find((k) => li.classList.contains('step-' + k)) || 'broken';
    const heading = childWith(li, 'step-heading');
    const title = heading ? heading.querySelector('.step-title') : null;
    const number = heading ? heading.querySelector('.step-number') : null;
    const step = {
      number: Number(textOf(number)) || 0,
      kind,
      title: title && !title.classList.contains('step-untitled') ? textOf(title) : '',
      text: stepText(li),
    };
    if (kind === 'action') {
      const next = childWith(li, 'step-next');
      const target = next ? targetOf(next.querySelector('a[href^="#"]')) : null;
      if (target) step.next = target;
    } else if (kind === 'decision') {
      const list = childWith(li, 'branches');
      step.branches = list ? Array.from(list.children).map((b) => ({
        when: textOf(b.querySelector('.answer')),
        next: targetOf(b.querySelector('a[href^="#"]')),
      })) : [];
    } else if (kind === 'escalation') {
      readEscalation(childWith(li, 'terminal-escalation'), step);
    }
    return step;
  }

  // {id: step} for every step of the page's list, in the shape of the old JSON data.
  function readSteps(list) {
    const steps = Object.create(null);
    if (!list) return steps;
    for (const li of list.children) if (li.id && li.classList.contains('step')) steps[li.id] = readStep(li);
    return steps;
  }

  function init() {
    const data = readJSON('sopbook-guided');
    const openButton = document.getElementById('guided-open');
    const stepList = document.querySelector('ol.steps');
    if (!data || !openButton) return;
    const steps = data.steps && typeof data.steps === 'object' ? data.steps : readSteps(stepList);

    const userStrings = pageStrings() || {};
    const S = {};
    for (const key of Object.keys(DEFAULT_STRINGS)) {
      S[key] = has(userStrings, key) && typeof userStrings[key] === 'string' && userStrings[key]
        ? userStrings[key]
        : DEFAULT_STRINGS[key];
    }

    const lang = document.documentElement.getAttribute('lang') || 'pt-BR';
    const start = str(data.start);
    const procTitle = str(data.title);
    const breadcrumb = str(data.breadcrumb);
    const holidays = holidaySet(data.holidays);
    const myKey = pageKey(window.location.href);

    ensureStylesheet();

    let dialog = null;
    let ui = null;
    let path = [start]; // the steps walked, the current one last
    let kase = null; // {id, parts: [{key, title, breadcrumb, url, path, lines, end, escalated}], fields}
    let marked = []; // elements carrying fc-current / fc-visited / guided-current
    let docked = false;
    let statusTimer = 0;
    let opener = null; // the worked example's link that opened the panel, focused again on close
    const dockedQuery = window.matchMedia ? window.matchMedia(DOCKED_QUERY) : null;

    function current() {
      return path[path.length - 1];
    }

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
      return str(step.text) || str(step.title);
    }

    function actionOf(step) {
      return str(step.title) || str(step.text);
    }

    function kindOf(step) {
      const kind = str(step && step.kind);
      return ['action', 'decision', 'resolution', 'escalation'].indexOf(kind) >= 0 ? kind : 'broken';
    }

    function branchesOf(step) {
      return Array.isArray(step.branches) ? step.branches.filter((b) => b && typeof b === 'object') : [];
    }

    function fieldsOf(step) {
      return Array.isArray(step.fields) ? step.fields.map(fieldOf).filter(Boolean) : [];
    }

    // The answer that led from path[i] to path[i + 1]; null for an action.
    function answerAt(i) {
      const step = getStep(path[i]);
      if (!step || kindOf(step) !== 'decision') return null;
      const branch = branchesOf(step).find((b) => str(b.next) === path[i + 1]);
      return branch ? str(branch.when) : null;
    }

    // A path from the hash or storage is kept only as far as it follows the graph.
    function validPath(ids) {
      const out = [start];
      for (let i = 1; i < ids.length; i++) {
        const step = getStep(out[out.length - 1]);
        if (!step) break;
        const nexts = kindOf(step) === 'decision' ? branchesOf(step).map((b) => str(b.next)) : [str(step.next)];
        if (nexts.indexOf(ids[i]) < 0) break;
        out.push(ids[i]);
      }
      return out;
    }

    function ensureStylesheet() {
      for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
        if (/(^|\/)guided\.css([?#]|$)/.test(link.getAttribute('href') || '')) return;
      }
      const root = document.documentElement.getAttribute('data-root') || '';
      document.head.appendChild(el('link', { rel: 'stylesheet', href: root + 'assets/guided.css' }));
    }

    // ---- the case ----------------------------------------------------------

    function myPart() {
      return kase.parts.find((p) => p.key === myKey);
    }

    // Joins the stored case named by the hash (or holding this page), else starts a new one.
    function takeCase(caseId) {
      const stored = loadCase();
      const joins = stored && (caseId ? stored.id === caseId : stored.parts.some((p) => p.key === myKey));
      kase = joins ? stored : { id: caseId || newCaseId(), parts: [], fields: {} };
      if (!kase.fields || typeof kase.fields !== 'object') kase.fields = {};
      if (!myPart()) kase.parts.push({ key: myKey, title: procTitle, breadcrumb, url: '', path: [], lines: [], end: [] });
    }

    function pathLines() {
      const lines = [];
      for (let i = 0; i < path.length - 1; i++) {
        const s = getStep(path[i]);
        if (!s) continue;
        const answer = answerAt(i);
        lines.push(answer != null ? fmt(S.guided_answer, { question: questionOf(s), answer: plain(answer) }) : `[x] ${actionOf(s)}`);
      }
      return lines;
    }

    function fieldValue(field) {
      const value = str(kase.fields[field.name]).trim();
      return value && !fieldProblem(field, value) ? value : FIELD_BLANK;
    }

    function endLines(step) {
      const kind = step ? kindOf(step) : '';
      if (kind === 'resolution') {
        const text = str(step.text);
        return [`${S.guided_outcome}: ${S.guided_resolved}` + (text ? ` — ${text}` : '')];
      }
      if (kind !== 'escalation') return [];
      const lines = [];
      const to = plain(step.to);
      const outcome = str(step.title) || (to ? fmt(S.guided_escalate_to, { to }) : '');
      if (outcome) lines.push(`${S.guided_outcome}: ${outcome}`);
      if (to) lines.push(`${S.guided_note_to}: ${to}`);
      const sla = slaLine(step);
      if (sla) lines.push(`${S.guided_note_sla}: ${sla}`);
      const fields = fieldsOf(step);
      if (fields.length) {
        lines.push('', `${S.guided_fields}:`);
        for (const field of fields) lines.push(`${field.name}: ${fieldValue(field).replace(/\n/g, '\n  ')}`);
      }
      return lines;
    }

    // "24 horas, até 03/12/2026 15:30", "2 dias úteis, até 01/12/2026 15:30"
    function slaLine(step) {
      const sla = plain(step.sla_text) || plain(step.sla);
      const span = slaSpan(step);
      const due = span && deadline(new Date(), span, holidays);
      if (!due) return sla;
      const until = fmt(S.guided_deadline, { date: formatDate(due, lang) });
      return sla ? `${sla}, ${until}` : until;
    }

    // This page's share of the case, written after every change so other pages can quote it.
    function syncCase() {
      const part = myPart();
      const step = getStep(current());
      part.url = window.location.href;
      part.path = path.slice();
      part.lines = pathLines();
      part.end = endLines(step);
      part.escalated = !!step && kindOf(step) === 'escalation';
      saveCase(kase);
    }

    function noteText() {
      syncCase();
      const lines = [];
      const first = kase.parts[0];
      lines.push(first.breadcrumb || first.title);
      lines.push(`${S.guided_date}: ${formatDate(new Date(), lang)}`);
      let n = 0;
      kase.parts.forEach((part, k) => {
        lines.push('');
        if (k > 0) lines.push(part.breadcrumb || part.title);
        lines.push(`${S.guided_path}:`);
        for (const line of part.lines) lines.push(`${++n}. ${line}`);
        if (part.end.length) lines.push('', ...part.end);
      });
      if (kase.parts.some((p) => p.escalated)) lines.push('', `${S.guided_demand}: ${FIELD_BLANK}`);
      return lines.join('\n');
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
      const copyButton = el('button', { type: 'button', class: 'guided-primary guided-copy' }, S.guided_copy);
      const downloadButton = el('button', { type: 'button', class: 'guided-nav-button guided-download' }, S.guided_download);
      const status = el('span', { class: 'guided-copy-status', 'aria-hidden': 'true' });
      const noteActions = el('div', { class: 'guided-copy-row', hidden: true }, [copyButton, downloadButton, status]);
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
        el('footer', { class: 'guided-footer' }, [noteActions, backButton, restartButton]),
        live,
      ]);
      document.body.appendChild(dialog);

      closeButton.addEventListener('click', close);
      backButton.addEventListener('click', back);
      restartButton.addEventListener('click', restart);
      copyButton.addEventListener('click', () => copy(copyButton, status));
      downloadButton.addEventListener('click', download);
      dialog.addEventListener('close', onClosed);
      dialog.addEventListener('keydown', onKey);
      dialog.addEventListener('click', onLink);
      ui = { scroller, live, backButton, restartButton, closeButton, noteActions, status };
    }

    function onKey(event) {
      // Modal dialogs close on Escape by themselves; the docked one and the fallback need this.
      if ((event.key === 'Escape' || event.key === 'Esc') && !isModal()) {
        event.preventDefault();
        close();
        return;
      }
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Backspace') {
        event.preventDefault();
        back();
      } else if (/^[1-9]$/.test(event.key)) {
        const choice = ui.scroller.querySelectorAll('.guided-answers button')[Number(event.key) - 1];
        if (choice) {
          event.preventDefault();
          choice.click();
        }
      }
    }

    // A link to another page of the site, followed mid-walk, takes the case along.
    function onLink(event) {
      const link = event.target.closest ? event.target.closest('a[href]') : null;
      if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (link.classList.contains('guided-return')) return;
      const target = new URL(link.href, document.baseURI);
      const here = new URL(window.location.href);
      if (target.protocol !== here.protocol || target.host !== here.host || !/\.html?$/.test(target.pathname)) return;
      if (pageKey(target.href) === myKey) return;
      event.preventDefault();
      syncCase();
      window.location.href = target.href.split('#')[0] + hashOf([], kase.id);
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
      if (!kase) takeCase('');
      if (isOpen()) {
        focusHeading();
        return;
      }
      // Showing a dialog focuses its first control; the page under it must not move.
      const x = window.scrollX;
      const y = window.scrollY;
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
      if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
      openButton.setAttribute('aria-expanded', 'true');
      if (!readHash()) remember(true);
      render(true);
    }

    // Without a walk in the hash, the button starts a new case: a case left in this tab
    // belongs to an earlier call, and its customer's data must not reach this one's note.
    function openFromButton() {
      if (!kase) takeCase(newCaseId());
      opener = null;
      open();
    }

    // A worked example's link: its walk, replayed as a new case (an example is no customer's
    // call), opened at its last step with the answers so far. Handled here rather than by the
    // hash change, so that a second click on the same link opens it again.
    function openExample(event) {
      const link = event.currentTarget;
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const target = new URL(link.href, document.baseURI);
      const state = pageKey(target.href) === myKey ? readHash(target.hash) : null;
      if (!state) return;
      event.preventDefault();
      takeCase(newCaseId());
      path = validPath(state.path.length ? state.path : [start]);
      opener = link;
      remember(true);
      if (isOpen()) render();
      else open();
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
      (opener && opener.isConnected ? opener : openButton).focus({ preventScroll: true });
      opener = null;
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

    // ---- moves: each one is a history entry, so Back and Forward walk too -----

    function remember(push) {
      const hash = hashOf(path, kase.id);
      try {
        if (push) window.history.pushState(null, '', hash);
        else window.history.replaceState(null, '', hash);
      } catch (e) {
        // Some file:// setups refuse history changes: sessionStorage still holds the walk.
      }
      syncCase();
    }

    function moveTo(newPath) {
      path = newPath;
      remember(true);
      render();
    }

    function go(next) {
      moveTo(path.concat([str(next)]));
    }

    function back() {
      if (path.length > 1) moveTo(path.slice(0, -1));
    }

    // Starting over where the case began drops the procedures visited after it.
    function restart() {
      if (kase.parts[0].key === myKey) kase.parts = [myPart()];
      moveTo([start]);
    }

    function onPopState() {
      const state = readHash();
      if (!state) {
        // Back before the walk began closes the panel; a step's anchor followed on the page
        // (the flowchart, the list) leaves it open and the walk stays in the address.
        if (!window.location.hash) close();
        else if (isOpen()) remember(false);
        return;
      }
      if (!kase) takeCase(state.caseId);
      path = validPath(state.path.length ? state.path : [start]);
      syncCase();
      if (isOpen()) render();
      else open();
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

    function markNode(node, cls) {
      node.classList.add(cls);
      marked.push({ node, cls });
    }

    function mark(id, still) {
      unmark();
      for (const visited of path.slice(0, -1)) {
        const node = document.getElementById('fc-' + visited);
        if (node && node.classList) markNode(node, 'fc-visited');
      }
      if (!id) return;
      const node = document.getElementById('fc-' + id);
      if (node && node.classList) {
        markNode(node, 'fc-current');
        // Docked beside the page: keep the node in view while the analyst is looking at the
        // flowchart; leave the page alone when they have scrolled elsewhere.
        if (!still && docked && typeof node.scrollIntoView === 'function' && flowchartInView(node)) {
          const calm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
          node.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: calm ? 'auto' : 'smooth' });
        }
      }
      const li = stepItem(id);
      if (li) markNode(li, 'guided-current');
    }

    // ---- rendering ----------------------------------------------------------

    // Opening renders `still`: the page under the panel stays where the analyst left it.
    function render(still) {
      const id = current();
      const step = getStep(id);
      const kind = step ? kindOf(step) : 'missing';
      const section = el('section', { class: `guided-step guided-step-${kind}` });

      section.appendChild(heading(step, kind));
      if (step) section.appendChild(body(step, id));

      if (kind === 'action') renderAction(section, step);
      else if (kind === 'decision') renderDecision(section, step);
      else if (kind === 'resolution') renderResolution(section, step);
      else if (kind === 'escalation') renderEscalation(section, step);
      else section.appendChild(incomplete(step ? '' : id));

      clear(ui.scroller);
      const back = returnLink();
      if (back) ui.scroller.appendChild(back);
      ui.scroller.appendChild(section);
      const answers = answersSoFar();
      if (answers) ui.scroller.appendChild(answers);
      ui.noteActions.hidden = kind !== 'resolution' && kind !== 'escalation';
      ui.status.textContent = '';
      fitNote();
      ui.scroller.scrollTop = 0;
      ui.backButton.disabled = path.length <= 1;
      ui.live.textContent = '';
      mark(step ? id : '', still);
      focusHeading();
    }

    // On a procedure reached from another one: the way back to where the case began.
    function returnLink() {
      const first = kase.parts[0];
      if (!first || first.key === myKey) return null;
      const href = safeHref(first.url);
      if (!href) return null;
      return el('p', { class: 'guided-return-row' }, el('a', { class: 'guided-return', href }, [
        el('span', { 'aria-hidden': 'true' }, '\u2190 '), fmt(S.guided_return_to, { title: first.title }),
      ]));
    }

    // The answers given so far; each one is a way back to its step.
    function answersSoFar() {
      if (path.length <= 1) return null;
      const headId = 'sopbook-guided-answers';
      const list = el('ol', { class: 'guided-trail', 'aria-labelledby': headId });
      for (let i = 0; i < path.length - 1; i++) {
        const s = getStep(path[i]);
        if (!s) continue;
        const answer = answerAt(i);
        const label = answer != null ? fmt(S.guided_answer, { question: questionOf(s), answer }) : '\u2713 ' + actionOf(s);
        const button = el('button', { type: 'button', class: 'guided-trail-step' }, label);
        button.addEventListener('click', () => moveTo(path.slice(0, i + 1)));
        list.appendChild(el('li', null, button));
      }
      return el('div', { class: 'guided-answers-so-far' }, [
        el('h4', { class: 'guided-subhead', id: headId }, S.guided_answers),
        list,
      ]);
    }

    function heading(step, kind) {
      let title = step ? str(step.title) : '';
      if (!title) {
        if (kind === 'resolution') title = S.guided_resolved;
        else if (kind === 'escalation' && str(step.to)) title = fmt(S.guided_escalate_to, { to: str(step.to) });
        else if (kind === 'broken' || kind === 'missing') title = S.guided_incomplete_title;
        else title = step ? questionOf(step) : '';
      }
      return el('h3', { class: 'guided-step-title', tabindex: '-1' }, [
        el('span', { class: 'guided-progress' }, fmt(S.guided_step, { n: path.length })),
        ' ',
        el('span', { class: 'guided-step-name' }, title),
      ]);
    }

    // The step's rendered content, cloned from the page; the Markdown source as text otherwise.
    function body(step, id) {
      const source = stepBody(id);
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
      done.addEventListener('click', () => go(step.next));
      section.appendChild(el('div', { class: 'guided-choices' }, done));
    }

    function renderDecision(section, step) {
      const branches = branchesOf(step);
      if (!branches.length) {
        section.appendChild(incomplete(''));
        return;
      }
      const title = section.querySelector('.guided-step-title');
      title.id = 'sopbook-guided-question';
      const group = el('div', { class: 'guided-choices guided-answers', role: 'group', 'aria-labelledby': title.id });
      branches.forEach((branch, i) => {
        const button = el('button', { type: 'button', class: 'guided-answer' }, [
          i < 9 ? el('kbd', { class: 'guided-key', 'aria-hidden': 'true' }, String(i + 1)) : null,
          el('span', { class: 'guided-answer-text' }, str(branch.when)),
        ]);
        button.addEventListener('click', () => go(branch.next));
        group.appendChild(button);
      });
      section.appendChild(group);
    }

    function renderResolution(section) {
      section.appendChild(el('div', { class: 'guided-outcome guided-outcome-resolution' }, [
        el('span', { class: 'guided-badge' }, S.guided_resolved),
      ]));
      section.appendChild(caseNote());
    }

    function renderEscalation(section, step) {
      const to = str(step.to);
      const box = el('div', { class: 'guided-outcome guided-outcome-escalation' });
      if (to) box.appendChild(el('p', { class: 'guided-escalate' }, fmt(S.guided_escalate_to, { to })));
      const sla = slaLine(step);
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
      const fields = fieldsOf(step);
      if (fields.length) section.appendChild(fieldForm(fields));
      section.appendChild(caseNote());
    }

    function incomplete(missingId) {
      return el('div', { class: 'guided-incomplete', role: 'note' }, [
        el('p', null, S.guided_incomplete),
        missingId ? el('p', { class: 'guided-missing' }, fmt(S.guided_missing_step, { id: missingId })) : null,
      ]);
    }

    // ---- ticket fields form ------------------------------------------------------

    function fieldForm(fields) {
      const headId = 'sopbook-guided-fields';
      const form = el('div', { class: 'guided-form', role: 'group', 'aria-labelledby': headId }, [
        el('h4', { class: 'guided-subhead', id: headId }, S.guided_fields),
      ]);
      fields.forEach((field, i) => form.appendChild(fieldRow(field, `sopbook-guided-field-${i}`)));
      return form;
    }

    function fieldInput(field, id) {
      const attrs = { id, name: field.name, class: 'guided-input', autocomplete: 'off', required: field.required, 'aria-required': field.required ? 'true' : null };
      if (field.kind === 'long-text') return el('textarea', Object.assign(attrs, { rows: '3' }));
      const types = { cnpj: ['text', 'numeric', 18], cpf: ['text', 'numeric', 14], phone: ['tel', 'tel', 15], email: ['email', 'email', null] };
      const [type, inputmode, maxlength] = types[field.kind] || ['text', null, null];
      return el('input', Object.assign(attrs, { type, inputmode, maxlength, spellcheck: field.kind === 'text' ? null : 'false' }));
    }

    function fieldRow(field, id) {
      const input = fieldInput(field, id);
      const error = el('p', { class: 'guided-field-error', id: id + '-error', hidden: true });
      input.value = str(kase.fields[field.name]);
      const label = el('label', { for: id, class: 'guided-label' }, [
        field.name,
        field.required ? el('span', { class: 'guided-required' }, ` (${S.guided_required})`) : null,
      ]);
      input.addEventListener('input', () => {
        const value = masked(field.kind, input.value);
        if (value !== input.value) input.value = value;
        kase.fields[field.name] = input.value;
        // An error already shown goes away as soon as the value is right.
        if (input.getAttribute('aria-invalid') === 'true') check(field, input, error);
        refreshNote();
      });
      input.addEventListener('change', () => check(field, input, error));
      if (input.value) check(field, input, error);
      return el('div', { class: `guided-field guided-field-${field.kind}` }, [label, input, error]);
    }

    // Empty fields are not errors while typing: the note shows their blank.
    function check(field, input, error) {
      const problem = input.value.trim() ? fieldProblem(field, input.value) : '';
      error.textContent = problem ? S[problem] : '';
      error.hidden = !problem;
      if (problem) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', error.id);
      } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      }
      refreshNote();
    }

    // ---- case note ----------------------------------------------------------

    function caseNote() {
      const text = noteText();
      const areaId = 'sopbook-guided-note';
      const area = el('textarea', {
        id: areaId,
        class: 'guided-note',
        readonly: true,
        spellcheck: 'false',
        rows: String(Math.max(text.split('\n').length, 6)),
      });
      area.value = text;
      return el('div', { class: 'guided-case' }, [
        el('label', { class: 'guided-subhead', for: areaId }, S.guided_case_note),
        area,
      ]);
    }

    function refreshNote() {
      const area = ui.scroller.querySelector('textarea.guided-note');
      if (!area) {
        syncCase();
        return;
      }
      area.value = noteText();
      fitNote();
    }

    // The note grows to its full height, so a phone scrolls the panel only, not a box inside it.
    function fitNote() {
      const area = isOpen() ? ui.scroller.querySelector('textarea.guided-note') : null;
      if (!area) return;
      area.style.height = 'auto';
      area.style.height = area.scrollHeight + (area.offsetHeight - area.clientHeight) + 'px';
    }

    // The fallback selects a hidden textarea inside the dialog: outside a modal dialog it is inert.
    function copyByCommand(text) {
      const area = el('textarea', { class: 'guided-copy-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
      area.value = text;
      dialog.appendChild(area);
      area.focus({ preventScroll: true });
      area.select();
      area.setSelectionRange(0, text.length);
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      dialog.removeChild(area);
      return ok;
    }

    async function copy(button, status) {
      const text = noteText();
      let ok = false;
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        try {
          await navigator.clipboard.writeText(text);
          ok = true;
        } catch (e) {
          ok = false;
        }
      }
      if (!ok) ok = copyByCommand(text);
      button.focus({ preventScroll: true });
      if (!ok) {
        const area = ui.scroller.querySelector('textarea.guided-note');
        if (area) {
          area.focus({ preventScroll: true });
          area.select();
        }
      }
      announce(status, ok ? S.guided_copied : S.guided_copy_failed, !ok);
    }

    function announce(status, message, failed) {
      status.textContent = message;
      status.classList.toggle('guided-copy-failed', !!failed);
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

    function download() {
      const blob = new Blob([noteText() + '\n'], { type: 'text/plain;charset=utf-8' });
      const href = URL.createObjectURL(blob);
      const name = (plain(procTitle).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
        .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'nota') + '.txt';
      const link = el('a', { href, download: name, hidden: true });
      dialog.appendChild(link);
      link.click();
      dialog.removeChild(link);
      window.setTimeout(() => URL.revokeObjectURL(href), 10000);
    }

    // ---- wiring ---------------------------------------------------------------

    openButton.hidden = false;
    openButton.setAttribute('aria-haspopup', 'dialog');
    openButton.setAttribute('aria-expanded', 'false');
    openButton.addEventListener('click', openFromButton);
    for (const link of document.querySelectorAll('a.example-guided')) {
      link.hidden = false;
      link.addEventListener('click', openExample);
    }
    window.addEventListener('resize', fitNote);
    window.addEventListener('popstate', onPopState);
    if (dockedQuery) {
      if (typeof dockedQuery.addEventListener === 'function') dockedQuery.addEventListener('change', onModeChange);
      else if (typeof dockedQuery.addListener === 'function') dockedQuery.addListener(onModeChange);
    }
    // A hash with a walk (reload, Back into the page, a link from another procedure) resumes it.
    const resumed = readHash();
    if (resumed) {
      takeCase(resumed.caseId);
      path = validPath(resumed.path.length ? resumed.path : [start]);
      open();
      remember(false);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
