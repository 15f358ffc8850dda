// The two service settings that are not flat forms: an extension's personal screening list (a row per entry) and
// its voicemail box (read-only state plus a PIN). Field names follow the API's problem fields (entries[2].caller,
// pin), so a refusal is shown next to the field it names; the PBX checks everything and saves nothing half.
import { api, isAdmin } from '../api.js';
import { t } from '../i18n.js';
import { h, say, showProblem, clearErrors } from '../dom.js';

/** One labelled input of an entry row; its error slot sits under it. */
function cell(form, name, labelKey, input) {
  const id = `${form}-${name}`.replace(/[^\w-]/g, '_');
  input.id = id;
  input.name = name;
  input.setAttribute('aria-describedby', `${id}-error`);
  if (!isAdmin()) input.disabled = true;
  return h('div', { class: 'field' }, h('label', { for: id }, t(labelKey)), input, h('span', { class: 'error', id: `${id}-error` }));
}

export function screeningEditor(number, data) {
  const f = h('form', { novalidate: true, class: 'screening' });
  const rows = h('ol', { class: 'entries' });
  const anon = h('input', { type: 'checkbox', checked: !!data.refuseAnonymous });
  const rowOf = (e) => {
    const li = h('li', { class: 'entry' });
    li.entry = e;
    return li;
  };
  // Rows are renumbered on every change, so entries[i] in a problem is the i-th row shown.
  const draw = () => {
    [...rows.children].forEach((li, i) => {
      const e = li.entry;
      const kind = h('select', {}, ['black', 'white'].map((k) => h('option', { value: k, selected: e.kind === k }, t(`scr.kind.${k}`))));
      kind.onchange = () => { e.kind = kind.value; };
      const text = (key, value) => {
        const input = h('input', { type: 'text', value: value ?? '' });
        input.oninput = () => { e[key] = input.value; };
        return input;
      };
      const rate = h('input', { type: 'number', min: 0, max: 100, value: e.rate ?? 100 });
      rate.oninput = () => { e.rate = rate.value; };
      li.replaceChildren(
        cell(`scr-${number}`, `entries[${i}].kind`, 'scr.kind', kind),
        cell(`scr-${number}`, `entries[${i}].caller`, 'scr.caller', text('caller', e.caller)),
        cell(`scr-${number}`, `entries[${i}].called`, 'scr.called', text('called', e.called)),
        cell(`scr-${number}`, `entries[${i}].rate`, 'scr.rate', rate),
        isAdmin() ? h('button', { type: 'button', class: 'remove', onclick: () => { li.remove(); draw(); } }, t('scr.remove')) : '');
      li.dataset.index = String(i);
      // A problem naming the whole entry (entries[2]: a repeat) has its slot after the row's fields.
      const whole = h('input', { type: 'hidden', name: `entries[${i}]`, id: `scr-${number}-entry-${i}`, 'aria-describedby': `scr-${number}-entry-${i}-error` });
      li.append(whole, h('span', { class: 'error', id: `scr-${number}-entry-${i}-error` }));
    });
  };
  (data.entries || []).forEach((e) => rows.append(rowOf({ ...e })));
  draw();
  f.append(cell(`scr-${number}`, 'refuseAnonymous', 'scr.anonymous', anon), h('h4', {}, t('scr.entries')), rows);
  if (isAdmin()) {
    f.append(h('button', { type: 'button', class: 'add', onclick: () => { rows.append(rowOf({ kind: 'black', caller: '', called: '*', rate: 100 })); draw(); } }, t('scr.add')));
  }
  f.append(h('p', { class: 'error form-error', role: 'alert' }));
  if (isAdmin()) {
    f.append(h('button', { type: 'submit' }, t('ext.save')));
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(f);
      const entries = [...rows.children].map((li) => {
        const e = li.entry;
        const rate = e.rate === '' || e.rate === undefined || e.rate === null ? null : Number(e.rate);
        return { kind: e.kind, caller: e.caller ?? '', called: e.called === '' ? null : e.called ?? null, rate: Number.isNaN(rate) ? -1 : rate };
      });
      const r = await api('PUT', `/api/extensions/${encodeURIComponent(number)}/screening`, { refuseAnonymous: anon.checked, entries });
      if (r.ok) say(t('svc.saved', { name: t('svc.screening'), n: number })); else showProblem(f, r.data);
    });
  }
  return f;
}

export function voicemailEditor(number, data) {
  const f = h('form', { novalidate: true, class: 'voicemail-box' });
  f.append(h('dl', {},
    h('dt', {}, t('vmbox.pin')), h('dd', { class: 'pin-set' }, t(data.pinSet ? 'vmbox.pin.set' : 'vmbox.pin.none')),
    h('dt', {}, t('vmbox.messages')), h('dd', {}, t('vmbox.counts', { fresh: data.newMessages, saved: data.savedMessages, seconds: data.seconds })),
    h('dt', {}, t('vmbox.greetings')), h('dd', {}, [data.unavailableGreeting ? t('vmbox.unavailable') : '', data.busyGreeting ? t('vmbox.busy') : '']
      .filter(Boolean).join(', ') || t('vmbox.greetings.none'))));
  if (isAdmin()) {
    const pin = h('input', { type: 'password', inputmode: 'numeric', autocomplete: 'new-password' });
    f.append(cell(`vmbox-${number}`, 'pin', 'vmbox.newpin', pin), h('p', { class: 'error form-error', role: 'alert' }),
      h('button', { type: 'submit' }, t('vmbox.setpin')));
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(f);
      const r = await api('PUT', `/api/extensions/${encodeURIComponent(number)}/voicemail`, { pin: pin.value });
      if (r.ok) {
        pin.value = '';
        f.querySelector('.pin-set').textContent = t('vmbox.pin.set');
        say(t('vmbox.saved', { n: number }));
      } else showProblem(f, r.data);
    });
  }
  return f;
}
