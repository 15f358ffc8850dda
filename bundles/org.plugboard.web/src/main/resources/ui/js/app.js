// Boots the page: texts, login, the section router, the event stream and the optional sections (capabilities).
import { initI18n, t, translate } from './i18n.js';
import { api, isAdmin, login, logout, resume, session, onSessionExpired } from './api.js';
import { EventStream } from './events.js';
import { asItems } from './dom.js';
import * as dashboard from './views/dashboard.js';
import * as extensions from './views/extensions.js';
import * as cdrs from './views/cdrs.js';
import * as status from './views/status.js';
import * as ivr from './views/ivr.js';
import * as ladder from './views/ladder.js';

const routes = {
  dashboard: dashboard.render,
  extensions: extensions.render,
  cdrs: cdrs.render,
  lines: status.renderLines,
  trunks: status.renderTrunks,
  ivr: ivr.render,
  trace: ladder.render,
};

/** What the views share: the event listeners of the shown view, and the optional features present now. */
export const ctx = {
  listeners: new Set(),
  capabilities: new Set(),
  capabilitiesKnown: false,
  on(f) { this.listeners.add(f); return f; },
  apply(root) { applyCapabilities(root); },
};

const stream = new EventStream(
  (type, e) => {
    if (type === 'capabilities.changed') setCapabilities(e.items);
    ctx.listeners.forEach((f) => f(type, e));
  },
  (state) => {
    document.body.dataset.stream = state;
    if (state === 'open') ctx.listeners.forEach((f) => f('stream.open', {}));
  });

function setCapabilities(items) {
  ctx.capabilities = new Set(asItems(items).map((c) => c.name));
  ctx.capabilitiesKnown = true;
  applyCapabilities(document);
  ctx.listeners.forEach((f) => f('capabilities', {}));
}

/** Hides what needs a feature that is not installed; shows it again when it comes (unknown list: ask the route). */
export function applyCapabilities(root) {
  root.querySelectorAll('[data-capability]').forEach((el) => {
    el.hidden = ctx.capabilitiesKnown && !ctx.capabilities.has(el.dataset.capability);
  });
}

async function loadCapabilities() {
  const r = await api('GET', '/api/capabilities');
  if (r.ok) setCapabilities(r.data.items);
  else ctx.capabilitiesKnown = false;
}

async function show() {
  const view = document.getElementById('view');
  ctx.listeners.clear();
  view.replaceChildren();
  document.getElementById('status').textContent = '';
  if (!session.user) return;
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const render = routes[name] || routes.dashboard;
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.getAttribute('href') === `#/${name || 'dashboard'}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  await render(view, ctx, rest.map(decodeURIComponent));
  translate(view);
  applyCapabilities(view);
  const heading = view.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

function loggedIn() {
  document.getElementById('login').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = t(isAdmin() ? 'login.as-admin' : 'login.as-viewer', { user: session.user });
  document.body.classList.toggle('readonly', !isAdmin());
  loadCapabilities().then(() => show());
  stream.start();
}

function loggedOut(message) {
  stream.stop();
  ctx.listeners.clear();
  document.getElementById('view').replaceChildren();
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  const form = document.getElementById('login');
  form.hidden = false;
  document.getElementById('login-error').textContent = message || '';
  document.getElementById('login-user').focus();
}

async function boot() {
  await initI18n();
  const form = document.getElementById('login');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const user = form.user.value.trim();
    const password = form.password.value;
    if (!user || !password) {
      document.getElementById('login-error').textContent = t('login.missing');
      return;
    }
    const r = await login(user, password);
    form.password.value = '';
    if (r.ok) loggedIn();
    else document.getElementById('login-error').textContent = r.status === 401 ? t('login.refused') : (r.data.detail || t('error.generic'));
  });
  document.getElementById('logout').addEventListener('click', async () => { await logout(); loggedOut(t('login.bye')); });
  onSessionExpired(() => { session.user = null; loggedOut(t('login.expired')); });
  window.addEventListener('hashchange', () => show());
  if (await resume()) loggedIn();
  else loggedOut();
  document.body.dataset.ready = 'true';
}

boot();
