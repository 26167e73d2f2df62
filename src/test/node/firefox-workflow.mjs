// The pages in Debian's firefox-esr, driven by npm puppeteer-core over WebDriver BiDi (no browser
// download). Run by FirefoxWorkflowTest:
//   node firefox-workflow.mjs FIREFOX JSON
// JSON: {base, password, technologist, physician, auditor, studyUid, runUid, procedureId, patientId}
// Prints one JSON line per step with what the page showed; the test checks those and the server's state.
// Waits are event-driven (the pages' fv-ready event, MutationObservers, performance marks), never polling.
import puppeteer from 'puppeteer-core';

const [firefox, json] = process.argv.slice(2);
const a = JSON.parse(json);
const print = o => process.stdout.write(JSON.stringify(o) + '\n');
const errors = [];

const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: firefox, headless: true,
  defaultViewport: { width: 1366, height: 768 },
  extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'browser.shell.checkDefaultBrowser': false },
});

/** Resolves when the page has announced fv-ready (its data is drawn). */
const awaitReady = page => page.evaluate(() => new Promise(done => {
  if (document.body?.dataset.ready) done(true);
  else document.addEventListener('fv-ready', () => done(true), { once: true });
}));

/** Resolves with the element's text once it contains {@code text}. */
const awaitText = (page, css, text) => page.evaluate((css, text) => new Promise(done => {
  const e = document.querySelector(css);
  const check = () => { if (e.textContent.includes(text)) { observer.disconnect(); done(e.textContent); return true; } };
  const observer = new MutationObserver(check);
  if (!check()) observer.observe(e, { childList: true, subtree: true, characterData: true });
}), css, text);

/** The time of a performance mark the page sets, once set. */
const markTime = (page, name) => page.evaluate(name => new Promise(done => {
  const hit = performance.getEntriesByName(name)[0];
  if (hit) done(hit.startTime);
  else new PerformanceObserver((list, o) => { const e = list.getEntriesByName(name)[0];
    if (e) { o.disconnect(); done(e.startTime); } }).observe({ type: 'mark', buffered: true });
}), name);

/** A fresh browser context (own cookies), signed in through the login form; answers the page where login led. */
async function login(user) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('pageerror', e => errors.push(`${user}: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error' && !m.text().includes('Failed to load resource')) errors.push(`${user}: ${m.text()}`); });
  await page.goto(`${a.base}/login`);
  await page.type('#username', user);
  await page.type('#password', a.password);
  await Promise.all([page.waitForNavigation(), page.click('form.login button[type=submit]')]);
  await awaitReady(page);
  return { context, page };
}

async function open(page, path) {
  await page.goto(a.base + path);
  await awaitReady(page);
}

try {
  // a technologist: the worklist, then the study, the needle tip, the choices, a key image, save
  const tech = await login(a.technologist);
  const page = tech.page;
  await page.type('#filter', `#${a.procedureId}`);
  const row = await page.$eval(`#procedures a[data-id="${a.procedureId}"]`, e => e.closest('tr').innerText);
  const listed = await page.$eval('#procedures-info', e => e.textContent);
  print({ step: 'worklist', url: page.url(), row, listed });

  await open(page, `/studies/${a.studyUid}`);
  const firstFrameMs = await markTime(page, 'fv-first-frame');
  const center = await page.evaluate(() => {
    const c = document.querySelector('#stage canvas'); const x = c.getContext('2d');
    const d = x.getImageData(c.width / 2 - 20, c.height / 2 - 20, 40, 40).data;
    let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s;
  });
  const frameLabel = await page.$eval('#frame-label', e => e.textContent);
  print({ step: 'first-frame', firstFrameMs, center, frameLabel });

  await awaitText(page, '#analysis', 'Suggested');
  await page.keyboard.press('ArrowRight');
  const frame = Number((await page.$eval('#frame-label', e => e.textContent)).split('/')[0]);
  await page.click('#tool-tip');
  const box = await (await page.$('#stage canvas:nth-of-type(2)')).boundingBox();
  await page.mouse.click(box.x + box.width / 2 + 10, box.y + box.height / 2 + 20);
  const tip = await page.$eval('#tip-text', e => e.textContent);
  await page.select('#level', 'L4-L5');
  await page.select('#approach', 'INTERLAMINAR_PARAMEDIAN');
  await page.select('#laterality', 'LEFT');
  await page.select('#view', 'AP');
  await page.click('#confirm-suggestion');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('k');
  const keyFrames = await page.$eval('#key-frames', e => e.textContent);
  await page.click('#save');
  const saved = await awaitText(page, '#save-status', 'Saved.');
  const current = await awaitText(page, '#current', 'L4-L5');
  print({ step: 'annotate', frame, tip, keyFrames, saved, current });
  await tech.context.close();

  // a physician signs the reviewed procedure
  const doc = await login(a.physician);
  await open(doc.page, `/procedures/${a.procedureId}`);
  const before = await doc.page.$eval('#status .badge', e => e.textContent);
  await doc.page.click('#sign');
  const message = await awaitText(doc.page, '#message', 'Signed.');
  const after = await awaitText(doc.page, '#status', 'signed');
  const signDisabled = await doc.page.$eval('#sign', e => e.disabled);
  print({ step: 'sign', before, message, after, signDisabled });
  await doc.context.close();

  // an auditor finds the procedure, sees the verdict and its rules, and gets both packets through the page's links
  const aud = await login(a.auditor);
  const landing = aud.page.url();
  await aud.page.type('#search input[name=patientId]', a.patientId);
  await aud.page.click('#search button[type=submit]');
  const found = await awaitText(aud.page, '#info', ' procedure');
  await Promise.all([aud.page.waitForNavigation(), aud.page.click(`#results a[data-id="${a.procedureId}"]`)]);
  await awaitReady(aud.page);
  const evidencePage = aud.page.url();
  const verdict = await aud.page.$eval('#verdict .badge', e => e.textContent);
  const rules = await aud.page.$$eval('#rules tbody tr', rows => rows.length);
  const signoffHidden = await aud.page.$eval('#signoff-card', e => e.hidden || getComputedStyle(e).display === 'none');
  const keyImages = await aud.page.$$eval('#key-images figcaption', captions => captions.map(c => c.textContent));
  const packets = await aud.page.evaluate(async () => {
    const out = {};
    for (const id of ['pdf', 'zip']) {
      const link = document.getElementById(id);
      const r = await fetch(link.href);
      const head = new Uint8Array(await r.arrayBuffer()).slice(0, 4);
      out[id] = { status: r.status, type: r.headers.get('Content-Type'), head: String.fromCharCode(...head),
                  download: link.hasAttribute('download') };
    }
    return out;
  });
  print({ step: 'evidence', found, evidencePage, verdict, rules, signoffHidden, keyImages, packets });

  // the auditor has no annotation tools, and the server refuses an annotation sent with the session's token
  await open(aud.page, `/studies/${a.studyUid}`);
  const annotateHidden = await aud.page.$eval('#annotate-card', e => e.hidden || getComputedStyle(e).display === 'none');
  const tipTool = await aud.page.$('#tool-tip');
  const refused = await aud.page.evaluate(async run => {
    const token = decodeURIComponent(document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).slice(11));
    const r = await fetch(`/api/instances/${run}/annotations`, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-XSRF-TOKEN': token },
      body: JSON.stringify({ level: 'L4-L5', needleTip: { frame: 1, column: 10, row: 10 } }) });
    return r.status;
  }, a.runUid);
  print({ step: 'auditor', landing, annotateHidden, tipTool: tipTool !== null, refused });
  await aud.context.close();
  print({ step: 'errors', errors });
} finally {
  await browser.close();
}
