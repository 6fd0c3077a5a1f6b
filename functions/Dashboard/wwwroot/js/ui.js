// Small DOM helpers: every value goes in as text, never as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A table that stacks into labelled rows at phone width. */
export function table(columns, rows, { caption } = {}) {
  return h('div', { class: 'scroll' }, h('table', { class: 'stack' },
    caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'Nothing here.'))
      : rows.map(r => h('tr', {}, columns.map(c => h('td', { 'data-label': c.label }, c.render(r))))))));
}

export function when(value) {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString();
}

export function json(value) {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}

let toastTimer;
export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

/** Runs an action, reporting its failure as a toast (problem detail text). */
export async function act(label, fn) {
  try {
    const result = await fn();
    toast(`${label}: done`);
    return result;
  } catch (e) {
    toast(`${label}: ${e.message}`);
    return undefined;
  }
}

export function enc(value) { return encodeURIComponent(value); }
