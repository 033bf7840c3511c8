/* sopbook: client-side offline search. Plain ES2017, no dependencies, no build step.
 *
 * The index, search-index.js (its format is described in src/render/search.rs), is loaded on
 * first use with a <script> tag, so search works from file:// too. Text in the index is
 * untrusted: the DOM is built with createElement and textContent only, never innerHTML.
 *
 * Page contract: <html data-root="../../">, #search-input, #search-results, #search-status and
 * the JSON strings in #sopbook-strings (keys in DEFAULT_STRINGS below).
 */
(function () {
  'use strict';

  // Kept equal to src/render/search.rs by a test there: change both together.
  const FORMAT_VERSION = 1;
  const MAX_TOKEN_CHARS = 32;
  const STOPWORDS = 'ao aos as com como da das de do dos em na nas no nos num numa os ou para pela pelas pelo pelos por que se um uma umas uns'.split(' ');
  const FINAL = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const MORE = '!#$%()*+,-./:;=?@[]^_`{|}~';

  const MAX_RESULTS = 20;
  const MAX_STEPS_PER_PROCEDURE = 3;
  // Points for a matched word, by field: 0 summary or step text, 1 tag or breadcrumb,
  // 2 step title, 3 procedure title. A whole-word match adds EXACT_POINTS; a step gets
  // INHERITED_POINTS for a word that only its procedure has.
  const FIELD_POINTS = [3, 10, 30, 100];
  const EXACT_POINTS = 1;
  const INHERITED_POINTS = 1;
  // A step inherits the words of its procedure's title, tags and breadcrumb (values of
  // matchTerm from 3 up), not those of its summary.
  const INHERITED_MIN = 3;

  // The strings the page gives in #sopbook-strings, over these pt-BR defaults. Two keys are
  // optional: search_results_one (else search_results is used for 1 too) and
  // search_unavailable, shown when the index cannot be loaded (else search_no_results). Their
  // pt-BR defaults apply only to a page without #sopbook-strings, so that a page in another
  // language never shows them.
  const DEFAULT_STRINGS = {
    search_no_results: 'Nenhum resultado para “{q}”',
    search_results: '{n} resultados',
    search_step: 'Passo {n}',
    search_loading: 'Carregando…'
  };
  const DEFAULT_OPTIONAL_STRINGS = {
    search_results_one: '1 resultado',
    search_unavailable: 'A busca não está disponível.'
  };

  function unicodeRegExp(source, flags, fallback) {
    try {
      return new RegExp(source, flags + 'u');
    } catch (e) {
      return fallback; // engines without \p{…}
    }
  }
  const MARKS = unicodeRegExp('\\p{M}', 'g', /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g);
  // Rust's char::is_alphanumeric is Alphabetic or a number (Nd, Nl, No).
  const SEPARATORS = unicodeRegExp('[^\\p{Alphabetic}\\p{N}]+', '', /[^0-9a-z\u00aa\u00b5\u00ba\u00df-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff]+/);
  const WORDS = unicodeRegExp('[\\p{Alphabetic}\\p{N}\\p{M}]+', 'g', /[0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff]+/g);

  const DIGIT = new Int8Array(128).fill(-1);
  const MORE_DIGIT = new Int8Array(128).fill(-1);
  for (let i = 0; i < FINAL.length; i++) DIGIT[FINAL.charCodeAt(i)] = i;
  for (let i = 0; i < MORE.length; i++) MORE_DIGIT[MORE.charCodeAt(i)] = i;

  /** NFD, no combining marks, lower case: "Não Localiza" → "nao localiza" (as fold() in Rust). */
  function fold(text) {
    return String(text).normalize('NFD').replace(MARKS, '').toLowerCase();
  }

  function cut(word) {
    return word.length <= MAX_TOKEN_CHARS ? word : Array.from(word).slice(0, MAX_TOKEN_CHARS).join('');
  }

  function isIndexed(word) {
    return Array.from(word).length >= 2 && STOPWORDS.indexOf(word) < 0;
  }

  /**
   * The words of a query, each matched as a prefix. Stopwords and 1-character words are left
   * out, as in the index, except a last word still being typed that is the query's only word
   * ("de" may become "debug").
   */
  function queryTerms(value) {
    const words = fold(value).split(SEPARATORS);
    const typing = words.length > 0 && words[words.length - 1] !== '';
    const all = words.filter(Boolean).map(cut);
    const terms = [];
    all.forEach(function (word, i) {
      if (isIndexed(word) && terms.indexOf(word) < 0) terms.push(word);
      else if (i === all.length - 1 && typing && terms.length === 0 && Array.from(word).length >= 2) terms.push(word);
    });
    return terms;
  }

  /** The numbers of a code string (see src/render/search.rs). */
  function numbers(code) {
    const out = [];
    let acc = 0;
    for (let i = 0; i < code.length; i++) {
      const c = code.charCodeAt(i);
      const d = c < 128 ? DIGIT[c] : -1;
      if (d >= 0) {
        out.push(acc * 62 + d);
        acc = 0;
      } else {
        acc = acc * 26 + MORE_DIGIT[c];
      }
    }
    return out;
  }

  function prepare(raw) {
    if (!raw || raw.v !== FORMAT_VERSION || !Array.isArray(raw.p)) {
      throw new Error('sopbook: unsupported search index');
    }
    const s = raw.s;
    const procedures = [];
    let docs = 0;
    raw.p.forEach(function (record) {
      const n = numbers(record[2]);
      const crumb = s[Math.floor(n[1] / 2)];
      const procedure = {
        title: record[0],
        url: s[n[0]] + record[1],
        // Shown under the title: the breadcrumb without the title itself.
        crumb: crumb,
        doc: docs,
        steps: []
      };
      for (let k = 0; k < n[2]; k++) {
        const b = 3 + 4 * k;
        procedure.steps.push({ anchor: s[n[b]], title: s[n[b + 1]], snippet: s[n[b + 2]], number: n[b + 3] });
      }
      procedures.push(procedure);
      docs += 1 + n[2];
    });
    const docProcedure = new Int32Array(docs);
    const docStep = new Int32Array(docs);
    const docParent = new Int32Array(docs);
    procedures.forEach(function (procedure, i) {
      docProcedure[procedure.doc] = i;
      docStep[procedure.doc] = -1;
      docParent[procedure.doc] = -1;
      for (let k = 0; k < procedure.steps.length; k++) {
        const d = procedure.doc + 1 + k;
        docProcedure[d] = i;
        docStep[d] = k;
        docParent[d] = procedure.doc;
      }
    });
    return {
      procedures: procedures,
      docs: docs,
      docProcedure: docProcedure,
      docStep: docStep,
      docParent: docParent,
      tokens: raw.t,
      postings: raw.i,
      cache: new Map()
    };
  }

  function lowerBound(sorted, term) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * matchTerm, and when a word of five letters or more matches nothing, the same word without its
   * last letter: Portuguese inflects the end of words ("localiza" finds "localize", "formatado"
   * finds "formatada").
   */
  function matchStem(index, term) {
    const best = matchTerm(index, term);
    if (term.length < 5) return best;
    // The stem's matches rank below the word's own (the exact-word bit is dropped).
    const stem = matchTerm(index, term.slice(0, -1));
    const merged = new Uint8Array(best.length);
    for (let d = 0; d < best.length; d++) {
      const fromStem = stem[d] > 0 ? stem[d] - ((stem[d] - 1) % 2) : 0;
      merged[d] = best[d] > fromStem ? best[d] : fromStem;
    }
    return merged;
  }

  /** Per document: 0, or 1 + 2 × best field + (1 if a whole word matched). */
  function matchTerm(index, term) {
    const cached = index.cache.get(term);
    if (cached) return cached;
    const best = new Uint8Array(index.docs);
    const tokens = index.tokens;
    for (let t = lowerBound(tokens, term); t < tokens.length && tokens[t].startsWith(term); t++) {
      const exact = tokens[t] === term ? 1 : 0;
      const code = index.postings[t];
      let doc = -1;
      let acc = 0;
      for (let i = 0; i < code.length; i++) {
        const c = code.charCodeAt(i);
        const d = DIGIT[c];
        if (d < 0) {
          acc = acc * 26 + MORE_DIGIT[c];
          continue;
        }
        const v = acc * 62 + d;
        acc = 0;
        doc += 1 + Math.floor(v / 4);
        const value = 1 + 2 * (v % 4) + exact;
        if (value > best[doc]) best[doc] = value;
      }
    }
    if (index.cache.size >= 32) index.cache.clear();
    index.cache.set(term, best);
    return best;
  }

  function points(value) {
    return FIELD_POINTS[(value - 1) >> 1] + ((value - 1) & 1) * EXACT_POINTS;
  }

  /**
   * Documents that have every term (AND). A step also counts the words of its procedure's
   * title, breadcrumb and tags, but needs at least one word of its own.
   */
  function search(index, terms) {
    const matches = terms.map(function (term) { return matchStem(index, term); });
    const found = [];
    for (let d = 0; d < index.docs; d++) {
      const parent = index.docParent[d];
      let own = 0;
      let score = 0;
      let k = 0;
      for (; k < matches.length; k++) {
        const value = matches[k][d];
        if (value) {
          own++;
          score += points(value);
        } else if (parent >= 0 && matches[k][parent] >= INHERITED_MIN) {
          score += INHERITED_POINTS;
        } else {
          break;
        }
      }
      if (k === matches.length && own > 0) found.push({ doc: d, score: score });
    }
    found.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return found;
  }

  /** The best MAX_RESULTS hits, with at most MAX_STEPS_PER_PROCEDURE steps of one procedure. */
  function shown(index, found) {
    const out = [];
    const steps = new Map();
    for (let i = 0; i < found.length && out.length < MAX_RESULTS; i++) {
      const d = found[i].doc;
      const p = index.docProcedure[d];
      if (index.docStep[d] >= 0) {
        const count = steps.get(p) || 0;
        if (count >= MAX_STEPS_PER_PROCEDURE) continue;
        steps.set(p, count + 1);
      }
      out.push(d);
    }
    return out;
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function readStrings() {
    const strings = Object.assign({}, DEFAULT_STRINGS);
    const node = document.getElementById('sopbook-strings');
    if (!node) return Object.assign(strings, DEFAULT_OPTIONAL_STRINGS);
    try {
      const given = JSON.parse(node.textContent);
      Object.keys(given).forEach(function (key) {
        if (typeof given[key] === 'string') strings[key] = given[key];
      });
    } catch (e) {
      // Keep the defaults.
    }
    return strings;
  }

  /** Appends text, with every word that a term is a prefix of in <mark>. */
  function appendHighlighted(parent, text, terms) {
    let last = 0;
    let m;
    WORDS.lastIndex = 0;
    while ((m = WORDS.exec(text)) !== null) {
      const folded = fold(m[0]);
      if (terms.some(function (term) { return folded.startsWith(term); })) {
        if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        const mark = document.createElement('mark');
        mark.textContent = m[0];
        parent.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function span(className) {
    const node = document.createElement('span');
    node.className = className;
    return node;
  }

  function isEditable(node) {
    if (!node || !node.tagName) return false;
    if (node.isContentEditable) return true;
    const tag = node.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
    if (tag !== 'INPUT') return false;
    const type = (node.getAttribute('type') || 'text').toLowerCase();
    return ['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'range', 'color'].indexOf(type) < 0;
  }

  function init() {
    const input = document.getElementById('search-input');
    const list = document.getElementById('search-results');
    if (!input || !list) return;
    const status = document.getElementById('search-status');
    const box = input.closest('.search') || input.parentNode;
    const root = document.documentElement.getAttribute('data-root') || '';
    const lang = document.documentElement.lang || undefined;
    const strings = readStrings();

    let index = null;
    let state = 'idle'; // idle, loading, ready, failed
    let active = -1;
    let hits = 0;

    function say(text) {
      if (status && status.textContent !== text) status.textContent = text;
    }

    function count(n) {
      let shownNumber = String(n);
      try {
        shownNumber = n.toLocaleString(lang);
      } catch (e) {
        // An unknown language tag: plain digits.
      }
      return n === 1 && strings.search_results_one
        ? format(strings.search_results_one, { n: shownNumber })
        : format(strings.search_results, { n: shownNumber });
    }

    function open() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      setActive(-1, false);
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }

    function clear() {
      while (list.firstChild) list.removeChild(list.firstChild);
      active = -1;
      hits = 0;
      input.removeAttribute('aria-activedescendant');
    }

    function options() {
      return list.querySelectorAll('li.search-result');
    }

    function setActive(i, scroll) {
      const all = options();
      active = i >= 0 && i < all.length ? i : -1;
      for (let k = 0; k < all.length; k++) {
        all[k].setAttribute('aria-selected', k === active ? 'true' : 'false');
        all[k].classList.toggle('is-active', k === active);
      }
      if (active >= 0) {
        input.setAttribute('aria-activedescendant', all[active].id);
        if (scroll) all[active].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function message(text) {
      clear();
      const li = document.createElement('li');
      li.className = 'search-message';
      li.setAttribute('role', 'option');
      li.setAttribute('aria-disabled', 'true');
      li.setAttribute('aria-selected', 'false');
      li.textContent = text;
      list.appendChild(li);
      open();
      say(text);
    }

    function href(url, anchor) {
      // Index URLs are root-relative; never let one become javascript: or similar.
      const safe = /^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === '/' ? './' + url.replace(/^\/+/, '') : url;
      return root + safe + (anchor ? '#' + anchor : '');
    }

    function render(docs, terms) {
      clear();
      docs.forEach(function (d, i) {
        const procedure = index.procedures[index.docProcedure[d]];
        const k = index.docStep[d];
        const step = k >= 0 ? procedure.steps[k] : null;
        const li = document.createElement('li');
        li.id = 'search-result-' + i;
        li.className = 'search-result' + (step ? ' search-result-is-step' : '');
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        // The option itself is the control (a link inside an option would be a nested one):
        // the address rides on it and a click or Enter follows it.
        li.setAttribute('data-href', href(procedure.url, step ? step.anchor : ''));
        const a = document.createElement('div');
        a.className = 'search-result-link';
        const title = span('search-result-title');
        appendHighlighted(title, procedure.title, terms);
        a.appendChild(title);
        if (procedure.crumb) {
          const crumb = span('search-result-crumb');
          appendHighlighted(crumb, procedure.crumb, terms);
          a.appendChild(crumb);
        }
        if (step) {
          const line = span('search-result-step');
          const number = span('search-result-number');
          number.textContent = format(strings.search_step, { n: step.number });
          line.appendChild(number);
          const main = step.title || step.snippet;
          if (main) {
            line.appendChild(document.createTextNode(' — '));
            appendHighlighted(line, main, terms);
          }
          a.appendChild(line);
          if (step.title && step.snippet) {
            const snippet = span('search-result-snippet');
            appendHighlighted(snippet, step.snippet, terms);
            a.appendChild(snippet);
          }
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      hits = docs.length;
      list.scrollTop = 0;
      open();
    }

    function update() {
      const value = input.value;
      const terms = queryTerms(value);
      if (terms.length === 0) {
        clear();
        close();
        say('');
        return;
      }
      if (state === 'idle') load();
      if (state === 'loading') {
        message(strings.search_loading);
        return;
      }
      if (state === 'failed') {
        message(format(strings.search_unavailable || strings.search_no_results, { q: value.trim() }));
        return;
      }
      const found = search(index, terms);
      if (found.length === 0) {
        message(format(strings.search_no_results, { q: value.trim() }));
        return;
      }
      render(shown(index, found), terms);
      say(count(found.length));
    }

    function ready() {
      try {
        index = prepare(window.SOPBOOK_SEARCH);
        state = 'ready';
      } catch (e) {
        state = 'failed';
      }
      // The query typed while loading.
      if (document.activeElement === input && input.value) update();
    }

    function load() {
      if (state !== 'idle') return;
      if (window.SOPBOOK_SEARCH) {
        ready();
        return;
      }
      state = 'loading';
      const script = document.createElement('script');
      script.src = root + 'search-index.js';
      script.async = true;
      script.onload = function () {
        if (window.SOPBOOK_SEARCH) {
          ready();
        } else {
          state = 'failed';
          if (document.activeElement === input && input.value) update();
        }
      };
      script.onerror = function () {
        state = 'failed';
        if (document.activeElement === input && input.value) update();
      };
      document.head.appendChild(script);
    }

    function go(i, newTab) {
      const option = options()[i];
      const url = option && option.getAttribute('data-href');
      if (!url) return;
      if (newTab) window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
    }

    input.addEventListener('focus', function () {
      load();
      if (input.value && list.hidden) update();
    });
    input.addEventListener('input', update);
    input.addEventListener('keydown', function (e) {
      if (e.isComposing) return;
      switch (e.key) {
        case 'ArrowDown':
        case 'Down':
          e.preventDefault();
          if (list.hidden) {
            update();
            return;
          }
          if (hits) setActive(active + 1 < hits ? active + 1 : 0, true);
          break;
        case 'ArrowUp':
        case 'Up':
          e.preventDefault();
          if (!list.hidden && hits) setActive(active > 0 ? active - 1 : hits - 1, true);
          break;
        case 'Enter':
          if (!list.hidden && hits) {
            e.preventDefault();
            go(active >= 0 ? active : 0, e.ctrlKey || e.metaKey);
          }
          break;
        case 'Escape':
        case 'Esc':
          if (input.value || !list.hidden) {
            e.preventDefault();
            input.value = '';
            clear();
            close();
            say('');
          }
          break;
        default:
      }
    });

    // Keep the focus in the box while clicking an option; the click follows it.
    list.addEventListener('mousedown', function (e) {
      e.preventDefault();
    });
    list.addEventListener('click', function (e) {
      const option = e.target.closest ? e.target.closest('li.search-result') : null;
      if (!option) return;
      go(Array.prototype.indexOf.call(options(), option), e.ctrlKey || e.metaKey);
    });
    list.addEventListener('mousemove', function (e) {
      const option = e.target.closest ? e.target.closest('li.search-result') : null;
      if (!option) return;
      const i = Array.prototype.indexOf.call(options(), option);
      if (i !== active) setActive(i, false);
    });
    box.addEventListener('focusout', function (e) {
      if (!e.relatedTarget || !box.contains(e.relatedTarget)) close();
    });
    document.addEventListener('click', function (e) {
      if (!list.hidden && !box.contains(e.target)) close();
    });
    document.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.isComposing) return;
      if (isEditable(e.target)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
