// Calls to FluoroVault's APIs from the pages: JSON in and out, the session's CSRF token on writes,
// failures as ApiError with the server's own message. No DOM: it reads document.cookie and sets
// location only when called, so it can be imported anywhere.

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

/** The value of cookie `name` in a Cookie header ("a=1; b=2"), or ''. */
export function cookieValue(cookies, name) {
  const hit = String(cookies || '').split('; ').find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : '';
}

export const csrfToken = () => cookieValue(document.cookie, 'XSRF-TOKEN');

/**
 * What an error answer says: an RFC 9457 problem's detail (application/problem+json: title, status,
 * detail) first, then the older {error} body, then plain text.
 */
export function errorText(data) {
  if (data == null) return '';
  if (typeof data === 'string') return data.trim();
  return String(data.detail || data.error || data.title || data.message || JSON.stringify(data)).trim();
}

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
  if (!rsp.ok) throw new ApiError(rsp.status, `${rsp.status}: ${errorText(data)}`.trim());
  return data;
}

let vocabularies;
/**
 * The server's vocabularies, asked for once per page (GET /api/vocabulary): {annotationChoices:
 * {level: [...], ...}, worklistStatusOrder: [...], pages: [{key, path, title, menu, roles}]}.
 */
export const vocabulary = () => (vocabularies ??= api('/api/vocabulary'));
