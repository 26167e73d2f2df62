// Study review: runs of the study, the cine player with the analysis overlay, and the annotation
// tools (technologists and physicians) with the annotation history.
import { api, ApiError, vocabulary } from './http.js';
import { $, el, badge, shell, ready } from './dom.js';
import { dv, T, fmtDate, fmtName, fmtTime, label } from './format.js';
import { Cine } from './cine.js';
import { drawCurve } from './curve.js';

/** The analysis suggests EPIDURAL/VASCULAR/INTRATHECAL/NONE; INDETERMINATE has no observed-pattern counterpart. */
const CONFIRMABLE = new Set(['EPIDURAL', 'VASCULAR', 'INTRATHECAL', 'NONE']);
const studyUid = decodeURIComponent(location.pathname.split('/').pop());
const json = { accept: 'application/dicom+json' };

// the first frame comes first: the run list and the user are asked for at the same time
const mePromise = shell('worklist');
const early = await window.fvRuns; // started by the page itself, before this module loaded
const instances = early.ok ? await early.json() : await api(`/dicomweb/studies/${encodeURIComponent(studyUid)}/instances`, json);
const runs = instances.filter(i => dv(i, T.Rows) && dv(i, T.Frames))
  .sort((a, b) => (dv(a, T.InstanceNumber) ?? 0) - (dv(b, T.InstanceNumber) ?? 0));

const state = { uid: null, analysis: null, tip: null, keyFrames: new Set(), canAnnotate: false };
const cine = new Cine($('stage'), {
  drawOverlay, onImageClick: placeTip,
  onFrame: i => {
    $('slider').value = i + 1;
    $('frame-label').textContent = `${i + 1}/${cine.frames.length}`;
    curve();
  },
  onPlayState: playing => { $('play').textContent = playing ? 'Pause' : 'Play'; $('play').classList.toggle('on', playing); },
});

if (!runs.length) {
  $('stage').append(el('p', { class: 'notice', style: 'margin:16px' }, 'This study has no image runs.'));
} else {
  await openRun(runs[0]);
  requestAnimationFrame(() => performance.mark('fv-first-frame')); // the frame is on screen by the next animation frame
}
const me = await mePromise;
/** The values of each coded annotation field ({level: [...], approach: [...], ...}), from the server's vocabulary. */
const { annotationChoices: CHOICES } = await vocabulary();
state.canAnnotate = me.role === 'TECHNOLOGIST' || me.role === 'PHYSICIAN';
for (const e of document.querySelectorAll('.annotate-only')) e.hidden = !state.canAnnotate;
if (!state.canAnnotate) $('tool-tip').remove();
setupForm();
studyHeader();
thumbnails();
ready();

async function openRun(inst) {
  const uid = dv(inst, T.SopInstance);
  Object.assign(state, { uid, analysis: null, tip: null, keyFrames: new Set() });
  $('suggestion').hidden = true;
  document.querySelectorAll('#runs button').forEach(b => b.classList.toggle('active', b.dataset.uid === uid));
  const opened = cine.open(uid, api(`/api/instances/${encodeURIComponent(uid)}/frames`));
  await opened;
  $('slider').max = cine.frames.length;
  loadAnalysis(uid);
  loadAnnotations(uid);
  renderTip();
  renderKeyFrames();
}

function thumbnails() {
  $('runs').replaceChildren(...runs.map((inst, n) => {
    const uid = dv(inst, T.SopInstance);
    return el('button', { dataset: { uid }, class: uid === state.uid ? 'active' : null, onclick: () => openRun(inst) },
      el('img', { src: `/api/instances/${encodeURIComponent(uid)}/thumbnail`, alt: `Run ${n + 1}`, loading: 'lazy' }),
      el('span', { class: 'muted' }, `Run ${dv(inst, T.InstanceNumber) ?? n + 1} · ${dv(inst, T.Frames)} frames`));
  }));
}

async function studyHeader() {
  const [s] = await api(`/dicomweb/studies?StudyInstanceUID=${encodeURIComponent(studyUid)}`, json);
  if (!s) return;
  $('study-header').replaceChildren(el('h1', {}, fmtName(dv(s, T.PatientName)) || 'Study review'),
    el('span', { class: 'muted' }, `ID ${dv(s, T.PatientId) ?? ''} · ${fmtDate(dv(s, T.StudyDate))} · accession ${dv(s, T.Accession) ?? '—'} · ${dv(s, T.StudyDescription) ?? ''}`));
}

// ---- analysis
/** Below this confidence a result is shown as needing human judgement (ContrastAnalysis.NEEDS_JUDGEMENT_BELOW). */
const NEEDS_JUDGEMENT_BELOW = 0.5;
/** The calibration bands of docs/analysis.md. */
function band(c) {
  return c < 0.3 ? 'band 0-0.3' : c < 0.5 ? 'band 0.3-0.5' : c < 0.7 ? 'band 0.5-0.7' : c < 0.85 ? 'band 0.7-0.85' : 'band 0.85-1';
}

async function loadAnalysis(uid) {
  const box = $('analysis');
  box.textContent = 'Analysing…';
  try {
    const a = await api(`/api/instances/${encodeURIComponent(uid)}/analysis`);
    if (state.uid !== uid) return;
    state.analysis = a;
    const fmt = (v, unit) => v == null ? '—' : `${v} ${unit}`;
    box.replaceChildren(
      el('div', { class: 'row' }, 'Suggested', badge(a.suggestedPattern), el('span', { class: 'muted' }, `confidence ${Math.round(a.confidence * 100)}% (${band(a.confidence)})`)),
      ...(a.confidence < NEEDS_JUDGEMENT_BELOW || a.suggestedPattern === 'INDETERMINATE'
        ? [el('div', { class: 'needs-judgement', role: 'alert', style: 'margin-top:6px;padding:4px 8px;border:2px solid #b45309;background:#fef3c7;color:#78350f;font-weight:600' },
            'Needs human judgement: the analysis is not sure (see the reasons below).')] : []),
      el('dl', { class: 'kv', style: 'margin-top:6px' },
        el('dt', {}, 'Onset / peak'), el('dd', {}, a.contrastDetected ? `frame ${a.onsetFrame} / ${a.peakFrame}` : 'no contrast'),
        el('dt', {}, 'Area'), el('dd', {}, fmt(a.areaMm2, 'mm²')),
        el('dt', {}, 'Cranio-caudal'), el('dd', {}, fmt(a.craniocaudalExtentMm, 'mm')),
        el('dt', {}, 'Washout'), el('dd', {}, a.washoutRatio == null ? '—' : a.washoutRatio.toFixed(2)),
        el('dt', {}, 'Attenuation'), el('dd', {}, a.polarity === 'UNDECIDED' ? 'polarity undecided' : `${a.polarity === 'LOW_IS_ATTENUATION' ? 'low' : 'high'} values (from ${String(a.polaritySource || '').toLowerCase()})`),
        el('dt', {}, 'Needle tip'), el('dd', {}, a.needleTip ? `frame ${a.needleTip.frame} (${Math.round(a.needleTip.column)}, ${Math.round(a.needleTip.row)})` : 'not found')),
      el('ul', { class: 'reasons' }, (a.reasons || []).map(r => el('li', {}, r))));
    $('suggested').textContent = `The analysis suggests ${label(a.suggestedPattern).toLowerCase()}.`;
    $('suggestion').hidden = false;
    $('confirm-suggestion').hidden = !CONFIRMABLE.has(a.suggestedPattern);
    $('use-analysis-tip').disabled = !a.needleTip;
  } catch (e) {
    if (state.uid === uid) box.textContent = `No analysis: ${e.message}`;
  }
  curve();
  cine.draw();
}

function curve() {
  const a = state.analysis;
  drawCurve($('curve'), a?.timeIntensity, { onset: a?.onsetFrame, peak: a?.peakFrame, current: cine.index + 1 });
}

function drawOverlay(ctx, v) {
  if (!$('show-overlay').checked) return;
  const dpr = window.devicePixelRatio || 1;
  const P = (c, r) => [c * v.scale + v.tx, r * v.scale + v.ty];
  ctx.lineWidth = 1.5 * dpr;
  ctx.font = `${12 * dpr}px system-ui`;
  const a = state.analysis;
  if (a?.contrastDetected && a.centroid && v.frame >= (a.onsetFrame || 1)) {
    const [cx, cy] = P(a.centroid.column, a.centroid.row);
    ctx.strokeStyle = '#3fb950';
    ctx.setLineDash([6 * dpr, 4 * dpr]);
    ctx.beginPath();
    let right = cx;
    if (a.outline?.length > 2) {
      // the region at the peak frame as the analysis traced it
      a.outline.forEach((p, i) => { const [x, y] = P(p.column, p.row); right = Math.max(right, x); i ? ctx.lineTo(x, y) : ctx.moveTo(x, y); });
      ctx.closePath();
    } else {
      // no outline: an ellipse of the measured cranio-caudal extent and area around the centroid
      const mm = cine.info.pixelSpacingMm || 1, b = (a.craniocaudalExtentMm || 0) / 2;
      const ry = b / mm, rx = b > 0 ? (a.areaMm2 / (Math.PI * b)) / mm : 0;
      ctx.ellipse(cx, cy, rx * v.scale, ry * v.scale, 0, 0, 2 * Math.PI);
      right = cx + rx * v.scale;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    cross(ctx, cx, cy, 6 * dpr, '#3fb950');
    ctx.fillStyle = '#3fb950';
    ctx.fillText(`contrast · ${label(a.suggestedPattern)}`, right + 4 * dpr, cy);
  }
  if (a?.needleTip) {
    const [x, y] = P(a.needleTip.column, a.needleTip.row);
    ctx.strokeStyle = '#d29922';
    ctx.beginPath(); ctx.arc(x, y, 9 * dpr, 0, 2 * Math.PI); ctx.stroke();
    ctx.fillStyle = '#d29922';
    ctx.fillText('detected tip', x + 12 * dpr, y - 8 * dpr);
  }
  if (state.tip) {
    const [x, y] = P(state.tip.column, state.tip.row);
    cross(ctx, x, y, 12 * dpr, '#39c5cf');
    ctx.fillStyle = '#39c5cf';
    ctx.fillText(`needle tip (frame ${state.tip.frame})`, x + 14 * dpr, y + 14 * dpr);
  }
}

function cross(ctx, x, y, r, color) {
  ctx.strokeStyle = color;
  ctx.beginPath(); ctx.moveTo(x - r, y); ctx.lineTo(x + r, y); ctx.moveTo(x, y - r); ctx.lineTo(x, y + r); ctx.stroke();
}

// ---- annotation
function placeTip(p) {
  if (!state.canAnnotate) return;
  state.tip = p;
  renderTip();
  cine.draw();
}

function renderTip() {
  const t = state.tip;
  $('tip-text').textContent = t ? `frame ${t.frame}, column ${t.column}, row ${t.row}` : 'not placed';
}

function toggleKeyFrame() {
  if (!state.canAnnotate || !state.uid) return;
  const f = cine.index + 1;
  state.keyFrames.has(f) ? state.keyFrames.delete(f) : state.keyFrames.add(f);
  $('keyImage').checked = state.keyFrames.size > 0 || $('keyImage').checked;
  renderKeyFrames();
}

function renderKeyFrames() {
  const f = [...state.keyFrames].sort((x, y) => x - y);
  $('key-frames').textContent = f.length ? `Key frames: ${f.join(', ')}` : 'No key frames';
}

function setupForm() {
  for (const [name, values] of Object.entries(CHOICES)) {
    $(name).replaceChildren(el('option', { value: '' }, '— choose —'), ...values.map(v => el('option', { value: v }, label(v))));
  }
  $('confirm-suggestion').addEventListener('click', () => { $('contrastPattern').value = state.analysis.suggestedPattern; });
  $('use-analysis-tip').addEventListener('click', () => {
    const t = state.analysis?.needleTip;
    if (t) placeTip({ frame: t.frame, column: Math.round(t.column), row: Math.round(t.row) });
  });
  $('annotation').addEventListener('submit', async e => {
    e.preventDefault();
    const status = $('save-status');
    if (!state.tip) { status.textContent = 'Place the needle tip first.'; return; }
    const body = { needleTip: state.tip, contrastText: $('contrastText').value.trim() || null,
      keyImage: $('keyImage').checked, keyFrames: [...state.keyFrames].sort((x, y) => x - y) };
    for (const name of Object.keys(CHOICES)) body[name] = $(name).value;
    $('save').disabled = true;
    status.textContent = 'Saving…';
    try {
      await api(`/api/instances/${encodeURIComponent(state.uid)}/annotations`, { method: 'POST', body });
      status.textContent = 'Saved.';
      await loadAnnotations(state.uid);
    } catch (err) {
      status.textContent = err.status === 403 ? 'Not allowed for your role.' : `Not saved: ${err.message}`;
    } finally {
      $('save').disabled = false;
    }
  });
}

async function loadAnnotations(uid) {
  let data;
  try {
    data = await api(`/api/instances/${encodeURIComponent(uid)}/annotations`);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) $('current').textContent = `Annotations unavailable: ${e.message}`;
    return;
  }
  if (state.uid !== uid) return;
  const { current, history = [] } = data || {};
  const summary = a => [a.level, a.approach && label(a.approach), a.laterality && label(a.laterality), a.view,
    a.contrastPattern && `contrast ${label(a.contrastPattern)}`, a.keyImage ? 'key image' : null].filter(Boolean).join(' · ');
  const who = a => [`v${a.version}`, a.author, a.role?.toLowerCase(), fmtTime(a.createdAt, { seconds: true })]
    .filter(Boolean).join(' · ');
  $('current').replaceChildren(current ? el('div', {}, el('strong', {}, summary(current)), el('div', { class: 'muted' }, who(current)))
    : 'None yet');
  $('history').replaceChildren(...[...history].reverse().map(h => el('li', {}, summary(h), el('div', { class: 'muted' }, who(h)))));
  if (current && state.canAnnotate) fillForm(current);
}

function fillForm(a) {
  for (const name of Object.keys(CHOICES)) if (a[name]) $(name).value = a[name];
  $('contrastText').value = a.contrastText || '';
  $('keyImage').checked = !!a.keyImage;
  if (a.needleTip && !state.tip) { state.tip = a.needleTip; renderTip(); }
  if (a.keyFrames?.length && !state.keyFrames.size) { state.keyFrames = new Set(a.keyFrames); renderKeyFrames(); }
  cine.draw();
}

$('finish-review').addEventListener('click', async () => {
  const status = $('review-status');
  status.textContent = 'Writing…';
  try {
    const r = await api(`/api/studies/${encodeURIComponent(studyUid)}/review`, { method: 'POST' });
    status.textContent = `Stored a report on ${r.annotated.length} image(s)` + (r.kosSopInstanceUid ? ` and ${r.keyImages.length} key image(s).` : '.');
  } catch (e) {
    status.textContent = e.status === 409 ? 'Annotate and save at least one run first.' : `Not written: ${e.message}`;
  }
});

// ---- controls and keyboard
$('play').addEventListener('click', () => cine.toggle());
$('prev').addEventListener('click', () => cine.step(-1));
$('next').addEventListener('click', () => cine.step(1));
$('slider').addEventListener('input', e => { cine.pause(); cine.seek(e.target.value - 1); });
$('reset').addEventListener('click', () => cine.resetView());
$('show-overlay').addEventListener('change', () => cine.draw());
for (const tool of ['wl', 'pan', 'tip']) {
  $(`tool-${tool}`)?.addEventListener('click', () => {
    cine.tool = tool;
    for (const t of ['wl', 'pan', 'tip']) $(`tool-${t}`)?.classList.toggle('on', t === tool);
  });
}
// the player's buttons never keep the focus, so the keys below always reach the player
for (const b of document.querySelectorAll('.controls button')) b.addEventListener('mousedown', e => e.preventDefault());
document.addEventListener('keydown', e => {
  if (e.target.closest('input[type=text], select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === ' ') { e.preventDefault(); cine.toggle(); }
  else if (e.key === 'ArrowLeft') { e.preventDefault(); cine.step(-1); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); cine.step(1); }
  else if (e.key === 'k' || e.key === 'K') toggleKeyFrame();
});
