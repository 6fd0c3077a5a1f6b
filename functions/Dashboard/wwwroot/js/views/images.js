import { api, post } from '../api.js';
import { h, act, enc, badge } from '../ui.js';

// "Check images": starts an image check per platform (one SKU or all live listings, optionally a dry run) and shows each run's report.
function runCard(run) {
  const card = h('article', { class: 'card image-check', 'data-image-run': run.id }, h('h4', {}, run.platform, ' ', h('span', { class: 'muted' }, run.id)));
  const body = h('div', {}, badge('Pending', 'warn'));
  card.append(body);
  const poll = async () => {
    const s = await api(run.statusUrl);
    const r = s.output;
    if (!r) {
      const c = s.customStatus ?? {};
      body.replaceChildren(badge(s.status, 'warn'), ` ${c.checkedListings ?? 0} of ${c.total ?? '?'} listings`);
      if (s.status !== 'Failed' && s.status !== 'Terminated') setTimeout(poll, 1000);
      return;
    }
    body.replaceChildren(
      h('p', {}, badge(`${r.checked} checked`), ' ', badge(`${r.ok} ok`, 'ok'), ' ', badge(`${r.fixed} fixed`, 'ok'), ' ',
        badge(`${r.wouldFix} would fix`, r.wouldFix ? 'warn' : ''), ' ', badge(`${r.failed} failed`, r.failed ? 'bad' : '')),
      h('ul', {}, r.findings.map(f => h('li', { 'data-sku': f.sku }, `${f.sku}: ${f.outcome}, ${f.found} of ${f.expected} shown`,
        f.missing.length ? ` · missing ${f.missing.join(', ')}` : '', f.missingBlobs.length ? ` · not in storage ${f.missingBlobs.join(', ')}` : '',
        f.error ? ` · ${f.error}` : ''))));
  };
  poll();
  return card;
}

export function imageCheckSection() {
  const results = h('div', { id: 'image-check-results' });
  const form = h('form', { class: 'inline card', id: 'image-check-form' },
    h('label', {}, 'SKU (empty = all live listings)', h('input', { name: 'sku', id: 'image-check-sku' })),
    h('label', {}, h('input', { type: 'checkbox', name: 'dryRun', id: 'image-check-dry-run', checked: true }), ' Dry run'),
    h('button', { type: 'submit', id: 'image-check-start' }, 'Check images'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const f = new FormData(form);
    const sku = String(f.get('sku') ?? '').trim();
    const query = `dryRun=${f.get('dryRun') === 'on'}${sku ? `&sku=${enc(sku)}` : ''}`;
    const started = await act('Check images', () => post(`/api/admin/images/check?${query}`));
    if (started) results.replaceChildren(...started.runs.map(runCard));
  });
  return h('section', { id: 'image-check' }, h('h3', {}, 'Images'), form, results);
}
