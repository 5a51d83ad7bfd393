// The plugin's pages in headless Chromium, after e2e/jenkins/run's scenarios created their jobs and runs:
// screenshots (E2E_SHOTS) and DOM assertions. One "PASS: …" or "FAIL: …" line per check.
// Env: E2E_JENKINS (base URL), E2E_CURLRC (curl config with `user = "NAME:TOKEN"`), E2E_SHOTS, CHROMIUM.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const base = process.env.E2E_JENKINS.replace(/\/$/, '');
const shots = process.env.E2E_SHOTS;
const user = /user\s*=\s*"([^"]*)"/.exec(readFileSync(process.env.E2E_CURLRC, 'utf8'))[1];
const PKG = 'io.jenkins.plugins.externalbuild.jenkins.';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true, // playwright-core gives each launch a fresh --user-data-dir
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({
  viewport: { width: 1400, height: 1000 },
  extraHTTPHeaders: { Authorization: 'Basic ' + Buffer.from(user).toString('base64') },
});
const page = await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e.message).split('\n')[0]));

function report(ok, what) {
  console.log(`${ok ? 'PASS' : 'FAIL'}: ${what}`);
}

async function open(path) {
  pageErrors.length = 0;
  const response = await page.goto(base + path, { waitUntil: 'load', timeout: 60000 });
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});

  return response ? response.status() : 0;
}

// A screenshot of one part of the page, without the sticky header and save bar over it (hidden meanwhile).
async function shotOf(locator, path) {
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'e2e-shot';
    style.textContent = '#page-header, #bottom-sticker { visibility: hidden !important; }';
    document.head.appendChild(style);
  });
  await locator.screenshot({ path });
  await page.evaluate(() => document.getElementById('e2e-shot').remove());
}

// Every named field under `root` sits in a form item with its help button; no error shows.
async function audit(root) {
  return root.evaluate((el) => {
    const fields = [];
    const missing = [];
    for (const c of el.querySelectorAll('input[name^="_."], select[name^="_."], textarea[name^="_."]')) {
      if (c.type === 'hidden') continue;
      const item = c.closest('.jenkins-form-item');
      if (item && item.getClientRects().length === 0) continue; // not shown (another step's form, a closed section)
      const name = c.getAttribute('name').slice(2);
      if (fields.includes(name)) continue;
      fields.push(name);
      if (!item || !item.querySelector('a.jenkins-help-button')) missing.push(name);
    }
    const shown = (e) => e.getClientRects().length > 0 && e.textContent.trim();
    const text = (e) => e.textContent.trim().slice(0, 120);
    const all = [...el.querySelectorAll('.error, .jenkins-alert-danger, .alert-danger')].filter(shown);
    const errors = all.filter((e) => !e.closest('.validation-error-area')).map(text);
    const validation = all.filter((e) => e.closest('.validation-error-area')).map(text);
    return { fields, missing, errors, validation };
  });
}

async function banner() {
  return page.evaluate(() => [...document.querySelectorAll('.jenkins-alert-danger, .alert-danger, #error-description')]
    .filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim().slice(0, 120)));
}

function auditLine(a) {
  return `fields ${a.fields.join(', ')}` + (a.missing.length ? `; WITHOUT help: ${a.missing.join(', ')}` : '; each with help')
    + (a.errors.length ? `; errors: ${a.errors.join(' | ')}` : '')
    + (a.validation.length ? `; field checks say: ${a.validation.join(' | ')}` : '');
}

async function check(name, fn) {
  try {
    await fn();
  } catch (e) {
    report(false, `${name}: ${String(e.message).split('\n')[0]}`);
    await page.screenshot({ path: `${shots}/${name}-error.png`, fullPage: true }).catch(() => {});
  }
}

// 1. A freestyle job's configure page with both build steps.
await check('configure', async () => {
  const status = await open('/job/e2e-freestyle/configure');
  for (const button of await page.locator('.advanced-button, .advancedButton').all()) {
    if (await button.isVisible()) await button.click().catch(() => {});
  }
  await page.screenshot({ path: `${shots}/configure-freestyle.png`, fullPage: true });
  for (const step of ['RestartExternalBuildBuilder', 'WaitForExternalBuildBuilder']) {
    const chunk = page.locator(`[descriptorid="${PKG}${step}"]`).first();
    if (!(await chunk.count())) {
      report(false, `configure page (HTTP ${status}): no ${step} section`);
      continue;
    }
    await chunk.scrollIntoViewIfNeeded();
    await shotOf(chunk, `${shots}/configure-${step}.png`);
    const a = await audit(chunk);
    report(a.fields.includes('url') && !a.missing.length && !a.errors.length, `configure page, ${step}: ${auditLine(a)}`);
  }
  const b = await banner();
  report(!b.length, `configure page: no error banner${b.length ? ` (found: ${b.join(' | ')})` : ''}`);
});

// 2. Manage Jenkins → System: the External builds section, with one endpoint added.
await check('system', async () => {
  await open('/manage/configure');
  const section = page.locator('section.jenkins-section', { has: page.locator('.jenkins-section__title', { hasText: 'External builds' }) }).first();
  if (!(await section.count())) {
    report(false, 'Manage Jenkins → System: no "External builds" section');
    return;
  }
  const add = section.locator('button', { hasText: 'Add endpoint' }).first();
  if (await add.count()) {
    await add.click();
    await page.waitForTimeout(1500);
  }
  await section.scrollIntoViewIfNeeded();
  await shotOf(section, `${shots}/system-external-builds.png`);
  const a = await audit(section);
  report(a.fields.includes('pollCapSeconds') && !a.missing.length && !a.errors.length,
    `Manage Jenkins → System, External builds (an endpoint added): ${auditLine(a)}`);
  const b = await banner();
  report(!b.length, `Manage Jenkins → System: no error banner${b.length ? ` (found: ${b.join(' | ')})` : ''}`);
});

// 3. The snippet generator, each step: generated text asserted.
const url = 'http://127.0.0.1:8010/#/builders/4/builds/1';
for (const step of ['restartExternalBuild', 'waitForExternalBuild', 'externalBuildStatus', 'cancelExternalBuild']) {
  await check(`snippet-${step}`, async () => {
    await open('/job/e2e-flaky/pipeline-syntax/');
    const select = page.locator('select.dropdownList').first();
    const value = await select.evaluate((s, prefix) => {
      const o = [...s.options].find((x) => x.textContent.trim().startsWith(prefix + ':'));
      return o ? o.value : null;
    }, step);
    if (value === null) {
      report(false, `snippet generator: no "${step}" in the step list`);
      return;
    }
    await select.selectOption(value);
    const field = page.locator('input[name="_.url"]:visible').first();
    await field.waitFor({ timeout: 20000 });
    await field.fill(url);
    for (const button of await page.locator('.dropdownList-container .advanced-button, .dropdownList-container .advancedButton').all()) {
      if (await button.isVisible()) await button.click().catch(() => {});
    }
    await page.locator('#generatePipelineScript').click();
    await page.waitForFunction(() => document.getElementById('prototypeText').value.trim() !== '', null, { timeout: 20000 });
    const text = (await page.locator('#prototypeText').inputValue()).trim();
    const form = page.locator('.dropdownList-container').first();
    const a = await audit(form);
    await page.screenshot({ path: `${shots}/snippet-${step}.png`, fullPage: true });
    const expected = `${step} url: '${url}'`;
    report(text === expected, `snippet generator, ${step}: generated "${text}"${text === expected ? '' : ` (expected "${expected}")`}`);
    report(!a.missing.length && !a.errors.length, `snippet generator, ${step} form: ${auditLine(a)}`);
  });
}

// 4. A run's "External builds" page, and its console: statuses with Jenkins' symbols, links, no nested anchors.
const runs = [['run-flaky', process.env.E2E_RUN_FLAKY], ['run-abort', process.env.E2E_RUN_ABORT]].filter(([, p]) => p);
if (runs.length < 2) report(false, 'run pages: the flaky or the abort scenario left no run to look at');
for (const [name, path] of runs) {
  await check(name, async () => {
    const status = await open(`${path}/external-builds/`);
    await page.screenshot({ path: `${shots}/${name}-external-builds.png`, fullPage: true });
    const info = await page.evaluate(() => ({
      titles: [...document.querySelectorAll('#main-panel h2')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
      rows: [...document.querySelectorAll('#main-panel table tbody tr')].map((r) => ({
        symbol: !!r.querySelector('svg, img'),
        link: !!r.querySelector('a[href^="http"]'),
        text: [...r.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim()).filter((t) => t).join(' | '),
        status: r.cells[3] ? r.cells[3].textContent.trim() : '',
      })),
      nested: document.querySelectorAll('a a').length,
    }));
    const rowsOk = info.rows.length > 0 && info.rows.every((r) => r.symbol && r.link);
    const lastRow = info.rows.length ? info.rows[info.rows.length - 1] : { text: '', status: '' };
    const last = lastRow.text;
    // after the abort (onAbort: cancel) the last attempt must say what happened to it, not "running" or nothing
    const final = name !== 'run-abort' || /^cancel/.test(lastRow.status);
    report(status === 200 && rowsOk && info.nested === 0 && final && info.titles.length > 0,
      `${path}/external-builds (HTTP ${status}): titles ${JSON.stringify(info.titles)}; ${info.rows.length} attempts`
      + `${rowsOk ? ', each with a status symbol and a link' : ', NOT each with a symbol and a link'}; last: "${last}"`
      + `; nested anchors: ${info.nested}`);
    const consoleStatus = await open(`${path}/console`);
    const c = await page.evaluate(() => ({
      nested: document.querySelectorAll('a a').length,
      links: [...document.querySelectorAll('pre a, .console-output a')].filter((a) => a.href.includes('127.0.0.1')).length,
    }));
    await page.screenshot({ path: `${shots}/${name}-console.png`, fullPage: true });
    report(consoleStatus === 200 && c.nested === 0 && c.links > 0,
      `${path}/console: ${c.links} links to the remote builds, nested anchors: ${c.nested}`);
  });
}

await browser.close();
