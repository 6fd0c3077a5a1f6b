import { api, post } from '../api.js';
import { h, table, when, act, enc, badge } from '../ui.js';

const resolvable = b => b.stage === 'UNMATCHED' && !b.error;

async function show(panel, batchId, reload) {
  const b = await api(`/api/photos/${enc(batchId)}`);
  const release = h('input', { id: 'photo-release', name: 'releaseId', type: 'number', min: '1', inputmode: 'numeric', required: true });
  const resolve = id => act(`Resolve ${batchId}`, () => post(`/api/photos/${enc(batchId)}/resolve`, { releaseId: Number(id) }))
    .then(done => { if (done) { panel.hidden = true; reload(); } });
  // replaceChildren would print a null as text: drop the parts that do not apply.
  panel.replaceChildren(...[
    h('h3', {}, `Batch ${b.batchId}`),
    h('p', {}, 'Stage ', badge(b.stage, resolvable(b) ? 'warn' : b.error ? 'bad' : 'ok'), ` · updated ${when(b.updatedAt)}`),
    b.error ? h('p', { class: 'bad' }, b.error) : null,
    b.decision ? h('p', {}, `Decision: ${b.decision.outcome}${b.decision.releaseId ? ` (release ${b.decision.releaseId})` : ''}: ${b.decision.reason}`) : null,
    b.sku ? h('p', {}, `SKU ${b.sku}${b.changeSetId ? `, change set ${b.changeSetId}` : ''}`) : null,
    h('h3', {}, 'Text read from the photos'),
    table([
      { label: 'Image', render: t => t.role },
      { label: 'Engine', render: t => t.engine ?? '—' },
      { label: 'Text', render: t => t.error ? h('span', { class: 'bad' }, t.error) : h('pre', {}, t.text || '—') },
    ], b.ocr ?? []),
    h('h3', {}, 'Candidates'),
    table([
      { label: 'Release', render: c => c.releaseId },
      { label: 'Record', render: c => `${c.artist} – ${c.title}${c.year ? ` (${c.year})` : ''}` },
      { label: 'Label / cat. no.', render: c => [c.label, c.catalogNumber].filter(Boolean).join(' / ') || '—' },
      { label: 'Score', render: c => Math.round(c.score) },
      { label: 'Why', render: c => (c.reasons ?? []).join('; ') },
      { label: 'Use', render: c => resolvable(b) ? h('button', { type: 'button', onclick: () => resolve(c.releaseId) }, `Use ${c.releaseId}`) : '' },
    ], b.candidates ?? []),
    resolvable(b) ? h('form', { class: 'actions', id: 'photo-resolve', onsubmit: e => { e.preventDefault(); resolve(release.value); } },
      h('label', { for: 'photo-release' }, 'Discogs release id'), release, h('button', { type: 'submit' }, 'Resolve')) : null,
  ].filter(Boolean));
  panel.hidden = false;
  panel.focus();
}

export default {
  title: 'Photos',
  async mount(root) {
    const list = h('div', { id: 'photo-list' });
    const panel = h('section', { class: 'card', id: 'photo-detail', tabindex: '-1', hidden: true });
    const reload = async () => {
      const page = await api('/api/admin/dashboard/photos?limit=200');
      list.replaceChildren(table([
        { label: 'Updated', render: b => when(b.updatedAt) },
        { label: 'Batch', render: b => h('button', { type: 'button', 'data-batch': b.batchId, onclick: () => show(panel, b.batchId, reload) }, b.batchId) },
        { label: 'Stage', render: b => badge(b.stage, resolvable(b) ? 'warn' : b.error ? 'bad' : 'ok') },
        { label: 'Decision', render: b => b.decision ? `${b.decision.outcome}${b.decision.releaseId ? ` ${b.decision.releaseId}` : ''}` : '—' },
        { label: 'SKU', render: b => b.sku ?? '—' },
        { label: 'Images', render: b => b.images },
      ], page.items));
    };
    root.append(h('h2', {}, 'Photos'),
      h('p', {}, 'Photo batches, newest first. A batch the matcher could not place waits as UNMATCHED: open it, read its text and candidates, and resolve it to a Discogs release.'),
      list, panel);
    await reload();
    return { refresh: async () => { if (panel.hidden) await reload(); }, every: 10000 };
  },
};
