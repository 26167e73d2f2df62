// Administration: users and roles, the DICOM node's AE settings and storage (read-only).
import { api } from './http.js';
import { $, el, kv, shell, ready } from './dom.js';
import { fmtTime } from './format.js';

await shell('admin');
const size = b => b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : `${(b / 1e6).toFixed(0)} MB`;

async function loadUsers() {
  const users = await api('/api/admin/users');
  $('users').tBodies[0].replaceChildren(...users.map(u => el('tr', {},
    el('td', {}, u.username), el('td', {}, u.role.toLowerCase()), el('td', {}, u.enabled ? 'yes' : 'no'),
    el('td', {}, fmtTime(u.createdAt)))));
}

$('new-user').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target, status = $('new-user-status');
  try {
    await api('/api/admin/users', { method: 'POST', body: { username: f.username.value, password: f.password.value, role: f.role.value } });
    status.textContent = `User ${f.username.value} added.`;
    f.reset();
    await loadUsers();
  } catch (err) {
    status.textContent = err.message;
  }
});

async function loadSystem() {
  const { node, storage } = await api('/api/admin/system');
  const dests = Object.entries(node.moveDestinations || {});
  $('node').replaceChildren(kv([
    ['AE title', node.aeTitle], ['Port', `${node.port} on ${node.bindAddress}`],
    ['Allowed callers', node.allowedCallingAets.length ? node.allowedCallingAets.join(', ') : 'any AE title'],
    ['Associations', `at most ${node.maxAssociations} at once`],
    ['TLS', node.tls.enabled ? `port ${node.tls.port}, ${node.tls.protocols.join(', ')}${node.tls.needClientAuth ? ', client certificate required' : ''}` : 'off'],
    ['C-MOVE destinations', dests.length ? dests.map(([ae, d]) => `${ae} → ${d.host}:${d.port}${d.tls ? ' (TLS)' : ''}`).join('; ') : 'none'],
  ]));
  $('storage').replaceChildren(kv([
    ['Folder', storage.path], ['Free', size(storage.freeBytes)], ['Refuses objects below', size(storage.minFreeBytes)],
    ['Accepting objects', storage.acceptingObjects ? 'yes' : 'no: free space below the threshold'],
    ['Durable writes (fsync)', storage.fsync ? 'on' : 'off'], ['Objects stored', storage.objects.toLocaleString()],
  ]));
}

const short = h => h ? `${h.slice(0, 12)}…` : '';

async function loadQuarantine() {
  const q = await api('/api/admin/storage/quarantine');
  $('quarantine-count').textContent = q.count === 0 ? 'Nothing in quarantine.'
    : `${q.count.toLocaleString()} object${q.count === 1 ? '' : 's'} in quarantine${q.count > q.entries.length ? ` (newest ${q.entries.length} shown)` : ''}.`;
  $('quarantine').tBodies[0].replaceChildren(...q.entries.map(e => {
    const act = (label, method, path, confirmText) => el('button', { class: 'btn', type: 'button', onclick: async () => {
      if (!confirm(confirmText)) return;
      try {
        await api(path, { method });
        $('quarantine-status').textContent = `${label}: ${e.sopInstanceUid}`;
      } catch (err) {
        $('quarantine-status').textContent = err.message;
      }
      await loadQuarantine();
    } }, label);
    return el('tr', {},
      el('td', {}, fmtTime(e.receivedAt, { seconds: true })), el('td', {}, e.sopInstanceUid),
      el('td', {}, e.callingAet ?? ''), el('td', {}, e.reason ?? ''),
      el('td', { title: e.indexedSha256 ?? '' }, short(e.indexedSha256)), el('td', { title: e.quarantinedSha256 }, short(e.quarantinedSha256)),
      el('td', {}, act('Release', 'POST', `/api/admin/storage/quarantine/${e.id}/release`,
        `Make the quarantined object the stored ${e.sopInstanceUid}? The stored one moves to the quarantine.`), ' ',
        act('Delete', 'DELETE', `/api/admin/storage/quarantine/${e.id}`, `Delete the quarantined copy of ${e.sopInstanceUid}?`)));
  }));
}

async function loadMissing() {
  const m = await api('/api/admin/storage/missing');
  $('missing').replaceChildren(m.count === 0 ? 'None found: every object read since start had its file.'
    : el('div', {}, `${m.count} indexed object${m.count === 1 ? ' has' : 's have'} no file on disk: restore them from a backup or have the sender send them again.`,
      el('ul', {}, ...m.objects.map(o => el('li', {}, `${o.sopInstanceUid} (${o.path})`)))));
}


/** HL7 changes of signed records waiting for an ADMIN to apply or discard them. */
async function loadHeld() {
  const held = await api('/api/admin/hl7/held?status=HELD&size=200');
  $('held-status').textContent = held.length ? '' : 'Nothing is held.';
  $('held').tBodies[0].replaceChildren(...held.map(h => {
    const why = el('input', { type: 'text', size: 16, placeholder: 'Reason', 'aria-label': 'Reason for the decision' });
    const decide = action => async () => {
      try {
        await api(`/api/admin/hl7/held/${h.id}/${action}`, { method: 'POST', body: { reason: why.value.trim() || null } });
        await loadHeld();
      } catch (err) { $('held-status').textContent = err.message; }
    };
    const p = h.patient || {};
    return el('tr', {}, el('td', {}, fmtTime(h.receivedAt)),
      el('td', {}, `${h.messageType} ${h.controlId}`), el('td', {}, `${h.sender ?? ''} at ${h.sourceAddress ?? ''}`),
      el('td', {}, el('a', { href: `/procedures/${h.procedureId}` }, `#${h.procedureId}`)), el('td', {}, h.currentPatientId),
      el('td', {}, [p.id, p.name, p.birthDate, p.sex].filter(x => x).join(', ')), el('td', {}, why),
      el('td', {}, el('button', { class: 'btn', type: 'button', onclick: decide('apply') }, 'Apply'), ' ',
        el('button', { class: 'btn', type: 'button', onclick: decide('discard') }, 'Discard')));
  }));
}

await Promise.all([loadUsers(), loadSystem(), loadHeld(), loadQuarantine(), loadMissing()]);
ready();
