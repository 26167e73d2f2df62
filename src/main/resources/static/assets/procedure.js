// One procedure: its record, physician sign-off, the evidence verdict with its rules, key images,
// dose, chain of custody and the evidence packets.
import { api, ApiError } from './http.js';
import { $, el, kv, badge, shell, ready } from './dom.js';
import { procedureFields as f, fmtTime } from './format.js';

const id = location.pathname.split('/').pop();
const base = `/api/procedures/${encodeURIComponent(id)}`;
const me = await shell(null);
$('pdf').href = `${base}/packet.pdf`;
$('zip').href = `${base}/packet.zip`;

function message(text, kind = 'info') {
  const m = $('message');
  m.className = `notice notice-${kind}`;
  m.textContent = text;
  m.hidden = false;
}

async function loadRecord() {
  let p;
  try {
    p = await api(base);
  } catch (e) {
    $('record').textContent = e.status === 404 ? 'No such procedure.' : e.message;
    return null;
  }
  const d = p.data || {};
  $('title').textContent = `Procedure #${p.id}`;
  $('status').replaceChildren(badge(p.status));
  $('record').replaceChildren(kv([
    ['Date of service', f.date(p)], ['Patient', `${f.patientName(p)} (ID ${f.patientId(p)})`], ['Accession', f.accession(p)],
    ['Physician', f.physician(p)], ['CPT', d.cptCode], ['Levels', (d.levels || []).join(', ')],
    ['Approach', [d.approach, d.laterality].filter(Boolean).join(', ').toLowerCase()],
    ['Contrast', d.contrastContraindication ? `not given: ${String(d.contrastContraindication.kind).toLowerCase()} ${d.contrastContraindication.text || ''}` : ''],
    ['Version', `${p.version} · ${p.updatedBy || ''} ${fmtTime(p.updatedAt)}`],
  ]));
  const links = await api(`${base}/studies`).catch(() => []);
  const studies = [...new Set([...links.map(l => l.studyInstanceUid)])];
  if (studies.length) {
    $('record').append(el('p', {}, ...studies.map((s, i) => el('a', { class: 'btn', href: `/studies/${encodeURIComponent(s)}` },
      `Review study ${i + 1}`))));
  } else {
    $('record').append(el('p', { class: 'muted' }, 'No study linked yet.'));
  }
  signoff(p);
  return { p, studies };
}

function signoff(p) {
  if (me.role !== 'PHYSICIAN') return;
  $('signoff-card').hidden = false;
  const status = f.status(p), button = $('sign');
  const text = { REVIEWED: 'The images are reviewed. Signing makes this version of the record final; a later change needs a new signature.',
    SIGNED: 'This version is signed.' }[status] || `Only a reviewed procedure can be signed (now ${String(status).toLowerCase()}).`;
  $('signoff-text').textContent = text;
  button.disabled = status !== 'REVIEWED';
  button.onclick = async () => {
    button.disabled = true;
    try {
      await api(`${base}/sign`, { method: 'POST', body: {} });
      message('Signed.', 'ok');
      await loadRecord();
    } catch (e) {
      message(`Not signed: ${e.message}`, 'error');
      button.disabled = false;
    }
  };
}

const evidenceText = x => [x.type && x.type.toLowerCase(), x.text].filter(Boolean).join(': ');

async function loadEvidence() {
  try {
    const ev = await api(`${base}/evidence`);
    $('verdict').replaceChildren(badge(ev.verdict));
    $('evidence').replaceChildren(
      el('p', { class: 'muted' }, `Rule set ${ev.ruleSetVersion ?? ''}, evaluated ${fmtTime(ev.evaluatedAt)}`),
      el('table', { class: 'grid', id: 'rules' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Rule'), el('th', {}, 'Status'), el('th', {}, 'Finding'), el('th', {}, 'Evidence'))),
        el('tbody', {}, (ev.rules || []).map(r => el('tr', { dataset: { rule: r.id } },
          el('td', { style: 'white-space:normal' }, r.title || r.id), el('td', {}, badge(r.status)),
          el('td', { style: 'white-space:normal' }, r.message || ''),
          el('td', { style: 'white-space:normal' }, el('ul', { class: 'reasons' }, (r.evidence || []).map(x => el('li', {}, evidenceText(x))))))))));
    return ev;
  } catch (e) {
    $('evidence').textContent = e instanceof ApiError && e.status === 404 ? 'No evidence evaluation for this procedure.' : e.message;
    return null;
  }
}

async function loadDose(studies) {
  if (!studies.length) { $('dose').textContent = 'No study linked.'; return; }
  const doses = await Promise.all(studies.map(s => api(`/api/studies/${encodeURIComponent(s)}/dose`).catch(() => null)));
  const totals = doses.filter(Boolean).flatMap(d => d.totals.map(t => [`${t.meaning} (${d.source})`, `${t.value} ${t.unit}`]));
  $('dose').replaceChildren(totals.length ? kv(totals) : 'No dose report received.');
}

/** The key images people marked in the linked studies, one figure per key frame (one request: .../key-images). */
async function loadKeyImages() {
  const marked = await api(`${base}/key-images`).catch(() => []);
  const frames = marked.flatMap(k => k.frames.map(frame => ({ uid: k.sopInstanceUid, frame, a: k.annotation })));
  $('key-images').replaceChildren(...(frames.length ? frames.map(k => el('figure', { style: 'margin:0;width:180px' },
    el('img', { src: `/api/instances/${encodeURIComponent(k.uid)}/frames/${k.frame}/rendered`, alt: `Key frame ${k.frame}`, style: 'width:180px;background:#000' }),
    el('figcaption', { class: 'muted' }, `frame ${k.frame} · ${[k.a.level, k.a.contrastPattern].filter(Boolean).join(' · ')}`)))
    : ['No key images marked.']));
}

/** Chain of custody on this page: how each study came to the procedure (the packets add the object hashes). */
async function loadCustody() {
  try {
    const events = await api(`${base}/studies/history`);
    $('custody').replaceChildren(events.length ? el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['When', 'What', 'Study', 'How', 'Who', 'Why'].map(h => el('th', {}, h)))),
      el('tbody', {}, events.map(e => el('tr', {}, el('td', {}, fmtTime(e.at, { seconds: true })),
        el('td', {}, String(e.action).toLowerCase()), el('td', {}, e.studyInstanceUid), el('td', {}, String(e.method).toLowerCase()),
        el('td', {}, e.actor), el('td', { style: 'white-space:normal' }, e.detail || '')))))
      : 'No study has been linked.');
  } catch (e) {
    $('custody').textContent = e.message;
  }
}

const rec = await loadRecord();
if (rec) await Promise.all([loadEvidence(), loadDose(rec.studies), loadKeyImages(), loadCustody()]);
ready();
