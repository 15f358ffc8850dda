// The service settings of one extension (forwarding, DND, screening, voicemail): a section per service whose
// feature is installed. Shown from the capability list, and each hides itself when its route answers 404 or 503.
// The form is built from the resource's JSON (flat members), so new members of the API show without a page change.
import { api, absent, isAdmin } from '../api.js';
import { t } from '../i18n.js';
import { h, say, showProblem, clearErrors, when } from '../dom.js';
import { screeningEditor, voicemailEditor } from './boxes.js';

const SERVICES = ['forwarding', 'dnd', 'screening', 'voicemail'];
/** Settings that are not a flat form have their own editor; the others are built from their JSON. */
const EDITORS = { screening: screeningEditor, voicemail: voicemailEditor };

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
      section.replaceChildren(h('h3', {}, t(`svc.${name}`)), r.ok ? (EDITORS[name] || ((n, d) => editor(n, name, d)))(number, r.data) : h('p', { class: 'error' }, r.data.detail || ''));
      ctx.apply(box);
      if (section.dataset.absent) section.hidden = true;
    };
    load();
    ctx.on((type) => { if (type === 'capabilities' || type === 'capabilities.changed') load(); });
  });
  box.append(voicemailMessages(number, ctx));
  return box;
}

/** The mailbox's messages with a player each (capability voicemail); hidden while the route answers 404/503. */
function voicemailMessages(number, ctx) {
  const section = h('section', { class: 'card', dataset: { capability: 'voicemail', service: 'voicemail-messages' }, 'aria-label': t('vm.title') });
  const load = async () => {
    if (ctx.capabilitiesKnown && !ctx.capabilities.has('voicemail')) return;
    const r = await api('GET', `/api/extensions/${encodeURIComponent(number)}/voicemail/messages`);
    if (!r.ok) { section.hidden = true; return; }
    const items = r.data.items || [];
    section.replaceChildren(h('h3', {}, t('vm.title')), items.length
      ? h('ul', { class: 'messages' }, items.map((m) => h('li', { dataset: { message: m.id } },
        `${t(`vm.folder.${m.folder}`)} · ${m.caller || t('vm.anonymous')} · ${when(m.receivedAt)} · ${Math.round(m.lengthSeconds || 0)} s `,
        m.audio ? h('audio', { controls: true, preload: 'none', src: m.audio, 'aria-label': t('vm.play', { caller: m.caller || '' }) }) : '',
        m.audio ? h('a', { href: m.audio, download: '' }, t('vm.download')) : '')))
      : h('p', { class: 'empty' }, t('vm.none')));
  };
  load();
  ctx.on((type) => { if (type === 'capabilities' || type === 'capabilities.changed') load(); });
  return section;
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
