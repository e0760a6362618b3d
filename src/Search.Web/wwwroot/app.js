// Search: the page's behaviour. The server renders the same markup without JavaScript; this file adds
// results as you type, state in the URL, completions and keys. Document text only ever reaches the page
// through textContent, except the server's title_html and snippet, which it escaped with only <mark> added.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  document.documentElement.classList.add('js');

  if (!$('search-form')) {
    documentPage();
    return;
  }

  const PAGE = 10;
  const DEBOUNCE_MS = 150;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const form = $('search-form');
  const box = $('q');
  const statusEl = $('status');
  const hitsEl = $('hits');
  const expandedEl = $('expanded');
  const pagerEl = $('pager');
  const introEl = $('intro');
  const suggestEl = $('suggest');
  const sortEl = $('sort');
  const exactEl = $('exact');
  const fromEl = $('from_date');
  const toEl = $('to_date');
  const filtersBox = $('filters-box');

  let state = readState(location.search);
  let seq = 0;              // the number of the newest search; answers to older ones are dropped
  let inflight = null;      // its AbortController
  let suggestSeq = 0;
  let timer = 0;
  let suggestTimer = 0;
  let typedEntry = false;   // whether the current history entry was made by typing (then typing replaces it)
  let shown = 0;

  if (filtersBox && window.matchMedia('(max-width: 760px)').matches) filtersBox.open = false;
  history.replaceState(state, '', location.href);
  if (!isEmpty(state)) run(state, 0);

  // --- state and URL ---------------------------------------------------------------------------
  function readState(search) {
    const p = new URLSearchParams(search);
    return {
      q: p.get('q') || '',
      source: p.getAll('source').filter(Boolean),
      year: p.getAll('year').filter(Boolean),
      from_date: p.get('from_date') || '',
      to_date: p.get('to_date') || '',
      sort: ['date', 'date-asc'].includes(p.get('sort')) ? p.get('sort') : 'relevance',
      exact: ['1', 'true', 'on'].includes((p.get('exact') || '').toLowerCase()),
      syntax: p.get('syntax') === 'lucene' ? 'lucene' : '',
    };
  }

  function params(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    s.source.forEach((v) => p.append('source', v));
    s.year.forEach((v) => p.append('year', v));
    if (s.from_date) p.set('from_date', s.from_date);
    if (s.to_date) p.set('to_date', s.to_date);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.exact) p.set('exact', '1');
    if (s.syntax) p.set('syntax', s.syntax);
    return p;
  }

  function urlOf(s) {
    const p = params(s).toString();
    return '/search' + (p ? '?' + p : '');
  }

  function isEmpty(s) {
    return !s.q.trim() && !s.source.length && !s.year.length && !s.from_date && !s.to_date;
  }

  function docUrl(id, s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.exact) p.set('exact', '1');
    if (s.syntax) p.set('syntax', s.syntax);
    const qs = p.toString();
    return '/documents/' + encodeURIComponent(id) + (qs ? '?' + qs : '');
  }

  // Typing replaces the entry typing made; any other change (a facet, the sort, a date) is a new entry,
  // so Back undoes it.
  function go(s, typing) {
    state = s;
    const url = urlOf(s);
    if (url !== location.pathname + location.search) {
      if (typing && typedEntry) history.replaceState(s, '', url);
      else history.pushState(s, '', url);
    }
    typedEntry = typing;
    run(s, 0);
  }

  function syncControls(s) {
    if (box.value !== s.q) box.value = s.q;
    sortEl.value = s.sort;
    exactEl.checked = s.exact;
    fromEl.value = s.from_date;
    toEl.value = s.to_date;
  }

  // --- searching -------------------------------------------------------------------------------
  async function run(s, from) {
    const mine = ++seq;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    if (isEmpty(s)) {
      clearResults();
      introEl.hidden = false;
      document.title = 'Search – news archive';
      return;
    }
    const p = params(s);
    p.set('size', String(PAGE));
    if (from > 0) p.set('from', String(from));
    let response;
    let data;
    try {
      response = await fetch('/api/search?' + p.toString(), { signal: inflight.signal, headers: { Accept: 'application/json' } });
      data = await response.json();
    } catch (e) {
      if (e.name !== 'AbortError' && mine === seq) showError('The server did not answer. Try again.');
      return;
    }
    if (mine !== seq) return; // a newer search has started: this answer is stale
    if (!response.ok) {
      showError(data && data.error ? data.error + (data.position != null ? ` (at position ${data.position})` : '') : 'Search failed.');
      return;
    }
    render(s, data, from);
  }

  function clearResults() {
    hitsEl.replaceChildren();
    pagerEl.replaceChildren();
    expandedEl.replaceChildren();
    statusEl.textContent = '';
    shown = 0;
  }

  function showError(message) {
    const span = el('span', 'error', message);
    statusEl.replaceChildren(span);
    hitsEl.replaceChildren();
    pagerEl.replaceChildren();
    expandedEl.replaceChildren();
  }

  function render(s, data, from) {
    introEl.hidden = true;
    if (from === 0) hitsEl.replaceChildren();
    for (const hit of data.hits) hitsEl.append(hitElement(hit, s));
    shown = from + data.hits.length;
    const n = data.total.toLocaleString('en');
    statusEl.textContent = `${n} ${data.total === 1 ? 'result' : 'results'} (${formatMs(data.took_ms)} ms)` +
      (data.partial ? ' — partial: the time budget ran out' : '');
    renderExpanded(data.expanded);
    renderFacet('source', data.facets.source || [], s.source);
    renderFacet('year', data.facets.year || [], s.year);
    pagerEl.replaceChildren();
    if (shown < data.total) {
      const more = el('button', 'more', `Load more (${(data.total - shown).toLocaleString('en')} left)`);
      more.type = 'button';
      more.id = 'more';
      more.addEventListener('click', () => run(state, shown));
      pagerEl.append(more);
    }
    document.title = s.q ? `${s.q} – Search` : 'Search – news archive';
  }

  function formatMs(ms) {
    return ms < 10 ? ms.toFixed(1) : Math.round(ms).toString();
  }

  function hitElement(hit, s) {
    const li = el('li', 'hit');
    const h2 = el('h2', 'title');
    h2.dir = 'auto';
    const a = document.createElement('a');
    a.href = docUrl(hit.id, s);
    if (hit.title_html) a.innerHTML = hit.title_html; // escaped by the server; only <mark> is markup
    else a.textContent = clean(hit.title || '(no title)');
    h2.append(a);
    li.append(h2, meta(hit.date, hit.source));
    if (hit.snippet) {
      const p = el('p', 'snippet');
      p.dir = 'auto';
      p.innerHTML = hit.snippet; // escaped by the server; only <mark> is markup
      li.append(p);
    }
    const chips = chipList(hit.matched);
    if (chips) li.append(chips);
    return li;
  }

  function meta(date, source) {
    const p = el('p', 'meta');
    if (date) {
      const t = el('time', null, formatDate(date));
      t.dateTime = date.slice(0, 10);
      p.append(t);
    }
    if (source) {
      const span = el('span', 'src', source);
      span.dir = 'auto';
      p.append(span);
    }
    return p;
  }

  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
  }

  // Why a hit matched, for what a reader would not guess: the name layers (Teheran → Tehran, variant),
  // and a stem match that differs only by accents or letter forms, shown as folded. Pages.cs does the same.
  function fold(word) {
    return word.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/ی/g, 'ي').replace(/ک/g, 'ك');
  }

  function chipLayer(m) {
    if (m.layer === 'exact') return null;
    if (m.layer === 'stem') {
      return fold(m.query_word) === fold(m.matched) && m.query_word.toLowerCase() !== m.matched.toLowerCase() ? 'folded' : null;
    }
    return m.layer;
  }

  function chipList(matched) {
    const why = (matched || []).map((m) => ({ ...m, label: chipLayer(m) })).filter((m) => m.label).slice(0, 8);
    if (!why.length) return null;
    const ul = el('ul', 'why');
    ul.setAttribute('aria-label', 'Why it matched');
    for (const m of why) {
      const li = el('li', 'chip');
      li.title = m.layer === 'variant' ? `spelling variant, similarity ${m.similarity.toFixed(2)}` : m.layer;
      const from = el('span', null, m.query_word);
      from.dir = 'auto';
      const to = el('span', null, m.matched);
      to.dir = 'auto';
      li.append(from, ' → ', to, ' ', el('span', 'layer', m.label));
      ul.append(li);
    }
    return ul;
  }

  function renderExpanded(expanded) {
    // As the index's text writes them where known (written), each once whatever its case, as the server's page does.
    const seen = new Set();
    const forms = (expanded || []).filter((e) => e.layer !== 'exact' && e.layer !== 'stem').map((e) => e.written || e.form)
      .filter((f) => { const k = f.toLowerCase(); if (seen.has(k)) return false; seen.add(k); return true; }).slice(0, 12);
    expandedEl.replaceChildren();
    if (!forms.length) return;
    expandedEl.append('Also searched: ');
    forms.forEach((f, i) => {
      if (i) expandedEl.append(', ');
      const span = el('span', null, f);
      span.dir = 'auto';
      expandedEl.append(span);
    });
  }

  function renderFacet(name, counts, selected) {
    const ul = document.querySelector(`#facet-${name} ul`);
    if (!ul) return;
    const lower = selected.map((v) => v.toLowerCase());
    const values = selected.map((v) => ({ value: v, count: (counts.find((c) => c.value.toLowerCase() === v.toLowerCase()) || {}).count }))
      .concat(counts.filter((c) => !lower.includes(c.value.toLowerCase())));
    if (name === 'year') values.sort((a, b) => Number(b.value) - Number(a.value));
    ul.replaceChildren();
    values.forEach((v, i) => {
      const li = document.createElement('li');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.id = `${name}-${i}`;
      input.name = name;
      input.value = v.value;
      input.setAttribute('form', 'search-form');
      input.checked = lower.includes(v.value.toLowerCase());
      const label = document.createElement('label');
      label.htmlFor = input.id;
      const val = el('span', 'v', v.value);
      val.dir = 'auto';
      label.append(val, el('span', 'n', v.count != null ? v.count.toLocaleString('en') : ''));
      li.append(input, label);
      ul.append(li);
    });
  }

  // Bidirectional embedding, override and isolate controls are dropped from document text, as the server's
  // escaping drops them, so a document cannot reorder the page around its text (which also sits in dir=auto).
  function clean(text) {
    return String(text).replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = clean(text);
    return e;
  }

  // --- completions -----------------------------------------------------------------------------
  async function suggest(text) {
    const mine = ++suggestSeq;
    if (!text.trim() || /\s$/.test(text)) {
      suggestEl.replaceChildren();
      return;
    }
    let data;
    try {
      const r = await fetch('/api/suggest?size=5&q=' + encodeURIComponent(text));
      if (!r.ok) return;
      data = await r.json();
    } catch {
      return;
    }
    if (mine !== suggestSeq || box.value !== text) return;
    suggestEl.replaceChildren();
    for (const s of data.suggestions) {
      const li = document.createElement('li');
      const b = el('button', null, s.text);
      b.type = 'button';
      b.dir = 'auto';
      b.title = `${s.document_frequency.toLocaleString('en')} documents`;
      b.addEventListener('click', () => {
        box.value = s.completion + ' ';
        suggestEl.replaceChildren();
        box.focus();
        go({ ...state, q: box.value.trim() }, true);
      });
      li.append(b);
      suggestEl.append(li);
    }
  }

  // --- events ----------------------------------------------------------------------------------
  box.addEventListener('input', () => {
    clearTimeout(timer);
    clearTimeout(suggestTimer);
    timer = setTimeout(() => go({ ...state, q: box.value }, true), DEBOUNCE_MS);
    suggestTimer = setTimeout(() => suggest(box.value), 100);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    go({ ...state, q: box.value }, false);
  });

  // The filters sit outside the <form> element and belong to it through form="search-form", so their
  // change events bubble to the document, not to the form.
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (t === box || t.form !== form) return;
    const next = { ...state, q: box.value };
    if (t === sortEl) next.sort = sortEl.value;
    else if (t === exactEl) next.exact = exactEl.checked;
    else if (t === fromEl) next.from_date = fromEl.value;
    else if (t === toEl) next.to_date = toEl.value;
    else if (t.name === 'source' || t.name === 'year') {
      next[t.name] = [...document.querySelectorAll(`input[name="${t.name}"]:checked`)].map((i) => i.value);
    } else return;
    go(next, false);
  });

  window.addEventListener('popstate', (e) => {
    state = e.state || readState(location.search);
    typedEntry = false;
    syncControls(state);
    suggestEl.replaceChildren();
    run(state, 0);
  });

  // Keys: / focuses the box, arrows move through the hits, Enter opens (a link does that), Esc clears.
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    const inField = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (e.key === '/' && !inField && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
      box.select();
    } else if (e.key === 'Escape') {
      if (t === box) {
        if (box.value) {
          box.value = '';
          suggestEl.replaceChildren();
          clearTimeout(timer);
          go({ ...state, q: '' }, false);
        } else {
          box.blur();
        }
      } else {
        box.focus();
      }
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && (t === box || hitsEl.contains(t))) {
      const links = [...hitsEl.querySelectorAll('.hit .title a')];
      if (!links.length) return;
      const i = links.indexOf(t);
      e.preventDefault();
      if (e.key === 'ArrowDown') links[Math.min(i + 1, links.length - 1)].focus();
      else if (i <= 0) box.focus();
      else links[i - 1].focus();
      if (document.activeElement !== box) document.activeElement.scrollIntoView({ block: 'nearest' });
    }
  });

  // --- the document view -----------------------------------------------------------------------
  function documentPage() {
    const back = $('back');
    if (!back) return;
    // Back to the very results page (with its facets and scroll) when we came from it.
    const fromResults = document.referrer && new URL(document.referrer).origin === location.origin && history.length > 1;
    back.addEventListener('click', (e) => {
      if (fromResults) {
        e.preventDefault();
        history.back();
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') back.click();
      else if (e.key === '/' && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        location.href = '/';
      }
    });
    const first = document.querySelector('.text mark');
    if (first) first.scrollIntoView({ block: 'center' });
  }
})();
