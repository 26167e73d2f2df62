// The audit log (ADMIN, AUDITOR): entries by time, user, patient or procedure, 100 a page, and the
// verification of its hash chain. Reading the log is itself recorded in it.
import { api } from './http.js';
import { $, el, badge, shell, ready } from './dom.js';
import { fmtTime } from './format.js';

await shell('audit-log');
const SIZE = 100;
let page = 0;

const COLUMNS = [
  ['Time', e => fmtTime(e.time, { seconds: true })],
  ['Event', e => [e.eventName, e.eventTypeName].filter(Boolean).join(' · ')],
  ['Outcome', e => e.outcome === '0' || e.outcome === 0 ? badge('success', 'ok') : badge(`failure ${e.outcome}`, 'fail')],
  ['User', e => [e.user, e.role && `(${String(e.role).toLowerCase()})`].filter(Boolean).join(' ')],
  ['From', e => e.sourceAddress ?? ''],
  ['Patient', e => e.patientId ?? ''],
  ['Procedure', e => e.procedureId ? el('a', { href: `/procedures/${encodeURIComponent(e.procedureId)}` }, `#${e.procedureId}`) : ''],
  ['Detail', e => e.detail ?? ''],
];

async function load() {
  const q = new URLSearchParams({ page, size: SIZE });
  for (const [k, v] of new FormData($('filter')).entries()) if (v.trim()) q.set(k, v.trim());
  try {
    const r = await api(`/api/audit?${q}`);
    $('entries').tHead.replaceChildren(el('tr', {}, COLUMNS.map(([h]) => el('th', {}, h))));
    $('entries').tBodies[0].replaceChildren(...r.items.map(e => el('tr', { dataset: { id: e.id } },
      COLUMNS.map(([h, f]) => el('td', h === 'Detail' ? { style: 'white-space:normal' } : {}, f(e))))));
    const first = r.page * r.size;
    $('info').textContent = r.total ? `${first + 1}-${first + r.items.length} of ${r.total} entries` : 'No entries.';
    $('newer').disabled = r.page === 0;
    $('older').disabled = first + r.items.length >= r.total;
  } catch (e) {
    $('info').textContent = e.message;
  }
}

$('filter').addEventListener('submit', e => { e.preventDefault(); page = 0; load(); });
$('newer').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
$('older').addEventListener('click', () => { page++; load(); });
$('verify').addEventListener('click', async () => {
  const out = $('verify-result');
  out.textContent = 'Verifying…';
  try {
    const v = await api('/api/audit/verify');
    out.replaceChildren(v.valid ? badge('chain intact', 'ok') : badge('chain broken', 'fail'),
      el('span', { class: 'muted' }, v.valid ? ` ${v.checked} entries checked` : ` at entry ${v.firstBrokenId}: ${v.reason}`));
  } catch (e) {
    out.textContent = e.message;
  }
});
await load();
ready();
