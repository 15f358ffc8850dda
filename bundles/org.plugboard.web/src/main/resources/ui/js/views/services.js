// The service settings of one extension (forwarding, DND, screening, voicemail): a section per service whose
// feature is installed. Shown from the capability list, and each hides itself when its route answers 404 or 503.
// The form is built from the resource's JSON (flat members), so new members of the API show without a page change.
import { api, absent, isAdmin } from '../api.js';
import { t } from '../i18n.js';
import { h, say, showProblem, clearErrors } from '../dom.js';

const SERVICES = ['forwarding', 'dnd', 'screening', 'voicemail'];

export function servicesSection(number, ctx) {
  const box = h('div', { class: 'services' });
  SERVICES.forEach((name) => {
    const section = h('section', { class: 'card', dataset: { capability: name, service: name }, 'aria-label': t(`svc.${name}`) },
      h('h3', {}, t(`svc.${name}`)));
    box.append(section);
    const load = async () => {
      if (ctx.capabilitiesKnown && !ctx.capabilities.has(name)) return;
      const r = await api('GET', `/api/extensions/${encodeURIComponent(number)}/${name}`);
      if (absent(r)) { section.hidden = true; section.dataset.absent = 'true'; return; }
      delete section.dataset.absent;
      section.replaceChildren(h('h3', {}, t(`svc.${name}`)), r.ok ? editor(number, name, r.data) : h('p', { class: 'error' }, r.data.detail || ''));
      ctx.apply(box);
      if (section.dataset.absent) section.hidden = true;
    };
    load();
    ctx.on((type) => { if (type === 'capabilities' || type === 'capabilities.changed') load(); });
  });
  return box;
}

function editor(number, name, data) {
  const f = h('form', { novalidate: true });
  const entries = Object.entries(data).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  entries.forEach(([k, v]) => {
    const id = `svc-${name}-${k}`;
    const attrs = { id, name: k, 'aria-describedby': `${id}-error`, disabled: !isAdmin() };
    const input = typeof v === 'boolean' ? h('input', { ...attrs, type: 'checkbox', checked: v })
      : h('input', { ...attrs, type: typeof v === 'number' ? 'number' : 'text', value: v ?? '' });
    f.append(h('div', { class: 'field' }, h('label', { for: id }, k), input, h('span', { class: 'error', id: `${id}-error` })));
  });
  const nested = Object.entries(data).filter(([, v]) => v !== null && typeof v === 'object');
  nested.forEach(([k, v]) => f.append(h('details', {}, h('summary', {}, k), h('pre', {}, JSON.stringify(v, null, 2)))));
  f.append(h('p', { class: 'error form-error', role: 'alert' }));
  if (isAdmin() && entries.length) {
    f.append(h('button', { type: 'submit' }, t('ext.save')));
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(f);
      const body = { ...data };
      entries.forEach(([k, v]) => {
        const input = f.elements[k];
        if (typeof v === 'boolean') body[k] = input.checked;
        else if (typeof v === 'number') body[k] = input.value === '' ? null : Number(input.value);
        else body[k] = input.value === '' && v === null ? null : input.value;
      });
      const r = await api('PUT', `/api/extensions/${encodeURIComponent(number)}/${name}`, body);
      if (r.ok) say(t('svc.saved', { name: t(`svc.${name}`), n: number })); else showProblem(f, r.data);
    });
  }
  return f;
}
