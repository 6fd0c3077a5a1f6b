import { api, post } from '../api.js';
import { h, table, when, act, enc, badge } from '../ui.js';

// Sales of SKUs the catalog did not know: resolve one to an existing SKU (the sale then takes that stock) or dismiss it.
export default {
  title: 'Unmatched sales',
  async mount(root) {
    const status = h('select', { id: 'unmatched-status', 'aria-label': 'Status' },
      ['OPEN', 'RESOLVED', 'APPLIED', 'DISMISSED', ''].map(s => h('option', { value: s }, s || 'any')));
    const list = h('div', { id: 'unmatched-list' });
    const busy = new Set();
    const run = async (sale, action, body) => {
      busy.add(sale.eventId);
      await act(`${action} ${sale.sale.sku}`, () => post(`/api/admin/sync/unmatched/${enc(sale.eventId)}/${action}`, body));
      busy.delete(sale.eventId);
      await reload();
    };
    const actions = s => {
      if (s.status !== 'OPEN') return s.appliedTo ? `applied to ${s.appliedTo}` : (s.note ?? '');
      const sku = h('input', { name: 'sku', 'aria-label': `SKU for ${s.sale.sku}`, placeholder: 'Existing SKU', autocomplete: 'off', required: true });
      return h('form', { class: 'actions', 'data-unmatched': s.eventId, onsubmit: e => { e.preventDefault(); run(s, 'resolve', { sku: sku.value.trim() }); } },
        sku,
        h('button', { type: 'submit', 'data-action': 'resolve' }, 'Resolve'),
        h('button', { type: 'button', class: 'danger', 'data-action': 'dismiss', onclick: () => run(s, 'dismiss', { note: 'dismissed from the dashboard' }) }, 'Dismiss'));
    };
    const reload = async () => {
      const page = await api(`/api/admin/sync/unmatched${status.value ? `?status=${enc(status.value)}` : ''}`);
      list.replaceChildren(table([
        { label: 'When', render: s => when(s.sale.occurredAt ?? s.at) },
        { label: 'Platform', render: s => s.sale.platform },
        { label: 'Order', render: s => s.sale.orderId },
        { label: 'SKU', render: s => s.sale.sku },
        { label: 'Quantity', render: s => s.sale.quantity },
        { label: 'Status', render: s => badge(s.status, s.status === 'OPEN' ? 'warn' : 'ok') },
        { label: 'Actions', render: actions },
      ], page.sales));
    };
    status.addEventListener('change', reload);
    root.append(h('h2', {}, 'Unmatched sales'),
      h('p', {}, 'Sales of SKUs the catalog did not know. A sale whose SKU is created later applies by itself; resolve one to the SKU it meant, or dismiss it when no stock should change.'),
      h('div', { class: 'actions' }, h('label', { for: 'unmatched-status' }, 'Status'), status),
      list);
    await reload();
    // Typing a SKU must not be wiped by a refresh: poll only while nothing is being typed or sent.
    return { refresh: async () => { if (busy.size === 0 && !list.contains(document.activeElement)) await reload(); }, every: 10000 };
  },
};
