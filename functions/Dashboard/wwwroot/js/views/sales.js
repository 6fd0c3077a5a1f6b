import { api } from '../api.js';
import { h, table, when, badge } from '../ui.js';

// The "where sold" chart: units sold per platform as bars (uPlot, vendored from npm at build time).
async function chart(el, byPlatform) {
  const uPlot = (await import('../../vendor/uPlot.esm.js')).default;
  const labels = byPlatform.map(p => p.platform ?? 'unknown');
  const xs = labels.map((_, i) => i);
  const width = Math.max(240, Math.min(el.clientWidth || 600, 900));
  const bars = uPlot.paths.bars({ size: [0.6, 80] });
  el.replaceChildren();
  new uPlot({
    width, height: 240, title: 'Units sold by platform',
    scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] } },
    axes: [{ values: (_, ticks) => ticks.map(t => labels[t] ?? ''), splits: () => xs }, {}],
    series: [{}, { label: 'Units sold', fill: '#0a58ca88', stroke: '#0a58ca', paths: bars, points: { show: false } },
      { label: 'Oversold', fill: '#cf222e88', stroke: '#cf222e', paths: bars, points: { show: false } }],
  }, [xs, byPlatform.map(p => p.unitsSold), byPlatform.map(p => p.oversoldUnits)], el);
}

export default {
  title: 'Sales',
  async mount(root) {
    const feed = h('div', { id: 'sales-feed' });
    const chartEl = h('div', { class: 'chart', id: 'where-sold-chart', role: 'img', 'aria-label': 'Units sold by platform' });
    const report = h('div', { id: 'where-sold-table' });
    const oversells = h('div', { id: 'oversells' });
    root.append(h('h2', {}, 'Sales'),
      h('section', { class: 'card' }, h('h3', {}, 'Where sold'), chartEl, report),
      h('section', { class: 'card' }, h('h3', {}, 'Recent sales'), feed),
      h('section', { class: 'card' }, h('h3', {}, 'Oversells'), oversells));
    let chartKey = '';
    const refresh = async () => {
      const [sales, where, over] = await Promise.all([
        api('/api/admin/dashboard/sales?limit=50'),
        api('/api/admin/catalog/reports/where-sold'),
        api('/api/admin/sync/oversells'),
      ]);
      feed.replaceChildren(table([
        { label: 'At', render: s => when(s.at) },
        { label: 'SKU', render: s => s.sku },
        { label: 'Platform', render: s => s.platform ?? '—' },
        { label: 'Outcome', render: s => badge(s.outcome, s.outcome === 'SUCCESS' ? 'ok' : 'bad') },
        { label: 'Detail', render: s => s.detail ?? '' },
      ], sales));
      report.replaceChildren(table([
        { label: 'Platform', render: p => p.platform ?? 'unknown' },
        { label: 'Units sold', render: p => p.unitsSold },
        { label: 'Orders', render: p => p.orders },
        { label: 'Returned', render: p => p.unitsReturned },
        { label: 'Oversold', render: p => p.oversoldUnits },
        { label: 'Views of sold items', render: p => p.views ?? '—' },
        { label: 'Watches', render: p => p.watches ?? '—' },
      ], where.byPlatform));
      const key = JSON.stringify(where.byPlatform);
      if (key !== chartKey) {
        chartKey = key;
        await chart(chartEl, where.byPlatform);
      }
      oversells.replaceChildren(table([
        { label: 'At', render: o => when(o.at) },
        { label: 'SKU', render: o => o.sku },
        { label: 'Short order', render: o => `${o.platform ?? '?'} ${o.orderId ?? o.eventId} (short ${o.shortfall})` },
        { label: 'Stock went to', render: o => (o.stockWentTo ?? []).map(w => `${w.platform ?? '?'} ${w.orderId ?? w.eventId}`).join(', ') || '—' },
      ], over.oversells));
      root.dataset.loaded = 'true';
    };
    await refresh();
    return { refresh, every: 10000 };
  },
};
