// Worklist: procedures of the chosen days (worklist status, evidence verdict), drawn as a windowed
// table (only the rows in view), and the studies waiting to be linked.
import { api, shell, el, esc, dv, T, fmtDate, fmtName, isoDay, ApiError, ready } from './api.js';
import { procedureFields, procedureTable, searchAll } from './procedures.js';

await shell('worklist');

const from = document.getElementById('from'), to = document.getElementById('to'), filter = document.getElementById('filter');
const today = new Date();
to.value = isoDay(today);
from.value = isoDay(new Date(today.getTime() - 7 * 86400000));

let procedures = [];
const QUEUE_SHOWN = 500;
const table = procedureTable(api, document.getElementById('procedures'), 'No procedures in these days.');

const haystack = p => (p.search ??= Object.values(procedureFields).map(f => f(p)).join(' ').toLowerCase() + ` #${p.id}`);

/** Filters the whole list, then draws the rows in view (the table keeps the rest as spacers). */
function renderProcedures() {
  const t0 = performance.now();
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const rows = procedures.filter(p => !words.length || words.every(w => haystack(p).includes(w)));
  const drawn = table.show(rows);
  void document.getElementById('procedures').offsetHeight; // include the layout in the measured time
  const ms = performance.now() - t0;
  const info = document.getElementById('procedures-info');
  info.textContent = `${rows.length} of ${procedures.length} procedures`;
  info.dataset.renderMs = ms.toFixed(1);
  info.dataset.rowsDrawn = String(drawn);
}

async function loadProcedures() {
  const info = document.getElementById('procedures-info');
  try {
    procedures = (await searchAll(api, { from: from.value, to: to.value })).items;
    renderProcedures();
    performance.mark('fv-procedures'); // fetched and laid out
  } catch (e) {
    procedures = [];
    table.show([]);
    info.textContent = e instanceof ApiError && e.status === 404
      ? 'Procedure records are not available on this server.' : `Could not load procedures (${e.message}).`;
  }
}

/** Studies no rule could attach to a procedure, to be linked here; the recent studies when there is no linker. */
async function loadStudies() {
  let queue;
  try {
    queue = await api(`/api/link-queue?size=${QUEUE_SHOWN}`);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    return recentStudies();
  }
  document.getElementById('studies-title').textContent = 'Studies to link';
  document.querySelector('#studies thead').innerHTML = '<tr><th>Date</th><th>Patient ID</th><th>Accession</th><th>Modalities</th><th>Why</th><th>Link to procedure</th><th></th></tr>';
  document.querySelector('#studies tbody').replaceChildren(...queue.map(q => {
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
  document.getElementById('studies-info').textContent = !queue.length ? 'Every study is linked.'
    : queue.length < QUEUE_SHOWN ? `${queue.length} studies wait for a procedure` : `The first ${QUEUE_SHOWN} studies waiting for a procedure`;
}

async function recentStudies() {
  const range = `${from.value.replaceAll('-', '')}-${to.value.replaceAll('-', '')}`;
  const studies = await api(`/dicomweb/studies?StudyDate=${range}&limit=1000`, { accept: 'application/dicom+json' });
  const html = studies.map(s => {
    const uid = dv(s, T.StudyUid);
    return `<tr><td>${esc(fmtDate(dv(s, T.StudyDate)))}</td><td>${esc(dv(s, T.PatientId))}</td>
      <td>${esc(fmtName(dv(s, T.PatientName)))}</td><td>${esc(dv(s, T.Accession))}</td>
      <td>${esc(dv(s, T.StudyDescription))}</td><td>${esc(dv(s, T.StudyInstances))}</td>
      <td><a class="btn" href="/studies/${encodeURIComponent(uid)}">Review</a></td></tr>`;
  }).join('');
  document.querySelector('#studies tbody').innerHTML = html || '<tr><td colspan="7" class="muted">No studies in these days.</td></tr>';
  document.getElementById('studies-info').textContent = `${studies.length} studies received in these days`;
}

const reload = () => Promise.all([loadProcedures(), loadStudies()]);
from.addEventListener('change', reload);
to.addEventListener('change', reload);
filter.addEventListener('input', renderProcedures);
await reload();
ready();
