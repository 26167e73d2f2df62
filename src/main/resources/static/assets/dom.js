// The pages' DOM helpers: an element builder that never parses HTML, escaping for the few HTML
// strings, definition lists, badges, the ready signal and the shell (header, menu by role).
import { api, csrfToken, vocabulary } from './http.js';
import { badgeKind, badgeText } from './format.js';

/** The element with this id. */
export const $ = id => document.getElementById(id);

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

/** A definition list of [term, value] pairs; pairs without a value are left out. */
export function kv(pairs) {
  return el('dl', { class: 'kv' }, pairs.filter(([, v]) => v !== '' && v != null).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

export function badge(text, kind = text) {
  return el('span', { class: `badge badge-${badgeKind(kind)}` }, badgeText(text));
}

/** A badge as HTML (for the long tables), or a dash for no value. */
export const badgeHtml = v => v
  ? `<span class="badge badge-${esc(badgeKind(v))}">${esc(badgeText(v))}</span>`
  : '<span class="muted">—</span>';

/** Tells tests and the curious that the page has drawn its data. */
export function ready() {
  document.body.dataset.ready = 'true';
  document.dispatchEvent(new Event('fv-ready'));
}

export function notice(container, text, kind = 'info') {
  container.replaceChildren(el('p', { class: `notice notice-${kind}` }, text));
}

/**
 * Fills the page header: brand, the menu pages the user's role may open (the server's page table),
 * user and logout; `active` is the key of the page to mark. Returns /api/me.
 */
export async function shell(active) {
  const [me, { pages }] = await Promise.all([api('/api/me'), vocabulary()]);
  const logout = el('form', { method: 'post', action: '/logout', class: 'logout',
    onsubmit: e => { e.target.querySelector('input[name=_csrf]').value = csrfToken(); } },
  el('input', { type: 'hidden', name: '_csrf' }), el('button', { type: 'submit', class: 'link' }, 'Log out'));
  document.querySelector('header.top').replaceChildren(
    el('a', { href: '/', class: 'brand' }, 'FluoroVault'),
    el('nav', {}, pages.filter(p => p.menu && p.roles.includes(me.role))
      .map(p => el('a', { href: p.path, class: p.key === active ? 'active' : null }, p.title))),
    el('span', { class: 'user' }, `${me.username} · ${me.role.toLowerCase()}`), logout);
  document.body.dataset.role = me.role;
  return me;
}
