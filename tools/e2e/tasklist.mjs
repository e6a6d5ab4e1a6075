#!/usr/bin/env node
// End-to-end check of the mediator's work in Camunda 7.24 Tasklist, in a real browser: Debian's headless
// Chromium (/usr/bin/chromium, `apt-get install -y chromium`) driven by playwright-core. No browser is ever
// downloaded.
//
// Usage (from tools/e2e, after `npm ci`):
//   BASE_URL=http://localhost:8080 MEDIATOR_USER=mediator MEDIATOR_PASSWORD=demo \
//   DISPUTE_ID=DSP-XXXXXXXXXX SCREENSHOT_DIR=/tmp/e2e-shots node tasklist.mjs
//
// What it does, as a mediator would:
//   1. logs into Tasklist (${BASE_URL}/camunda/app/tasklist/default/)              -> 01-logged-in.png
//   2. opens the "Mediation queue" filter, finds the one task whose name contains DISPUTE_ID (paging
//      through the list if needed) and opens it                                     -> 02-task-opened.png
//   3. claims it when nobody has (fails when someone else has)
//   4. checks the rendered Camunda Form (forms/mediate.form) against the task's `dispute` form variable,
//      read through Tasklist's session as Tasklist reads it: the dispute id is shown, every evidence file has a visible link
//      (an <a> whose href contains /evidence/, at least one) that downloads with HTTP 200, and the
//      suggestion box shows the suggested proposal (e.g. "Full refund" or "Partial refund (keep the
//      item): 22.50 EUR")                                                           -> 03-form-checked.png
//   5. picks "Issue the platform's proposal" (mediatorAction = ISSUE_PROPOSAL) and checks that the form
//      offers to keep the suggestion; leaves the proposal type empty               -> 04-issue-selected.png
//      presses Complete, checks Tasklist sent mediatorAction ISSUE_PROPOSAL and the engine accepted it,
//      waits for the task to leave the list and the task pane                      -> 05-completed.png
//   6. reads GET ${BASE_URL}/api/disputes/{id} (HTTP Basic as the mediator) until its status is
//      AWAITING_BUYER_DECISION, and checks that its open PLATFORM proposal is the suggestion.
//
// Output: one line of JSON on stdout, {"ok":true,...} and exit 0; or {"ok":false,"step":...,"error":...}
// with failure.png in SCREENSHOT_DIR and exit 1. Exit 2: it cannot run here (an input variable is missing,
// no Chromium at CHROMIUM_PATH, playwright-core not installed). Progress goes to stderr. The whole run is
// bounded to RUN_TIMEOUT_MS (default 75 s; each wait has its own shorter bound), and the process ends at
// the latest 12 s after that, failure screenshot and browser shutdown included.
//
// Environment: BASE_URL, MEDIATOR_USER, MEDIATOR_PASSWORD, DISPUTE_ID, SCREENSHOT_DIR (all required);
// CHROMIUM_PATH (default /usr/bin/chromium), RUN_TIMEOUT_MS (default 75000).
//
// Known app behaviour it works around (reported in "warnings"): on a browser's first visit, Tasklist's
// login page GETs /camunda-welcome; the app answers 401 with `WWW-Authenticate: Basic`, so the browser
// opens an HTTP sign-in prompt over Tasklist. In headless Chromium that prompt is invisible but blocks
// every click and key press in the tab. The script answers that one request as if the user had pressed
// "Cancel" (the same 401, without the challenge header).

import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const started = Date.now();
const log = (message) => process.stderr.write(`[tasklist-e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
const emit = (object) => process.stdout.write(`${JSON.stringify(object)}\n`);

// ---------------------------------------------------------------------------------------------------
// Inputs

const REQUIRED = ['BASE_URL', 'MEDIATOR_USER', 'MEDIATOR_PASSWORD', 'DISPUTE_ID', 'SCREENSHOT_DIR'];
const missing = REQUIRED.filter((name) => !process.env[name]);
if (missing.length) {
  const reason = `missing environment variable(s): ${missing.join(', ')}`;
  log(reason);
  emit({ ok: false, step: 'setup', error: reason });
  process.exit(2);
}
const BASE_URL = process.env.BASE_URL.replace(/\/+$/, '');
const USER = process.env.MEDIATOR_USER;
const PASSWORD = process.env.MEDIATOR_PASSWORD;
const DISPUTE_ID = process.env.DISPUTE_ID.trim();
const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUN_TIMEOUT_MS = Number(process.env.RUN_TIMEOUT_MS || 75_000);

const TASKLIST_URL = `${BASE_URL}/camunda/app/tasklist/default/`;
const ENGINE_API = `${BASE_URL}/camunda/api/engine/engine/default`; // what Tasklist itself calls, with its session
const FILTER_NAME = 'Mediation queue';
const ISSUE_LABEL = "Issue the platform's proposal";
const EXPECTED_STATUS = 'AWAITING_BUYER_DECISION';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
// The labels forms/mediate.form shows for dispute.suggestion.type.
const PROPOSAL_LABELS = {
  FULL_REFUND: 'Full refund',
  PARTIAL_REFUND: 'Partial refund (keep the item)',
  RETURN_AND_REFUND: 'Return and refund',
  RESHIPMENT: 'Reshipment',
  SELLER_FAVOUR: "Seller's favour (no refund)"
};
const SHOTS = ['01-logged-in.png', '02-task-opened.png', '03-form-checked.png', '04-issue-selected.png', '05-completed.png', 'failure.png'];

try {
  accessSync(CHROMIUM, constants.X_OK);
} catch {
  const reason = `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium); this script never downloads a browser`;
  log(reason);
  emit({ ok: false, step: 'setup', error: reason });
  process.exit(2);
}

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  const reason = `playwright-core is not installed: run \`npm ci\` in tools/e2e (${error.message})`;
  log(reason);
  emit({ ok: false, step: 'setup', error: reason });
  process.exit(2);
}

mkdirSync(SCREENSHOT_DIR, { recursive: true });
for (const name of SHOTS) rmSync(join(SCREENSHOT_DIR, name), { force: true }); // no stale pictures from an earlier run

// ---------------------------------------------------------------------------------------------------
// State shared with the failure path

const warnings = [];
const screenshots = [];
const pageErrors = [];
const inFlight = new Map(); // request -> start time, to name a request that hangs (e.g. behind a sign-in prompt)
let step = 'launch';
let context;
let page;

class CheckFailed extends Error {}
const expect = (condition, message) => {
  if (!condition) throw new CheckFailed(message);
};

async function shoot(name, options = {}) {
  const path = join(SCREENSHOT_DIR, name);
  await page.screenshot({ path, timeout: 10_000, ...options });
  screenshots.push(path);
  log(`screenshot ${path}`);
}

// Tasklist's task pane scrolls inside itself, so a full-page screenshot would cut the form off: grow the
// window until the pane needs no scrolling (at most 4000 px), scroll it to the top, shoot, and go back.
async function shootWholeForm(name) {
  const size = page.viewportSize();
  const height = await page.locator('.fjs-form').evaluate((form) => {
    let pane = form.parentElement;
    while (pane && pane !== document.body && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
    if (!pane || pane === document.body) return window.innerHeight;
    pane.scrollTop = 0;
    return window.innerHeight + (pane.scrollHeight - pane.clientHeight) + 20;
  });
  await page.setViewportSize({ width: size.width, height: Math.min(4000, Math.max(size.height, Math.ceil(height))) });
  await page.waitForTimeout(300);
  await shoot(name);
  await page.setViewportSize(size);
}

// Tasklist shows "Loading…" in the task list column until a list has arrived, and an alert if it failed.
async function waitForTaskList() {
  const column = page.locator('section.tasks-list [cam-tasks]');
  await column.locator('.loader').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => {
    throw new CheckFailed('the task list keeps showing "Loading…"');
  });
  const failure = column.locator('.alert-danger');
  if (await failure.isVisible()) throw new CheckFailed(`the task list failed to load: ${(await failure.innerText()).replace(/\s+/g, ' ').trim()}`);
}

async function apiDispute() {
  const response = await fetch(`${BASE_URL}/api/disputes/${encodeURIComponent(DISPUTE_ID)}`, {
    headers: { Authorization: BASIC, Accept: 'application/json' },
    signal: AbortSignal.timeout(10_000)
  });
  expect(response.ok, `GET /api/disputes/${DISPUTE_ID} answered HTTP ${response.status}`);
  return response.json();
}

// ---------------------------------------------------------------------------------------------------
// The run

const userDataDir = mkdtempSync(join(tmpdir(), 'opendispute-e2e-chromium-')); // a fresh profile every run

async function run() {
  step = 'launch';
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US', // Tasklist translates its buttons ("Claim", "Complete") by the browser's language
    timezoneId: 'UTC',
    acceptDownloads: false,
    timeout: 30_000
  });
  page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => inFlight.set(request, Date.now()));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  page.on('response', (response) => {
    if (response.status() === 401 && response.headers()['www-authenticate']) {
      warnings.push(`${new URL(response.url()).pathname} challenged the browser with ${response.headers()['www-authenticate']}`);
    }
  });
  // See the header: answer /camunda-welcome as a user pressing "Cancel" on the sign-in prompt would.
  await context.route(`${BASE_URL}/camunda-welcome`, async (route) => {
    const response = await route.fetch({ timeout: 10_000 });
    const headers = response.headers();
    if (headers['www-authenticate']) {
      warnings.push(`GET /camunda-welcome answered ${response.status()} with WWW-Authenticate "${headers['www-authenticate']}", `
        + 'which opens a browser sign-in prompt over the Tasklist login page; answered as if the prompt was cancelled');
      delete headers['www-authenticate'];
    }
    await route.fulfill({ response, headers });
  });

  // 1. Log in -------------------------------------------------------------------------------------
  step = 'login';
  log(`opening ${TASKLIST_URL}`);
  await page.goto(TASKLIST_URL, { waitUntil: 'domcontentloaded' });
  const usernameInput = page.locator('input[ng-model="username"]');
  const passwordInput = page.locator('input[type="password"]');
  await usernameInput.waitFor({ state: 'visible', timeout: 30_000 });
  // The login page focuses the user name field by itself, a moment after it shows; typing in between can
  // land in the wrong field. Wait for that focus, then fill and read both fields back.
  await page.waitForFunction(() => document.activeElement?.getAttribute('ng-model') === 'username', null, { timeout: 5_000 }).catch(() => {});
  for (let attempt = 1; ; attempt += 1) {
    await usernameInput.fill(USER);
    await passwordInput.fill(PASSWORD);
    if (await usernameInput.inputValue() === USER && await passwordInput.inputValue() === PASSWORD) break;
    expect(attempt < 3, 'the login form does not keep the user name and password typed into it');
    log('the login form lost what was typed into it; typing again');
    await page.waitForTimeout(500);
  }
  const loginResponse = page.waitForResponse(
    (response) => response.request().method() === 'POST' && /\/login\/tasklist$/.test(new URL(response.url()).pathname),
    { timeout: 15_000 });
  await page.locator('button[type="submit"]').click();
  const login = await loginResponse;
  // Camunda refuses logins for a while after a failed one (login-delay), with 401 and a message.
  expect(login.status() === 200, `Tasklist login as ${USER} answered HTTP ${login.status()} ${(await login.text().catch(() => '')).slice(0, 300)}`);
  await page.locator('.task-filter h4.name a').first().waitFor({ state: 'visible', timeout: 20_000 }).catch(() => {
    throw new CheckFailed(`after logging in as ${USER}, Tasklist shows no filters`);
  });
  log(`logged in as ${USER}`);
  await waitForTaskList();
  await shoot('01-logged-in.png');

  // 2. Open the filter, find and open the task ---------------------------------------------------------
  step = 'find task';
  const filterLink = page.locator('.task-filter h4.name a', { hasText: FILTER_NAME });
  if (await filterLink.count() !== 1) {
    const filters = (await page.locator('.task-filter h4.name a').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    throw new CheckFailed(`${USER} has ${await filterLink.count()} Tasklist filters named "${FILTER_NAME}", expected one (filters: ${JSON.stringify(filters)})`);
  }
  await filterLink.click();
  await page.locator('.task-filter.active h4.name a', { hasText: FILTER_NAME }).waitFor({ state: 'visible' });
  const list = page.locator('section.tasks-list');
  const taskLinks = list.locator('li.task h4.task a', { hasText: DISPUTE_ID });
  const findDeadline = Date.now() + 15_000;
  let pagesSeen = 1;
  for (;;) {
    // Tasklist reloads the list after a filter or page change; give it a moment before judging.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    await waitForTaskList();
    if (await taskLinks.count() > 0) break;
    const next = list.locator('ul.pagination:not(.ng-hide) li.pagination-next:not(.disabled) a');
    if (await next.count() > 0 && Date.now() < findDeadline) {
      await next.first().click();
      pagesSeen += 1;
      continue;
    }
    if (Date.now() >= findDeadline) {
      const names = (await list.locator('li.task h4.task a').allInnerTexts()).map((text) => text.trim());
      throw new CheckFailed(`no task whose name contains ${DISPUTE_ID} in "${FILTER_NAME}" (${pagesSeen} page(s) looked at; `
        + `last page lists ${names.length}: ${JSON.stringify(names)})`);
    }
    await page.waitForTimeout(500);
  }
  expect(await taskLinks.count() === 1, `${await taskLinks.count()} tasks in "${FILTER_NAME}" have ${DISPUTE_ID} in their name`);
  const taskName = (await taskLinks.innerText()).trim();
  const taskId = new URLSearchParams(((await taskLinks.getAttribute('href')) || '').replace(/^#\/\?/, '')).get('task');
  expect(taskId, `the task link for ${DISPUTE_ID} carries no task id (href ${await taskLinks.getAttribute('href')})`);
  log(`found task ${taskId} "${taskName}" on page ${pagesSeen}`);

  step = 'open task';
  await taskLinks.click();
  const card = page.locator('section.task-card');
  await card.locator('h2', { hasText: DISPUTE_ID }).waitFor({ state: 'visible' });
  const form = page.locator('.fjs-form');
  await form.waitFor({ state: 'visible', timeout: 20_000 }).catch(async () => {
    const alerts = (await page.locator('section.task-details .alert-danger:visible').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    throw new CheckFailed(`the task shows no Camunda Form${alerts.length ? ` (Tasklist says: ${JSON.stringify(alerts)})` : ''}`);
  });
  await form.locator('.fjs-form-field').first().waitFor({ state: 'visible' });
  await shoot('02-task-opened.png');

  // 3. Claim it ---------------------------------------------------------------------------------------
  step = 'claim';
  const claimButton = card.locator('button.claim');
  let claimed = false;
  if (await claimButton.isVisible()) {
    const claimResponse = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().includes(`/task/${taskId}/claim`), { timeout: 15_000 });
    await claimButton.click();
    const claim = await claimResponse;
    expect(claim.status() < 300, `claiming the task answered HTTP ${claim.status()}: ${await claim.text().catch(() => '')}`);
    await claimButton.waitFor({ state: 'hidden' });
    claimed = true;
    log('claimed the task');
  } else {
    log('the task is already assigned');
  }
  // Tasklist shows Complete only to the task's assignee.
  const completeButton = page.locator('.form-actions button', { hasText: /^\s*Complete\s*$/ });
  const assignee = (await card.locator('.assignee').first().innerText().catch(() => '')).trim();
  await completeButton.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
    throw new CheckFailed(`the task is assigned to someone else (${JSON.stringify(assignee)}): Tasklist offers ${USER} no Complete button`);
  });
  // Claiming re-renders the form; wait for it again.
  await form.locator('.fjs-form-field').first().waitFor({ state: 'visible' });

  // 4. Check the form -------------------------------------------------------------------------------
  step = 'check form';
  const variables = await page.request.get(`${ENGINE_API}/task/${taskId}/form-variables?deserializeValues=false`,
    { headers: { Accept: 'application/json' }, timeout: 10_000 });
  expect(variables.ok(), `reading the task's form variables through Tasklist's session answered HTTP ${variables.status()}`);
  const formVariables = await variables.json();
  expect(formVariables.dispute, 'the task\'s form variables have no `dispute`');
  const dispute = JSON.parse(formVariables.dispute.value);
  expect(dispute.id === DISPUTE_ID, `the task's \`dispute\` variable is about ${dispute.id}, not ${DISPUTE_ID}`);

  const formText = await form.innerText();
  expect(!/\{\{|\[object Object\]/.test(formText), 'the form shows an unrendered template ("{{" or "[object Object]")');
  // The dispute id.
  const title = form.getByText(`Dispute ${DISPUTE_ID}`, { exact: true });
  expect(await title.count() === 1 && await title.isVisible(), `the form does not show "Dispute ${DISPUTE_ID}"`);
  // The suggestion box.
  expect(dispute.suggestion && dispute.suggestion.type,
    `the task's \`dispute\` variable has no suggestion (${JSON.stringify(dispute.suggestion)}): nothing to keep`);
  const expectedSuggestion = `${PROPOSAL_LABELS[dispute.suggestion.type] || dispute.suggestion.type}`
    + (dispute.suggestion.amount ? `: ${dispute.suggestion.amount} ${dispute.currency}` : '');
  // The box is the form field that says "Suggested by the decision table"; its headline is the line
  // after that (found by text, not by mediate.form's CSS class names).
  const suggestionBox = form.locator('.fjs-form-field', { hasText: 'Suggested by the decision table' });
  expect(await suggestionBox.count() === 1 && await suggestionBox.isVisible(),
    `the form shows ${await suggestionBox.count()} suggestion boxes ("Suggested by the decision table")`);
  const boxLines = (await suggestionBox.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
  const suggestion = boxLines[1] || '';
  expect(suggestion === expectedSuggestion,
    `the suggestion box reads ${JSON.stringify(boxLines)}, expected the suggestion ${JSON.stringify(expectedSuggestion)} under its title`);
  expect(await suggestionBox.getByText(expectedSuggestion, { exact: true }).isVisible(), `the suggestion ${JSON.stringify(expectedSuggestion)} is not visible`);
  // The evidence links.
  const evidenceLinks = form.locator('a[href*="/evidence/"]');
  const evidenceCount = await evidenceLinks.count();
  const expectedEvidence = Array.isArray(dispute.evidence) ? dispute.evidence : [];
  expect(evidenceCount >= 1, `the form shows no evidence link (the task's \`dispute\` variable lists ${expectedEvidence.length} evidence file(s))`);
  expect(evidenceCount === expectedEvidence.length, `the form shows ${evidenceCount} evidence link(s), the task's variable lists ${expectedEvidence.length}`);
  const evidence = [];
  for (let i = 0; i < evidenceCount; i += 1) {
    const link = evidenceLinks.nth(i);
    expect(await link.isVisible(), `evidence link ${i + 1} is not visible`);
    const href = await link.getAttribute('href');
    expect(href === expectedEvidence[i].url, `evidence link ${i + 1} points at ${href}, expected ${expectedEvidence[i].url}`);
    expect(href.includes(`/api/disputes/${DISPUTE_ID}/evidence/`), `evidence link ${i + 1} (${href}) is not one of ${DISPUTE_ID}'s`);
    const download = await fetch(new URL(href, BASE_URL), { headers: { Authorization: BASIC }, signal: AbortSignal.timeout(10_000) });
    const bytes = (await download.arrayBuffer()).byteLength;
    expect(download.status === 200 && bytes > 0, `evidence link ${i + 1} (${href}) downloads with HTTP ${download.status}, ${bytes} bytes`);
    evidence.push({ text: (await link.innerText()).trim(), href, contentType: download.headers.get('content-type'), bytes });
  }
  log(`form shows dispute ${DISPUTE_ID}, suggestion "${suggestion}", ${evidenceCount} evidence link(s)`);
  await shootWholeForm('03-form-checked.png');

  // 5. Issue the suggestion and complete ------------------------------------------------------------
  step = 'complete';
  const issue = form.getByRole('radio', { name: ISSUE_LABEL, exact: true });
  expect(await issue.count() === 1, `the form has no radio option "${ISSUE_LABEL}"`);
  await issue.check();
  expect(await issue.isChecked(), `"${ISSUE_LABEL}" did not stay selected`);
  const keepHint = form.getByText(`Leave empty to keep the suggestion (${expectedSuggestion})`, { exact: true });
  await keepHint.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
    throw new CheckFailed(`after choosing "${ISSUE_LABEL}" the form does not offer to keep the suggestion (${expectedSuggestion})`);
  });
  await page.waitForFunction((selector) => {
    const button = [...document.querySelectorAll(selector)].find((b) => b.textContent.trim() === 'Complete');
    return button && !button.disabled;
  }, '.form-actions button', { timeout: 10_000 }).catch(() => { throw new CheckFailed('the Complete button stays disabled'); });
  await shootWholeForm('04-issue-selected.png');
  const submitResponse = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().includes(`/task/${taskId}/submit-form`), { timeout: 20_000 });
  await completeButton.click();
  const submitted = await submitResponse;
  expect(submitted.status() < 300, `completing the task answered HTTP ${submitted.status()}: ${await submitted.text().catch(() => '')}`);
  const sent = submitted.request().postDataJSON()?.variables || {};
  expect(sent.mediatorAction?.value === 'ISSUE_PROPOSAL', `Tasklist sent mediatorAction ${JSON.stringify(sent.mediatorAction)}`);
  expect(!sent.platformProposalType?.value, `Tasklist sent platformProposalType ${JSON.stringify(sent.platformProposalType)}, expected none (keep the suggestion)`);
  log(`Tasklist completed the task (HTTP ${submitted.status()})`);
  await list.locator(`li.task h4.task a[href="#/?task=${taskId}"]`).waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {
    throw new CheckFailed('the completed task stays in the task list');
  });
  await card.locator('h2', { hasText: DISPUTE_ID }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {
    throw new CheckFailed('the completed task stays open in the task pane');
  });
  await shoot('05-completed.png');

  // 6. The process moved on ---------------------------------------------------------------------------
  step = 'dispute status';
  let after;
  const statusDeadline = Date.now() + 15_000;
  for (;;) {
    after = await apiDispute();
    if (after.status === EXPECTED_STATUS || Date.now() > statusDeadline) break;
    await new Promise((done) => setTimeout(done, 500));
  }
  const status = after.status;
  expect(status === EXPECTED_STATUS, `dispute ${DISPUTE_ID} is ${status} after the mediator issued the proposal, expected ${EXPECTED_STATUS}`);
  // The platform's proposal is the suggestion, unchanged.
  const platform = (after.proposals || []).filter((proposal) => proposal.by === 'PLATFORM' && proposal.state === 'OPEN');
  expect(platform.length === 1, `dispute ${DISPUTE_ID} has ${platform.length} open platform proposals, expected one: ${JSON.stringify(after.proposals)}`);
  expect(platform[0].type === dispute.suggestion.type
    && (!dispute.suggestion.amount || platform[0].amount?.amount === dispute.suggestion.amount),
  `the platform's proposal ${JSON.stringify(platform[0])} is not the suggestion ${JSON.stringify(dispute.suggestion)}`);

  return {
    ok: true,
    disputeId: DISPUTE_ID,
    taskId,
    taskName,
    claimed,
    suggestion,
    evidenceLinks: evidence,
    submitted: Object.fromEntries(Object.entries(sent).map(([key, value]) => [key, value?.value ?? null])),
    status,
    platformProposal: { type: platform[0].type, amount: platform[0].amount ?? null },
    screenshots,
    warnings: [...new Set(warnings)],
    pageErrors,
    durationMs: Date.now() - started
  };
}

// ---------------------------------------------------------------------------------------------------
// Bounded run, failure path

const hardStop = setTimeout(() => {
  rmSync(userDataDir, { recursive: true, force: true });
  log('hard time limit reached; exiting');
  emit({ ok: false, step, error: 'hard time limit reached', durationMs: Date.now() - started });
  process.exit(1);
}, RUN_TIMEOUT_MS + 12_000);
hardStop.unref();

let timer;
const timeLimit = new Promise((_, reject) => {
  timer = setTimeout(() => reject(new CheckFailed(`the run took longer than ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
});

let exitCode = 0;
try {
  const running = run();
  running.catch(() => {}); // after the time limit it may still fail, with nobody waiting for it
  const summary = await Promise.race([running, timeLimit]);
  emit(summary);
} catch (error) {
  exitCode = 1;
  const hanging = [...inFlight.entries()].filter(([, since]) => Date.now() - since > 5_000)
    .map(([request]) => `${request.method()} ${request.url()}`);
  let screenshot = null;
  if (page && !page.isClosed()) {
    screenshot = join(SCREENSHOT_DIR, 'failure.png');
    // With a form on screen, show all of it (the check that failed may be about its lower part).
    const formShown = await page.locator('.fjs-form').isVisible().catch(() => false);
    await (formShown ? shootWholeForm('failure.png') : page.screenshot({ path: screenshot, timeout: 5_000 }))
      .catch((e) => { log(`no failure screenshot: ${e.message}`); screenshot = null; });
  }
  const reason = error instanceof CheckFailed ? error.message : `${error.name}: ${error.message.split('\n')[0]}`;
  log(`FAILED at step "${step}": ${reason}`);
  if (!(error instanceof CheckFailed)) log(error.stack || String(error));
  if (hanging.length) log(`requests still pending (a browser sign-in prompt blocks input while one is): ${hanging.join(', ')}`);
  emit({
    ok: false,
    step,
    error: reason,
    url: page && !page.isClosed() ? page.url() : null,
    screenshot,
    pendingRequests: hanging,
    warnings: [...new Set(warnings)],
    pageErrors,
    durationMs: Date.now() - started
  });
} finally {
  clearTimeout(timer);
  if (context) await Promise.race([context.close().catch(() => {}), new Promise((done) => setTimeout(done, 5_000))]);
  rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
}
process.exit(exitCode);
