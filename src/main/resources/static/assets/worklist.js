// Worklist: procedures of the chosen days (worklist status, evidence verdict), drawn as a windowed
// table (only the rows in view), and the studies waiting to be linked.
import { api, vocabulary } from './http.js';
import { $, el, shell, ready } from './dom.js';
import { fmtDate, isoDay, filterProcedures } from './format.js';
import { procedureTable, searchAll } from './procedures.js';

await shell('worklist');
const { worklistStatusOrder } = await vocabulary();

const from = $('from'), to = $('to'), filter = $('filter');
const today = new Date();
to.value = isoDay(today);
from.value = isoDay(new Date(today.getTime() - 7 * 86400000));

let procedures = [];
const QUEUE_SHOWN = 500;
const table = procedureTable(api, $('procedures'), 'No procedures in these days.', worklistStatusOrder);

/** Filters the whole list, then draws the rows in view (the table keeps the rest as spacers). */
function renderProcedures() {
  const t0 = performance.now();
  const rows = filterProcedures(procedures, filter.value);
  const drawn = table.show(rows);
  void $('procedures').offsetHeight; // include the layout in the measured time
  const ms = performance.now() - t0;
  const info = $('procedures-info');
  info.textContent = `${rows.length} of ${procedures.length} procedures`;
  info.dataset.renderMs = ms.toFixed(1);
  info.dataset.rowsDrawn = String(drawn);
}

async function loadProcedures() {
  try {
    procedures = (await searchAll(api, { from: from.value, to: to.value })).items;
    renderProcedures();
    performance.mark('fv-procedures'); // fetched and laid out
  } catch (e) {
    procedures = [];
    table.show([]);
    $('procedures-info').textContent = `Could not load procedures (${e.message}).`;
  }
}

/** Studies no rule could attach to a procedure, to be linked here. */
async function loadStudies() {
  const queue = await api(`/api/link-queue?size=${QUEUE_SHOWN}`);
  $('studies').tBodies[0].replaceChildren(...queue.map(q => {
    const input = el('input', { type: 'text', size: 6, inputmode: 'numeric', placeholder: '#', list: `cand-${q.studyInstanceUid}`,
      'aria-label': 'Procedure number', value: q.candidates?.length === 1 && q.reason !== 'CONFLICT' ? q.candidates[0] : null });
    // a study of another patient is linked only with a reason (the server refuses it without one)
    const conflict = q.reason === 'CONFLICT';
    const why = el('input', { type: 'text', size: 14, placeholder: conflict ? 'Reason (required)' : 'Reason',
      'aria-label': 'Reason for the link', required: conflict ? '' : null });
    const status = el('span', { class: 'muted' });
    const link = el('form', { class: 'row', onsubmit: async e => {
      e.preventDefault();
      try {
        await api(`/api/procedures/${encodeURIComponent(input.value.trim())}/studies`, { method: 'POST',
          body: { studyInstanceUid: q.studyInstanceUid, reason: why.value.trim() || (conflict ? null : 'linked from the worklist') } });
        await reload();
      } catch (err) { status.textContent = err.message; }
    } }, input, el('datalist', { id: `cand-${q.studyInstanceUid}` }, (q.candidates || []).map(c => el('option', { value: c }))),
    why, el('button', { class: 'btn', type: 'submit' }, 'Link'), status);
    return el('tr', {}, el('td', {}, fmtDate(q.studyDate)), el('td', {}, q.patientId ?? ''), el('td', {}, q.accessionNumber ?? ''),
      el('td', {}, (q.modalities || []).join(', ')),
      el('td', { style: 'white-space:normal' }, `${String(q.reason).toLowerCase()}${q.detail ? `: ${q.detail}` : ''}`),
      el('td', {}, link), el('td', {}, el('a', { class: 'btn', href: `/studies/${encodeURIComponent(q.studyInstanceUid)}` }, 'Review')));
  }));
  $('studies-info').textContent = !queue.length ? 'Every study is linked.'
    : queue.length < QUEUE_SHOWN ? `${queue.length} studies wait for a procedure` : `The first ${QUEUE_SHOWN} studies waiting for a procedure`;
}

const reload = () => Promise.all([loadProcedures(), loadStudies()]);
from.addEventListener('change', reload);
to.addEventListener('change', reload);
filter.addEventListener('input', renderProcedures);
await reload();
ready();
