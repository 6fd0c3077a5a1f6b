import { api, post, upload } from '../api.js';
import { h, table, when, act, enc, badge } from '../ui.js';

const PLATFORMS = ['shopify', 'ebay', 'reverb'];
const STATUS_KIND = { ACTIVE: 'ok', SOLD: 'ok', ERROR: 'bad', REMOVED: 'bad', PENDING: 'warn' };

function listingBadge(label, status, url) {
  const text = `${label}: ${status}`;
  return url
    ? h('a', { class: `badge ${STATUS_KIND[status] ?? ''}`, href: url, target: '_blank', rel: 'noopener noreferrer' }, text)
    : badge(text, STATUS_KIND[status] ?? '');
}

// A listing on a platform with several shops (Reverb accounts) shows one badge per shop it is listed in.
function listingBadges(listings) {
  if (listings.length === 0) return h('span', { class: 'muted' }, 'not listed');
  return listings.flatMap(l => l.shops?.length
    ? l.shops.map(s => listingBadge(`${l.platform} (${s.shop})`, s.status, s.url))
    : [listingBadge(l.platform, l.status, l.url)]);
}

async function detail(panel, product, listings) {
  const ledger = await api(`/api/admin/catalog/products/${enc(product.sku)}/ledger`);
  const attempts = listings.flatMap(l => (l.attempts ?? []).map(a => ({ ...a, platform: l.platform }))).sort((a, b) => (a.at < b.at ? 1 : -1));
  const publish = h('form', { class: 'inline', 'data-publish': product.sku },
    h('fieldset', {}, h('legend', {}, 'Publish to'), PLATFORMS.map(p => h('label', {}, h('input', { type: 'checkbox', name: 'platforms', value: p }), ` ${p} `))),
    h('button', { type: 'submit', class: 'primary' }, 'Publish'));
  publish.addEventListener('submit', e => {
    e.preventDefault();
    const platforms = new FormData(publish).getAll('platforms');
    if (platforms.length) act(`Publish ${product.sku}`, () => post(`/api/admin/sync/products/${enc(product.sku)}/publish`, { platforms }));
  });
  panel.replaceChildren(
    h('h3', {}, `${product.sku} · ${product.title}`),
    h('p', {}, `Quantity ${product.quantity} · ${product.basePrice} ${product.currency} · version ${product.version} · ${product.status}`),
    h('p', {}, listingBadges(listings)),
    publish,
    h('h3', {}, 'Ledger'),
    table([
      { label: '#', render: e => e.sequence },
      { label: 'At', render: e => when(e.at) },
      { label: 'Reason', render: e => e.reason },
      { label: 'Delta', render: e => e.appliedDelta },
      { label: 'Quantity', render: e => e.quantityAfter },
      { label: 'Source', render: e => e.source ?? '—' },
      { label: 'Order', render: e => e.orderId ?? '—' },
    ], ledger),
    h('h3', {}, 'Attempts'),
    table([
      { label: 'At', render: a => when(a.at) },
      { label: 'Platform', render: a => a.platform },
      { label: 'Operation', render: a => a.operation },
      { label: 'Result', render: a => badge(a.succeeded ? 'ok' : 'failed', a.succeeded ? 'ok' : 'bad') },
      { label: 'Detail', render: a => a.error ?? a.note ?? '' },
    ], attempts));
  panel.hidden = false;
  panel.focus();
}

function importer(onDone) {
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', required: true });
  const apply = h('input', { type: 'checkbox', id: 'csv-apply-valid' });
  const bar = h('progress', { id: 'csv-progress', max: 100, value: 0 });
  const report = h('div', { id: 'csv-report', role: 'status' });
  const form = h('form', { class: 'card', id: 'csv-import' }, h('h3', {}, 'CSV import'),
    h('div', { class: 'inline' }, h('label', { for: 'csv-file' }, 'File '), file, h('label', {}, apply, ' Apply valid rows anyway'),
      h('button', { type: 'submit', class: 'primary' }, 'Import')),
    h('label', { for: 'csv-progress' }, 'Upload'), bar, report);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files[0]) return;
    report.replaceChildren('Uploading…');
    const { status, body } = await upload(`/api/admin/catalog/import?applyValidRows=${apply.checked}`, file.files[0], p => { bar.value = Math.round(p * 100); });
    bar.value = 100;
    const errors = body?.rowErrors ?? body?.validation?.errors ?? [];
    report.replaceChildren(
      h('p', { class: status < 300 ? 'ok' : 'bad' }, status < 300 ? `Imported: ${body.created} created, ${body.updated} updated, ${body.unchanged} unchanged; ${body.validation.errorCount} row error(s)` : `${body?.title ?? 'Import failed'} ${body?.detail ?? ''}`),
      errors.length ? table([
        { label: 'Line', render: r => r.line },
        { label: 'Column', render: r => r.column ?? '' },
        { label: 'Error', render: r => r.message },
      ], errors, { caption: 'Row errors' }) : null);
    onDone();
  });
  return form;
}

async function exportCsv() {
  const response = await api('/api/admin/catalog/export', { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: 'catalog.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export default {
  title: 'Products',
  async mount(root) {
    const results = h('div', { id: 'product-list' });
    const panel = h('section', { class: 'card', id: 'product-detail', tabindex: '-1', hidden: true });
    const more = h('button', { type: 'button', hidden: true }, 'Next page');
    const search = h('form', { class: 'inline card', id: 'product-search', role: 'search' },
      h('label', {}, 'Search', h('input', { name: 'q', type: 'search' })),
      h('label', {}, 'Status', h('select', { name: 'status' }, ['', 'ACTIVE', 'DRAFT', 'SOLD', 'ARCHIVED'].map(s => h('option', { value: s }, s || 'any')))),
      h('button', { type: 'submit' }, 'Search'),
      h('button', { type: 'button', onclick: () => act('Export', exportCsv) }, 'Export CSV'));
    let cursor = null;
    const load = async (reset) => {
      const q = new URLSearchParams([...new FormData(search)].filter(([, v]) => v));
      if (!reset && cursor) q.set('cursor', cursor);
      const page = await api(`/api/admin/dashboard/products?${q}`);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      results.replaceChildren(table([
        { label: 'SKU', render: r => h('button', { type: 'button', class: 'link', onclick: () => detail(panel, r.product, r.listings) }, r.product.sku) },
        { label: 'Title', render: r => r.product.title },
        { label: 'Qty', render: r => r.product.quantity },
        { label: 'Price', render: r => `${r.product.basePrice} ${r.product.currency}` },
        { label: 'Status', render: r => r.product.status },
        { label: 'Listings', render: r => listingBadges(r.listings) },
      ], page.items));
    };
    search.addEventListener('submit', e => { e.preventDefault(); load(true); });
    more.addEventListener('click', () => load(false));
    root.append(h('h2', {}, 'Products'), search, results, more, panel, importer(() => load(true)));
    await load(true);
    return null;
  },
};
