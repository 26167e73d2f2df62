// What the pages show, as pure functions of the API's data: dates, names, labels, DICOM JSON values,
// the procedure lists' fields, sort and filter, and the paging of a search. No DOM and no requests,
// so node --test runs them (src/test/node).

// ---- DICOM JSON (PS3.18 F.2)
/** The first value of `tag` in a DICOM JSON object; a person name as its alphabetic form. */
export function dv(obj, tag) {
  const v = obj?.[tag]?.Value?.[0];
  return v && typeof v === 'object' && 'Alphabetic' in v ? v.Alphabetic : v;
}
export const T = {
  StudyDate: '00080020', StudyTime: '00080030', Accession: '00080050', Modality: '00080060', Modalities: '00080061',
  SopClass: '00080016', SopInstance: '00080018', StudyDescription: '00081030', SeriesDescription: '0008103E',
  PatientName: '00100010', PatientId: '00100020', PatientBirthDate: '00100030', PatientSex: '00100040',
  StudyUid: '0020000D', SeriesUid: '0020000E', SeriesNumber: '00200011', InstanceNumber: '00200013',
  StudyInstances: '00201208', Frames: '00280008', Rows: '00280010', Columns: '00280011', Physician: '00080090',
};

// ---- dates, times, names, labels
/** A DICOM date (YYYYMMDD) as YYYY-MM-DD; anything else as it is. */
export const fmtDate = d => (d && /^\d{8}$/.test(d)) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : (d || '');
/** An ISO date-time from the API ("2026-03-10T09:30:00.123Z") as "2026-03-10 09:30", or with seconds. */
export const fmtTime = (t, { seconds = false } = {}) => (t ? String(t) : '').slice(0, seconds ? 19 : 16).replace('T', ' ');
/** The day of an ISO date-time ("2026-03-10"). */
export const day = t => (t ? String(t) : '').slice(0, 10);
/** A Date's day in UTC, for date inputs. */
export const isoDay = date => date.toISOString().slice(0, 10);
/** A DICOM person name (Doe^Jane) as words. */
export const fmtName = n => (n || '').replaceAll('^', ' ').trim();
/** A code as a choice label: codes with digits (levels) and two-letter codes (AP) stay as they are. */
export const label = v => /\d/.test(v) || v.length <= 2 ? v : v.replaceAll('_', ' ').toLowerCase().replace(/^\w/, c => c.toUpperCase());
/** A status code as a badge says it ("REVIEW_NEEDED" -> "review needed") and the badge's style name. */
export const badgeText = v => String(v).replaceAll('_', ' ').toLowerCase();
export const badgeKind = v => String(v).toLowerCase().replaceAll('_', '-');

// ---- procedure lists (worklist and search)
// A record as the procedure API gives it: {id, version, status, studyInstanceUid, data: {patient:
// {id, name}, accessionNumber, scheduledAt, performedAt, physician: {name}, levels, ...}, updatedAt,
// updatedBy}; the lists add worklistStatus (from the search page's map) and verdict (the latest stored one).
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

/** The key each column sorts by: names without case, statuses in `statusOrder` (the way a procedure goes). */
export function sortKeys(statusOrder) {
  return {
    ...procedureFields,
    patientName: p => procedureFields.patientName(p).toLowerCase(),
    physician: p => procedureFields.physician(p).toLowerCase(),
    status: p => statusOrder.indexOf(procedureFields.status(p)),
  };
}

/** A sorted copy: by `sort.key`, ascending (dir 1) or descending (dir -1); equal keys by procedure number, ascending. */
export function sortProcedures(items, sort, statusOrder) {
  const key = sortKeys(statusOrder)[sort.key], dir = sort.dir;
  return items.map(p => [key(p), p.id, p]).sort((a, b) => (a[0] < b[0] ? -dir : a[0] > b[0] ? dir : a[1] - b[1])).map(e => e[2]);
}

/** The words a procedure is found by (its fields and "#id"), kept on the record once computed. */
export const haystack = p => (p.search ??= Object.values(procedureFields).map(f => f(p)).join(' ').toLowerCase() + ` #${p.id}`);

/** The procedures that contain every word of `text` (case-insensitive); all of them for no words. */
export function filterProcedures(items, text) {
  const words = String(text || '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.length ? items.filter(p => words.every(w => haystack(p).includes(w))) : items;
}

// ---- paging of a search (GET /api/procedures: {items, page, size, total, worklistStatus})
export const SEARCH_PAGE_SIZE = 500;

/** The page numbers still to fetch after page 0 to have min(total, limit) items. */
export function laterPages(total, limit, size = SEARCH_PAGE_SIZE) {
  const pages = Math.ceil(Math.min(total, limit) / size);
  return Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 1);
}

/** The items of the pages in order, each with its worklist status from its page's map, at most `limit`. */
export function mergePages(pages, limit) {
  return pages.flatMap(r => r.items.map(p => ({ ...p, worklistStatus: r.worklistStatus?.[p.id] }))).slice(0, limit);
}
