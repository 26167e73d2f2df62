// The procedure lists of the worklist and the search: a windowed table (only the rows in view are
// drawn) with sorting, the latest stored verdicts of the rows drawn, and the fetch of every page of
// a search. The fields, sort, filter and paging themselves are in format.js.
import { esc, badgeHtml } from './dom.js';
import { procedureFields, sortProcedures, laterPages, mergePages, SEARCH_PAGE_SIZE } from './format.js';

/** One table row as HTML; every value escaped. `index` is its place in the whole list (for aria-rowindex). */
function procedureRow(p, index) {
  const f = procedureFields;
  return `<tr aria-rowindex="${index + 2}">
    <td>${esc(f.date(p))}</td><td><a href="/procedures/${encodeURIComponent(p.id)}" data-id="${esc(p.id)}">#${esc(p.id)}</a></td>
    <td>${esc(f.patientId(p))}</td><td>${esc(f.patientName(p))}</td><td>${esc(f.accession(p))}</td>
    <td>${esc(f.physician(p))}</td><td>${badgeHtml(f.status(p))}</td><td data-verdict="${esc(p.id)}">${badgeHtml(f.verdict(p))}</td></tr>`;
}

/**
 * A table of procedures that draws only the rows in view. Rows have one fixed height (CSS
 * `table.windowed tbody tr`); two spacer rows stand for the rows above and below, so the scroll bar
 * is that of the whole list. Sorting (the column buttons; statuses in `statusOrder`, the server's
 * worklist status order) and filtering (the caller's `show(list)`) work on the whole list. For
 * assistive technology the table tells its row count (aria-rowcount) and each row its place
 * (aria-rowindex); the scroll area is focusable, so arrow and page keys scroll it, and a focused
 * link keeps its focus while the rows are redrawn. The evidence column is filled for the rows drawn.
 */
export function procedureTable(api, table, emptyText, statusOrder) {
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

  /** Shows `items` (sorted by the chosen column); answers how many rows were drawn. */
  function show(items) {
    list = sortProcedures(items, sort, statusOrder);
    table.setAttribute('aria-rowcount', String(list.length + 1));
    scroller.scrollTop = 0; // a new order or filter starts at its first row
    paint(true);
    const row = tbody.querySelector('tr[aria-rowindex]');
    if (row && Math.abs(row.offsetHeight - rowPx) > 0.5) { rowPx = row.offsetHeight; paint(true); } // as the style laid it out
    return end - start;
  }
  return { show };
}

/** The most ids GET /api/procedures/verdicts takes at once. */
const VERDICTS_AT_ONCE = 200;

/**
 * Fills the evidence column of the procedures drawn with each one's latest stored verdict
 * (GET /api/procedures/verdicts?ids=..., which evaluates nothing): one request for the rows drawn,
 * one at a time, each procedure asked once; rows scrolled away before their turn are not asked.
 */
function verdictLoader(api, tbody) {
  let drawn = [], busy = false;
  const next = async () => {
    if (busy) return;
    const asking = drawn.filter(p => p.verdict === undefined && !p.verdictAsked).slice(0, VERDICTS_AT_ONCE);
    if (!asking.length) return;
    busy = true;
    for (const p of asking) p.verdictAsked = true;
    try {
      const found = await api(`/api/procedures/verdicts?ids=${asking.map(p => encodeURIComponent(p.id)).join(',')}`);
      for (const p of asking) {
        p.verdict = found[p.id]?.verdict ?? null;
        const cell = tbody().querySelector(`td[data-verdict="${CSS.escape(String(p.id))}"]`);
        if (cell) cell.innerHTML = badgeHtml(p.verdict);
      }
    } catch {
      for (const p of asking) p.verdict = null;
    } finally {
      busy = false;
      next();
    }
  };
  return {
    watch(rows) {
      drawn = rows;
      next();
    },
  };
}

/**
 * Every procedure of a search: the first page tells the total, the other pages are fetched at once
 * (500 a page, at most `limit` procedures). Each procedure gets its worklist status from its page's map.
 */
export async function searchAll(api, params, limit = 5000) {
  const page = p => api(`/api/procedures?${new URLSearchParams({ ...params, page: p, size: SEARCH_PAGE_SIZE })}`);
  const first = await page(0);
  const rest = await Promise.all(laterPages(first.total, limit).map(page));
  return { items: mergePages([first, ...rest], limit), total: first.total };
}
