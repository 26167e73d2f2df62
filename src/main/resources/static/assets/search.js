// Auditor search: by patient, accession, physician, date of service or procedure number.
import { api, vocabulary } from './http.js';
import { $, shell, ready } from './dom.js';
import { procedureFields } from './format.js';
import { procedureTable, searchAll } from './procedures.js';

await shell('search');
const { worklistStatusOrder } = await vocabulary();
const form = $('search'), info = $('info');
const table = procedureTable(api, $('results'), 'No procedure matches.', worklistStatusOrder);

form.addEventListener('submit', async e => {
  e.preventDefault();
  const v = Object.fromEntries(new FormData(form).entries());
  if (v.id) { location.href = `/procedures/${encodeURIComponent(v.id)}`; return; }
  const q = new URLSearchParams();
  for (const k of ['patientId', 'accession', 'from', 'to']) if (v[k]) q.set(k, v[k].trim());
  info.textContent = 'Searching…';
  try {
    let { items: list, total } = await searchAll(api, Object.fromEntries(q), 2000);
    const phys = v.physician.trim().toLowerCase();
    if (phys) list = list.filter(p => procedureFields.physician(p).toLowerCase().includes(phys));
    table.show(list);
    info.textContent = list.length ? `${list.length} procedure${list.length === 1 ? '' : 's'}${total > list.length && !phys ? ` of ${total}` : ''}` : 'No procedure matches.';
  } catch (err) {
    info.textContent = err.message;
  }
});
ready();
