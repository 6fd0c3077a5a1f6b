// The Functions host's poison queues, shown on the dead-letters page: each message's raw body, requeue or discard.
import { api, post } from '../api.js';
import { h, table, when, act, badge } from '../ui.js';

export function poisonSection() {
  const list = h('div', { id: 'poison-list' });
  const note = h('p', { class: 'muted', id: 'poison-total' });
  const run = async (action, queue, id) => {
    const results = await act(`${action} ${id}`, () => post(`/api/admin/dashboard/poison/${action}`, { queue, ids: [id] }));
    const failed = (results ?? []).filter(r => !r.done);
    await reload();
    if (failed.length) note.textContent = failed.map(f => `${f.id}: ${f.error}`).join('; ');
  };
  const reload = async () => {
    const queues = await api('/api/admin/dashboard/poison');
    const rows = queues.flatMap(q => q.items.map(m => ({ ...m, queue: q.queue, source: q.source })));
    note.textContent = `${queues.reduce((n, q) => n + (q.total ?? 0), 0)} poison message(s) in ${queues.length} watched poison queue(s)`;
    list.replaceChildren(table([
      { label: 'Queue', render: m => h('span', {}, m.queue, m.source ? null : [' ', badge('report', 'warn')]) },
      { label: 'Queued', render: m => when(m.insertedOn) },
      { label: 'Body', render: m => h('pre', { class: 'body', 'data-poison-body': m.id }, m.bodyIsBase64 ? `(base64) ${m.body}` : m.body) },
      { label: 'Actions', render: m => h('div', { class: 'actions', 'data-poison': m.id },
        m.source ? h('button', { type: 'button', 'data-action': 'requeue', onclick: () => run('requeue', m.queue, m.id) }, `Requeue to ${m.source}`) : null,
        h('button', { type: 'button', class: 'danger', 'data-action': 'discard', onclick: () => run('discard', m.queue, m.id) }, 'Discard')) },
    ], rows));
  };
  const section = h('section', { class: 'card', id: 'poison' },
    h('h3', {}, 'Poison queue messages'),
    h('p', {}, 'Queue messages that failed every attempt. Requeue sends the body unchanged back to the queue it failed in.'),
    note, list);
  return { section, reload };
}
