// Procedure records as the worklist and the search show them. The record's JSON (procedure API):
// {id, version, status, studyInstanceUid, data: {patient: {id, name}, accessionNumber, scheduledAt,
// performedAt, physician: {name}, levels, ...}, updatedAt, updatedBy}; the verdict comes from the
// evidence API (showVerdicts).
import { esc, fmtName } from './api.js';

const day = t => (t || '').slice(0, 10);

export const procedureFields = {
  date: p => day(p.data?.performedAt || p.data?.scheduledAt),
  patientId: p => p.data?.patient?.id ?? '',
  patientName: p => fmtName(p.data?.patient?.name),
  accession: p => p.data?.accessionNumber ?? '',
  physician: p => fmtName(p.data?.physician?.name),
  status: p => p.status ?? '',
  verdict: p => p.verdict ?? '',
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
    <td>${esc(f.physician(p))}</td><td>${badgeHtml(f.status(p))}</td><td data-verdict="${esc(p.id)}">${badgeHtml(f.verdict(p))}</td></tr>`).join('');
}

/**
 * Fills the evidence column of the rows scrolled into view with each procedure's last stored
 * verdict (GET .../evidence/history?limit=1, which evaluates nothing), a few requests at a time.
 */
export function showVerdicts(api, tbody, list) {
  const byId = new Map(list.map(p => [String(p.id), p]));
  const waiting = [];
  let running = 0;
  const next = () => {
    while (running < 4 && waiting.length) {
      const cell = waiting.shift(), p = byId.get(cell.dataset.verdict);
      running++;
      api(`/api/procedures/${encodeURIComponent(p.id)}/evidence/history?limit=1`)
        .then(h => { p.verdict = h[0]?.verdict ?? null; cell.innerHTML = badgeHtml(p.verdict); })
        .catch(() => {})
        .finally(() => { running--; next(); });
    }
  };
  const seen = new IntersectionObserver(entries => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      seen.unobserve(e.target);
      const p = byId.get(e.target.dataset.verdict);
      if (p && p.verdict === undefined) waiting.push(e.target);
    }
    next();
  });
  for (const cell of tbody.querySelectorAll('td[data-verdict]')) seen.observe(cell);
  return seen;
}

/** Every procedure of a search: the first page tells the total, the other pages are fetched at once (at most 500 a page). */
export async function searchAll(api, params, limit = 5000) {
  const page = p => api(`/api/procedures?${new URLSearchParams({ ...params, page: p, size: 500 })}`);
  const first = await page(0);
  const pages = Math.ceil(Math.min(first.total, limit) / 500);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 1)));
  const all = [first, ...rest].flatMap(r => r.items).slice(0, limit);
  return { items: all, total: first.total };
}
