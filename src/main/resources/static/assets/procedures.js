// Procedure records as the worklist and the search show them. The record's JSON (procedure API):
// {id, version, status, studyInstanceUid, data: {patient: {id, name}, accessionNumber, scheduledAt,
// performedAt, physician: {name}, levels, ...}, updatedAt, updatedBy}; the verdict comes from the
// evidence API when the list carries it.
import { esc, fmtName } from './api.js';

const day = t => (t || '').slice(0, 10);

export const procedureFields = {
  date: p => day(p.data?.performedAt || p.data?.scheduledAt),
  patientId: p => p.data?.patient?.id ?? '',
  patientName: p => fmtName(p.data?.patient?.name),
  accession: p => p.data?.accessionNumber ?? '',
  physician: p => fmtName(p.data?.physician?.name),
  status: p => p.status ?? '',
  verdict: p => p.verdict?.verdict ?? p.verdict ?? '',
};

export const badgeHtml = v => v
  ? `<span class="badge badge-${esc(String(v).toLowerCase().replaceAll('_', '-'))}">${esc(String(v).replaceAll('_', ' ').toLowerCase())}</span>`
  : '<span class="muted">—</span>';

/** Table rows as one HTML string (fast for a thousand rows); every value escaped. */
export function procedureRows(list) {
  const f = procedureFields;
  return list.map(p => `<tr>
    <td>${esc(f.date(p))}</td><td><a href="/procedures/${encodeURIComponent(p.id)}">#${esc(p.id)}</a></td>
    <td>${esc(f.patientId(p))}</td><td>${esc(f.patientName(p))}</td><td>${esc(f.accession(p))}</td>
    <td>${esc(f.physician(p))}</td><td>${badgeHtml(f.status(p))}</td><td>${badgeHtml(f.verdict(p))}</td></tr>`).join('');
}

/** Every procedure of a search, page after page (the API gives at most 500 a page). */
export async function searchAll(api, params, limit = 5000) {
  const all = [];
  for (let page = 0; ; page++) {
    const q = new URLSearchParams({ ...params, page, size: 500 });
    const r = await api(`/api/procedures?${q}`);
    all.push(...r.items);
    if (!r.items.length || all.length >= r.total || all.length >= limit) return { items: all, total: r.total };
  }
}
