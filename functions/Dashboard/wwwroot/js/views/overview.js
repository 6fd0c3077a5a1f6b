import { api } from '../api.js';
import { h, table, when, badge } from '../ui.js';

function stat(label, value, id, href) {
  return h('div', { class: 'stat' }, h('span', { class: 'n', id }, value), href ? h('a', { href }, label) : label);
}

// Each platform states its limit differently: Shopify a cost bucket, eBay daily call quotas, Reverb only 429 answers.
function headroom(r) {
  if (!r) return '—';
  if (r.kind === 'points') return `${Math.round(r.available)} of ${Math.round(r.maximum)} points (+${r.restoreRate}/s), throttled ${r.throttled}×`;
  if (r.kind === 'calls') {
    if (r.error) return h('span', { class: 'bad' }, `quota unknown: ${r.error}`);
    return r.limit == null ? 'no quota reported' : `${r.remaining} of ${r.limit} calls left (${r.resource}), resets ${when(r.reset)}`;
  }
  if (r.kind === 'throttle') {
    if (r.throttled === 0) return 'not throttled (429 answers: 0)';
    const last = `throttled ${r.throttled}×, last ${when(r.lastAt)} (Retry-After ${r.lastRetryAfterSeconds ?? '?'} s)`;
    // With several Reverb shops, each has its own token and limit: say which shops were throttled.
    const shops = (r.shops ?? []).filter(s => s.throttled > 0);
    return r.shops?.length > 1 ? `${last}; ${shops.map(s => `shop ${s.shop}: ${s.throttled}×`).join(', ')}` : last;
  }
  return '—';
}

export default {
  title: 'Overview',
  async mount(root) {
    const body = h('div');
    root.append(h('h2', {}, 'Overview'), body);
    const refresh = async () => {
      const o = await api('/api/admin/dashboard/overview');
      const inbox = o.queues.reduce((n, q) => n + (q.depth ?? 0), 0);
      body.replaceChildren(
        h('div', { class: 'grid' },
          stat('Webhook inbox depth', inbox, 'inbox-depth'),
          stat('Dead letters', o.deadLetters, 'dead-letter-count', '#/deadletters'),
          stat('Oversells', o.oversells, 'oversell-count', '#/sales'),
          stat('Unmatched sales', o.unmatchedSales, 'unmatched-sales-count', '#/unmatched'),
          stat('Unmatched photos', o.unmatchedPhotos, 'unmatched-photos-count', '#/photos'),
          stat('Change sets to review', o.pendingChangeSets, 'pending-count', '#/changesets'),
          stat('Running orchestrations', o.orchestrations.count, 'running-count', '#/syncs')),
        h('section', { class: 'card' }, h('h3', {}, 'Platforms'), table([
          { label: 'Platform', render: p => p.platform },
          { label: 'Configured', render: p => badge(p.configured ? 'yes' : 'no', p.configured ? 'ok' : 'warn') },
          { label: 'Reachable', render: p => p.reachable == null ? badge('unknown') : badge(p.reachable ? 'yes' : 'failing', p.reachable ? 'ok' : 'bad') },
          { label: 'Last success', render: p => p.lastSuccess ? `${when(p.lastSuccess.at)} (${p.lastSuccess.action})` : '—' },
          { label: 'Last error', render: p => p.lastError ? `${when(p.lastError.at)}: ${p.lastError.detail ?? p.lastError.action}` : '—' },
          { label: 'Rate limit headroom', render: p => headroom(p.rateLimit) },
        ], o.platforms)),
        h('section', { class: 'card' }, h('h3', {}, 'Queues'), table([
          { label: 'Queue', render: q => q.queue },
          { label: 'Depth', render: q => q.depth ?? '—' },
          { label: 'Reachable', render: q => badge(q.reachable ? 'yes' : 'no', q.reachable ? 'ok' : 'bad') },
        ], o.queues)),
        h('section', { class: 'card' }, h('h3', {}, 'Running orchestrations'), o.orchestrations.available
          ? table([
            { label: 'Instance', render: i => i.id },
            { label: 'Workflow', render: i => i.name },
            { label: 'Status', render: i => i.status },
            { label: 'Started', render: i => when(i.createdAt) },
          ], o.orchestrations.items)
          : h('p', { class: 'muted' }, 'The orchestration client is not running in this process.')),
        h('section', { class: 'card' }, h('h3', {}, 'Recent trigger events'), table([
          { label: 'At', render: e => when(e.at) },
          { label: 'Kind', render: e => e.kind },
          { label: 'Detail', render: e => e.detail },
        ], o.recentEvents)));
      if (!root.dataset.loaded) performance.mark('overview-ready');
      root.dataset.loaded = 'true';
    };
    await refresh();
    return { refresh, every: 5000 };
  },
};
