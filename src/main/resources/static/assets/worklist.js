// Worklist: procedures of the chosen days (status, evidence verdict) and the studies waiting for review.
import { api, shell, esc, dv, T, fmtDate, fmtName, isoDay, ApiError, ready } from './api.js';
import { procedureRows, asList } from './procedures.js';

await shell('worklist');

const from = document.getElementById('from'), to = document.getElementById('to'), filter = document.getElementById('filter');
const today = new Date();
to.value = isoDay(today);
from.value = isoDay(new Date(today.getTime() - 7 * 86400000));

let procedures = [];

/** One HTML string for all rows: 1,000 procedures render in a few ms. */
function renderProcedures() {
  const t0 = performance.now();
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const rows = procedures.filter(p => !words.length || words.every(w => JSON.stringify(p).toLowerCase().includes(w)));
  const html = procedureRows(rows);
  const tbody = document.querySelector('#procedures tbody');
  tbody.innerHTML = html || '<tr><td colspan="8" class="muted">No procedures in these days.</td></tr>';
  void tbody.offsetHeight; // include the layout in the measured time
  const ms = performance.now() - t0;
  const info = document.getElementById('procedures-info');
  info.textContent = `${rows.length} of ${procedures.length} procedures`;
  info.dataset.renderMs = ms.toFixed(1);
}

async function loadProcedures() {
  const info = document.getElementById('procedures-info');
  try {
    const q = new URLSearchParams({ from: from.value, to: to.value });
    const data = await api(`/api/procedures?${q}`);
    procedures = asList(data);
    renderProcedures();
  } catch (e) {
    procedures = [];
    document.querySelector('#procedures tbody').replaceChildren();
    info.textContent = e instanceof ApiError && e.status === 404
      ? 'Procedure records are not available on this server.' : `Could not load procedures (${e.message}).`;
  }
}

async function loadStudies() {
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
