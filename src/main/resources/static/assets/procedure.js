// One procedure: its record, physician sign-off, the evidence verdict with its rules, key images,
// dose, chain of custody and the evidence packets.
import { api, shell, el, badge, ApiError, ready } from './api.js';
import { pf, procedureFields as f } from './procedures.js';

const $ = id => document.getElementById(id);
const id = location.pathname.split('/').pop();
const base = `/api/procedures/${encodeURIComponent(id)}`;
const me = await shell(null);
const kv = pairs => el('dl', { class: 'kv' }, pairs.filter(([, v]) => v !== '' && v != null).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
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
  $('title').textContent = `Procedure #${p.id}`;
  $('status').replaceChildren(badge(f.status(p)));
  $('record').replaceChildren(kv([
    ['Date of service', f.date(p)], ['Patient', `${f.patientName(p)} (ID ${f.patientId(p)})`], ['Accession', f.accession(p)],
    ['Physician', f.physician(p)], ['Procedure', pf(p, 'procedureCode', 'cptCode', 'description')],
    ['Level', pf(p, 'level')], ['Approach', pf(p, 'approach')], ['Laterality', pf(p, 'laterality')],
    ['Version', pf(p, 'version')], ['Signed', [pf(p, 'signedBy'), pf(p, 'signedAt')].filter(Boolean).join(' · ')],
  ]));
  const studies = [].concat(pf(p, 'studyInstanceUids', 'studies') || []).map(s => typeof s === 'string' ? s : s.studyInstanceUid).filter(Boolean);
  if (studies.length) {
    $('record').append(el('p', {}, ...studies.map((s, i) => el('a', { class: 'btn', href: `/studies/${encodeURIComponent(s)}` }, `Review study ${i + 1}`))));
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

async function loadEvidence() {
  try {
    const ev = await api(`${base}/evidence`);
    $('verdict').replaceChildren(badge(ev.verdict));
    $('evidence').replaceChildren(el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Rule'), el('th', {}, 'Status'), el('th', {}, 'Finding'), el('th', {}, 'Evidence'))),
      el('tbody', {}, (ev.rules || []).map(r => el('tr', {},
        el('td', {}, r.title || r.id), el('td', {}, badge(r.status)), el('td', { style: 'white-space:normal' }, r.message || ''),
        el('td', { style: 'white-space:normal' }, (r.evidence || []).map(x => typeof x === 'string' ? x : JSON.stringify(x)).join('; ')))))));
    return ev;
  } catch (e) {
    $('evidence').textContent = e instanceof ApiError && e.status === 404 ? 'No evidence evaluation for this procedure yet.' : e.message;
    return null;
  }
}

async function loadDose(studies) {
  if (!studies.length) { $('dose').textContent = 'No study linked.'; return; }
  const doses = await Promise.all(studies.map(s => api(`/api/studies/${encodeURIComponent(s)}/dose`).catch(() => null)));
  const totals = doses.filter(Boolean).flatMap(d => d.totals.map(t => [`${t.meaning} (${d.source})`, `${t.value} ${t.unit}`]));
  $('dose').replaceChildren(totals.length ? kv(totals) : 'No dose report received.');
}

async function loadKeyImages(studies) {
  const images = [];
  for (const s of studies) {
    const inst = await api(`/dicomweb/studies/${encodeURIComponent(s)}/instances`, { accept: 'application/dicom+json' }).catch(() => []);
    for (const i of inst) {
      const uid = i['00080018']?.Value?.[0];
      if (!i['00280010']) continue;
      const a = await api(`/api/instances/${encodeURIComponent(uid)}/annotations`).catch(() => null);
      const cur = a?.current;
      if (!cur?.keyImage) continue;
      for (const frame of (cur.keyFrames?.length ? cur.keyFrames : [cur.needleTip?.frame || 1])) images.push({ uid, frame, a: cur });
    }
  }
  $('key-images').replaceChildren(...(images.length ? images.map(k => el('figure', { style: 'margin:0;width:180px' },
    el('img', { src: `/api/instances/${encodeURIComponent(k.uid)}/frames/${k.frame}/rendered`, alt: `Key frame ${k.frame}`, style: 'width:180px;background:#000' }),
    el('figcaption', { class: 'muted' }, `frame ${k.frame} · ${[k.a.level, k.a.contrastPattern].filter(Boolean).join(' · ')}`)))
    : ['No key images marked.']));
}

async function loadCustody() {
  try {
    const c = await api(`${base}/custody`);
    const rows = Array.isArray(c) ? c : (c.events || []);
    $('custody').replaceChildren(el('ol', {}, rows.map(e => el('li', {}, Object.values(e).join(' · ')))));
  } catch {
    $('custody').textContent = 'The chain of custody is part of the evidence packet.';
  }
}

const rec = await loadRecord();
if (rec) await Promise.all([loadEvidence(), loadDose(rec.studies), loadKeyImages(rec.studies), loadCustody()]);
ready();
