// The page's only way to the PBX: the REST API of org.plugboard.rest. Logs in with the session cookie
// (POST /api/session); on a PBX whose API has no session route yet it falls back to HTTP Basic in a header.
const CSRF = { 'X-Requested-With': 'plugboard-web' };

export const session = { user: null, roles: [], mayChange: null, basic: null };

export function isAdmin() {
  return session.mayChange ?? session.roles.includes('admin');
}

/** An API answer: ok, status, data (JSON, text, or the problem+json object when not ok). */
export async function api(method, path, body, type = 'application/json') {
  const headers = { Accept: 'application/json, application/problem+json, */*', ...CSRF };
  if (session.basic) headers.Authorization = session.basic;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = type;
    payload = type === 'application/json' ? JSON.stringify(body) : body;
  }
  let r;
  try {
    r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    return { ok: false, status: 0, data: { title: 'network', detail: String(e) } };
  }
  const ct = r.headers.get('Content-Type') || '';
  let data = null;
  if (r.status !== 204) data = ct.includes('json') ? await r.json().catch(() => null) : await r.text();
  if (r.status === 401 && session.user && path !== '/api/session') onExpired();
  return { ok: r.ok, status: r.status, data: data ?? {} };
}

let expired = () => {};
function onExpired() { expired(); }
export function onSessionExpired(f) { expired = f; }

/** A route the PBX does not have (yet), or whose feature is not installed: its section hides. */
export function absent(reply) {
  return reply.status === 404 || reply.status === 503 || reply.status === 501;
}

export async function login(user, password) {
  const r = await api('POST', '/api/session', { user, password });
  if (r.ok) {
    Object.assign(session, { user: r.data.user || user, roles: r.data.roles || [], mayChange: r.data.mayChange ?? null, basic: null });
    return r;
  }
  if (r.status !== 404 && r.status !== 405) return r;
  return loginBasic(user, password);
}

async function loginBasic(user, password) {
  const basic = `Basic ${btoa(unescape(encodeURIComponent(`${user}:${password}`)))}`;
  Object.assign(session, { user, roles: [], mayChange: null, basic });
  const probe = await api('GET', '/api/extensions?limit=1');
  if (!probe.ok) {
    Object.assign(session, { user: null, basic: null });
    return probe;
  }
  // No session route to name the roles: a change to an extension that cannot exist tells admin (404) from viewer (403).
  const admin = await api('PATCH', '/api/extensions/~role-probe', {});
  session.roles = admin.status === 403 ? ['viewer'] : ['admin', 'viewer'];
  return { ok: true, status: 200, data: { user, roles: session.roles } };
}

/** Who is logged in by cookie (after a reload), or null. */
export async function resume() {
  const r = await api('GET', '/api/session');
  if (!r.ok) return null;
  Object.assign(session, { user: r.data.user, roles: r.data.roles || [], mayChange: r.data.mayChange ?? null, basic: null });
  return session;
}

export async function logout() {
  if (!session.basic) await api('DELETE', '/api/session');
  Object.assign(session, { user: null, roles: [], mayChange: null, basic: null });
}

/** query({a: 1, b: ''}) -> "?a=1": empty values left out */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
