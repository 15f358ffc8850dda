// IVR files: list, view, upload (PUT, validated by the PBX: a refused file names its line and column, shown at that
// line of the text), delete, and the schema. The page hides itself when the PBX has no IVR routes (404/503).
import { api, absent, isAdmin } from '../api.js';
import { t } from '../i18n.js';
import { asItems, clearErrors, field, h, say, table, when } from '../dom.js';

export async function render(view, ctx) {
  const listBox = h('div', { id: 'ivr-box' });
  const viewer = h('div', { id: 'ivr-view' });
  view.append(h('h1', { 'data-i18n': 'ivr.title' }), listBox, viewer);

  async function load() {
    const r = await api('GET', '/api/ivr/files');
    if (absent(r)) { listBox.replaceChildren(h('p', { class: 'empty', id: 'ivr-absent' }, t('common.not-installed', { detail: r.data.detail || '' }))); return false; }
    if (!r.ok) { listBox.replaceChildren(h('p', { class: 'error' }, r.data.detail || t('error.generic'))); return true; }
    const rows = asItems(r.data).map((f) => h('tr', { dataset: { file: f.name } },
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => open(f.name) }, f.name)),
      h('td', {}, String(f.size ?? '')), h('td', {}, when(f.modified)),
      h('td', { class: f.valid ? 'ok' : 'error' }, f.valid ? t('ivr.valid') : `${t('ivr.invalid')}${f.problem ? `: ${typeof f.problem === 'string' ? f.problem : f.problem.detail || ''}` : ''}`),
      isAdmin() ? h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => remove(f.name) }, t('ext.remove'))) : h('td', {})));
    listBox.replaceChildren(rows.length ? table('ivr.caption', ['ivr.name', 'ivr.size', 'ivr.modified', 'ivr.state', ''], rows, { id: 'ivr-files' })
      : h('p', { class: 'empty' }, t('ivr.none')),
    h('p', {}, h('a', { href: '/api/ivr/schema', target: '_blank', rel: 'noopener' }, t('ivr.schema'))));
    return true;
  }

  async function open(name) {
    const r = await api('GET', `/api/ivr/files/${encodeURIComponent(name)}`);
    viewer.replaceChildren(h('section', { class: 'card' }, h('h2', {}, name), numbered(typeof r.data === 'string' ? r.data : JSON.stringify(r.data), null)));
    const f = document.getElementById('ivr-form');
    if (f && typeof r.data === 'string') { nameOf(f).value = name; f.xml.value = r.data; }
  }

  async function remove(name) {
    const r = await api('DELETE', `/api/ivr/files/${encodeURIComponent(name)}`);
    say(r.ok ? t('ivr.removed', { name }) : (r.data.detail || t('error.generic')));
    load();
  }

  if (!(await load())) return;
  if (isAdmin()) view.append(uploadForm(load, viewer));
}

/** The text with line numbers; the faulty line marked and scrolled to. */
function numbered(text, faultLine) {
  const ol = h('ol', { class: 'code', id: 'ivr-text' });
  text.split(/\r?\n/).forEach((line, i) => {
    ol.append(h('li', { class: i + 1 === faultLine ? 'fault' : null, dataset: { line: i + 1 }, 'aria-current': i + 1 === faultLine ? 'true' : null }, line || ' '));
  });
  return ol;
}

function uploadForm(reload, viewer) {
  const file = h('input', { id: 'ivr-file', type: 'file', accept: '.xml,application/xml,text/xml', name: 'file' });
  const f = h('form', { class: 'card', id: 'ivr-form', novalidate: true },
    h('h2', {}, t('ivr.upload')),
    field('ivr', 'name', 'ivr.name', { required: true, placeholder: 'main.xml' }),
    h('div', { class: 'field' }, h('label', { for: 'ivr-file' }, t('ivr.file')), file),
    field('ivr', 'xml', 'ivr.xml', { tag: 'textarea', rows: 10, spellcheck: 'false' }),
    h('p', { class: 'error form-error', id: 'ivr-error', role: 'alert' }),
    h('button', { type: 'submit', id: 'ivr-save' }, t('ivr.save')));
  file.addEventListener('change', async () => {
    if (!file.files.length) return;
    f.xml.value = await file.files[0].text();
    if (!nameOf(f).value) nameOf(f).value = file.files[0].name;
  });
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(f);
    const name = nameOf(f).value.trim();
    if (!name) { f.querySelector('#ivr-name-error').textContent = t('ivr.name-missing'); nameOf(f).focus(); return; }
    const r = await api('PUT', `/api/ivr/files/${encodeURIComponent(name)}`, f.xml.value, 'application/xml');
    if (r.ok) { say(t('ivr.saved', { name })); reload(); return; }
    const p = r.data || {};
    const where = p.line ? t('ivr.at', { line: p.line, column: p.column ?? '?' }) : '';
    f.querySelector('#ivr-error').textContent = `${where}${p.detail || p.title || r.status}${p.fix ? ` ${t('problem.fix', { fix: p.fix })}` : ''}`;
    viewer.replaceChildren(h('section', { class: 'card' }, h('h2', {}, t('ivr.refused', { name })), numbered(f.xml.value, p.line)));
    const bad = viewer.querySelector('li.fault');
    if (bad) bad.scrollIntoView({ block: 'center' });
  });
  return f;
}

/** The file-name input (form.name is the form's own name attribute, not the control). */
function nameOf(f) {
  return f.elements.namedItem('name');
}
