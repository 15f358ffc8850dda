// Call records: search by time, extension, disposition and tag, page through, export the same selection as CSV;
// each record links to its SIP ladder (when the trace has it) and its recording (when recording is installed).
import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { asItems, clearErrors, duration, field, h, showProblem, table, when } from '../dom.js';

const DISPOSITIONS = ['', 'ANSWERED', 'NO_ANSWER', 'BUSY', 'CANCELLED', 'FAILED'];
const PAGE = 50;

export async function render(view, ctx) {
  const results = h('div', { id: 'cdr-results' });
  const csv = h('a', { id: 'cdr-csv', href: '/api/cdrs.csv', download: 'cdrs.csv' }, t('cdr.csv'));
  const f = h('form', { class: 'card filters', id: 'cdr-form', role: 'search', novalidate: true },
    field('cdr', 'since', 'cdr.since', { type: 'datetime-local' }),
    field('cdr', 'until', 'cdr.until', { type: 'datetime-local' }),
    field('cdr', 'extension', 'cdr.extension', { inputmode: 'numeric' }),
    h('div', { class: 'field' }, h('label', { for: 'cdr-disposition' }, t('cdr.disposition')),
      h('select', { id: 'cdr-disposition', name: 'disposition', 'aria-describedby': 'cdr-disposition-error' },
        DISPOSITIONS.map((d) => h('option', { value: d }, d ? t(`disp.${d}`) : t('cdr.any')))),
      h('span', { class: 'error', id: 'cdr-disposition-error' })),
    field('cdr', 'tag', 'cdr.tag', {}),
    h('p', { class: 'error form-error', role: 'alert' }),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'cdr-search' }, t('cdr.search')), csv));
  view.append(h('h1', { 'data-i18n': 'cdr.title' }), f, results);
  let offset = 0;

  const params = () => {
    const iso = (v) => (v ? new Date(v).toISOString() : '');
    return { since: iso(f.since.value), until: iso(f.until.value), extension: f.extension.value.trim(),
      disposition: f.disposition.value, tag: f.tag.value.trim().toUpperCase() };
  };

  let latest = 0;
  async function search() {
    clearErrors(f);
    const q = params();
    csv.href = `/api/cdrs.csv${query(q)}`;
    const mine = ++latest;
    const r = await api('GET', `/api/cdrs${query({ ...q, offset, limit: PAGE })}`);
    if (mine !== latest) return; // a newer search was started meanwhile: its answer counts, not this one
    if (!r.ok) { showProblem(f, r.data); results.replaceChildren(); return; }
    const rows = asItems(r.data).map((c) => h('tr', { dataset: { cdr: c.id, callId: c.callId } },
      h('td', {}, when(c.start)), h('td', {}, c.caller), h('td', {}, c.finalCallee && c.finalCallee !== c.callee ? `${c.callee} → ${c.finalCallee}` : c.callee),
      h('td', { class: `disp disp-${(c.disposition || '').toLowerCase()}` }, t(`disp.${c.disposition}`)),
      h('td', {}, c.answer ? duration(c.billableSeconds) : ''),
      h('td', {}, `${c.sipStatus || ''}${c.q850Cause ? ` / Q.850 ${c.q850Cause}` : ''}`, c.reason ? h('br') : '', c.reason || ''),
      h('td', {}, c.tag || ''),
      h('td', { class: 'actions' },
        // The PBX finds the other legs itself, from the record's legCallIds (GET /api/trace/calls/{callId}).
        h('a', { href: `#/trace/${encodeURIComponent(c.callId)}`, 'data-needs': 'trace', title: t('cdr.ladder-legs', { n: (c.legCallIds || []).length || 1 }) }, t('cdr.ladder')), ' ',
        h('a', { class: 'recording', download: '', hidden: true }, t('cdr.recording')))));
    const pager = h('div', { class: 'buttons' },
      offset > 0 ? h('button', { type: 'button', onclick: () => { offset = Math.max(0, offset - PAGE); search(); } }, t('common.previous')) : '',
      r.data.more ? h('button', { type: 'button', onclick: () => { offset += PAGE; search(); } }, t('common.next')) : '');
    results.replaceChildren(rows.length
      ? table('cdr.caption', ['cdr.start', 'cdr.caller', 'cdr.callee', 'cdr.disposition', 'cdr.billable', 'cdr.status', 'cdr.tag', ''], rows, { id: 'cdrs' })
      : h('p', { class: 'empty', id: 'cdrs-empty' }, t('cdr.none')), pager);
    // Links to optional features only when the PBX says they are there.
    results.querySelectorAll('[data-needs]').forEach((el) => { el.hidden = !(ctx.capabilitiesKnown && ctx.capabilities.has(el.dataset.needs)); });
    if (ctx.capabilities.has('recording')) {
      // A recording names its CDR by callId = the CDR's id; only finished ones have audio.
      const rec = await api('GET', '/api/recordings?limit=1000');
      const audio = new Map(asItems(rec.data).filter((x) => x.audio).map((x) => [String(x.callId), x.audio]));
      results.querySelectorAll('tr[data-cdr]').forEach((tr) => {
        const a = tr.querySelector('a.recording');
        if (audio.has(tr.dataset.cdr)) { a.href = audio.get(tr.dataset.cdr); a.hidden = false; }
      });
    }
  }

  f.addEventListener('submit', (ev) => { ev.preventDefault(); offset = 0; search(); });
  await search();
}
