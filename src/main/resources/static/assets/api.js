// Shared helpers of every page: API calls with the session's CSRF token, a tiny DOM builder,
// DICOM JSON accessors and the app shell (navigation by role).

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function cookie(name) {
  const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : '';
}

export const csrfToken = () => cookie('XSRF-TOKEN');

/** fetch() for our APIs: JSON in and out, CSRF header on writes, back to the login page when the session ended. */
export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { 'Accept': accept, 'X-Requested-With': 'XMLHttpRequest' };
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const rsp = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin' });
  if (rsp.status === 401) { location.href = '/login?expired'; throw new ApiError(401, 'session ended'); }
  const type = rsp.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await rsp.json() : await rsp.text();
  if (!rsp.ok) {
    const msg = typeof data === 'string' ? data : (data.error || data.message || data.detail || JSON.stringify(data));
    throw new ApiError(rsp.status, `${rsp.status}: ${msg}`.trim());
  }
  return data;
}

/** el('a', {href: '/x', class: 'btn'}, 'text', child): text is always a text node, never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

/** Escapes text for the few places that build HTML strings for speed (long tables). */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// ---- DICOM JSON (PS3.18 F.2)
export function dv(obj, tag) {
  const v = obj?.[tag]?.Value?.[0];
  return v && typeof v === 'object' && 'Alphabetic' in v ? v.Alphabetic : v;
}
export const T = {
  StudyDate: '00080020', StudyTime: '00080030', Accession: '00080050', Modality: '00080060', Modalities: '00080061',
  SopClass: '00080016', SopInstance: '00080018', StudyDescription: '00081030', SeriesDescription: '0008103E',
  PatientName: '00100010', PatientId: '00100020', PatientBirthDate: '00100030', PatientSex: '00100040',
  StudyUid: '0020000D', SeriesUid: '0020000E', SeriesNumber: '00200011', InstanceNumber: '00200013',
  StudyInstances: '00201208', Frames: '00280008', Rows: '00280010', Columns: '00280011', Physician: '00080090',
};

export const fmtDate = d => (d && /^\d{8}$/.test(d)) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : (d || '');
export const fmtName = n => (n || '').replaceAll('^', ' ').trim();
export const isoDay = date => date.toISOString().slice(0, 10);

export function badge(text, kind = text) {
  return el('span', { class: `badge badge-${String(kind).toLowerCase().replaceAll('_', '-')}` }, String(text).replaceAll('_', ' ').toLowerCase());
}

/** Tells tests and the curious that the page has drawn its data. */
export function ready() {
  document.body.dataset.ready = 'true';
  document.dispatchEvent(new Event('fv-ready'));
}

export function notice(container, text, kind = 'info') {
  container.replaceChildren(el('p', { class: `notice notice-${kind}` }, text));
}

const NAV = [
  { key: 'worklist', href: '/worklist', label: 'Worklist', roles: ['ADMIN', 'TECHNOLOGIST', 'PHYSICIAN'] },
  { key: 'search', href: '/search', label: 'Search', roles: ['ADMIN', 'PHYSICIAN', 'AUDITOR'] },
  { key: 'audit', href: '/audit-log', label: 'Audit log', roles: ['ADMIN', 'AUDITOR'] },
  { key: 'admin', href: '/admin', label: 'Administration', roles: ['ADMIN'] },
];

/** Fills the page header: brand, the links the user's role may follow, user and logout. Returns /api/me. */
export async function shell(active) {
  const me = await api('/api/me');
  const logout = el('form', { method: 'post', action: '/logout', class: 'logout',
    onsubmit: e => { e.target.querySelector('input[name=_csrf]').value = csrfToken(); } },
  el('input', { type: 'hidden', name: '_csrf' }), el('button', { type: 'submit', class: 'link' }, 'Log out'));
  document.querySelector('header.top').replaceChildren(
    el('a', { href: '/', class: 'brand' }, 'FluoroVault'),
    el('nav', {}, NAV.filter(n => n.roles.includes(me.role))
      .map(n => el('a', { href: n.href, class: n.key === active ? 'active' : null }, n.label))),
    el('span', { class: 'user' }, `${me.username} · ${me.role.toLowerCase()}`), logout);
  document.body.dataset.role = me.role;
  return me;
}
