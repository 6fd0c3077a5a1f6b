import { api, post } from '../api.js';
import { h, table, when, act, enc } from '../ui.js';
import { poisonSection } from './poison.js';

async function show(panel, name) {
  const d = await api(`/api/admin/dashboard/deadletters/item?name=${enc(name)}`);
  panel.replaceChildren(
    h('h3', {}, `${d.summary.platform} webhook ${d.summary.id}`),
    h('p', {}, `Received ${when(d.summary.receivedAt)} · ${d.summary.bytes} bytes`),
    h('p', { class: 'bad' }, `Reason: ${d.summary.reason ?? 'unknown'}`),
    h('h3', {}, 'Headers'),
    h('pre', {}, Object.entries(d.headers).map(([k, v]) => `${k}: ${v.join(', ')}`).join('\n')),
    h('h3', {}, d.bodyIsBase64 ? 'Body (base64)' : 'Body'),
    h('pre', { id: 'dead-letter-body' }, d.body));
  panel.hidden = false;
  panel.focus();
}

export default {
  title: 'Dead letters',
  async mount(root) {
    const selected = new Set();
    const list = h('div', { id: 'dead-letter-list' });
    const panel = h('section', { class: 'card', id: 'dead-letter-detail', tabindex: '-1', hidden: true });
    const total = h('p', { class: 'muted', id: 'dead-letter-total' });
    const poison = poisonSection();
    const run = async (action, names) => {
      const results = await act(`${action} ${names.length}`, () => post(`/api/admin/dashboard/deadletters/${action}`, { names }));
      const failed = (results ?? []).filter(r => !r.done);
      if (failed.length) total.textContent = failed.map(f => `${f.name}: ${f.error}`).join('; ');
      names.forEach(n => selected.delete(n));
      panel.hidden = true;
      await reload(failed.length === 0);
    };
    const reload = async (writeTotal = true) => {
      const page = await api('/api/admin/dashboard/deadletters?limit=200');
      if (writeTotal) total.textContent = `${page.total} dead letter(s)`;
      list.replaceChildren(table([
        { label: 'Select', render: d => h('input', { type: 'checkbox', 'aria-label': `Select ${d.id}`, checked: selected.has(d.name),
          onchange: e => { if (e.target.checked) selected.add(d.name); else selected.delete(d.name); } }) },
        { label: 'Received', render: d => when(d.receivedAt) },
        { label: 'Platform', render: d => d.platform },
        { label: 'Reason', render: d => d.reason ?? '' },
        { label: 'Actions', render: d => h('div', { class: 'actions', 'data-dead-letter': d.id },
          h('button', { type: 'button', onclick: () => show(panel, d.name) }, 'View'),
          h('button', { type: 'button', 'data-action': 'replay', onclick: () => run('replay', [d.name]) }, 'Replay'),
          h('button', { type: 'button', class: 'danger', 'data-action': 'discard', onclick: () => run('discard', [d.name]) }, 'Discard')) },
      ], page.items));
    };
    root.append(h('h2', {}, 'Dead letters'),
      h('p', {}, 'Webhooks the app refused or could not process, with their raw body. Replay checks the signature again and processes the delivery as if it had just arrived.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => selected.size && run('replay', [...selected]) }, 'Replay selected'),
        h('button', { type: 'button', class: 'danger', onclick: () => selected.size && run('discard', [...selected]) }, 'Discard selected')),
      total, list, panel, poison.section);
    await Promise.all([reload(), poison.reload()]);
    return { refresh: async () => { if (selected.size === 0 && panel.hidden) await Promise.all([reload(), poison.reload()]); }, every: 10000 };
  },
};
