// Text of the page from i18n/<language>.json: English is the fallback for missing keys and languages.
let texts = {};
let fallback = {};

async function load(lang) {
  const r = await fetch(`i18n/${lang}.json`, { cache: 'no-cache' });
  if (!r.ok) throw new Error(`no texts for ${lang}`);
  return r.json();
}

export async function initI18n() {
  fallback = await load('en');
  const wanted = (navigator.language || 'en').slice(0, 2).toLowerCase();
  texts = fallback;
  if (wanted !== 'en') {
    try {
      texts = await load(wanted);
      document.documentElement.lang = wanted;
    } catch {
      texts = fallback; // no such language yet: English
    }
  }
  translate(document);
}

/** t('calls.count', {n: 3}): the text of a key with {name} placeholders filled; the key itself if unknown. */
export function t(key, params = {}) {
  const s = texts[key] ?? fallback[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

/** Fills every element with data-i18n (text) or data-i18n-label (aria-label) below root. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nLabel)); });
}
