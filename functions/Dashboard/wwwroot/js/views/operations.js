import { api, post } from '../api.js';
import { h, table, when, badge, act, enc } from '../ui.js';

// The daily workflows an operator steers: the stale-stock policies (relist, archive) with a run or dry run now, the
// platform stats pull, and the dead-stock list the stats feed; and the shipping-profile audit with its bulk fix.

const finished = s => ['Completed', 'Failed', 'Terminated'].includes(s);

// A daily workflow's line: its phase, next run and the last report's time (custom status of the eternal instance).
function dailyLine(daily) {
  if (!daily) return h('p', { class: 'muted', 'data-daily': 'none' }, 'The daily workflow has not started (it starts with the app when enabled).');
  const s = daily.status ?? {};
  return h('p', { 'data-daily': s.phase ?? daily.runtimeStatus },
    badge(daily.runtimeStatus, daily.runtimeStatus === 'Running' ? 'ok' : 'warn'), ' ',
    s.phase ? `${s.phase}` : '', s.nextRunAt ? ` · next run ${when(s.nextRunAt)}` : '',
    s.last ? ` · last run ${when(s.last.ranAt)}` : '');
}

function staleReport(r) {
  return h('div', { class: 'stale-report', 'data-dry-run': String(r.dryRun) },
    h('p', {}, `${when(r.ranAt)}${r.dryRun ? ' (dry run)' : ''}: `, badge(`${r.checked} checked`), ' ',
      badge(`${r.relisted} relisted`, r.relisted ? 'ok' : ''), ' ', badge(`${r.wouldRelist} would relist`, r.wouldRelist ? 'warn' : ''), ' ',
      badge(`${r.archived} archived`, r.archived ? 'ok' : ''), ' ', badge(`${r.wouldArchive} would archive`, r.wouldArchive ? 'warn' : ''), ' ',
      badge(`${r.failed} failed`, r.failed ? 'bad' : '')),
    table([
      { label: 'SKU', render: a => a.sku },
      { label: 'Platform', render: a => a.shop ? `${a.platform} (${a.shop})` : a.platform },
      { label: 'Outcome', render: a => badge(a.outcome, a.outcome === 'failed' ? 'bad' : a.outcome.startsWith('would') ? 'warn' : 'ok') },
      { label: 'Why', render: a => a.reason },
      { label: 'Listing', render: a => a.externalIdAfter && a.externalIdAfter !== a.externalIdBefore ? `${a.externalIdBefore ?? '—'} → ${a.externalIdAfter}` : (a.externalIdBefore ?? '—') },
      { label: 'Error', render: a => a.error ?? '' },
    ], r.actions ?? []));
}

function statsReport(r) {
  return h('p', { class: 'stats-report' }, `${when(r.ranAt)}: `,
    (r.platforms ?? []).flatMap(p => [badge(`${p.platform}: ${p.pulled} of ${p.listings} listings`, 'ok'), ' ']),
    (r.unsupported ?? []).length ? h('span', { class: 'muted' }, `no listing stats in the API of ${r.unsupported.join(', ')}`) : '');
}

function shippingReport(r) {
  return h('div', { class: 'shipping-report', 'data-fix': String(r.fix) },
    r.fix ? table([
      { label: 'SKU', render: f => f.sku },
      { label: 'Fix', render: f => badge(f.succeeded ? 're-pushed' : 'failed', f.succeeded ? 'ok' : 'bad') },
      { label: 'Error', render: f => f.error ?? '' },
    ], r.fixes ?? [], { caption: `Fixed on ${r.platform}: ${(r.fixes ?? []).filter(f => f.succeeded).length} of ${(r.fixes ?? []).length}` }) : '',
    table([
      { label: 'SKU', render: d => h('a', { href: `#/products?sku=${enc(d.sku)}` }, d.sku) },
      { label: 'Shop', render: d => d.shop ?? '—' },
      { label: 'Configured', render: d => d.configured },
      { label: 'Live', render: d => d.live ?? 'none' },
    ], r.drift ?? [], { caption: `${(r.drift ?? []).length} of ${r.checked} live listing(s) on ${r.platform} ${r.fix ? 'were' : 'are'} off their configured shipping profile` }));
}

// Follows a one-off run through the instance route until it ends, then shows its output with render.
async function follow(el, statusUrl, render) {
  const s = await api(statusUrl);
  el.dataset.status = s.status;
  if (!finished(s.status)) {
    el.replaceChildren(badge(s.status, 'warn'));
    setTimeout(() => follow(el, statusUrl, render).catch(e => el.replaceChildren(h('p', { class: 'error' }, e.message))), 1000);
    return;
  }
  el.replaceChildren(s.status === 'Completed' && s.output ? render(s.output) : h('p', { class: 'error', role: 'alert' }, `${s.status}: ${s.failure ?? 'no report'}`));
}

export default {
  title: 'Operations',
  async mount(root) {
    const staleSettings = h('div', { id: 'stale-settings' });
    const staleRun = h('div', { id: 'stale-run', 'aria-live': 'polite' });
    const statsSettings = h('div', { id: 'stats-settings' });
    const statsRun = h('div', { id: 'stats-run', 'aria-live': 'polite' });
    const dead = h('div', { id: 'dead-stock' });
    let deadQuery = null;

    const staleButtons = h('p', { class: 'inline' },
      h('button', { type: 'button', id: 'stale-dry-run', onclick: () => runStale(true) }, 'Dry run now'), ' ',
      h('button', { type: 'button', id: 'stale-run-now', class: 'danger', onclick: () => runStale(false) }, 'Run now'));
    async function runStale(dryRun) {
      if (!dryRun && !confirm('Relist and archive the stale listings now?')) return;
      const started = await act(dryRun ? 'Stale-stock dry run' : 'Stale-stock run', () => post(`/api/admin/stale-stock/run?dryRun=${dryRun}`));
      if (started) await follow(staleRun, started.statusUrl, staleReport);
    }

    const statsButton = h('button', { type: 'button', id: 'stats-pull', onclick: async () => {
      const started = await act('Stats pull', () => post('/api/admin/stats/pull'));
      if (started) await follow(statsRun, started.statusUrl, statsReport);
    } }, 'Pull stats now');

    const deadForm = h('form', { class: 'inline', id: 'dead-stock-form' },
      h('label', {}, 'No sale for (days)', h('input', { name: 'days', id: 'dead-stock-days', type: 'number', min: 0, inputmode: 'numeric' })),
      h('label', {}, 'At most views', h('input', { name: 'maxViews', id: 'dead-stock-max-views', type: 'number', min: 0, inputmode: 'numeric' })),
      h('button', { type: 'submit' }, 'Show'));
    deadForm.addEventListener('submit', async e => {
      e.preventDefault();
      const f = new FormData(deadForm);
      deadQuery = { days: String(f.get('days') ?? ''), maxViews: String(f.get('maxViews') ?? '') };
      await act('Dead stock', () => refreshDead());
    });

    // Shipping profiles: on demand only, as a durable run (the audit reads every live listing's profile from the platform).
    const drift = h('div', { id: 'shipping-drift', 'aria-live': 'polite' });
    const shippingForm = h('form', { class: 'inline', id: 'shipping-form' },
      h('label', {}, 'Platform', h('select', { name: 'platform', id: 'shipping-platform' }, ['ebay', 'reverb', 'shopify'].map(p => h('option', { value: p }, p)))),
      h('button', { type: 'submit' }, 'Check'), ' ',
      h('button', { type: 'button', id: 'shipping-fix', class: 'danger', onclick: () => runShipping(true) }, 'Fix the drifted listings'));
    shippingForm.addEventListener('submit', e => {
      e.preventDefault();
      runShipping(false);
    });
    async function runShipping(fix) {
      const platform = shippingForm.elements.platform.value;
      if (fix && !confirm(`Re-push the ${platform} listings whose shipping profile drifted, with their configured profile?`)) return;
      drift.removeAttribute('data-status');
      drift.replaceChildren(badge('starting', 'warn'));
      const started = await act(fix ? 'Shipping-profile fix' : 'Shipping-profile check',
        () => post(`/api/admin/catalog/shipping-profiles/audit?platform=${enc(platform)}&fix=${fix}`));
      if (started) await follow(drift, started.statusUrl, shippingReport);
    }

    root.append(h('h2', {}, 'Operations'),
      h('section', { class: 'card', id: 'stale-stock' }, h('h3', {}, 'Stale stock'), staleSettings, staleButtons, staleRun),
      h('section', { class: 'card', id: 'platform-stats' }, h('h3', {}, 'Platform stats'), statsSettings, h('p', {}, statsButton), statsRun),
      h('section', { class: 'card' }, h('h3', {}, 'Dead stock'), deadForm, dead),
      h('section', { class: 'card', id: 'shipping-profiles' }, h('h3', {}, 'Shipping profiles'),
        h('p', { class: 'muted' }, 'Live listings whose shipping profile on the platform is not the product\'s configured one (each Reverb shop against its own).'),
        shippingForm, drift));

    async function refreshDead() {
      const q = new URLSearchParams(Object.entries(deadQuery ?? {}).filter(([, v]) => v !== ''));
      const list = await api(`/api/admin/stats/dead-stock${q.size ? `?${q}` : ''}`);
      if (!deadQuery) {
        deadForm.elements.days.value = list.days;
        deadForm.elements.maxViews.value = list.maxViews;
      }
      dead.replaceChildren(table([
        { label: 'SKU', render: i => h('a', { href: `#/products?sku=${enc(i.sku)}` }, i.sku) },
        { label: 'Title', render: i => i.title },
        { label: 'Stock', render: i => i.quantity },
        { label: 'Last sale', render: i => i.lastSaleAt ? when(i.lastSaleAt) : 'never' },
        { label: 'Views', render: i => i.views },
        { label: 'Watches', render: i => i.watches },
        { label: 'By platform', render: i => i.platforms.map(p => `${p.platform} ${p.views ?? '—'}/${p.watches ?? '—'}`).join(', ') || 'no stats' },
      ], list.items, { caption: `${list.count} product(s) in stock with no sale for ${list.days} days and at most ${list.maxViews} views` }));
    }

    const refresh = async () => {
      const [stale, stats] = await Promise.all([api('/api/admin/stale-stock'), api('/api/admin/stats')]);
      staleSettings.replaceChildren(
        h('p', {}, badge(stale.enabled ? 'enabled' : 'off', stale.enabled ? 'ok' : 'warn'), stale.dryRun ? [' ', badge('dry run', 'warn')] : '',
          ` relist after ${stale.relistAfterDays} days · archive Shopify products after ${stale.archiveAfterDays} days without a sale`,
          stale.archiveOutOfStock ? ' or out of stock' : ''),
        dailyLine(stale.daily),
        stale.daily?.status?.last && !staleRun.dataset.status ? staleReport(stale.daily.status.last) : '');
      statsSettings.replaceChildren(
        h('p', {}, badge(stats.enabled ? 'enabled' : 'off', stats.enabled ? 'ok' : 'warn'),
          ` eBay traffic over ${stats.ebayWindowDays} days · dead stock: no sale for ${stats.deadStockDays} days and at most ${stats.deadStockMaxViews} views`),
        dailyLine(stats.daily),
        stats.daily?.status?.last && !statsRun.dataset.status ? statsReport(stats.daily.status.last) : '');
      await refreshDead();
      root.dataset.loaded = 'true';
    };
    await refresh();
    return { refresh, every: 10000 };
  },
};
