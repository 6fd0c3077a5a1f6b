import { api, post } from '../api.js';
import { h, when, act, enc, badge } from '../ui.js';
import { imageCheckSection } from './images.js';

const PLATFORMS = ['shopify', 'ebay', 'reverb'];

function progressOf(s) {
  const c = s.customStatus ?? {};
  const phase = c.pull && !c.pull.completed ? c.pull : c;
  const done = c.done ?? 0;
  const total = c.total ?? 0;
  const finished = s.status === 'Completed' || c.completed;
  const pct = finished ? 100 : total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return { c, phase, done, total, pct };
}

function perPlatform(c) {
  const counts = c.perPlatform ?? {};
  const pull = c.pull?.perPlatform ?? {};
  const names = [...new Set([...Object.keys(counts), ...Object.keys(pull)])];
  return names.length === 0 ? '—' : names.map(p => {
    const x = counts[p] ?? {};
    const text = `${p}: +${x.created ?? 0} ~${x.updated ?? 0}${x.failed ? ` ✗${x.failed}` : ''}`;
    return badge(text, x.failed ? 'bad' : 'ok');
  });
}

function syncRow(s, reload) {
  const { c, done, total, pct } = progressOf(s);
  const running = s.status === 'Running' || s.status === 'Pending';
  const direction = c.request?.direction ?? '';
  return h('article', { class: 'card sync', 'data-sync-id': s.id, 'data-status': s.status },
    h('h3', {}, `${direction} ${c.request?.scope ?? ''} ${c.request?.dryRun ? '(dry run) ' : ''}`, h('span', { class: 'muted' }, s.id)),
    h('label', { for: `p-${s.id}` }, `Progress: ${done} of ${total || '?'} products (${pct}%)`),
    h('progress', { id: `p-${s.id}`, max: 100, value: pct, 'aria-valuenow': pct, 'data-percent': pct }),
    h('p', {}, badge(s.status, s.status === 'Completed' ? 'ok' : s.status === 'Failed' || s.status === 'Terminated' ? 'bad' : 'warn'),
      ' started ', when(s.createdAt), c.etaUtc && running ? ` · ETA ${when(c.etaUtc)}` : ''),
    h('p', {}, perPlatform(c)),
    (c.errors?.length ?? 0) > 0 ? h('details', {}, h('summary', { class: 'bad' }, `${c.errors.length} error(s)`), h('ul', {}, c.errors.map(e => h('li', {}, e)))) : null,
    s.failure ? h('p', { class: 'bad' }, s.failure) : null,
    h('div', { class: 'actions' },
      running ? h('button', { type: 'button', class: 'danger', onclick: () => act('Cancel', () => post(`/api/admin/sync/instances/${enc(s.id)}/cancel`)).then(reload) }, 'Cancel') : null,
      !running ? h('button', { type: 'button', onclick: () => act('Retry', () => post(`/api/admin/sync/instances/${enc(s.id)}/retry`)).then(reload) }, 'Retry') : null));
}

function startForm(onStarted) {
  const skus = h('input', { name: 'skus', id: 'sync-skus', placeholder: 'SKU-1, SKU-2' });
  const form = h('form', { class: 'inline card', id: 'sync-form' },
    h('label', {}, 'Direction', h('select', { name: 'direction', id: 'sync-direction' }, ['PUSH', 'PULL', 'BIDIRECTIONAL'].map(d => h('option', { value: d }, d)))),
    h('label', {}, 'Scope', h('select', { name: 'scope', id: 'sync-scope' }, ['ALL', 'INCREMENTAL', 'SELECTIVE'].map(d => h('option', { value: d }, d)))),
    h('label', {}, 'SKUs (selective)', skus),
    h('fieldset', {}, h('legend', {}, 'Platforms (none = all connected)'),
      PLATFORMS.map(p => h('label', {}, h('input', { type: 'checkbox', name: 'platforms', value: p }), ` ${p} `))),
    h('label', {}, h('input', { type: 'checkbox', name: 'dryRun', id: 'sync-dry-run' }), ' Dry run'),
    h('label', {}, 'Batch size', h('input', { type: 'number', name: 'batchSize', min: 1, max: 500, value: 100 })),
    h('button', { type: 'submit', class: 'primary', id: 'sync-start' }, 'Start sync'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const f = new FormData(form);
    const body = {
      direction: f.get('direction'), scope: f.get('scope'), dryRun: f.get('dryRun') === 'on', batchSize: Number(f.get('batchSize')),
      platforms: f.getAll('platforms'), skus: String(f.get('skus') ?? '').split(/[\s,]+/).filter(Boolean),
    };
    const started = await act('Start sync', () => post('/api/admin/sync/full', body));
    if (started) onStarted(started.id);
  });
  return form;
}

export default {
  title: 'Syncs',
  async mount(root) {
    const running = h('div', { id: 'running-syncs' });
    const history = h('div', { id: 'sync-history' });
    let busy = false;
    const reload = async () => {
      const list = await api('/api/admin/dashboard/syncs?limit=50');
      const active = list.filter(s => s.status === 'Running' || s.status === 'Pending');
      busy = active.length > 0;
      running.replaceChildren(...(active.length ? active.map(s => syncRow(s, reload)) : [h('p', { class: 'muted' }, 'No sync is running.')]));
      history.replaceChildren(...list.filter(s => !active.includes(s)).slice(0, 20).map(s => syncRow(s, reload)));
    };
    root.append(h('h2', {}, 'Syncs'), startForm(() => reload()), h('h3', {}, 'Running'), running, h('h3', {}, 'History'), history, imageCheckSection());
    await reload();
    return { refresh: reload, every: 1000, busy: () => busy };
  },
};
