// Small DOM helpers: elements built with textContent only (data from phones and carriers is never parsed as HTML).
import { t } from './i18n.js';

/** h('td', {class: 'x', onclick: f}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** A labelled input with a slot for its error, described by it (aria-describedby). */
export function field(form, name, labelKey, attrs = {}) {
  const id = `${form}-${name}`;
  const err = h('span', { class: 'error', id: `${id}-error` });
  const input = h(attrs.tag || 'input', { id, name, 'aria-describedby': `${id}-error`, ...attrs, tag: null });
  return h('div', { class: 'field' }, h('label', { for: id }, t(labelKey)), input, err);
}

/** A table in a scrolling wrapper (phones), with a caption for screen readers. */
export function table(captionKey, headKeys, rows, attrs = {}) {
  return h('div', { class: 'scroll' },
    h('table', attrs,
      h('caption', {}, t(captionKey)),
      h('thead', {}, h('tr', {}, headKeys.map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
      h('tbody', {}, rows)));
}

/** Clears the field errors of a form, then shows a problem next to its field (or at the form when none). */
export function showProblem(form, problem) {
  clearErrors(form);
  const text = problem.detail || problem.title || t('error.generic');
  const fix = problem.fix ? ` ${t('problem.fix', { fix: problem.fix })}` : '';
  const input = problem.field ? form.querySelector(`[name="${CSS.escape(problem.field)}"]`) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    document.getElementById(`${input.id}-error`).textContent = text + fix;
    input.focus();
  } else {
    form.querySelector('.form-error').textContent = text + fix;
  }
}

export function clearErrors(form) {
  form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
  form.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
}

export function say(text) {
  document.getElementById('status').textContent = text;
}

export function asItems(d) {
  return Array.isArray(d) ? d : (d && d.items) || [];
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** 75 -> "1:15" */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  const hrs = Math.floor(m / 60);
  const mm = hrs ? String(m % 60).padStart(2, '0') : String(m);
  return `${hrs ? `${hrs}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}
