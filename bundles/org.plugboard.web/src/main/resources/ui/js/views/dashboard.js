// Dashboard: who is registered, live calls with their legs, line and trunk state; live from the event stream,
// reloaded from the resources on `reset` (the stream lost our position) and when the stream reconnects.
import { api, absent, isAdmin } from '../api.js';
import { t } from '../i18n.js';
import { asItems, duration, h, say, table } from '../dom.js';
import { renderCharts } from './charts.js';

let ticker = null;

export async function render(view, ctx) {
  const regs = new Map(); // extension + contact -> registration
  const calls = new Map(); // call id -> call
  let lines = [];
  let trunks = [];

  const regBox = h('div', { id: 'registrations-box' });
  const callBox = h('div', { id: 'calls-box' });
  const lineBox = h('div', { id: 'lines-box' });
  const trunkBox = h('div', { id: 'trunks-box' });
  const chartBox = h('div', { id: 'charts-box' });
  view.append(
    h('h1', { 'data-i18n': 'dashboard.title' }),
    h('section', { 'aria-labelledby': 'calls-h', class: 'card' }, h('h2', { id: 'calls-h', 'data-i18n': 'calls.title' }), callBox),
    h('section', { 'aria-labelledby': 'regs-h', class: 'card' }, h('h2', { id: 'regs-h', 'data-i18n': 'regs.title' }), regBox),
    h('div', { class: 'pair' },
      h('section', { 'aria-labelledby': 'lines-h', class: 'card' }, h('h2', { id: 'lines-h', 'data-i18n': 'lines.title' }), lineBox),
      h('section', { 'aria-labelledby': 'trunks-h', class: 'card' }, h('h2', { id: 'trunks-h', 'data-i18n': 'trunks.title' }), trunkBox)),
    h('section', { 'aria-labelledby': 'charts-h', class: 'card' }, h('h2', { id: 'charts-h', 'data-i18n': 'charts.title' }), chartBox));

  const drawRegs = () => {
    const rows = [...regs.values()].sort((a, b) => a.extension.localeCompare(b.extension)).map((r) =>
      h('tr', { dataset: { ext: r.extension } },
        h('td', {}, r.extension), h('td', {}, r.contact), h('td', {}, r.userAgent || ''),
        h('td', {}, r.transport || ''), h('td', {}, r.source || '')));
    regBox.replaceChildren(rows.length
      ? table('regs.caption', ['regs.extension', 'regs.contact', 'regs.agent', 'regs.transport', 'regs.source'], rows, { id: 'registrations' })
      : h('p', { class: 'empty', id: 'registrations-empty' }, t('regs.none')));
  };

  const drawCalls = () => {
    const rows = [...calls.values()].map((c) => {
      const since = c.answered || c.started;
      return h('tr', { dataset: { call: c.id, caller: c.caller, callee: c.callee } },
        h('td', {}, c.caller), h('td', {}, c.callee),
        h('td', { class: `state state-${(c.state || '').toLowerCase()}` }, t(`call.state.${c.state}`)),
        h('td', { class: 'duration', dataset: { since } }, duration((Date.now() - Date.parse(since)) / 1000)),
        h('td', {}, h('ul', { class: 'legs' }, (c.legs || []).map((l) =>
          h('li', {}, `${l.role} ${l.peer || l.target || ''} · ${l.state}`)))),
        h('td', { class: 'actions' },
          h('a', { href: `#/trace/${encodeURIComponent(c.id)}`, 'data-capability': 'trace' }, t('cdr.ladder')),
          isAdmin() ? h('button', { type: 'button', class: 'danger', onclick: () => hangup(c.id) }, t('calls.hangup')) : ''));
    });
    callBox.replaceChildren(rows.length
      ? table('calls.caption', ['calls.caller', 'calls.callee', 'calls.state', 'calls.duration', 'calls.legs', ''], rows, { id: 'calls' })
      : h('p', { class: 'empty', id: 'calls-empty' }, t('calls.none')));
    ctx.apply(callBox);
  };

  const drawLines = () => lineBox.replaceChildren(lineTable(lines, 'dash-lines'));
  const drawTrunks = () => trunkBox.replaceChildren(trunkTable(trunks, 'dash-trunks'));

  async function hangup(id) {
    const r = await api('DELETE', `/api/calls/${encodeURIComponent(id)}`);
    say(r.ok ? t('calls.hung-up') : (r.data.detail || t('error.generic')));
  }

  async function reload() {
    const [r, c, l, tr] = await Promise.all([api('GET', '/api/registrations?limit=1000'), api('GET', '/api/calls'),
      api('GET', '/api/lines'), api('GET', '/api/trunks')]);
    regs.clear();
    asItems(r.data).forEach((x) => regs.set(`${x.extension} ${x.contact}`, x));
    calls.clear();
    asItems(c.data).forEach((x) => calls.set(x.id, x));
    lines = l.ok ? asItems(l.data) : [];
    trunks = tr.ok ? asItems(tr.data) : [];
    drawRegs(); drawCalls(); drawLines(); drawTrunks();
    lineBox.closest('section').hidden = absent(l) && !lines.length;
    trunkBox.closest('section').hidden = absent(tr) && !trunks.length;
  }

  ctx.on((type, e) => {
    if (type === 'reset' || type === 'stream.open') { reload(); return; }
    if (type.startsWith('registration.')) {
      const key = `${e.registration.extension} ${e.registration.contact}`;
      if (type === 'registration.removed') regs.delete(key); else regs.set(key, e.registration);
      drawRegs();
    } else if (type.startsWith('call.')) {
      if (type === 'call.released') calls.delete(e.call.id); else calls.set(e.call.id, e.call);
      drawCalls();
      if (type === 'call.created' || type === 'call.released') {
        api('GET', '/api/trunks').then((x) => { if (x.ok) { trunks = asItems(x.data); drawTrunks(); } });
      }
    } else if (type.startsWith('line.')) {
      lines = lines.filter((x) => x.name !== e.line.name);
      if (type !== 'line.removed') lines.push(e.line);
      lines.sort((a, b) => a.name.localeCompare(b.name));
      drawLines();
    }
  });

  clearInterval(ticker);
  // Durations tick locally once a second; the calls themselves change only by events.
  // A call answered by a media application (IVR, voicemail, conference) has its call.answered event too: no polling.
  ticker = setInterval(() => {
    if (!callBox.isConnected) { clearInterval(ticker); return; }
    callBox.querySelectorAll('td.duration').forEach((td) => {
      td.textContent = duration((Date.now() - Date.parse(td.dataset.since)) / 1000);
    });
  }, 1000);

  await reload();
  renderCharts(chartBox, ctx);
}

export function lineTable(lines, id) {
  if (!lines.length) return h('p', { class: 'empty' }, t('lines.none'));
  return table('lines.caption', ['lines.name', 'lines.account', 'lines.state', 'lines.last', 'lines.expires', 'lines.workarounds'],
    lines.map((l) => h('tr', { dataset: { line: l.name } },
      h('td', {}, l.name), h('td', {}, `${l.account}@${l.domain}`),
      h('td', { class: `state state-${(l.state || '').toLowerCase()}` }, t(`line.state.${l.state}`)),
      h('td', {}, l.lastResponse || ''), h('td', {}, l.expiresInSeconds > 0 ? duration(l.expiresInSeconds) : ''),
      h('td', {}, (l.workarounds || []).join(', ')))), { id });
}

export function trunkTable(trunks, id) {
  if (!trunks.length) return h('p', { class: 'empty' }, t('trunks.none'));
  const limit = (n) => (n < 0 ? '∞' : n);
  return table('trunks.caption', ['trunks.name', 'trunks.peers', 'trunks.in', 'trunks.out', 'trunks.workarounds'],
    trunks.map((tr) => h('tr', { dataset: { trunk: tr.name } },
      h('td', {}, tr.name), h('td', {}, (tr.peers || []).join(', ') + ((tr.unresolved || []).length ? ` (${t('trunks.unresolved')}: ${tr.unresolved.join(', ')})` : '')),
      h('td', {}, `${tr.inboundCalls} / ${limit(tr.maxInbound)}`), h('td', {}, `${tr.outboundCalls} / ${limit(tr.maxOutbound)}`),
      h('td', {}, (tr.workarounds || []).join(', ')))), { id });
}
