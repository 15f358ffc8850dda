// Extensions: search, add, change, remove, and bulk import from CSV (one POST per row).
import { api, isAdmin, query } from '../api.js';
import { t } from '../i18n.js';
import { asItems, clearErrors, field, h, say, showProblem, table } from '../dom.js';
import { parseExtensions } from '../csv.js';
import { servicesSection } from './services.js';

export async function render(view, ctx) {
  const listBox = h('div', { id: 'extensions-box' });
  const search = h('input', { id: 'ext-search', type: 'search', name: 'q', autocomplete: 'off' });
  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  view.append(h('h1', { 'data-i18n': 'ext.title' }),
    h('div', { class: 'card', role: 'search' },
      h('label', { for: 'ext-search', 'data-i18n': 'ext.search' }), search),
    listBox);
  const editor = h('div', { id: 'ext-editor' });
  if (isAdmin()) view.append(editor, importSection(() => load()));

  async function load() {
    const r = await api('GET', `/api/extensions${query({ q: search.value.trim(), limit: 500 })}`);
    if (!r.ok) { listBox.replaceChildren(h('p', { class: 'error' }, r.data.detail || t('error.generic'))); return; }
    const rows = asItems(r.data).map((e) => h('tr', { dataset: { ext: e.number } },
      h('td', {}, e.number), h('td', {}, e.displayName || ''), h('td', {}, String(e.maxDevices)),
      isAdmin() ? h('td', { class: 'actions' },
        h('button', { type: 'button', onclick: () => edit(e), 'aria-label': t('ext.edit-n', { n: e.number }) }, t('ext.edit')),
        h('button', { type: 'button', class: 'danger', onclick: (ev) => remove(e, ev.target), 'aria-label': t('ext.remove-n', { n: e.number }) }, t('ext.remove')))
        : h('td', {})));
    listBox.replaceChildren(rows.length
      ? table('ext.caption', ['ext.number', 'ext.name', 'ext.devices', ''], rows, { id: 'extensions' })
      : h('p', { class: 'empty' }, t('ext.none')));
  }

  function edit(e) {
    editor.replaceChildren(form(e, () => { load(); edit(null); }), e ? servicesSection(e.number, ctx) : '');
    ctx.apply(editor);
    editor.querySelector('input:not([readonly])').focus();
  }

  async function remove(e, button) {
    // Ask in the page (no window.confirm): keyboard and screen readers get a normal pair of buttons.
    const ask = h('span', { class: 'confirm', role: 'group', 'aria-label': t('ext.confirm', { n: e.number }) },
      t('ext.confirm', { n: e.number }), ' ',
      h('button', { type: 'button', class: 'danger', id: 'ext-confirm-remove', onclick: async () => {
        const r = await api('DELETE', `/api/extensions/${encodeURIComponent(e.number)}`);
        say(r.ok ? t('ext.removed', { n: e.number }) : (r.data.detail || t('error.generic')));
        load();
      } }, t('common.yes')),
      h('button', { type: 'button', onclick: () => load() }, t('common.no')));
    button.parentElement.replaceChildren(ask);
    ask.querySelector('button').focus();
  }

  if (isAdmin()) edit(null);
  await load();
}

/** The add (e null) or change form; problems from the API are shown at their field. */
function form(e, done) {
  const adding = !e;
  const f = h('form', { class: 'card', id: 'ext-form', novalidate: true },
    h('h2', {}, adding ? t('ext.add') : t('ext.change', { n: e.number })),
    field('ext', 'number', 'ext.number', { required: true, inputmode: 'numeric', value: e ? e.number : '', readonly: !adding }),
    field('ext', 'displayName', 'ext.name', { value: e ? e.displayName || '' : '' }),
    field('ext', 'password', adding ? 'ext.password' : 'ext.password-new', { type: 'password', autocomplete: 'new-password', required: adding }),
    field('ext', 'maxDevices', 'ext.devices', { type: 'number', min: 1, value: e ? e.maxDevices : 1 }),
    h('p', { class: 'error form-error', role: 'alert' }),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'ext-save' }, adding ? t('ext.add-button') : t('ext.save')),
      adding ? '' : h('button', { type: 'button', onclick: () => done() }, t('common.cancel'))));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(f);
    const body = {};
    const number = f.number.value.trim();
    if (adding) body.number = number;
    if (f.displayName.value.trim() !== (e ? e.displayName || '' : '')) body.displayName = f.displayName.value.trim();
    if (f.password.value) body.password = f.password.value;
    if (f.maxDevices.value !== '') {
      const n = Number(f.maxDevices.value);
      if (!Number.isInteger(n)) { showProblem(f, { field: 'maxDevices', detail: t('ext.devices-bad') }); return; }
      if (adding || n !== e.maxDevices) body.maxDevices = n;
    } else if (adding) {
      showProblem(f, { field: 'maxDevices', detail: t('ext.devices-bad') }); return;
    }
    const r = adding ? await api('POST', '/api/extensions', body)
      : await api('PATCH', `/api/extensions/${encodeURIComponent(e.number)}`, body);
    if (!r.ok) { showProblem(f, r.data); return; }
    say(adding ? t('ext.added', { n: number }) : t('ext.saved', { n: number }));
    f.reset();
    done();
  });
  return f;
}

/** Bulk import: every good row is one POST; a refused row is reported with its line, field and reason. */
function importSection(reload) {
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,text/csv,text/plain', name: 'file' });
  const progress = h('progress', { id: 'import-progress', max: 1, value: 0, hidden: true, 'aria-label': t('import.progress') });
  const report = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const run = async () => {
    if (!file.files.length) { report.replaceChildren(h('p', { class: 'error' }, t('import.choose'))); return; }
    const rows = parseExtensions(await file.files[0].text());
    progress.max = Math.max(1, rows.length); progress.value = 0; progress.hidden = false;
    const failures = [];
    let added = 0;
    for (const row of rows) {
      if (row.error) {
        failures.push({ line: row.line, number: row.number, field: row.field, text: t(`import.bad-${row.error}`, { field: row.field }) });
      } else {
        const r = await api('POST', '/api/extensions', row.body);
        if (r.ok) added++;
        else failures.push({ line: row.line, number: row.number, field: r.data.field, text: `${r.data.detail || r.data.title || r.status}${r.data.fix ? ` ${t('problem.fix', { fix: r.data.fix })}` : ''}` });
      }
      progress.value += 1;
    }
    report.replaceChildren(
      h('p', { id: 'import-summary' }, t('import.summary', { added, failed: failures.length, total: rows.length })),
      failures.length ? h('ul', { id: 'import-errors', class: 'errors' }, failures.map((x) =>
        h('li', { dataset: { line: x.line } }, t('import.line', { line: x.line, number: x.number || '?', field: x.field || '-' }), ' ', x.text))) : '');
    reload();
  };
  return h('section', { class: 'card', 'aria-labelledby': 'import-h' },
    h('h2', { id: 'import-h' }, t('import.title')),
    h('p', { class: 'hint' }, t('import.format')),
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('import.file')), file),
    h('button', { type: 'button', id: 'import-run', onclick: run }, t('import.run')),
    progress, report);
}
