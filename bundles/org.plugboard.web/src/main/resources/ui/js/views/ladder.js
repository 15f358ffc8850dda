// The SIP ladder of one call from the PBX's trace (GET /api/trace/calls/{callId}): one column per party, one arrow
// per message in order, the whole message on demand; the view people use sngrep for. Also an ordered list of the
// messages, which is what screen readers and keyboards use.
import { api, absent, isAdmin } from '../api.js';
import { t } from '../i18n.js';
import { h, when } from '../dom.js';

const NS = 'http://www.w3.org/2000/svg';
const COL = 190; const ROW = 34; const TOP = 40;

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Columns: the party that spoke first, the PBX, then the others as they appear. */
export function columns(items) {
  const remotes = [];
  items.forEach((m) => { if (!remotes.includes(m.remote)) remotes.push(m.remote); });
  return remotes.length ? [remotes[0], 'PBX', ...remotes.slice(1)] : ['PBX'];
}

export async function render(view, ctx, [callId, others]) {
  view.append(h('h1', {}, t('ladder.title', { id: callId || '' })));
  // The PBX adds every leg of the call (live: the call engine; ended: its call record). Legs named after the Call-ID
  // as a comma list (older links, bookmarks) are asked for too.
  const also = (others || '').split(',').filter(Boolean).slice(0, 8).map((x) => `also=${encodeURIComponent(x)}`).join('&');
  const r = await api('GET', `/api/trace/calls/${encodeURIComponent(callId || '')}${also ? `?${also}` : ''}`);
  if (absent(r)) {
    view.append(h('p', { class: 'empty', id: 'ladder-absent' }, r.data.detail || t('ladder.none')));
    return;
  }
  if (!r.ok) { view.append(h('p', { class: 'error' }, r.data.detail || t('error.generic'))); return; }
  const items = r.data.items || [];
  const legs = r.data.callIds || [];
  if (legs.length > 1) view.append(h('p', { id: 'ladder-legs' }, t('ladder.legs', { n: legs.length, ids: legs.join(', ') })));
  if (r.data.notice) view.append(h('p', { class: 'notice', id: 'ladder-notice', role: 'status' }, r.data.notice));
  if (!items.length) {
    view.append(h('p', { class: 'empty' }, t('ladder.none')));
    const trace = await api('GET', '/api/trace');
    if (trace.ok && !trace.data.enabled && isAdmin()) {
      const on = h('button', { type: 'button', id: 'trace-on', onclick: async () => {
        const r = await api('PUT', '/api/trace', { enabled: true });
        on.replaceWith(h('p', {}, r.ok ? t('ladder.trace-on') : (r.data.detail || t('error.generic'))));
      } }, t('ladder.turn-on'));
      view.append(on);
    }
    return;
  }
  const cols = columns(items);
  const x = (name) => 80 + cols.indexOf(name) * COL;
  const width = 160 + (cols.length - 1) * COL;
  const height = TOP + items.length * ROW + 20;
  const raw = h('pre', { id: 'ladder-raw', class: 'raw', tabindex: '0', 'aria-live': 'polite' });
  const pic = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': t('ladder.picture', { n: items.length }), class: 'ladder' });
  cols.forEach((c) => {
    pic.append(svg('text', { x: x(c), y: 20, 'text-anchor': 'middle', class: 'party' }, c));
    pic.append(svg('line', { x1: x(c), y1: 28, x2: x(c), y2: height - 5, class: 'life' }));
  });
  const list = h('ol', { class: 'messages', id: 'ladder-list' });
  items.forEach((m, i) => {
    const from = m.direction === 'in' ? m.remote : 'PBX';
    const to = m.direction === 'in' ? 'PBX' : m.remote;
    const y = TOP + i * ROW + 14;
    const x1 = x(from); const x2 = x(to);
    const g = svg('g', { class: `msg ${/^SIP\/2\.0 [4-6]/.test(m.firstLine) ? 'err' : ''}` });
    g.append(svg('line', { x1, y1: y, x2: x2 + (x2 > x1 ? -6 : 6), y2: y }));
    g.append(svg('path', { d: x2 > x1 ? `M${x2} ${y} l-8 -4 v8 z` : `M${x2} ${y} l8 -4 v8 z` }));
    g.append(svg('text', { x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle' }, short(m.firstLine)));
    g.addEventListener('click', () => { raw.textContent = m.raw || m.firstLine; });
    pic.append(g);
    list.append(h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => { raw.textContent = m.raw || m.firstLine; raw.focus(); } },
      `${when(m.time)} ${from} → ${to} (${m.transport || ''}): ${m.firstLine}`)));
  });
  view.append(h('div', { class: 'card scroll' }, pic), h('details', { class: 'card' }, h('summary', {}, t('ladder.list')), list), h('div', { class: 'card' }, h('h2', {}, t('ladder.raw')), raw));
}

/** "INVITE sip:1002@x SIP/2.0" -> "INVITE", "SIP/2.0 180 Ringing" -> "180 Ringing" */
function short(firstLine) {
  return /^SIP\/2\.0 /.test(firstLine) ? firstLine.slice(8) : firstLine.split(' ')[0];
}
