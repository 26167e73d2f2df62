// Procedure records as the worklist and the search show them. The record's JSON (procedure API):
// {id, version, status, studyInstanceUid, data: {patient: {id, name}, accessionNumber, scheduledAt,
// performedAt, physician: {name}, levels, ...}, updatedAt, updatedBy}; the search pages add each
// record's worklist status (worklistStatus: SCHEDULED, PERFORMED, IMAGES_RECEIVED, REVIEW_NEEDED,
// REVIEWED, SIGNED, CANCELLED, derived on the server); the verdict comes from the evidence API.
import { esc, fmtName } from './api.js';

const day = t => (t || '').slice(0, 10);

export const procedureFields = {
  date: p => day(p.data?.performedAt || p.data?.scheduledAt),
  id: p => p.id,
  patientId: p => p.data?.patient?.id ?? '',
  patientName: p => fmtName(p.data?.patient?.name),
  accession: p => p.data?.accessionNumber ?? '',
  physician: p => fmtName(p.data?.physician?.name),
  status: p => p.worklistStatus ?? p.status ?? '',
  verdict: p => p.verdict ?? '',
};

export const badgeHtml = v => v
  ? `<span class="badge badge-${esc(String(v).toLowerCase().replaceAll('_', '-'))}">${esc(String(v).replaceAll('_', ' ').toLowerCase())}</span>`
  : '<span class="muted">—</span>';

/** One table row as HTML; every value escaped. {@code index} is its place in the whole list (for aria-rowindex). */
function procedureRow(p, index) {
  const f = procedureFields;
  return `<tr aria-rowindex="${index + 2}">
    <td>${esc(f.date(p))}</td><td><a href="/procedures/${encodeURIComponent(p.id)}" data-id="${esc(p.id)}">#${esc(p.id)}</a></td>
    <td>${esc(f.patientId(p))}</td><td>${esc(f.patientName(p))}</td><td>${esc(f.accession(p))}</td>
    <td>${esc(f.physician(p))}</td><td>${badgeHtml(f.status(p))}</td><td data-verdict="${esc(p.id)}">${badgeHtml(f.verdict(p))}</td></tr>`;
}

/** The order each status takes when sorting by status: the way a procedure goes. */
const STATUS_ORDER = ['SCHEDULED', 'PERFORMED', 'IMAGES_RECEIVED', 'REVIEW_NEEDED', 'REVIEWED', 'SIGNED', 'CANCELLED'];
const SORT_KEYS = {
  ...procedureFields,
  patientName: p => procedureFields.patientName(p).toLowerCase(),
  physician: p => procedureFields.physician(p).toLowerCase(),
  status: p => STATUS_ORDER.indexOf(procedureFields.status(p)),
};

/**
 * A table of procedures that draws only the rows in view. Rows have one fixed height (CSS
 * {@code table.windowed tbody tr}); two spacer rows stand for the rows above and below, so the
 * scroll bar is that of the whole list. Sorting (the column buttons) and filtering (the caller's
 * {@code show(list)}) work on the whole list. For assistive technology the table tells its row
 * count (aria-rowcount) and each row its place (aria-rowindex); the scroll area is focusable, so
 * arrow and page keys scroll it, and a focused link keeps its focus while the rows are redrawn.
 * The evidence column is filled for the rows drawn (a few requests at a time, each verdict once).
 */
export function procedureTable(api, table, emptyText) {
  const scroller = table.closest('.scroll'), tbody = table.tBodies[0];
  const OVERSCAN = 12;
  let list = [], rowPx = 34, start = -1, end = -1, frame = 0, sort = { key: 'date', dir: 1 };
  const verdicts = verdictLoader(api, () => tbody);
  table.classList.add('windowed');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', `${table.getAttribute('aria-label') || 'Procedures'}, scrollable`);

  for (const th of table.tHead.querySelectorAll('th[data-sort]')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...th.childNodes);
    th.replaceChildren(button);
    th.setAttribute('aria-sort', th.dataset.sort === sort.key ? 'ascending' : 'none');
    button.addEventListener('click', () => {
      sort = { key: th.dataset.sort, dir: sort.key === th.dataset.sort ? -sort.dir : 1 };
      for (const h of table.tHead.querySelectorAll('th[data-sort]')) {
        h.setAttribute('aria-sort', h === th ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
      }
      show(list);
    });
  }

  function sorted(items) {
    const key = SORT_KEYS[sort.key], dir = sort.dir;
    return items.map(p => [key(p), p.id, p]).sort((a, b) => (a[0] < b[0] ? -dir : a[0] > b[0] ? dir : a[1] - b[1])).map(e => e[2]);
  }

  const spacer = px => px > 0 ? `<tr class="spacer" aria-hidden="true" style="height:${px}px"><td colspan="8"></td></tr>` : '';

  function paint(force) {
    // the area's own height, or the height it may grow to (it is only as tall as the rows drawn so far)
    const top = scroller.scrollTop, height = Math.max(scroller.clientHeight, parseFloat(getComputedStyle(scroller).maxHeight) || 0);
    const first = Math.max(0, Math.floor(top / rowPx) - OVERSCAN);
    const last = Math.min(list.length, Math.ceil((top + height) / rowPx) + OVERSCAN);
    if (!force && first === start && last === end) return;
    start = first;
    end = last;
    const focused = tbody.contains(document.activeElement) ? document.activeElement.dataset.id : null;
    let html = spacer(first * rowPx);
    for (let i = first; i < last; i++) html += procedureRow(list[i], i);
    tbody.innerHTML = list.length ? html + spacer((list.length - last) * rowPx)
      : `<tr><td colspan="8" class="muted">${esc(emptyText)}</td></tr>`;
    if (focused) tbody.querySelector(`a[data-id="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    verdicts.watch(list.slice(first, last));
  }

  scroller.addEventListener('scroll', () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; paint(false); });
  }, { passive: true });
  addEventListener('resize', () => paint(false));

  /** Shows {@code items} (sorted by the chosen column); answers how many rows were drawn. */
  function show(items) {
    list = sorted(items);
    table.setAttribute('aria-rowcount', String(list.length + 1));
    scroller.scrollTop = 0; // a new order or filter starts at its first row
    paint(true);
    const row = tbody.querySelector('tr[aria-rowindex]');
    if (row && Math.abs(row.offsetHeight - rowPx) > 0.5) { rowPx = row.offsetHeight; paint(true); } // as the style laid it out
    return end - start;
  }
  return { show };
}

/**
 * Fills the evidence column of the procedures drawn with each one's last stored verdict
 * (GET .../evidence/history?limit=1, which evaluates nothing), a few requests at a time, each once.
 */
function verdictLoader(api, tbody) {
  const waiting = [];
  let running = 0;
  const next = () => {
    while (running < 4 && waiting.length) {
      const p = waiting.shift();
      p.verdictAsked = true;
      running++;
      api(`/api/procedures/${encodeURIComponent(p.id)}/evidence/history?limit=1`)
        .then(h => {
          p.verdict = h[0]?.verdict ?? null;
          const cell = tbody().querySelector(`td[data-verdict="${CSS.escape(String(p.id))}"]`);
          if (cell) cell.innerHTML = badgeHtml(p.verdict);
        })
        .catch(() => { p.verdict = null; })
        .finally(() => { running--; next(); });
    }
  };
  return {
    watch(drawn) {
      waiting.length = 0; // rows scrolled away are not asked for any more
      for (const p of drawn) if (p.verdict === undefined && !p.verdictAsked) waiting.push(p);
      next();
    },
  };
}

/**
 * Every procedure of a search: the first page tells the total, the other pages are fetched at once
 * (at most 500 a page). Each procedure gets its worklist status from the page's worklistStatus map.
 */
export async function searchAll(api, params, limit = 5000) {
  const page = p => api(`/api/procedures?${new URLSearchParams({ ...params, page: p, size: 500 })}`);
  const first = await page(0);
  const pages = Math.ceil(Math.min(first.total, limit) / 500);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 1)));
  const all = [first, ...rest].flatMap(r => r.items.map(p => ({ ...p, worklistStatus: r.worklistStatus?.[p.id] }))).slice(0, limit);
  return { items: all, total: first.total };
}
