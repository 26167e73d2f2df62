// The pages' pure logic under node --test (run by NodeUnitTest during mvn test): dates, names,
// labels, DICOM JSON values, the procedure lists' fields, sort, filter and search paging, and the
// error text of API answers. The modules are imported as the browser loads them, without a DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dv, T, fmtDate, fmtTime, fmtName, day, label, badgeText, badgeKind, procedureFields, sortProcedures, filterProcedures,
  laterPages, mergePages,
} from '../../main/resources/static/assets/format.js';
import { searchAll } from '../../main/resources/static/assets/procedures.js';
import { errorText, cookieValue } from '../../main/resources/static/assets/http.js';

const STATUS_ORDER = ['SCHEDULED', 'PERFORMED', 'IMAGES_RECEIVED', 'REVIEW_NEEDED', 'REVIEWED', 'SIGNED', 'CANCELLED'];

const record = (id, { patient = 'P' + id, name = 'Doe^Jane', physician = 'Smith^Ann', performedAt = null,
  scheduledAt = '2026-03-10T09:30:00', status = 'SCHEDULED', worklistStatus, accession = 'A' + id } = {}) =>
  ({ id, status, worklistStatus, data: { patient: { id: patient, name }, physician: { name: physician }, accessionNumber: accession, performedAt, scheduledAt } });

test('dates and times are shown as the API gives them, cut to minutes or seconds', () => {
  assert.equal(fmtDate('20260310'), '2026-03-10');
  assert.equal(fmtDate('2026-03-10'), '2026-03-10');
  assert.equal(fmtDate(undefined), '');
  assert.equal(fmtTime('2026-03-10T09:30:15.123456Z'), '2026-03-10 09:30');
  assert.equal(fmtTime('2026-03-10T09:30:15.123456Z', { seconds: true }), '2026-03-10 09:30:15');
  assert.equal(fmtTime(null), '');
  assert.equal(day('2026-03-10T09:30:00'), '2026-03-10');
  assert.equal(day(undefined), '');
});

test('names and labels', () => {
  assert.equal(fmtName('Doe^Jane^^Dr'), 'Doe Jane  Dr');
  assert.equal(fmtName(null), '');
  assert.equal(label('L4-L5'), 'L4-L5');
  assert.equal(label('AP'), 'AP');
  assert.equal(label('INTERLAMINAR_PARAMEDIAN'), 'Interlaminar paramedian');
  assert.equal(label('NOT_GIVEN_CONTRAINDICATED'), 'Not given contraindicated');
  assert.equal(badgeText('REVIEW_NEEDED'), 'review needed');
  assert.equal(badgeKind('NOT_SUPPORTED'), 'not-supported');
});

test('DICOM JSON values, person names by their alphabetic form', () => {
  const study = { [T.PatientName]: { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] }, [T.StudyDate]: { vr: 'DA', Value: ['20260310'] },
    [T.Accession]: { vr: 'SH' } };
  assert.equal(dv(study, T.PatientName), 'Doe^Jane');
  assert.equal(dv(study, T.StudyDate), '20260310');
  assert.equal(dv(study, T.Accession), undefined);
  assert.equal(dv(undefined, T.StudyDate), undefined);
});

test('a procedure row shows the date of service, names as words and the worklist status before the record status', () => {
  const f = procedureFields;
  assert.equal(f.date(record(1, { performedAt: '2026-03-11T10:00:00' })), '2026-03-11');
  assert.equal(f.date(record(1)), '2026-03-10');
  assert.equal(f.patientName(record(1)), 'Doe Jane');
  assert.equal(f.status(record(1, { status: 'PERFORMED', worklistStatus: 'REVIEW_NEEDED' })), 'REVIEW_NEEDED');
  assert.equal(f.status(record(1, { status: 'PERFORMED' })), 'PERFORMED');
  assert.equal(f.verdict({ id: 1 }), '');
  assert.equal(f.patientId({ id: 1 }), '');
});

test('sorting by status follows the order a procedure goes, both ways, and ties keep the procedure number order', () => {
  const rows = [record(5, { worklistStatus: 'SIGNED' }), record(3, { worklistStatus: 'SCHEDULED' }),
    record(4, { worklistStatus: 'REVIEW_NEEDED' }), record(1, { worklistStatus: 'SIGNED' }), record(2, { worklistStatus: 'IMAGES_RECEIVED' })];
  const before = rows.map(p => p.id);
  assert.deepEqual(sortProcedures(rows, { key: 'status', dir: 1 }, STATUS_ORDER).map(p => p.id), [3, 2, 4, 1, 5]);
  assert.deepEqual(sortProcedures(rows, { key: 'status', dir: -1 }, STATUS_ORDER).map(p => p.id), [1, 5, 4, 2, 3]);
  assert.deepEqual(rows.map(p => p.id), before, 'the list given is not reordered');
});

test('sorting by name ignores case, by number is numeric, by date is by day of service', () => {
  const rows = [record(10, { name: 'b^x' }), record(9, { name: 'A^y' }), record(100, { name: 'C^z', performedAt: '2026-01-01T00:00:00' })];
  assert.deepEqual(sortProcedures(rows, { key: 'patientName', dir: 1 }, STATUS_ORDER).map(p => p.id), [9, 10, 100]);
  assert.deepEqual(sortProcedures(rows, { key: 'id', dir: 1 }, STATUS_ORDER).map(p => p.id), [9, 10, 100]);
  assert.deepEqual(sortProcedures(rows, { key: 'id', dir: -1 }, STATUS_ORDER).map(p => p.id), [100, 10, 9]);
  assert.deepEqual(sortProcedures(rows, { key: 'date', dir: 1 }, STATUS_ORDER).map(p => p.id), [100, 9, 10]);
});

test('the filter keeps the procedures that have every word, in any field or as #number', () => {
  const rows = [record(17, { patient: 'MRN-1', physician: 'Smith^Ann' }), record(18, { patient: 'MRN-2', physician: 'Jones^Bo' }),
    record(170, { patient: 'MRN-3', physician: 'Smith^Al' })];
  assert.deepEqual(filterProcedures(rows, '  ').map(p => p.id), [17, 18, 170]);
  assert.deepEqual(filterProcedures(rows, 'smith').map(p => p.id), [17, 170]);
  assert.deepEqual(filterProcedures(rows, 'SMITH mrn-3').map(p => p.id), [170]);
  assert.deepEqual(filterProcedures(rows, '#17').map(p => p.id), [17, 170]);
  assert.deepEqual(filterProcedures(rows, '#18 smith').map(p => p.id), []);
});

test('a search fetches the pages after the first up to the limit', () => {
  assert.deepEqual(laterPages(0, 5000), []);
  assert.deepEqual(laterPages(500, 5000), []);
  assert.deepEqual(laterPages(501, 5000), [1]);
  assert.deepEqual(laterPages(1234, 5000), [1, 2]);
  assert.deepEqual(laterPages(2500, 2000), [1, 2, 3]);
  assert.deepEqual(laterPages(1_000_000, 5000), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const pages = [{ items: [{ id: 1 }, { id: 2 }], worklistStatus: { 1: 'SIGNED' } }, { items: [{ id: 3 }], worklistStatus: { 3: 'REVIEWED' } }];
  assert.deepEqual(mergePages(pages, 10), [{ id: 1, worklistStatus: 'SIGNED' }, { id: 2, worklistStatus: undefined },
    { id: 3, worklistStatus: 'REVIEWED' }]);
  assert.deepEqual(mergePages(pages, 2).map(p => p.id), [1, 2]);
});

test('searchAll asks for page 0, then the other pages, 500 a page, and keeps each page\'s worklist status', async () => {
  const asked = [];
  const api = async url => {
    asked.push(url);
    const q = new URL(url, 'http://x').searchParams;
    const page = Number(q.get('page')), size = Number(q.get('size')), total = 1234;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - page * size)) }, (_, i) => ({ id: page * size + i + 1 }));
    return { items, page, size, total, worklistStatus: Object.fromEntries(items.map(p => [p.id, 'SCHEDULED'])) };
  };
  const { items, total } = await searchAll(api, { patientId: 'P 1' }, 1100);
  assert.equal(total, 1234);
  assert.equal(items.length, 1100);
  assert.deepEqual(items.slice(0, 2), [{ id: 1, worklistStatus: 'SCHEDULED' }, { id: 2, worklistStatus: 'SCHEDULED' }]);
  assert.equal(items[1099].id, 1100);
  assert.deepEqual(asked, ['/api/procedures?patientId=P+1&page=0&size=500', '/api/procedures?patientId=P+1&page=1&size=500',
    '/api/procedures?patientId=P+1&page=2&size=500']);
});

test('an error answer is read as a problem detail first, then {error}, then plain text', () => {
  assert.equal(errorText({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'at most 200 ids at a time, not 201' }),
    'at most 200 ids at a time, not 201');
  assert.equal(errorText({ title: 'Not Found', status: 404 }), 'Not Found');
  assert.equal(errorText({ error: 'user x exists' }), 'user x exists');
  assert.equal(errorText('invalid JSON: unexpected end\n'), 'invalid JSON: unexpected end');
  assert.equal(errorText(null), '');
  assert.equal(errorText({ other: 1 }), '{"other":1}');
});

test('the CSRF cookie is read from the cookie header', () => {
  assert.equal(cookieValue('a=1; XSRF-TOKEN=abc%3D%3D; b=2', 'XSRF-TOKEN'), 'abc==');
  assert.equal(cookieValue('a=1', 'XSRF-TOKEN'), '');
  assert.equal(cookieValue('', 'XSRF-TOKEN'), '');
});
