// Lines and trunks pages: the same tables as the dashboard, refreshed by line events and by calls (trunk counts).
import { api, absent } from '../api.js';
import { t } from '../i18n.js';
import { asItems, h } from '../dom.js';
import { lineTable, trunkTable } from './dashboard.js';

async function page(view, ctx, title, path, draw, refreshOn) {
  const box = h('div', { class: 'card' });
  view.append(h('h1', { 'data-i18n': title }), box);
  const load = async () => {
    const r = await api('GET', path);
    if (absent(r)) box.replaceChildren(h('p', { class: 'empty' }, t('common.not-installed', { detail: r.data.detail || '' })));
    else box.replaceChildren(r.ok ? draw(asItems(r.data)) : h('p', { class: 'error' }, r.data.detail || t('error.generic')));
  };
  ctx.on((type) => { if (type === 'reset' || type === 'stream.open' || refreshOn.some((p) => type.startsWith(p))) load(); });
  await load();
}

export const renderLines = (view, ctx) => page(view, ctx, 'lines.title', '/api/lines', (x) => lineTable(x, 'lines'), ['line.']);
export const renderTrunks = (view, ctx) => page(view, ctx, 'trunks.title', '/api/trunks', (x) => trunkTable(x, 'trunks'), ['call.created', 'call.released']);
