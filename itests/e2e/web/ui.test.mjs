// Browser tests of the admin page against the running distribution (started by ../web-ui.sh): Debian's headless
// Chromium driven by puppeteer-core, real SIPp phones. Each test waits for what it expects on the page (never a
// fixed sleep) and saves a screenshot to $SHOTS. Environment: BASE (http://127.0.0.1:port), SIP_PORT, UAS_PORT,
// UAC_PORT, SCENARIOS (bench/scenarios), SHOTS, WORK.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const { BASE, SIP_PORT, UAS_PORT, UAC_PORT, MEDIA_PORT, SCENARIOS, SHOTS, WORK } = process.env;
const WAIT = { timeout: 20000 };
let browser;
let page;
const problems = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  page = await newPage(1280, 900);
});

after(async () => {
  if (browser) await browser.close();
});

async function newPage(width, height, context = browser) {
  const p = await context.newPage();
  await p.setViewport({ width, height });
  // A script error on the page fails the test that caused it.
  p.on('pageerror', (e) => problems.push(String(e)));
  p.on('console', (m) => { if (m.type() === 'error' && !/status of 40[0-9]|status of 50[0-9]/.test(m.text())) problems.push(m.text()); });
  return p;
}

async function shot(p, name) {
  await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

function noScriptErrors() {
  assert.deepEqual(problems.splice(0), [], 'script errors on the page');
}

async function login(p, user, password) {
  await p.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  await p.waitForSelector('body[data-ready="true"]', WAIT);
  await p.waitForSelector('#login:not([hidden])', WAIT);
  await p.type('#login-user', user);
  await p.type('#login-password', password);
  await p.keyboard.press('Enter'); // the form submits from the keyboard
  await p.waitForSelector('#nav:not([hidden])', WAIT);
}

/** Runs SIPp to its end; resolves with its exit code. */
function sipp(args, name) {
  return new Promise((resolve) => {
    const child = spawn('sipp', [...args, '-nostdin'], { cwd: WORK, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => { if (code !== 0) writeFileSync(`${WORK}/${name}.err`, err); resolve(code); });
  });
}

/** Opens a section of the page already loaded (a hash change: no page load to wait for). */
async function go(p, section) {
  await p.evaluate((h) => { location.hash = h; }, `#/${section}`);
}

/** Runs a Karaf console command of the distribution under test (bin/client); resolves with its exit code. */
function karaf(command) {
  return new Promise((resolve) => {
    const child = spawn(`${process.env.KARAF_HOME}/bin/client`, ['-a', process.env.SSH_PORT, '-u', 'karaf', '-p', 'karaf', '-b'],
      { stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end(`${command}\n`);
    child.on('exit', (code) => resolve(code));
  });
}

async function textOf(p, selector) {
  return p.$eval(selector, (el) => el.textContent);
}

test('the login form refuses a wrong password (with the session route) and opens the dashboard', async () => {
  await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  assert.match(page.url(), /\/ui\/$/, '/ redirects to the page');
  await page.waitForSelector('#login:not([hidden])', WAIT);
  // A wrong password only through the session route: the Basic fallback's 401 carries WWW-Authenticate, which
  // leaves the browser's request pending (it would show its own dialog).
  const session = await page.evaluate(async () => (await fetch('/api/session', { method: 'POST', headers: {
    'Content-Type': 'application/json', 'X-Requested-With': 'plugboard-web' }, body: '{}' })).status);
  if (session !== 404 && session !== 405) {
    await page.type('#login-user', 'karaf');
    await page.type('#login-password', 'wrong-password');
    await page.click('#login button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0, WAIT);
    assert.match(await textOf(page, '#login-error'), /not accepted/);
  }
  await login(page, 'karaf', 'karaf');
  await page.waitForSelector('#calls-empty, #calls', WAIT);
  assert.match(await textOf(page, '#who-name'), /karaf \(admin\)/);
  await shot(page, '01-dashboard');
  noScriptErrors();
});

test('an admin adds an extension; a missing password is shown next to its field and nothing is saved', async () => {
  await go(page, 'extensions');
  await page.waitForSelector('#ext-form', WAIT);
  await page.type('#ext-number', '2001');
  await page.type('#ext-displayName', 'Web Test');
  await page.click('#ext-save');
  await page.waitForFunction(() => document.getElementById('ext-password-error').textContent.includes('password'), WAIT);
  assert.equal(await page.$eval('#ext-password', (el) => el.getAttribute('aria-invalid')), 'true');
  assert.equal(await page.$('#extensions tr[data-ext="2001"]'), null, 'nothing saved after the refusal');
  await page.type('#ext-password', 'web2001secret');
  await page.click('#ext-save');
  await page.waitForSelector('#extensions tr[data-ext="2001"]', WAIT);
  assert.match(await textOf(page, '#extensions tr[data-ext="2001"]'), /Web Test/);
  await shot(page, '02-extension-added');
  noScriptErrors();
});

test('a SIPp phone registering as 2001 appears on the dashboard', async () => {
  await go(page, 'dashboard');
  await page.waitForSelector('#registrations-empty, #registrations', WAIT);
  const rc = await sipp([`127.0.0.1:${SIP_PORT}`, '-sf', `${SCENARIOS}/call-register.xml`, '-m', '1', '-t', 'u1', '-i', '127.0.0.1',
    '-p', UAS_PORT, '-s', '2001', '-au', '2001', '-ap', 'web2001secret', '-key', 'expires', '3600', '-timeout', '10s', '-timeout_error'], 'register');
  assert.equal(rc, 0, 'SIPp registered 2001');
  // Pushed by the event stream: the page is not reloaded.
  await page.waitForSelector('#registrations tr[data-ext="2001"]', WAIT);
  assert.match(await textOf(page, '#registrations tr[data-ext="2001"]'), new RegExp(`127\\.0\\.0\\.1:${UAS_PORT}`));
  noScriptErrors();
});

test('a SIPp call appears in live calls, ends there, and is found in the call records', async () => {
  // The callee is conference room 7000 (web-ui.sh adds it), answered by the PBX itself: a SIPp callee behind the
  // PBX gets no ACK in this build (the PBX sends from ephemeral UDP ports, so the callee's answers to the source
  // address are lost; see the web bundle's README).
  await go(page, 'dashboard');
  await page.waitForSelector('#calls-empty', WAIT);
  // The SIP trace on (when the API has the switch), so the call gets its ladder.
  const trace = await page.evaluate(async () => (await fetch('/api/trace', { method: 'PUT', headers: {
    'Content-Type': 'application/json', 'X-Requested-With': 'plugboard-web' }, body: '{"enabled":true}' })).status);
  const caller = sipp([`127.0.0.1:${SIP_PORT}`, '-sf', `${SCENARIOS}/call-uac.xml`, '-t', 'u1', '-i', '127.0.0.1', '-p', UAC_PORT,
    '-s', '7000', '-key', 'caller', '1001', '-au', '1001', '-ap', 'demo1001pw', '-d', '4000', '-m', '1', '-timeout', '40s'], 'uac');
  const row = '#calls tr[data-callee="7000"][data-caller="1001"]';
  await page.waitForSelector(row, WAIT);
  await page.waitForFunction((s) => /Answered|Connected/.test(document.querySelector(s)?.textContent || ''), WAIT, row);
  await shot(page, '03-live-call');
  await page.waitForSelector('#calls-empty', WAIT); // released: gone from live calls
  assert.equal(await caller, 0, 'the SIPp caller completed its call');
  await go(page, 'cdrs');
  await page.waitForSelector('#cdr-form', WAIT);
  await page.type('#cdr-extension', '1001');
  await page.click('#cdr-search');
  await page.waitForFunction(() => /extension=1001/.test(document.getElementById('cdr-csv').getAttribute('href')), WAIT);
  await page.waitForSelector('#cdrs tr td.disp-answered', WAIT);
  const record = await textOf(page, '#cdrs tbody tr');
  assert.match(record, /1001/);
  assert.match(record, /7000/);
  assert.match(await page.$eval('#cdr-csv', (a) => a.getAttribute('href')), /\/api\/cdrs\.csv\?extension=1001/);
  await shot(page, '04-cdr-search');
  if (trace === 200) {
    // The ladder from the record's link: the caller's INVITE, the PBX's 407, the ACK, the 200, the BYE, in order.
    await page.waitForSelector('#cdrs tbody tr a[href^="#/trace/"]:not([hidden])', WAIT);
    await page.click('#cdrs tbody tr a[href^="#/trace/"]');
    await page.waitForSelector('#ladder-list li', WAIT);
    const lines = await page.$$eval('#ladder-list li', (li) => li.map((x) => x.textContent));
    // The caller's ACK to the 407 comes after it: outbound messages are stamped before they are sent (sip bundle).
    const order = ['INVITE sip:7000', 'SIP/2.0 407', 'ACK ', 'SIP/2.0 200', 'BYE '].map((m) => lines.findIndex((l) => l.includes(m)));
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `ladder in order: ${lines.join(' | ')}`);
    assert.ok(await page.$$eval('svg.ladder g.msg', (g) => g.length) === lines.length, 'one arrow per message');
    await shot(page, '04b-ladder');
  }
  noScriptErrors();
});

test('a CSV import with one bad line adds the others and reports that line', async () => {
  await go(page, 'extensions');
  await page.waitForSelector('#import-file', WAIT);
  const csv = `${WORK}/import.csv`;
  writeFileSync(csv, '# web import test\nnumber;password;name;devices\n2101;pw-2101-secret;Ann;1\n2102;pw-2102-secret;Ben;2\n2103;pw-2103-secret;Cy;0\n');
  const input = await page.$('#import-file');
  await input.uploadFile(csv);
  await page.click('#import-run');
  await page.waitForSelector('#import-summary', WAIT);
  assert.match(await textOf(page, '#import-summary'), /2 of 3 added, 1 refused/);
  const bad = await textOf(page, '#import-errors li[data-line="5"]');
  assert.match(bad, /Line 5 \(2103\), field maxDevices/);
  await page.waitForSelector('#extensions tr[data-ext="2102"]', WAIT);
  assert.equal(await page.$('#extensions tr[data-ext="2103"]'), null, 'the refused line saved nothing');
  assert.equal(await page.$eval('#import-progress', (p) => p.value), 3);
  await shot(page, '05-csv-import');
  noScriptErrors();
});

test('a read-only user sees the data but no control that changes anything, also on a phone-sized screen', async () => {
  // A browser context of its own: its session cookie is not the admin's.
  const context = await browser.createBrowserContext();
  const phone = await newPage(390, 800, context);
  await login(phone, 'monitor', 'monitor');
  assert.match(await textOf(phone, '#who-name'), /read only/);
  await go(phone, 'extensions');
  await phone.waitForSelector('#extensions tr[data-ext="2001"]', WAIT);
  for (const control of ['#ext-form', '#import-file', '#extensions button']) {
    assert.equal(await phone.$(control), null, `${control} is not shown to a viewer`);
  }
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling of the page on a phone (width ${width})`);
  await shot(phone, '06-viewer-phone');
  await phone.click('#logout');
  await phone.waitForSelector('#login:not([hidden])', WAIT);
  await context.close();
  noScriptErrors();
});

test('an invalid IVR file is refused with its line number', async () => {
  const probe = await page.evaluate(async () => (await fetch('/api/ivr/files', { headers: { 'X-Requested-With': 'plugboard-web' } })).status);
  assert.equal(probe, 200, 'GET /api/ivr/files (web-ui.sh installs pbx-ivr)');
  await go(page, 'ivr');
  await page.waitForSelector('#ivr-form', WAIT);
  await page.type('#ivr-name', 'web-test.xml');
  await page.type('#ivr-xml', '<?xml version="1.0"?>\n<ivr number="7100">\n  <menu id="main">\n    <nonsense/>\n  </menu>\n</ivr>\n');
  await page.click('#ivr-save');
  await page.waitForFunction(() => /Line \d+/.test(document.getElementById('ivr-error').textContent), WAIT);
  assert.match(await textOf(page, '#ivr-error'), /Line [2-6]/);
  await page.waitForSelector('#ivr-text li.fault', WAIT);
  await shot(page, '07-ivr-invalid');
  noScriptErrors();
});

test('an extension shows its forwarding section while pbx-forwarding is installed, a bad target at its field, and loses it when the feature goes', async () => {
  const caps = await page.evaluate(async () => {
    const r = await fetch('/api/capabilities', { headers: { 'X-Requested-With': 'plugboard-web' } });
    return r.ok ? (await r.json()).items.map((c) => c.name) : null;
  });
  assert.ok(caps, 'GET /api/capabilities answers');
  assert.ok(caps.includes('forwarding'), `capability forwarding listed (web-ui.sh installs pbx-forwarding): ${caps}`);
  await go(page, 'extensions');
  await page.waitForSelector('#extensions tr[data-ext="2001"] button', WAIT);
  await page.click('#extensions tr[data-ext="2001"] button');
  await page.waitForSelector('section[data-service="forwarding"]:not([hidden]) #svc-forwarding-busy', WAIT);
  await page.type('#svc-forwarding-busy', 'not-a-number');
  await page.click('section[data-service="forwarding"] button[type=submit]');
  await page.waitForFunction(() => document.getElementById('svc-forwarding-busy-error').textContent.length > 0, WAIT);
  assert.equal(await page.$eval('#svc-forwarding-busy', (i) => i.getAttribute('aria-invalid')), 'true');
  await page.$eval('#svc-forwarding-busy', (i) => { i.value = ''; });
  await page.type('#svc-forwarding-busy', '1002');
  await page.click('section[data-service="forwarding"] button[type=submit]');
  await page.waitForFunction(() => /saved/.test(document.getElementById('status').textContent), WAIT);
  const stored = await page.evaluate(async () => (await (await fetch('/api/extensions/2001/forwarding', { headers: { 'X-Requested-With': 'plugboard-web' } })).json()).busy);
  assert.equal(stored, '1002');
  await shot(page, '08-forwarding');
  // The feature goes: its section goes too, pushed by capabilities.changed (the page is not reloaded).
  assert.equal(await karaf('feature:uninstall -r pbx-forwarding'), 0);
  await page.waitForSelector('section[data-service="forwarding"][hidden]', WAIT);
  noScriptErrors();
});

/** GET of an API resource from the page (its session cookie): the JSON, or null when not 200. */
async function apiGet(p, path) {
  return p.evaluate(async (u) => {
    const r = await fetch(u, { headers: { 'X-Requested-With': 'plugboard-web' } });
    return r.ok ? r.json() : null;
  }, path);
}

/** Opens an extension's details (its service sections) from the extension list. */
async function openExtension(p, number) {
  await go(p, 'extensions');
  await p.waitForSelector(`#extensions tr[data-ext="${number}"] button`, WAIT);
  await p.click(`#extensions tr[data-ext="${number}"] button`);
}

test('the screening section shows a bad caller prefix at its field and saves nothing, then saves the list whole', async () => {
  await openExtension(page, '2001');
  const sec = 'section[data-service="screening"]:not([hidden])';
  await page.waitForSelector(`${sec} form.screening`, WAIT);
  await page.click(`${sec} button.add`);
  await page.click(`${sec} button.add`);
  await page.type('#scr-2001-entries_0__caller', '0900');
  await page.type('#scr-2001-entries_1__caller', '12ab');
  await page.click(`${sec} button[type=submit]`);
  await page.waitForFunction(() => document.getElementById('scr-2001-entries_1__caller-error').textContent.includes('12ab'), WAIT);
  assert.equal(await page.$eval('#scr-2001-entries_1__caller', (i) => i.getAttribute('aria-invalid')), 'true');
  assert.equal(await page.$eval('#scr-2001-entries_0__caller-error', (e) => e.textContent), '', 'only the bad field is marked');
  assert.deepEqual((await apiGet(page, '/api/extensions/2001/screening')).entries, [], 'nothing saved after the refusal');
  await shot(page, '09-screening-refused');
  await page.$eval('#scr-2001-entries_1__caller', (i) => { i.value = ''; });
  await page.type('#scr-2001-entries_1__caller', '+49');
  await page.click('#scr-2001-refuseAnonymous');
  await page.click(`${sec} button[type=submit]`);
  await page.waitForFunction(() => /Screening of 2001 saved/.test(document.getElementById('status').textContent), WAIT);
  const stored = await apiGet(page, '/api/extensions/2001/screening');
  assert.deepEqual(stored.entries.map((e) => e.caller), ['0900', '+49']);
  assert.equal(stored.refuseAnonymous, true);
  noScriptErrors();
});

test('the voicemail box shows a bad PIN at its field and stores nothing, then a good PIN shows as set', async () => {
  await openExtension(page, '2001');
  const sec = 'section[data-service="voicemail"]:not([hidden])';
  await page.waitForSelector(`${sec} form.voicemail-box`, WAIT);
  assert.match(await textOf(page, `${sec} .pin-set`), /not set/);
  await page.type('#vmbox-2001-pin', '12');
  await page.click(`${sec} button[type=submit]`);
  await page.waitForFunction(() => document.getElementById('vmbox-2001-pin-error').textContent.includes('PIN'), WAIT);
  assert.equal(await page.$eval('#vmbox-2001-pin', (i) => i.getAttribute('aria-invalid')), 'true');
  assert.equal((await apiGet(page, '/api/extensions/2001/voicemail')).pinSet, false, 'nothing stored after the refusal');
  await shot(page, '10-voicemail-pin-refused');
  await page.$eval('#vmbox-2001-pin', (i) => { i.value = ''; });
  await page.type('#vmbox-2001-pin', '4711');
  await page.click(`${sec} button[type=submit]`);
  await page.waitForFunction((s) => document.querySelector(`${s} .pin-set`)?.textContent === 'set', WAIT, sec);
  assert.equal((await apiGet(page, '/api/extensions/2001/voicemail')).pinSet, true);
  noScriptErrors();
});

test('the DND form shows a negative call limit at its field and stores nothing', async () => {
  await openExtension(page, '2001');
  const sec = 'section[data-service="dnd"]:not([hidden])';
  await page.waitForSelector(`${sec} #svc-dnd-maxIn`, WAIT);
  await page.$eval('#svc-dnd-maxIn', (i) => { i.value = ''; });
  await page.type('#svc-dnd-maxIn', '-3');
  await page.click(`${sec} button[type=submit]`);
  await page.waitForFunction(() => document.getElementById('svc-dnd-maxIn-error').textContent.length > 0, WAIT);
  assert.equal(await page.$eval('#svc-dnd-maxIn', (i) => i.getAttribute('aria-invalid')), 'true');
  assert.equal((await apiGet(page, '/api/extensions/2001/dnd')).maxIn, 0, 'nothing stored after the refusal');
  noScriptErrors();
});

test('the call record search shows an unknown tag and a reversed time range at their fields', async () => {
  await go(page, 'cdrs');
  await page.waitForSelector('#cdr-form', WAIT);
  await page.$eval('#cdr-extension', (i) => { i.value = ''; });
  await page.type('#cdr-tag', 'no-such-tag');
  await page.click('#cdr-search');
  await page.waitForFunction(() => document.getElementById('cdr-tag-error').textContent.length > 0, WAIT);
  assert.equal(await page.$eval('#cdr-tag', (i) => i.getAttribute('aria-invalid')), 'true');
  await page.$eval('#cdr-tag', (i) => { i.value = ''; });
  await page.$eval('#cdr-since', (i) => { i.value = '2026-12-07T10:00'; });
  await page.$eval('#cdr-until', (i) => { i.value = '2026-12-07T09:00'; });
  await page.click('#cdr-search');
  await page.waitForFunction(() => document.getElementById('cdr-until-error').textContent.includes('not after'), WAIT);
  assert.equal(await page.$eval('#cdr-tag-error', (e) => e.textContent), '', 'the earlier error is cleared');
  await shot(page, '12-cdr-search-refused');
  noScriptErrors();
});

test('a voice message a SIPp caller leaves for 1001 is listed at the extension, plays and downloads', async () => {
  const code = await sipp([`127.0.0.1:${SIP_PORT}`, '-sf', `${WORK}/deposit.xml`, '-t', 'u1', '-i', '127.0.0.1', '-p', UAC_PORT,
    '-mp', MEDIA_PORT, '-s', '971001', '-key', 'caller', '1002', '-au', '1002', '-ap', 'demo1002pw', '-m', '1',
    '-recv_timeout', '15000', '-timeout', '40s'], 'deposit');
  assert.equal(code, 0, 'the SIPp caller left its message');
  // Stored once the recording ends (on the voicemail thread): wait for the API to list it, then open the page.
  await page.waitForFunction(async () => {
    const r = await fetch('/api/extensions/1001/voicemail/messages', { headers: { 'X-Requested-With': 'plugboard-web' } });
    return r.ok && (await r.json()).items.length > 0;
  }, { ...WAIT, polling: 250 });
  await openExtension(page, '1001');
  const item = 'section[data-service="voicemail-messages"]:not([hidden]) li[data-message]';
  await page.waitForSelector(`${item} audio`, WAIT);
  assert.match(await textOf(page, item), /1002/, 'the caller is named');
  const got = await page.$eval(item, async (li) => {
    const audio = li.querySelector('audio');
    const link = li.querySelector('a[download]');
    const r = await fetch(link.href);
    // One character per byte: the size field between RIFF and WAVE is binary (UTF-8 decoding could merge bytes).
    const head = String.fromCharCode(...new Uint8Array((await r.arrayBuffer()).slice(0, 12)));
    // The player loads the same file: its duration once the metadata is in (or the media error it reports).
    audio.preload = 'metadata';
    audio.load();
    const loaded = await new Promise((resolve) => {
      audio.addEventListener('loadedmetadata', () => resolve({ duration: audio.duration }), { once: true });
      audio.addEventListener('error', () => resolve({ error: audio.error && audio.error.code }), { once: true });
      setTimeout(() => resolve({ timeout: true }), 10000);
    });
    return { same: audio.src === link.href, status: r.status, type: r.headers.get('content-type'), head, loaded };
  });
  assert.equal(got.same, true, 'player and download are the same file');
  assert.equal(got.status, 200);
  assert.match(got.type, /^audio\/wav/);
  assert.match(got.head, /^RIFF....WAVE$/s);
  assert.ok(got.loaded.duration > 3, `the player loads the message (4.7 s played): ${JSON.stringify(got.loaded)}`);
  await shot(page, '11-voicemail-playback');
  noScriptErrors();
});
