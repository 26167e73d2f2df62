// The audit log (ADMIN, AUDITOR) and the verification of its hash chain.
import { api, shell, el, badge, ready } from './api.js';

await shell('audit');
const $ = id => document.getElementById(id);
const cell = v => v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

async function load() {
  const q = new URLSearchParams();
  for (const [k, v] of new FormData($('filter')).entries()) if (v) q.set(k, v);
  try {
    const data = await api(`/api/audit?${q}`);
    const rows = Array.isArray(data) ? data : (data.items || data.entries || []);
    const cols = rows.length ? Object.keys(rows[0]).filter(k => !/hash|signature/i.test(k)) : [];
    $('entries').tHead.replaceChildren(el('tr', {}, cols.map(c => el('th', {}, c))));
    $('entries').tBodies[0].replaceChildren(...rows.map(r => el('tr', {}, cols.map(c => el('td', {}, cell(r[c]))))));
    $('info').textContent = `${rows.length} entries`;
  } catch (e) {
    $('info').textContent = e.status === 404 ? 'The audit trail is not available on this server.' : e.message;
  }
}

$('filter').addEventListener('submit', e => { e.preventDefault(); load(); });
$('verify').addEventListener('click', async () => {
  try {
    const v = await api('/api/audit/verify');
    const ok = v.valid ?? v.ok ?? v.intact;
    $('verify-result').replaceChildren(badge(ok ? 'intact' : 'broken', ok ? 'ok' : 'fail'),
      el('span', { class: 'muted' }, ` ${v.entries ?? v.checked ?? ''} ${v.message ?? ''}`));
  } catch (e) {
    $('verify-result').textContent = e.message;
  }
});
await load();
ready();
