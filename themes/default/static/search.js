/* sopbook: client-side offline search. Plain ES2017, no dependencies, no build step.
 *
 * The index (format in src/render/search/mod.rs) is a set of scripts under search/: index.js,
 * the vocabulary, is loaded on first use; the postings of the query's terms (t*.js) and the
 * records of the results shown (d*.js) are loaded as needed. Everything is loaded with <script>
 * tags, so search works from file:// too. Queries are analyzed as the index was built
 * (src/render/search/analyze.rs), with Snowball's Portuguese stemmer (assets/stemmer-pt.js,
 * loaded with the index). Text in the index is untrusted: the DOM is built with createElement
 * and textContent only, never innerHTML.
 *
 * Page contract: <html data-root="../../">, #search-input, #search-results, #search-status and
 * the strings in window.sopbookStrings (assets/sopbook-strings.js; keys in DEFAULT_STRINGS below).
 * The results page has
 * #search-page (see templates/search.html).
 */
(function () {
  'use strict';

  // Kept equal to src/render/search/ by tests there: change both together.
  const FORMAT_VERSION = 2;
  const MAX_TOKEN_CHARS = 32;
  const STOPWORDS = 'aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles depois do dos ela elas ele eles em entre era eram eramos essa essas esse esses esta estamos estao estas estava estavam estavamos este esteja estejam estejamos estes esteve estive estivemos estiver estivera estiveram estiveramos estiverem estivermos estivesse estivessem estivessemos estou eu foi fomos for foram foramos forem formos fosse fossem fossemos fui ha haja hajam hajamos hao havemos hei houve houvemos houver houvera houveram houveramos houverao houverei houverem houveremos houveria houveriam houveriamos houvermos houvesse houvessem houvessemos isso isto ja lhe lhes mais mas me mesmo meu meus minha minhas muito na nao nas nem no nos nossa nossas nosso nossos num numa os ou para pela pelas pelo pelos por qual quando que quem sao se seja sejam sejamos sem ser sera serao serei seremos seria seriam seriamos seu seus so somos sou sua suas tambem te tem temos tenha tenham tenhamos tenho tera terao terei teremos teria teriam teriamos teu teus teve tinha tinham tinhamos tive tivemos tiver tivera tiveram tiveramos tiverem tivermos tivesse tivessem tivessemos tu tua tuas um uma umas uns voce voces vos'.split(' ');
  const NASAL_ENDINGS = 'coes:ção cao:ção oes:ão aes:ão ao:ão'.split(' ').map(function (pair) { return pair.split(':'); });
  const FINAL = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const MORE = '!#$%()*+,-./:;=?@[]^_`{|}~';

  // Ranking: BM25 over each procedure's weighted term frequencies.
  const K1 = 1.2;
  const B = 0.75;
  // A document's score is multiplied by (matched words / searchable words) to this power: pages
  // with most of the words come first, and one unknown word does not empty the list.
  const COVERAGE_POWER = 2;
  // Weights of the ways a query word meets a term of the index.
  const WEIGHT_EXACT = 1;
  const WEIGHT_PREFIX = 0.8;
  const WEIGHT_SYNONYM = 0.9;
  const WEIGHT_TYPO = [1, 0.7, 0.45];
  const MAX_PREFIX_TERMS = 16;
  // A word being typed matches as a prefix from this many letters ("ce" would match too much).
  const MIN_PREFIX_CHARS = 3;
  const MAX_TYPO_TERMS = 4;

  const DROPDOWN_PROCEDURES = 8;
  const DROPDOWN_CHAPTERS = 2;
  const PAGE_SIZE = 20;

  // The strings the page gives (window.sopbookStrings), over these pt-BR defaults. Optional keys
  // (DEFAULT_OPTIONAL_STRINGS) apply only to a page without strings, so that a page in
  // another language never shows them.
  const DEFAULT_STRINGS = {
    search_no_results: 'Nenhum resultado para “{q}”',
    search_results: '{n} resultados',
    search_step: 'Passo {n}',
    search_loading: 'Carregando…'
  };
  const DEFAULT_OPTIONAL_STRINGS = {
    search_results_one: '1 resultado',
    search_unavailable: 'A busca não está disponível.',
    search_all: 'Ver todos os resultados',
    search_chapters: 'Manual do editor',
    search_page_count: '{n} procedimentos para “{q}”',
    search_page_count_one: '1 procedimento para “{q}”',
    search_more: 'Mostrar mais'
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
  const ALNUM = unicodeRegExp('[\\p{Alphabetic}\\p{N}]', '', /[0-9a-z\u00aa\u00b5\u00ba\u00df-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff]/);
  const DIGITS = unicodeRegExp('\\p{N}', '', /[0-9]/);
  const WORDS = unicodeRegExp('[\\p{Alphabetic}\\p{N}\\p{M}]+', 'g', /[0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff]+/g);

  const DIGIT = new Int8Array(128).fill(-1);
  const MORE_DIGIT = new Int8Array(128).fill(-1);
  for (let i = 0; i < FINAL.length; i++) DIGIT[FINAL.charCodeAt(i)] = i;
  for (let i = 0; i < MORE.length; i++) MORE_DIGIT[MORE.charCodeAt(i)] = i;

  // ---- the analyzer (as src/render/search/analyze.rs) -------------------------------------

  /** NFD, no combining marks, lower case: "Não Localiza" → "nao localiza". */
  function fold(text) {
    return String(text).normalize('NFD').replace(MARKS, '').toLowerCase();
  }

  function cut(word) {
    return word.length <= MAX_TOKEN_CHARS ? word : Array.from(word).slice(0, MAX_TOKEN_CHARS).join('');
  }

  function isIndexed(word) {
    return Array.from(word).length >= 2 && STOPWORDS.indexOf(word) < 0;
  }

  /** The term of a folded word: a code as it is, any other word stemmed. */
  function term(word) {
    if (DIGITS.test(word) || word.length < 3 || typeof window.SOPBOOK_STEM_PT !== 'function') return word;
    let restored = word;
    for (let i = 0; i < NASAL_ENDINGS.length; i++) {
      const ending = NASAL_ENDINGS[i][0];
      if (word.length > ending.length && word.slice(-ending.length) === ending) {
        restored = word.slice(0, -ending.length) + NASAL_ENDINGS[i][1];
        break;
      }
    }
    return fold(window.SOPBOOK_STEM_PT(restored));
  }

  /** The groups of a folded text: alphanumeric parts joined by "-" or "." (see analyze.rs). */
  function groups(folded) {
    const chars = Array.from(folded);
    const out = [];
    let part = '';
    let joinable = false;
    for (let k = 0; k <= chars.length; k++) {
      const c = k < chars.length ? chars[k] : ' ';
      if (k < chars.length && ALNUM.test(c)) {
        part += c;
        continue;
      }
      if (part) {
        if (joinable && out.length) out[out.length - 1].push(part);
        else out.push([part]);
        part = '';
      }
      const next = k + 1 < chars.length && ALNUM.test(chars[k + 1]);
      const previous = k > 0 && ALNUM.test(chars[k - 1]);
      joinable = (c === '-' || c === '.') && next && previous;
    }
    return out;
  }

  /** Every term of a text, as the index has them (see words() in analyze.rs). */
  function analyze(text) {
    const out = [];
    groups(fold(text)).forEach(function (parts) {
      function push(word) {
        const w = cut(word);
        if (isIndexed(w)) out.push(term(w));
      }
      parts.forEach(push);
      if (parts.length > 1) push(parts.join(''));
    });
    return out;
  }
  // For the browser test that compares this analyzer with the index's, case by case.
  window.SOPBOOK_ANALYZE = analyze;

  // ---- number strings -------------------------------------------------------------------

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

  function lowerBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Optimal string alignment distance, or max + 1 as soon as it must exceed max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null;
    let previous = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++) previous[j] = j;
    for (let i = 1; i <= a.length; i++) {
      const row = new Array(b.length + 1);
      row[0] = i;
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        let v = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /** How many typos a word of this many letters may have: 1 from 5 letters, 2 from 8. */
  function typosAllowed(word) {
    const n = Array.from(word).length;
    return n >= 8 ? 2 : n >= 5 ? 1 : 0;
  }

  // ---- loading ------------------------------------------------------------------------------

  function loader(root) {
    const pending = new Map();
    function script(src) {
      if (pending.has(src)) return pending.get(src);
      const promise = new Promise(function (resolve, reject) {
        const node = document.createElement('script');
        node.src = src;
        node.async = true;
        node.onload = function () { resolve(); };
        node.onerror = function () {
          pending.delete(src);
          reject(new Error('sopbook: cannot load ' + src));
        };
        document.head.appendChild(node);
      });
      pending.set(src, promise);
      return promise;
    }
    function part(name) {
      const parts = window.SOPBOOK_SEARCH_PARTS || {};
      if (parts[name]) return Promise.resolve(parts[name]);
      return script(root + 'search/' + name + '.js').then(function () {
        const loaded = (window.SOPBOOK_SEARCH_PARTS || {})[name];
        if (!loaded) throw new Error('sopbook: search part ' + name + ' is missing');
        return loaded;
      });
    }
    return { script: script, part: part };
  }

  // ---- the index ----------------------------------------------------------------------------

  function Index(meta, load) {
    if (!meta || meta.v !== FORMAT_VERSION || !Array.isArray(meta.t)) throw new Error('sopbook: unsupported search index');
    this.load = load;
    this.procedures = meta.np;
    this.chapters = meta.nc;
    this.docs = meta.np + meta.nc;
    this.perChunk = meta.dc;
    this.avg = meta.avg || 1;
    this.lengths = numbers(meta.len);
    this.terms = meta.t;
    this.df = numbers(meta.df);
    this.shardStarts = numbers(meta.sh);
    this.synonyms = meta.syn || [];
    this.postings = new Map();
    this.records = new Map();
  }

  Index.prototype.find = function (t) {
    const i = lowerBound(this.terms, t);
    return i < this.terms.length && this.terms[i] === t ? i : -1;
  };

  /** Terms that start with prefix, most frequent first. */
  Index.prototype.withPrefix = function (prefix, limit) {
    const out = [];
    for (let i = lowerBound(this.terms, prefix); i < this.terms.length && this.terms[i].startsWith(prefix); i++) out.push(i);
    const df = this.df;
    out.sort(function (a, b) { return df[b] - df[a] || a - b; });
    return out.slice(0, limit);
  };

  /** Terms within the allowed typos of t (codes never), closest and most frequent first. */
  Index.prototype.near = function (t, max, limit) {
    const found = [];
    for (let i = 0; i < this.terms.length; i++) {
      const other = this.terms[i];
      if (Math.abs(other.length - t.length) > max || DIGITS.test(other)) continue;
      const d = distance(t, other, max);
      if (d <= max) found.push({ id: i, d: d });
    }
    const df = this.df;
    found.sort(function (a, b) { return a.d - b.d || df[b.id] - df[a.id]; });
    return found.slice(0, limit);
  };

  Index.prototype.shardOf = function (id) {
    let k = 0;
    while (k < this.shardStarts.length && this.shardStarts[k] <= id) k++;
    return k;
  };

  /** Loads the postings of the given terms. */
  Index.prototype.fetchPostings = function (ids) {
    const self = this;
    const shards = new Set();
    ids.forEach(function (id) { if (!self.postings.has(id)) shards.add(self.shardOf(id)); });
    return Promise.all(Array.from(shards).map(function (k) {
      return self.load.part('t' + k).then(function (codes) {
        const first = k === 0 ? 0 : self.shardStarts[k - 1];
        ids.forEach(function (id) {
          if (self.shardOf(id) === k && !self.postings.has(id)) self.postings.set(id, decodePosting(codes[id - first]));
        });
      });
    }));
  };

  /** A posting: parallel arrays of documents, weighted frequencies and place lists. */
  function decodePosting(code) {
    const n = numbers(code || '');
    const docs = [];
    const tf = [];
    const places = [];
    let doc = -1;
    for (let i = 0; i < n.length;) {
      doc += 1 + n[i];
      docs.push(doc);
      tf.push(n[i + 1]);
      const count = n[i + 2];
      const list = [];
      let place = -1;
      for (let k = 0; k < count; k++) {
        place += 1 + n[i + 3 + k];
        list.push(place);
      }
      places.push(list);
      i += 3 + count;
    }
    return { docs: docs, tf: tf, places: places };
  }

  /** Loads the records of the given documents. */
  Index.prototype.fetchRecords = function (docs) {
    const self = this;
    const chunks = new Set();
    docs.forEach(function (d) { if (!self.records.has(d)) chunks.add(Math.floor(d / self.perChunk)); });
    return Promise.all(Array.from(chunks).map(function (k) {
      return self.load.part('d' + k).then(function (records) {
        records.forEach(function (record, i) { self.records.set(k * self.perChunk + i, record); });
      });
    }));
  };

  Index.prototype.idf = function (id) {
    const df = this.df[id];
    return Math.log(1 + (this.docs - df + 0.5) / (df + 0.5));
  };

  // ---- queries ----------------------------------------------------------------------------

  /**
   * A query's slots: one per word or hyphenated group, each with the ways it can meet the
   * index (candidates: a phrase of term ids and a weight). `typing` marks a last word still
   * being typed, which also matches as a prefix.
   */
  function slotsOf(index, value) {
    const folded = fold(value);
    const typing = folded.length > 0 && ALNUM.test(Array.from(folded).pop());
    const all = groups(folded);
    const slots = [];
    all.forEach(function (parts, g) {
      const last = typing && g === all.length - 1;
      const words = parts.map(cut).filter(isIndexed);
      const joined = parts.length > 1 ? cut(parts.join('')) : null;
      if (words.length === 0 && !joined) {
        // A lone stop word or letter still being typed may become a word ("de" → "debug").
        if (last && all.length === 1 && Array.from(parts[0]).length >= 2) slots.push(slotFor(index, [], parts[0], true));
        return;
      }
      if (joined) {
        // "nf-e": the joined form, or its parts together.
        const slot = slotFor(index, [], joined, last);
        const ids = words.map(function (w) { return index.find(term(w)); });
        if (ids.length && ids.every(function (id) { return id >= 0; })) slot.candidates.push({ ids: ids, weight: WEIGHT_SYNONYM });
        slots.push(slot);
      } else {
        slots.push(slotFor(index, [], words[0], last));
      }
    });
    addSynonyms(index, slots);
    return slots;
  }

  function slotFor(index, candidates, word, typing) {
    const t = term(word);
    const slot = { word: word, term: t, candidates: candidates, optional: false, highlight: [] };
    const exact = index.find(t);
    if (exact >= 0) slot.candidates.push({ ids: [exact], weight: WEIGHT_EXACT });
    const isCode = DIGITS.test(word);
    if (typing && Array.from(word).length >= MIN_PREFIX_CHARS) {
      index.withPrefix(word, MAX_PREFIX_TERMS).forEach(function (id) {
        if (id !== exact) slot.candidates.push({ ids: [id], weight: WEIGHT_PREFIX });
      });
      slot.highlight.push(word);
    }
    if (exact < 0 && !isCode) {
      const max = typosAllowed(word);
      if (max > 0) {
        index.near(t, max, MAX_TYPO_TERMS).forEach(function (near) {
          slot.candidates.push({ ids: [near.id], weight: WEIGHT_TYPO[near.d] });
        });
      }
    }
    return slot;
  }

  /** A synonym phrase found in the query's terms adds the group's other phrases to its slot. */
  function addSynonyms(index, slots) {
    index.synonyms.forEach(function (group) {
      group.forEach(function (phrase) {
        for (let s = 0; s + phrase.length <= slots.length; s++) {
          let same = true;
          for (let k = 0; k < phrase.length && same; k++) same = slots[s + k].term === phrase[k];
          if (!same) continue;
          group.forEach(function (other) {
            if (other === phrase) return;
            const ids = other.map(function (t) { return index.find(t); });
            if (ids.every(function (id) { return id >= 0; })) slots[s].candidates.push({ ids: ids, weight: WEIGHT_SYNONYM });
          });
          for (let k = 1; k < phrase.length; k++) slots[s + k].optional = true;
        }
      });
    });
  }

  /** Ranks every document for the slots (postings already loaded). */
  function rank(index, slots) {
    const n = index.docs;
    const total = new Float64Array(n);
    const matched = new Uint8Array(n);
    let need = 0;
    slots.forEach(function (slot) {
      if (slot.candidates.length === 0) return;
      if (!slot.optional) need++;
      const best = new Float64Array(n);
      slot.candidates.forEach(function (c) {
        const share = c.weight / c.ids.length;
        c.ids.forEach(function (id) {
          const posting = index.postings.get(id);
          const idf = index.idf(id);
          for (let i = 0; i < posting.docs.length; i++) {
            const d = posting.docs[i];
            const tf = posting.tf[i];
            const norm = 1 - B + B * (index.lengths[d] / index.avg);
            const score = share * idf * (tf * (K1 + 1)) / (tf + K1 * norm);
            if (c.ids.length === 1) {
              if (score > best[d]) best[d] = score;
            } else {
              best[d] += score; // a phrase's words add up to its weight
            }
          }
        });
      });
      for (let d = 0; d < n; d++) {
        if (best[d] > 0) {
          total[d] += best[d];
          if (!slot.optional) matched[d]++;
        }
      }
    });
    const found = [];
    for (let d = 0; d < n; d++) {
      if (total[d] <= 0) continue;
      const coverage = need ? Math.min(1, matched[d] / need) : 1;
      found.push({ doc: d, score: total[d] * Math.pow(coverage, COVERAGE_POWER) });
    }
    found.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return found;
  }

  /** The place (0 the head, k step k) of a document where most of the query meets. */
  function bestPlace(index, slots, doc) {
    const scores = new Map();
    slots.forEach(function (slot) {
      const here = new Map();
      slot.candidates.forEach(function (c) {
        c.ids.forEach(function (id) {
          const posting = index.postings.get(id);
          const i = lowerBound(posting.docs, doc);
          if (posting.docs[i] !== doc) return;
          const value = c.weight * index.idf(id);
          posting.places[i].forEach(function (p) { if (!(here.get(p) >= value)) here.set(p, value); });
        });
      });
      here.forEach(function (value, p) { scores.set(p, (scores.get(p) || 0) + value); });
    });
    let best = 0;
    let bestScore = -1;
    scores.forEach(function (value, p) {
      if (value > bestScore || (value === bestScore && p < best)) {
        best = p;
        bestScore = value;
      }
    });
    return best;
  }

  /** The terms (and typed prefixes) to highlight: what the query met in the index. */
  function highlighter(index, slots) {
    const terms = new Set();
    const prefixes = [];
    slots.forEach(function (slot) {
      slot.candidates.forEach(function (c) { c.ids.forEach(function (id) { terms.add(index.terms[id]); }); });
      slot.highlight.forEach(function (p) { prefixes.push(p); });
    });
    return function (word) {
      const folded = fold(word);
      if (prefixes.some(function (p) { return folded.startsWith(p); })) return true;
      return terms.has(term(cut(folded)));
    };
  }

  /**
   * Runs a query: resolves to { procedures, chapters, marks } where each hit is
   * { doc, record, step } (step: the index of the best step, or -1) and marks(word) tells
   * whether a shown word matched. `limit` hits of each kind get their records loaded.
   */
  function run(index, value, limit) {
    const slots = slotsOf(index, value);
    const ids = new Set();
    slots.forEach(function (slot) { slot.candidates.forEach(function (c) { c.ids.forEach(function (id) { ids.add(id); }); }); });
    return index.fetchPostings(Array.from(ids)).then(function () {
      const found = rank(index, slots);
      const procedures = found.filter(function (f) { return f.doc < index.procedures; });
      const chapters = found.filter(function (f) { return f.doc >= index.procedures; });
      const shown = procedures.slice(0, limit.procedures).concat(chapters.slice(0, limit.chapters));
      return index.fetchRecords(shown.map(function (f) { return f.doc; })).then(function () {
        function hit(f) {
          return { doc: f.doc, record: index.records.get(f.doc), step: f.doc < index.procedures ? bestPlace(index, slots, f.doc) - 1 : -1 };
        }
        return {
          total: procedures.length,
          totalChapters: chapters.length,
          procedures: procedures.slice(0, limit.procedures).map(hit),
          chapters: chapters.slice(0, limit.chapters).map(hit),
          marks: highlighter(index, slots)
        };
      });
    });
  }

  // ---- the page -----------------------------------------------------------------------------

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // The site's strings: assets/sopbook-strings.js sets window.sopbookStrings, once for every
  // page; a page from an older template carries them as JSON in #sopbook-strings. Only a plain
  // object counts (an element with that id is also a window property).
  function readStrings() {
    const strings = Object.assign({}, DEFAULT_STRINGS);
    let given = window.sopbookStrings;
    if (!given || Object.getPrototypeOf(given) !== Object.prototype) {
      const node = document.getElementById('sopbook-strings');
      if (!node) return Object.assign(strings, DEFAULT_OPTIONAL_STRINGS);
      try {
        given = JSON.parse(node.textContent);
      } catch (e) {
        return strings; // Keep the defaults.
      }
    }
    Object.keys(given || {}).forEach(function (key) {
      if (typeof given[key] === 'string') strings[key] = given[key];
    });
    return strings;
  }

  /** Appends text, with every word that matched in <mark>. */
  function appendHighlighted(parent, text, marks) {
    let last = 0;
    let m;
    WORDS.lastIndex = 0;
    while ((m = WORDS.exec(text)) !== null) {
      if (marks(m[0])) {
        if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        const mark = document.createElement('mark');
        mark.textContent = m[0];
        parent.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** The part of a text around its first matched word, about `chars` long. */
  function around(text, marks, chars) {
    if (text.length <= chars) return text;
    let m;
    let at = 0;
    WORDS.lastIndex = 0;
    while ((m = WORDS.exec(text)) !== null) {
      if (marks(m[0])) {
        at = m.index;
        break;
      }
    }
    let start = Math.max(0, at - Math.floor(chars / 3));
    if (start > 0) {
      const space = text.indexOf(' ', start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    let end = Math.min(text.length, start + chars);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length && !/…$/.test(text.slice(start, end)) ? '…' : '');
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
    const load = loader(root);
    const resultsPage = document.getElementById('search-page');

    let index = null;
    let state = 'idle'; // idle, loading, ready, failed
    let active = -1;
    let hits = 0;
    let asked = 0; // the number of the last query, so that a late answer is dropped

    function say(text) {
      if (status && status.textContent !== text) status.textContent = text;
    }

    function localNumber(n) {
      try {
        return n.toLocaleString(lang);
      } catch (e) {
        return String(n); // an unknown language tag
      }
    }

    function count(n) {
      return n === 1 && strings.search_results_one
        ? format(strings.search_results_one, { n: localNumber(n) })
        : format(strings.search_results, { n: localNumber(n) });
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
      list.setAttribute('data-query', input.value);
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

    function pageHref(value) {
      return root + 'search.html?q=' + encodeURIComponent(value.trim());
    }

    /** The content of one result: title, section, and the best step with its words marked. */
    function resultBody(hit, marks, snippetChars) {
      const record = hit.record;
      const step = hit.step >= 0 ? record[3][hit.step] : null;
      const body = document.createElement('div');
      body.className = 'search-result-link';
      const title = span('search-result-title');
      appendHighlighted(title, record[0], marks);
      body.appendChild(title);
      if (record[5]) {
        // Created or changed within the site's [history] days.
        const mark = span('badge search-result-mark');
        mark.textContent = record[5];
        body.appendChild(mark);
      }
      if (record[2]) {
        const crumb = span('search-result-crumb');
        appendHighlighted(crumb, record[2], marks);
        body.appendChild(crumb);
      }
      if (step) {
        const line = span('search-result-step');
        const number = span('search-result-number');
        number.textContent = format(strings.search_step, { n: hit.step + 1 });
        line.appendChild(number);
        const main = step[1] || around(step[2], marks, snippetChars);
        if (main) {
          line.appendChild(document.createTextNode(' — '));
          appendHighlighted(line, main, marks);
        }
        body.appendChild(line);
        if (step[1] && step[2]) {
          const snippet = span('search-result-snippet');
          appendHighlighted(snippet, around(step[2], marks, snippetChars), marks);
          body.appendChild(snippet);
        }
      } else if (record[4]) {
        // The procedure matched in its title, aliases, tags or summary: its summary.
        const snippet = span('search-result-snippet');
        appendHighlighted(snippet, around(record[4], marks, snippetChars), marks);
        body.appendChild(snippet);
      } else if (hit.doc >= index.procedures && record[3][0]) {
        const snippet = span('search-result-snippet');
        appendHighlighted(snippet, around(record[3][0][2], marks, snippetChars), marks);
        body.appendChild(snippet);
      }
      return body;
    }

    function hitHref(hit) {
      const step = hit.step >= 0 ? hit.record[3][hit.step] : null;
      return href(hit.record[1], step ? step[0] : '');
    }

    function option(i, url, body, className) {
      const li = document.createElement('li');
      li.id = 'search-result-' + i;
      li.className = 'search-result' + (className ? ' ' + className : '');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      // The option itself is the control (a link inside an option would be a nested one):
      // the address rides on it and a click or Enter follows it.
      li.setAttribute('data-href', url);
      li.appendChild(body);
      return li;
    }

    function render(answer, value) {
      clear();
      list.setAttribute('data-query', value);
      let i = 0;
      answer.procedures.forEach(function (hit) {
        list.appendChild(option(i++, hitHref(hit), resultBody(hit, answer.marks, 110), hit.step >= 0 ? 'search-result-is-step' : ''));
      });
      if (answer.chapters.length) {
        const heading = document.createElement('li');
        heading.className = 'search-group';
        heading.setAttribute('role', 'presentation');
        heading.textContent = strings.search_chapters || DEFAULT_OPTIONAL_STRINGS.search_chapters;
        list.appendChild(heading);
        answer.chapters.forEach(function (hit) {
          list.appendChild(option(i++, hitHref(hit), resultBody(hit, answer.marks, 110), 'search-result-is-chapter'));
        });
      }
      const all = document.createElement('span');
      all.className = 'search-result-all';
      all.textContent = (strings.search_all || DEFAULT_OPTIONAL_STRINGS.search_all) + ' (' + localNumber(answer.total + answer.totalChapters) + ')';
      list.appendChild(option(i++, pageHref(value), all, 'search-result-is-all'));
      hits = i;
      list.scrollTop = 0;
      open();
    }

    function ask(value, limit) {
      const number = ++asked;
      return run(index, value, limit).then(function (answer) {
        return number === asked ? answer : null;
      });
    }

    function update() {
      const value = input.value;
      if (!fold(value).trim() || !groups(fold(value)).length) {
        asked++;
        clear();
        close();
        say('');
        return;
      }
      if (state === 'idle') start();
      if (state === 'loading') {
        message(strings.search_loading);
        return;
      }
      if (state === 'failed') {
        message(format(strings.search_unavailable || strings.search_no_results, { q: value.trim() }));
        return;
      }
      ask(value, { procedures: DROPDOWN_PROCEDURES, chapters: DROPDOWN_CHAPTERS }).then(function (answer) {
        if (!answer) return;
        if (answer.total + answer.totalChapters === 0) {
          message(format(strings.search_no_results, { q: value.trim() }));
          return;
        }
        render(answer, value);
        say(count(answer.total + answer.totalChapters));
      }, function () {
        state = 'failed';
        update();
      });
    }

    function ready() {
      try {
        index = new Index(window.SOPBOOK_SEARCH, load);
        state = 'ready';
      } catch (e) {
        state = 'failed';
      }
      if (resultsPage) showPage();
      // The query typed while loading.
      if (document.activeElement === input && input.value) update();
    }

    function start() {
      if (state !== 'idle') return;
      state = 'loading';
      Promise.all([load.script(root + 'assets/stemmer-pt.js'), load.script(root + 'search/index.js')]).then(ready, function () {
        state = 'failed';
        if (resultsPage) showPage();
        if (document.activeElement === input && input.value) update();
      });
    }

    function go(i, newTab) {
      const item = options()[i];
      const url = item && item.getAttribute('data-href');
      if (!url) return;
      if (newTab) window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
    }

    // ---- the results page (search.html?q=…) ----

    let pageShown = 0;
    const pageTitle = document.title;

    function showPage() {
      const value = new URLSearchParams(window.location.search).get('q') || '';
      const heading = resultsPage.querySelector('.search-page-count');
      const results = resultsPage.querySelector('.search-page-results');
      const chaptersBlock = resultsPage.querySelector('.search-page-chapters');
      const more = resultsPage.querySelector('.search-page-more');
      if (!input.value) input.value = value;
      if (!value.trim()) return;
      if (state === 'failed') {
        heading.textContent = format(strings.search_unavailable || strings.search_no_results, { q: value.trim() });
        return;
      }
      pageShown = Math.max(pageShown, PAGE_SIZE);
      run(index, value, { procedures: pageShown, chapters: 50 }).then(function (answer) {
        heading.textContent = answer.total === 1
          ? format(strings.search_page_count_one || DEFAULT_OPTIONAL_STRINGS.search_page_count_one, { q: value.trim() })
          : format(strings.search_page_count || DEFAULT_OPTIONAL_STRINGS.search_page_count, { n: localNumber(answer.total), q: value.trim() });
        document.title = value.trim() + ' — ' + pageTitle;
        while (results.firstChild) results.removeChild(results.firstChild);
        answer.procedures.forEach(function (hit) { results.appendChild(pageItem(hit, answer.marks)); });
        const chapterList = chaptersBlock.querySelector('ol');
        while (chapterList.firstChild) chapterList.removeChild(chapterList.firstChild);
        answer.chapters.forEach(function (hit) { chapterList.appendChild(pageItem(hit, answer.marks)); });
        chaptersBlock.hidden = answer.chapters.length === 0;
        more.hidden = answer.total <= pageShown;
        if (answer.total === 0 && answer.totalChapters === 0) heading.textContent = format(strings.search_no_results, { q: value.trim() });
      });
      more.onclick = function () {
        pageShown += PAGE_SIZE;
        showPage();
      };
    }

    function pageItem(hit, marks) {
      const li = document.createElement('li');
      li.className = 'search-page-result';
      const a = document.createElement('a');
      a.href = hitHref(hit);
      a.appendChild(resultBody(hit, marks, 240));
      li.appendChild(a);
      return li;
    }

    // ---- events ----

    input.addEventListener('focus', function () {
      start();
      if (input.value && list.hidden && !resultsPage) update();
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
          if (!list.hidden && active >= 0) {
            e.preventDefault();
            go(active, e.ctrlKey || e.metaKey);
          } else if (fold(input.value).trim()) {
            // No result chosen: every result, on the results page.
            e.preventDefault();
            window.location.assign(pageHref(input.value));
          }
          break;
        case 'Escape':
        case 'Esc':
          if (input.value || !list.hidden) {
            e.preventDefault();
            input.value = '';
            asked++;
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
      const item = e.target.closest ? e.target.closest('li.search-result') : null;
      if (!item) return;
      go(Array.prototype.indexOf.call(options(), item), e.ctrlKey || e.metaKey);
    });
    list.addEventListener('mousemove', function (e) {
      const item = e.target.closest ? e.target.closest('li.search-result') : null;
      if (!item) return;
      const i = Array.prototype.indexOf.call(options(), item);
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
    // The results page needs the index at once; so does a box focused before this script ran
    // (the home page's box has autofocus): its focus event has already passed.
    if (resultsPage || document.activeElement === input) start();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
