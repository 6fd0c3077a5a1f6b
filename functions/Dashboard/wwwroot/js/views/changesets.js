import { api, post } from '../api.js';
import { h, when, act, enc, badge, json } from '../ui.js';

const STATUSES = ['', 'PENDING', 'APPROVED', 'REJECTED', 'APPLIED', 'ROLLED_BACK'];
const ACTIONS = {
  PENDING: ['approve', 'reject'],
  APPROVED: ['apply', 'reject'],
  REJECTED: [],
  APPLIED: ['rollback'],
  ROLLED_BACK: [],
};

function diff(item) {
  const c = item.changeSet;
  return h('div', { class: 'scroll' }, h('table', { class: 'diff stack' },
    h('thead', {}, h('tr', {}, ['Field', 'Catalog', 'Incoming', 'Owner', 'Decision'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, c.changes.map(f => h('tr', { 'data-field': f.field },
      h('td', { 'data-label': 'Field' }, f.field, f.conflict ? h('span', { class: 'badge bad' }, 'conflict') : null),
      h('td', { class: 'before', 'data-label': 'Catalog' }, json(f.before)),
      h('td', { class: 'after', 'data-label': 'Incoming' }, json(f.after)),
      h('td', { 'data-label': 'Owner' }, item.owners?.[f.field] ?? 'SHARED'),
      h('td', { 'data-label': 'Decision' }, f.status, f.rule ? h('span', { class: 'muted' }, ` (${f.rule})`) : null))))));
}

function card(item, selected, reload) {
  const c = item.changeSet;
  const key = `${c.sku}/${c.id}`;
  const box = h('input', { type: 'checkbox', 'aria-label': `Select change set ${c.id} of ${c.sku}`, checked: selected.has(key),
    onchange: e => { if (e.target.checked) selected.add(key); else selected.delete(key); } });
  const run = action => act(`${action} ${c.sku}`, () => post(`/api/admin/catalog/products/${enc(c.sku)}/changesets/${enc(c.id)}/${action}`)).then(reload);
  return h('article', { class: 'card changeset', 'data-sku': c.sku, 'data-id': c.id, 'data-status': c.status },
    h('h3', {}, box, ' ', c.sku, ' ', badge(c.status, c.status === 'PENDING' ? 'warn' : c.status === 'APPLIED' ? 'ok' : ''),
      h('span', { class: 'muted' }, ` from ${c.source ?? 'admin'} · ${when(c.createdAt)} · ${c.reason}`)),
    diff(item),
    h('div', { class: 'actions' }, ACTIONS[c.status].map(a => h('button', { type: 'button', 'data-action': a, onclick: () => run(a) }, a[0].toUpperCase() + a.slice(1)))));
}

export default {
  title: 'Change sets',
  async mount(root) {
    const selected = new Set();
    const list = h('div', { id: 'changeset-list' });
    const summary = h('p', { class: 'muted', id: 'changeset-total' });
    const filters = h('form', { class: 'inline card', id: 'changeset-filters' },
      h('label', {}, 'Status', h('select', { name: 'status' }, STATUSES.map(s => h('option', { value: s, selected: s === 'PENDING' }, s || 'any')))),
      h('label', {}, 'Source', h('select', { name: 'source' }, ['', 'shopify', 'ebay', 'reverb'].map(s => h('option', { value: s }, s || 'any')))),
      h('label', {}, 'SKU', h('input', { name: 'sku' })),
      h('button', { type: 'submit' }, 'Filter'));
    const reload = async () => {
      const q = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v));
      const page = await api(`/api/admin/dashboard/changesets?${q}`);
      summary.textContent = `${page.total} change set(s)${page.total > page.items.length ? `, newest ${page.items.length} shown` : ''}`;
      list.replaceChildren(...page.items.map(i => card(i, selected, reload)));
    };
    filters.addEventListener('submit', e => { e.preventDefault(); selected.clear(); reload(); });
    const bulk = action => async () => {
      const items = [...selected].map(k => { const [sku, id] = k.split('/'); return { sku, id }; });
      if (items.length === 0) return;
      const results = await act(`Bulk ${action} (${items.length})`, () => post(`/api/admin/catalog/changesets/bulk/${action}`, { items }));
      if (results) selected.clear();
      await reload();
    };
    root.append(h('h2', {}, 'Change sets'), filters,
      h('div', { class: 'actions', id: 'bulk-actions' }, h('span', { class: 'muted' }, 'Selected:'),
        ['approve', 'reject', 'apply', 'rollback'].map(a => h('button', { type: 'button', 'data-bulk': a, onclick: bulk(a) }, `${a[0].toUpperCase()}${a.slice(1)} selected`))),
      summary, list);
    await reload();
    return { refresh: async () => { if (selected.size === 0) await reload(); }, every: 10000 };
  },
};
