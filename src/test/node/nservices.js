// N-service SCU driven by the interop tests (dcmjs-dimse as an independent peer).
//   node nservices.js mpps   HOST PORT CALLED_AET JSON  -> N-CREATE, N-SET(s); one JSON line per response
//   node nservices.js commit HOST PORT CALLED_AET JSON  -> N-ACTION, waits for the N-EVENT-REPORT on the same
//                                                          association; prints the response and the report
// JSON holds the data sets as dcmjs naturalized attributes.
const dimse = require('dcmjs-dimse');
const { Client, Dataset } = dimse;
const { NCreateRequest, NSetRequest, NActionRequest } = dimse.requests;
const { NEventReportResponse } = dimse.responses;

const [mode, host, port, calledAet, json] = process.argv.slice(2);
const args = JSON.parse(json);
const MPPS = '1.2.840.10008.3.1.2.3.3';
const COMMITMENT = '1.2.840.10008.1.20.1';
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const status = (rsp) => ({ status: rsp.getStatus(), errorComment: rsp.getErrorComment ? rsp.getErrorComment() : undefined,
  affectedSopInstanceUid: rsp.getCommandDataset().getElement('AffectedSOPInstanceUID') });

const client = new Client();
client.on('networkError', (e) => { print({ error: String(e) }); process.exitCode = 2; });
client.on('associationRejected', (r) => { print({ rejected: r }); process.exitCode = 3; });
client.on('closed', () => print({ closed: true }));

if (mode === 'mpps') {
  const create = new NCreateRequest(MPPS, args.uid);
  create.setDataset(new Dataset(args.create));
  create.on('response', (rsp) => print({ op: 'N-CREATE', ...status(rsp) }));
  client.addRequest(create);
  args.sets.forEach((s, i) => {
    const set = new NSetRequest(MPPS, args.uid);
    set.setDataset(new Dataset(s));
    set.on('response', (rsp) => print({ op: 'N-SET', index: i, ...status(rsp) }));
    client.addRequest(set);
  });
  client.send(host, Number(port), args.callingAet, calledAet);
} else if (mode === 'commit') {
  const action = new NActionRequest(COMMITMENT, '1.2.840.10008.1.20.1.1', 1);
  action.setDataset(new Dataset(args.action));
  action.on('response', (rsp) => print({ op: 'N-ACTION', ...status(rsp) }));
  client.addRequest(action);
  client.on('nEventReportRequest', (rq, callback) => {
    const ds = rq.getDataset() ? rq.getDataset().getElements() : {};
    print({ op: 'N-EVENT-REPORT', eventTypeId: rq.getEventTypeId(),
      affectedSopClassUid: rq.getCommandDataset().getElement('AffectedSOPClassUID'),
      affectedSopInstanceUid: rq.getCommandDataset().getElement('AffectedSOPInstanceUID'), dataset: ds });
    const rsp = NEventReportResponse.fromRequest(rq);
    rsp.setStatus(0);
    callback(rsp);
  });
  // keep the association open after the N-ACTION-RSP long enough for the report
  client.send(host, Number(port), args.callingAet, calledAet, { associationLingerTimeout: args.lingerMillis || 3000 });
} else {
  print({ error: 'unknown mode ' + mode });
  process.exitCode = 1;
}
