// Small charts of the last hour: calls per minute (answered and failed), outcomes, set-up latency. From
// /api/stats/calls when the PBX has it, else counted here from the last hour's call records.
import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { asItems, h } from '../dom.js';

const NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Per-minute buckets of the last hour from CDRs: {minute, calls, answered, failed, setupMillisP50}. */
export function bucketsFromCdrs(cdrs, now = Date.now()) {
  const start = Math.floor(now / 60000) * 60000 - 59 * 60000;
  const buckets = Array.from({ length: 60 }, (_, i) => ({ minute: new Date(start + i * 60000).toISOString(), calls: 0, answered: 0, failed: 0, setups: [] }));
  cdrs.forEach((c) => {
    const i = Math.floor((Date.parse(c.start) - start) / 60000);
    if (i < 0 || i >= 60) return;
    const b = buckets[i];
    b.calls++;
    if (c.disposition === 'ANSWERED') b.answered++; else if (c.disposition === 'FAILED' || c.disposition === 'BUSY') b.failed++;
    const reached = c.ringing || c.answer;
    if (reached) b.setups.push(Date.parse(reached) - Date.parse(c.start));
  });
  return buckets.map(({ setups, ...b }) => ({ ...b, setupMillisP50: median(setups) }));
}

function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

export async function renderCharts(box, ctx) {
  let timer = null;
  const draw = async () => {
    let items; let outcomes = null;
    const stats = await api('GET', '/api/stats/calls?minutes=60');
    const since = new Date(Date.now() - 3600000).toISOString();
    const cdr = await api('GET', `/api/cdrs${query({ since, limit: 1000 })}`);
    if (stats.ok) items = asItems(stats.data);
    else if (cdr.ok) items = bucketsFromCdrs(asItems(cdr.data));
    else { box.closest('section').hidden = true; return; }
    if (cdr.ok) {
      outcomes = {};
      asItems(cdr.data).forEach((c) => { outcomes[c.disposition] = (outcomes[c.disposition] || 0) + 1; });
    }
    box.replaceChildren(h('div', { class: 'charts' }, perMinute(items), outcomes ? outcomeBars(outcomes) : '', latency(items)));
  };
  ctx.on((type) => {
    if (type === 'call.released' || type === 'reset') { clearTimeout(timer); timer = setTimeout(draw, 1500); } // one redraw per burst
  });
  await draw();
}

function frame(titleKey, summary, w = 300, hgt = 120) {
  const s = svg('svg', { viewBox: `0 0 ${w} ${hgt}`, role: 'img', 'aria-label': `${t(titleKey)}: ${summary}`, class: 'chart' });
  return s;
}

function perMinute(items) {
  const max = Math.max(1, ...items.map((b) => b.calls));
  const total = items.reduce((n, b) => n + b.calls, 0);
  const s = frame('charts.per-minute', t('charts.total', { n: total }));
  const bw = 300 / Math.max(1, items.length);
  items.forEach((b, i) => {
    const hA = (b.answered / max) * 100; const hC = (b.calls / max) * 100;
    if (b.calls) s.append(svg('rect', { x: i * bw, y: 105 - hC, width: Math.max(1, bw - 1), height: hC, class: 'bar-other' }));
    if (b.answered) s.append(svg('rect', { x: i * bw, y: 105 - hA, width: Math.max(1, bw - 1), height: hA, class: 'bar-ok' }));
  });
  s.append(svg('text', { x: 0, y: 118, class: 'axis' }, '-60 min'), svg('text', { x: 300, y: 118, class: 'axis', 'text-anchor': 'end' }, t('charts.now')));
  s.append(svg('text', { x: 2, y: 10, class: 'axis' }, String(max)));
  return h('figure', {}, s, h('figcaption', {}, t('charts.per-minute'), ` (${t('charts.total', { n: total })})`));
}

function outcomeBars(outcomes) {
  const entries = Object.entries(outcomes).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const s = frame('charts.outcomes', entries.map(([k, n]) => `${t(`disp.${k}`)} ${n}`).join(', ') || t('charts.no-calls'));
  entries.forEach(([k, n], i) => {
    s.append(svg('rect', { x: 90, y: 5 + i * 22, width: (n / max) * 190, height: 16, class: `bar-${k.toLowerCase()}` }));
    s.append(svg('text', { x: 0, y: 18 + i * 22, class: 'axis' }, t(`disp.${k}`)));
    s.append(svg('text', { x: 95 + (n / max) * 190, y: 18 + i * 22, class: 'axis', 'text-anchor': n / max > 0.8 ? 'end' : 'start' }, String(n)));
  });
  return h('figure', {}, s, h('figcaption', {}, t('charts.outcomes')));
}

function latency(items) {
  const pts = items.map((b, i) => [i, b.setupMillisP50]).filter(([, v]) => v !== null && v !== undefined);
  const max = Math.max(100, ...pts.map(([, v]) => v));
  const s = frame('charts.latency', pts.length ? `${t('charts.max')} ${Math.round(max)} ms` : t('charts.no-calls'));
  const x = (i) => (i / Math.max(1, items.length - 1)) * 300;
  if (pts.length) s.append(svg('polyline', { points: pts.map(([i, v]) => `${x(i)},${105 - (v / max) * 95}`).join(' '), class: 'line' }));
  pts.forEach(([i, v]) => s.append(svg('circle', { cx: x(i), cy: 105 - (v / max) * 95, r: 2, class: 'dot' })));
  s.append(svg('text', { x: 2, y: 10, class: 'axis' }, `${Math.round(max)} ms`));
  return h('figure', {}, s, h('figcaption', {}, t('charts.latency')));
}
