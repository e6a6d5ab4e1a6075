#!/usr/bin/env node
// Checks the Camunda Forms in forms/*.form, the way Camunda 7.24's Tasklist shows them: with the form-js
// viewer it bundles (@bpmn-io/form-js 1.8.7, schemaVersion 16; esbuild bundles the npm package
// @bpmn-io/form-js-viewer 1.8.7 for the page), in Debian's headless Chromium (/usr/bin/chromium,
// `apt-get install -y chromium`; no browser is ever downloaded).
//
// Usage: npm run check [-- <form-id> ...]      (from tools/forms, after `npm ci`)
// The last line reads "forms: N passed, N failed".
//
// For every form it checks, without a browser:
//   - the top level: id (= file name), type, schemaVersion 16, executionPlatform(Version), exporter;
//   - readable, unique component and layout-row ids (Field_SellerAction, never Field_0x1ab2c);
//   - only component types the 7.24 Tasklist renders;
//   - the keyed fields are exactly the process variables the process reads (no more, no fewer), each
//     with its component type, required flag, option values, pattern and length limit;
//   - every task form shows the shared read-only context (deadline, dispute, lines, evidence,
//     conversation, proposals), all taken from the `dispute` form variable;
// and in the browser, with the sample `dispute` below as the task's variables:
//   - the import succeeds with no warning, and the page logs no error or warning;
//   - the rendered text shows the sample's facts, no `{{ template error }}`, no undefined/null/NaN;
//   - the evidence links point at the evidence URLs;
//   - each scenario (clicking radios, picking select options, typing) shows and hides the fields it
//     should, and form.submit() answers the validation errors and the variables it should: exactly
//     what Tasklist would send to the engine.
// It writes a screenshot of the whole form per form to out/<form-id>.png and one per scenario to
// out/<form-id>--<scenario>.png, prints each failed check and one line per form, and exits non-zero if
// any check failed.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), FORM_WIDTH (CSS pixels of the form's column,
// default 860, about Tasklist's form pane), VIEWPORT_WIDTH (default 1280: form-js puts fields that share
// a layout row side by side only from a 1056 px wide window up, as on a desktop Tasklist).

import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repoTop = resolve(here, '..', '..');
const formsDir = resolve(repoTop, 'forms');
const outDir = resolve(here, 'out');
const require = createRequire(import.meta.url);

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WIDTH = Number(process.env.FORM_WIDTH || 860);
const VIEWPORT_WIDTH = Number(process.env.VIEWPORT_WIDTH || 1280);

// ---------------------------------------------------------------------------------------------------
// What the process expects of each form

const DECIMAL = '^\\d+(\\.\\d{1,2})?$';
const TYPES = ['FULL_REFUND', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'RESHIPMENT'];
const REASONS = ['NOT_RECEIVED', 'DAMAGED', 'NOT_AS_DESCRIBED', 'MISSING_ITEMS', 'WRONG_SHIPPING_METHOD', 'PAYMENT_ISSUE'];

// Component types Camunda 7.24's Tasklist (form-js 1.8.7) renders, as listed for this project.
const ALLOWED_TYPES = new Set(['text', 'html', 'table', 'dynamiclist', 'expression', 'group', 'textfield',
  'textarea', 'number', 'select', 'radio', 'checkbox', 'datetime', 'separator', 'spacer']);

// The read-only context every task form shows, all from the `dispute` form variable.
const CONTEXT_COMPONENTS = ['Html_Deadline', 'Html_Dispute', 'Table_Lines', 'Html_Evidence', 'Table_Messages', 'Table_Proposals'];

/** A sample `dispute` form variable, as src/main/java/org/opendispute/tasklist/FormContext.java builds it. */
const DISPUTE = {
  id: 'DSP-7K3QM9XW2P',
  orderId: 'ORD-1001',
  reason: 'DAMAGED',
  reasonLabel: 'Arrived damaged',
  description: 'The lamp arrived with a cracked shade and a bent arm.\nThe box was crushed on one corner; photos attached.',
  status: 'IN_MEDIATION',
  buyerId: 'buyer',
  sellerId: 'seller',
  currency: 'EUR',
  requested: { type: 'FULL_REFUND', amount: '105.00' },
  disputedValue: '100.00',
  refundable: '105.00',
  lines: [
    { sku: 'LAMP', title: 'Desk lamp', quantity: 1, unitPrice: '60.00', amount: '60.00' },
    { sku: 'BULB-E27', title: 'LED bulb E27', quantity: 2, unitPrice: '20.00', amount: '40.00' }
  ],
  evidence: [
    { fileName: 'photo.jpg', contentType: 'image/jpeg', sizeKb: 120, url: '/api/disputes/DSP-7K3QM9XW2P/evidence/ev-1' },
    { fileName: 'unboxing.mp4', contentType: 'video/mp4', sizeKb: 8450, url: '/api/disputes/DSP-7K3QM9XW2P/evidence/ev-2' }
  ],
  messages: [
    { author: 'buyer', role: 'BUYER', body: 'The lamp arrived broken, see the photos.', flagged: false, flags: '', postedAt: '2026-03-09T17:42:00Z' },
    { author: 'seller', role: 'SELLER', body: 'Close the dispute and I will pay you 30 EUR by bank transfer.', flagged: true, flags: 'off-platform payment', postedAt: '2026-03-10T09:00:00Z' }
  ],
  proposals: [
    { by: 'SELLER', type: 'PARTIAL_REFUND', amount: '20.00', state: 'REJECTED', note: 'A small discount for the shade.' },
    { by: 'SELLER', type: 'PARTIAL_REFUND', amount: '30.00', state: 'OPEN', note: '' },
    { by: 'PLATFORM', type: 'RETURN_AND_REFUND', amount: '100.00', state: 'OPEN', note: 'Return the lamp; the bulbs are refunded too.' }
  ],
  sellerProposal: { type: 'PARTIAL_REFUND', amount: '30.00' },
  platformProposal: { type: 'RETURN_AND_REFUND', amount: '100.00' },
  suggestion: { type: 'RETURN_AND_REFUND', amount: '100.00' },
  question: { from: 'SELLER', text: 'Which carrier did you use, and did the box look damaged when you handed it over?' },
  flaggedForMediators: false,
  mediationOverdue: false,
  deadline: '2026-03-15T09:00:00Z',
  deadlineLabel: 'Answer before 15 Mar 2026, 09:00 UTC',
  refundExpectedLabel: 'A refund agreed today reaches you by 2 Apr 2026 (15 business days).'
};

/** Facts of the sample that every task form must show. */
const CONTEXT_TEXTS = ['DSP-7K3QM9XW2P', 'ORD-1001', 'Arrived damaged', 'cracked shade', 'Full refund: 105.00 EUR',
  'Desk lamp', '60.00 EUR', 'LED bulb E27', 'photo.jpg', 'unboxing.mp4', 'bank transfer', 'off-platform payment',
  'Partial refund', '20.00 EUR', 'A small discount', 'Answer before 15 Mar 2026, 09:00 UTC'];

const withDispute = (changes) => ({ dispute: { ...DISPUTE, ...changes } });

const req = (type, extra = {}) => ({ type, required: true, ...extra });
const opt = (type, extra = {}) => ({ type, required: false, ...extra });

/**
 * Per form: the fields (key: what the field must be), the texts it must show with the sample data, and
 * scenarios. A scenario's steps run in order on a freshly imported form:
 *   ['choose', key, value]  clicks the radio option / picks the select option of that value
 *   ['fill', key, text]     types into a text field or text area
 * then `visible`/`hidden` list keyed fields that must (not) be on screen, and `submit` what
 * form.submit() must answer: `errors` the keys with a validation error (exactly), `data` the submitted
 * variables (exactly, when there are no errors).
 */
const FORMS = {
  'open-dispute': {
    task: false,
    data: {},
    fields: {
      orderId: req('textfield'),
      reason: req('select', { values: REASONS }),
      description: req('textarea', { maxLength: 4000 }),
      requestedType: req('select', { values: TYPES }),
      requestedAmount: req('textfield', { pattern: DECIMAL }),
      evidenceIds: opt('textfield')
    },
    texts: ['upload', 'evidence id', 'JSON list'],
    scenarios: [
      {
        name: 'empty',
        visible: ['orderId', 'reason', 'description', 'requestedType', 'evidenceIds'],
        hidden: ['requestedAmount'],
        submit: { errors: ['orderId', 'reason', 'description', 'requestedType'] }
      },
      {
        name: 'partial-refund',
        steps: [['fill', 'orderId', 'ORD-1001'], ['choose', 'reason', 'DAMAGED'],
          ['fill', 'description', 'Arrived with a cracked shade.'], ['choose', 'requestedType', 'PARTIAL_REFUND'],
          ['fill', 'requestedAmount', '12.345'], ['fill', 'evidenceIds', 'ev-1']],
        visible: ['requestedAmount'],
        texts: ['e.g. ["3f6c1e2a-...", "9b0d4c11-..."]', 'Required for this reason: at least one.'],
        submit: { errors: ['requestedAmount', 'evidenceIds'] }
      },
      {
        name: 'partial-refund-valid',
        steps: [['fill', 'orderId', 'ORD-1001'], ['choose', 'reason', 'DAMAGED'],
          ['fill', 'description', 'Arrived with a cracked shade.'], ['choose', 'requestedType', 'PARTIAL_REFUND'],
          ['fill', 'requestedAmount', '12.50'], ['fill', 'evidenceIds', '["ev-1", "ev-2"]']],
        submit: {
          errors: [],
          data: { orderId: 'ORD-1001', reason: 'DAMAGED', description: 'Arrived with a cracked shade.',
            requestedType: 'PARTIAL_REFUND', requestedAmount: '12.50', evidenceIds: '["ev-1", "ev-2"]' }
        }
      },
      {
        name: 'full-refund-hides-amount',
        steps: [['fill', 'orderId', 'ORD-1001'], ['choose', 'reason', 'NOT_RECEIVED'],
          ['fill', 'description', 'Never arrived.'], ['choose', 'requestedType', 'PARTIAL_REFUND'],
          ['fill', 'requestedAmount', '12.50'], ['choose', 'requestedType', 'FULL_REFUND']],
        hidden: ['requestedAmount'],
        texts: ['Leave empty if you have none.'],
        submit: {
          errors: [],
          data: { orderId: 'ORD-1001', reason: 'NOT_RECEIVED', description: 'Never arrived.',
            requestedType: 'FULL_REFUND', evidenceIds: '' }
        }
      }
    ]
  },

  'seller-response': {
    fields: {
      sellerAction: req('radio', { values: ['ACCEPT', 'PROPOSE', 'REFUSE'] }),
      proposalType: req('select', { values: TYPES }),
      proposalAmount: req('textfield', { pattern: DECIMAL }),
      sellerReason: req('textarea')
    },
    texts: ["Accept the buyer's request", 'Propose something else', 'Refuse with reasons'],
    scenarios: [
      { name: 'empty', visible: ['sellerAction'], hidden: ['proposalType', 'proposalAmount', 'sellerReason'],
        submit: { errors: ['sellerAction'] } },
      { name: 'accept', steps: [['choose', 'sellerAction', 'ACCEPT']], hidden: ['proposalType', 'proposalAmount', 'sellerReason'],
        submit: { errors: [], data: { sellerAction: 'ACCEPT' } } },
      { name: 'propose', steps: [['choose', 'sellerAction', 'PROPOSE']], visible: ['proposalType'], hidden: ['proposalAmount', 'sellerReason'],
        submit: { errors: ['proposalType'] } },
      { name: 'propose-partial-refund', steps: [['choose', 'sellerAction', 'PROPOSE'], ['choose', 'proposalType', 'PARTIAL_REFUND']],
        visible: ['proposalType', 'proposalAmount'], hidden: ['sellerReason'], texts: ['At most 105.00 EUR', 'Refundable at most'],
        submit: { errors: ['proposalAmount'] } },
      { name: 'propose-partial-refund-valid', steps: [['choose', 'sellerAction', 'PROPOSE'], ['choose', 'proposalType', 'PARTIAL_REFUND'], ['fill', 'proposalAmount', '40']],
        submit: { errors: [], data: { sellerAction: 'PROPOSE', proposalType: 'PARTIAL_REFUND', proposalAmount: '40' } } },
      { name: 'propose-reshipment', steps: [['choose', 'sellerAction', 'PROPOSE'], ['choose', 'proposalType', 'PARTIAL_REFUND'], ['fill', 'proposalAmount', '40'], ['choose', 'proposalType', 'RESHIPMENT']],
        hidden: ['proposalAmount', 'sellerReason'],
        submit: { errors: [], data: { sellerAction: 'PROPOSE', proposalType: 'RESHIPMENT' } } },
      { name: 'refuse', steps: [['choose', 'sellerAction', 'REFUSE']], visible: ['sellerReason'], hidden: ['proposalType', 'proposalAmount'],
        submit: { errors: ['sellerReason'] } },
      { name: 'refuse-valid', steps: [['choose', 'sellerAction', 'REFUSE'], ['fill', 'sellerReason', 'Shipped in perfect condition.']],
        submit: { errors: [], data: { sellerAction: 'REFUSE', sellerReason: 'Shipped in perfect condition.' } } },
      { name: 'user-text-is-escaped', data: withDispute({ description: '<img src=x id=injected onerror="window.pwned=1"> **not bold**' }),
        texts: ['<img src=x id=injected', '**not bold**'], absent: ['#injected'] }
    ]
  },

  'review-proposal': {
    fields: {
      buyerVerdict: req('radio', { values: ['ACCEPT', 'REJECT'] })
    },
    texts: ['The seller proposes', 'Partial refund (keep the item): 30.00 EUR', 'POST /api/disputes/DSP-7K3QM9XW2P/escalate',
      'reaches you by 2 Apr 2026'],
    scenarios: [
      { name: 'empty', visible: ['buyerVerdict'], submit: { errors: ['buyerVerdict'] } },
      { name: 'reject', steps: [['choose', 'buyerVerdict', 'REJECT']], submit: { errors: [], data: { buyerVerdict: 'REJECT' } } },
      { name: 'seller-refused', data: withDispute({ sellerProposal: undefined }), texts: ['refused your request'],
        absentTexts: ['The seller proposes'] }
    ]
  },

  mediate: {
    fields: {
      mediatorAction: req('radio', { values: ['ISSUE_PROPOSAL', 'REQUEST_INFORMATION'] }),
      informationFrom: req('radio', { values: ['BUYER', 'SELLER'] }),
      informationQuestion: req('textarea'),
      platformProposalType: opt('select', { values: [...TYPES, 'SELLER_FAVOUR'] }),
      platformProposalAmount: req('textfield', { pattern: DECIMAL }),
      overrideJustification: opt('textarea', { label: 'Justification (required when you change the suggestion)' })
    },
    texts: ['Suggested by the decision table', 'Return and refund: 100.00 EUR'],
    absentTexts: ['Overdue:', 'Flagged for mediators:'],
    scenarios: [
      { name: 'empty', visible: ['mediatorAction'],
        hidden: ['informationFrom', 'informationQuestion', 'platformProposalType', 'platformProposalAmount', 'overrideJustification'],
        submit: { errors: ['mediatorAction'] } },
      { name: 'request-information', steps: [['choose', 'mediatorAction', 'REQUEST_INFORMATION']],
        visible: ['informationFrom', 'informationQuestion'], hidden: ['platformProposalType', 'platformProposalAmount', 'overrideJustification'],
        submit: { errors: ['informationFrom', 'informationQuestion'] } },
      { name: 'request-information-valid', steps: [['choose', 'mediatorAction', 'REQUEST_INFORMATION'], ['choose', 'informationFrom', 'SELLER'], ['fill', 'informationQuestion', 'Which carrier?']],
        submit: { errors: [], data: { mediatorAction: 'REQUEST_INFORMATION', informationFrom: 'SELLER', informationQuestion: 'Which carrier?' } } },
      { name: 'issue-suggestion', steps: [['choose', 'mediatorAction', 'ISSUE_PROPOSAL']],
        visible: ['platformProposalType'], hidden: ['platformProposalAmount', 'overrideJustification', 'informationFrom', 'informationQuestion'],
        texts: ['Leave empty to keep the suggestion (Return and refund: 100.00 EUR)'],
        submit: { errors: [], data: { mediatorAction: 'ISSUE_PROPOSAL', platformProposalType: null } } },
      { name: 'issue-partial-refund', steps: [['choose', 'mediatorAction', 'ISSUE_PROPOSAL'], ['choose', 'platformProposalType', 'PARTIAL_REFUND']],
        visible: ['platformProposalType', 'platformProposalAmount', 'overrideJustification'],
        submit: { errors: ['platformProposalAmount'] } },
      { name: 'issue-partial-refund-valid', steps: [['choose', 'mediatorAction', 'ISSUE_PROPOSAL'], ['choose', 'platformProposalType', 'PARTIAL_REFUND'],
        ['fill', 'platformProposalAmount', '50.00'], ['fill', 'overrideJustification', 'The buyer keeps a usable lamp.']],
        submit: { errors: [], data: { mediatorAction: 'ISSUE_PROPOSAL', platformProposalType: 'PARTIAL_REFUND', platformProposalAmount: '50.00', overrideJustification: 'The buyer keeps a usable lamp.' } } },
      { name: 'issue-seller-favour', steps: [['choose', 'mediatorAction', 'ISSUE_PROPOSAL'], ['choose', 'platformProposalType', 'SELLER_FAVOUR']],
        visible: ['overrideJustification'], hidden: ['platformProposalAmount'] },
      { name: 'overdue-and-flagged', data: withDispute({ mediationOverdue: true, flaggedForMediators: true }),
        texts: ['Overdue:', 'Flagged for mediators:'] }
    ]
  },

  'provide-information': {
    fields: {
      informationAnswer: req('textarea')
    },
    texts: ['The mediator asks the seller', 'Which carrier did you use'],
    scenarios: [
      { name: 'empty', visible: ['informationAnswer'], submit: { errors: ['informationAnswer'] } },
      { name: 'answered', steps: [['fill', 'informationAnswer', 'DHL; the box was intact.']],
        submit: { errors: [], data: { informationAnswer: 'DHL; the box was intact.' } } }
    ]
  },

  'choose-proposal': {
    fields: {
      choice: req('radio', { values: ['PLATFORM', 'SELLER'] })
    },
    texts: ["The platform's proposal", 'Return and refund: 100.00 EUR', "The seller's last proposal", 'the bulbs are refunded too',
      'Partial refund (keep the item): 30.00 EUR', 'ends the dispute', "the platform's proposal applies",
      'reaches you by 2 Apr 2026'],
    scenarios: [
      { name: 'empty', visible: ['choice'], submit: { errors: ['choice'] } },
      { name: 'platform', steps: [['choose', 'choice', 'PLATFORM']], submit: { errors: [], data: { choice: 'PLATFORM' } } },
      { name: 'no-seller-proposal', data: withDispute({ sellerProposal: undefined }), texts: ['The seller made no proposal'] }
    ]
  },

  'ship-return': {
    fields: {
      returnCarrier: req('textfield'),
      returnTrackingNumber: req('textfield')
    },
    texts: ['reaches you by 2 Apr 2026'],
    scenarios: [
      { name: 'empty', visible: ['returnCarrier', 'returnTrackingNumber'], submit: { errors: ['returnCarrier', 'returnTrackingNumber'] } },
      { name: 'shipped', steps: [['fill', 'returnCarrier', 'DHL'], ['fill', 'returnTrackingNumber', 'JD0146000000123']],
        submit: { errors: [], data: { returnCarrier: 'DHL', returnTrackingNumber: 'JD0146000000123' } } }
    ]
  },

  'confirm-return-receipt': {
    fields: {
      returnCondition: req('radio', { values: ['RECEIVED', 'DAMAGED', 'EMPTY_OR_DIFFERENT'] })
    },
    texts: ['Received as expected', 'Received damaged', 'Empty or a different item: send back to mediation'],
    scenarios: [
      { name: 'empty', visible: ['returnCondition'], submit: { errors: ['returnCondition'] } },
      { name: 'empty-or-different', steps: [['choose', 'returnCondition', 'EMPTY_OR_DIFFERENT']],
        submit: { errors: [], data: { returnCondition: 'EMPTY_OR_DIFFERENT' } } }
    ]
  },

  reship: {
    fields: {
      reshipCarrier: req('textfield'),
      reshipTrackingNumber: req('textfield')
    },
    scenarios: [
      { name: 'empty', visible: ['reshipCarrier', 'reshipTrackingNumber'], submit: { errors: ['reshipCarrier', 'reshipTrackingNumber'] } },
      { name: 'shipped', steps: [['fill', 'reshipCarrier', 'UPS'], ['fill', 'reshipTrackingNumber', '1Z999AA10123456784']],
        submit: { errors: [], data: { reshipCarrier: 'UPS', reshipTrackingNumber: '1Z999AA10123456784' } } }
    ]
  }
};

// ---------------------------------------------------------------------------------------------------
// Reporting

let failures = 0;
let passes = 0;

function check(ok, what, detail = '') {
  if (ok) {
    passes++;
  } else {
    failures++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const show = (v) => JSON.stringify(v);

// ---------------------------------------------------------------------------------------------------
// Checks without a browser

function allComponents(components, out = []) {
  for (const component of components || []) {
    out.push(component);
    allComponents(component.components, out);
  }
  return out;
}

const READABLE_ID = /^[A-Z][A-Za-z]*_[A-Z][A-Za-z0-9]*$/;

function checkStatic(formId, schema, spec) {
  const where = `${formId}:`;
  check(schema.id === formId, `${where} id is the file name`, show(schema.id));
  check(schema.type === 'default', `${where} type "default"`, show(schema.type));
  check(schema.schemaVersion === 16, `${where} schemaVersion 16`, show(schema.schemaVersion));
  check(schema.executionPlatform === 'Camunda Platform', `${where} executionPlatform`, show(schema.executionPlatform));
  check(schema.executionPlatformVersion === '7.24.0', `${where} executionPlatformVersion`, show(schema.executionPlatformVersion));
  check(schema.exporter?.name === 'Camunda Modeler' && schema.exporter?.version === '5.31.0', `${where} exporter`, show(schema.exporter));

  const components = allComponents(schema.components);
  const ids = components.map((c) => c.id);
  check(new Set(ids).size === ids.length, `${where} component ids are unique`, show(ids));
  for (const component of components) {
    check(READABLE_ID.test(component.id || ''), `${where} component id ${show(component.id)} is readable (Kind_Name)`);
    check(ALLOWED_TYPES.has(component.type), `${where} ${component.id} has a type Tasklist renders`, show(component.type));
    if (component.layout?.row) {
      check(READABLE_ID.test(component.layout.row), `${where} ${component.id} layout row ${show(component.layout.row)} is readable`);
    }
    if (component.conditional?.hide) {
      check(component.conditional.hide.startsWith('='), `${where} ${component.id} hide rule is a FEEL expression`, show(component.conditional.hide));
    }
  }

  // Components that share a layout row must stand side by side: form-js moves a later component with
  // the same row id up into the first one's row.
  const checkRows = (siblings, parent) => {
    const seen = new Set();
    let previous = null;
    for (const component of siblings || []) {
      const row = component.layout?.row;
      if (row && row !== previous) {
        check(!seen.has(row), `${where} layout row ${row} is one run of neighbours in ${parent}`, `again at ${component.id}`);
        seen.add(row);
      }
      previous = row;
      if (component.components) {
        checkRows(component.components, component.id);
      }
    }
  };
  checkRows(schema.components, 'the form');

  // Keyed fields: exactly the expected variables, each as expected.
  const keyed = components.filter((c) => c.key !== undefined);
  const keys = keyed.map((c) => c.key);
  check(sameSet(keys, Object.keys(spec.fields)), `${where} form fields are exactly ${Object.keys(spec.fields).join(', ')}`, show(keys));
  for (const [key, expected] of Object.entries(spec.fields)) {
    const field = keyed.find((c) => c.key === key);
    if (!check(!!field, `${where} has a form field for ${key}`)) {
      continue;
    }
    check(field.type === expected.type, `${where} ${key} is a ${expected.type}`, show(field.type));
    check(!!field.validate?.required === expected.required, `${where} ${key} ${expected.required ? 'is' : 'is not'} required`);
    check(!!field.label, `${where} ${key} has a label`);
    if (expected.values) {
      check(sameSet((field.values || []).map((v) => v.value), expected.values), `${where} ${key} offers ${expected.values.join(', ')}`,
        show((field.values || []).map((v) => v.value)));
      check((field.values || []).every((v) => v.label && v.label !== v.value), `${where} ${key} options have human labels`);
    }
    if (expected.pattern) {
      check(field.validate?.pattern === expected.pattern, `${where} ${key} pattern ${expected.pattern}`, show(field.validate?.pattern));
    }
    if (expected.maxLength) {
      check(field.validate?.maxLength === expected.maxLength, `${where} ${key} maxLength ${expected.maxLength}`, show(field.validate?.maxLength));
    }
    if (expected.label) {
      check(field.label === expected.label, `${where} ${key} label ${show(expected.label)}`, show(field.label));
    }
  }

  // Task forms: the shared context, and nothing but `dispute` (and the form's own fields) read.
  if (spec.task !== false) {
    for (const id of CONTEXT_COMPONENTS) {
      check(ids.includes(id), `${where} shows the context component ${id}`);
    }
    const text = JSON.stringify(schema.components);
    const decisionIndex = schema.components.findIndex((c) => c.id === 'Separator_Decision');
    const firstField = schema.components.findIndex((c) => allComponents([c]).some((x) => x.key !== undefined));
    check(decisionIndex >= 0 && decisionIndex < firstField, `${where} context first, decision fields last (after Separator_Decision)`);
    check(text.includes('dispute.'), `${where} reads the dispute variable`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Browser

async function bundleViewer() {
  const result = await build({
    stdin: {
      contents: "import { Form } from '@bpmn-io/form-js-viewer'; window.FormJS = { Form };",
      resolveDir: here,
      loader: 'js'
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent'
  });
  return result.outputFiles[0].text;
}

const viewerDir = dirname(require.resolve('@bpmn-io/form-js-viewer/package.json'));
const STYLES = [
  resolve(viewerDir, 'dist/assets/form-js.css'),
  resolve(viewerDir, 'dist/assets/flatpickr/light.css')
];

async function openPage(browser, viewerScript) {
  const page = await browser.newPage({ viewport: { width: VIEWPORT_WIDTH, height: 900 } });
  page.setDefaultTimeout(5000); // a step whose field is not on screen fails fast
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      problems.push(`console ${msg.type()}: ${msg.text()}`);
    }
  });
  await page.setContent(`<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>
  body { margin: 0; background: #fff; font-family: "IBM Plex Sans", "Helvetica Neue", Arial, sans-serif; }
  #page { width: ${WIDTH}px; padding: 16px 20px; }
</style></head>
<body><div id="page"><div id="form"></div></div></body></html>`);
  for (const path of STYLES) {
    await page.addStyleTag({ path });
  }
  await page.addScriptTag({ content: viewerScript });
  return { page, problems };
}

/** Imports the schema with the data; answers the import warnings or error. */
function importForm(page, schema, data) {
  return page.evaluate(async ({ schema, data }) => {
    const container = document.getElementById('form');
    if (window.fjsForm) {
      // blur first: destroying a form whose radio has the focus makes its blur handler throw
      document.activeElement?.blur();
      window.fjsForm.destroy();
    }
    container.innerHTML = '';
    const form = window.fjsForm = new window.FormJS.Form({ container });
    try {
      const { warnings } = await form.importSchema(schema, data);
      return { warnings: warnings.map((w) => String(w.message || w)) };
    } catch (err) {
      return { error: String(err.message || err), warnings: (err.warnings || []).map((w) => String(w.message || w)) };
    }
  }, { schema, data });
}

/** The keys of the fields on screen, and for each keyed field its DOM id. */
function fieldState(page) {
  return page.evaluate(() => {
    const form = window.fjsForm;
    const registry = form.get('formFieldRegistry');
    const instances = form.get('formFieldInstanceRegistry').getAllKeyed();
    const visible = instances.map((i) => registry.get(i.id).key)
      .filter((key, index, all) => all.indexOf(key) === index);
    const domIds = {};
    for (const field of registry.getAll()) {
      if (field.key !== undefined) {
        domIds[field.key] = `fjs-form-${form._id}-${field.id}`;
      }
    }
    return { visible, domIds };
  });
}

function submitForm(page) {
  return page.evaluate(() => {
    const form = window.fjsForm;
    const registry = form.get('formFieldRegistry');
    const { data, errors } = form.submit();
    const errorKeys = Object.keys(errors).map((id) => registry.get(id).key);
    return { data, errorKeys };
  });
}

async function runStep(page, schema, step) {
  const [action, key, value] = step;
  const field = allComponents(schema.components).find((c) => c.key === key);
  const { domIds } = await fieldState(page);
  const domId = domIds[key];
  if (action === 'fill') {
    await page.fill(`[id="${domId}"]`, value);
    await page.waitForTimeout(400); // text fields pass their value on after a 300 ms debounce
  } else if (action === 'choose' && field.type === 'radio') {
    const index = field.values.findIndex((v) => v.value === value);
    await page.click(`[id="${domId}-${index}"]`);
  } else if (action === 'choose' && field.type === 'select') {
    const label = field.values.find((v) => v.value === value).label;
    await page.click(`[id="${domId}-display"]`);
    await page.locator('.fjs-dropdownlist-item', { hasText: label }).first().click();
  } else {
    throw new Error(`unknown step ${show(step)}`);
  }
  await page.waitForTimeout(50);
}

const BAD_TEXT = [/\{\{/, /\bundefined\b/, /\bnull\b/, /\bNaN\b/, /\[object Object\]/];

async function checkTexts(page, where, texts = [], absentTexts = []) {
  // innerText, as a person reads it (CSS may upper-case it: compare without case)
  const text = await page.innerText('#form');
  const lower = text.toLowerCase();
  for (const bad of BAD_TEXT) {
    const match = text.match(bad);
    check(!match, `${where} shows no ${bad.source}`, match ? show(text.slice(Math.max(0, match.index - 80), match.index + 80)) : '');
  }
  for (const expected of texts) {
    check(lower.includes(expected.toLowerCase()), `${where} shows ${show(expected)}`);
  }
  for (const absent of absentTexts) {
    check(!lower.includes(absent.toLowerCase()), `${where} does not show ${show(absent)}`);
  }
}

async function checkForm(browser, viewerScript, formId, schema, spec) {
  const baseData = spec.task === false ? (spec.data || {}) : { dispute: DISPUTE };
  const { page, problems } = await openPage(browser, viewerScript);
  try {
    // (1) The form as the assignee first sees it.
    const imported = await importForm(page, schema, baseData);
    check(!imported.error, `${formId}: imports`, imported.error);
    check(imported.warnings.length === 0, `${formId}: imports without warnings`, imported.warnings.join('; '));
    if (imported.error) {
      return;
    }
    await page.waitForTimeout(100);
    await checkTexts(page, `${formId}:`, [...(spec.task === false ? [] : CONTEXT_TEXTS), ...(spec.texts || [])], spec.absentTexts);
    if (spec.task !== false) {
      for (const evidence of DISPUTE.evidence) {
        const link = page.locator(`#form a[href="${evidence.url}"]`);
        check(await link.count() === 1 && (await link.innerText()).includes(evidence.fileName),
          `${formId}: links ${evidence.fileName} to ${evidence.url}`);
      }
      const flagged = page.locator('#form td', { hasText: '⚠ Flagged: off-platform payment' });
      check(await flagged.count() === 1, `${formId}: marks the flagged message in the conversation`);
    }
    mkdirSync(outDir, { recursive: true });
    await page.locator('#page').screenshot({ path: resolve(outDir, `${formId}.png`) });

    // (2) The scenarios: the form's own, and for a task form a dispute with empty and with absent lists.
    const scenarios = [...(spec.scenarios || [])];
    if (spec.task !== false) {
      const flagTexts = ['flagged by moderation and', 'Some messages were flagged', 'Messages flagged by moderation (e.g.'];
      scenarios.push(
        { name: 'empty-lists', data: withDispute({ lines: [], evidence: [], messages: [], proposals: [] }),
          texts: ['No evidence files.', 'Nothing to show.'], absentTexts: flagTexts },
        { name: 'absent-lists', data: withDispute({ lines: undefined, evidence: undefined, messages: undefined, proposals: undefined,
          sellerProposal: undefined, platformProposal: undefined, suggestion: undefined, question: undefined }),
          texts: ['No evidence files.', 'Nothing to show.'], absentTexts: flagTexts },
        // FormContext writes "" for an amount a resolution type has none of, and no deadline when the
        // task has no due date
        { name: 'blank-amounts-no-deadline', data: withDispute({
          requested: { type: 'RESHIPMENT', amount: '' },
          proposals: [{ by: 'SELLER', type: 'RESHIPMENT', amount: '', state: 'OPEN', note: '' }],
          sellerProposal: { type: 'RESHIPMENT', amount: '' }, platformProposal: { type: 'FULL_REFUND', amount: '' },
          suggestion: { type: 'SELLER_FAVOUR', amount: '' }, deadline: undefined, deadlineLabel: 'No deadline' }),
          texts: ['Reshipment', '—'], absentTexts: [': EUR', ':  EUR', 'No deadline'] });
    }
    for (const scenario of scenarios) {
      const where = `${formId} [${scenario.name}]:`;
      const result = await importForm(page, schema, scenario.data || baseData);
      if (!check(!result.error && result.warnings.length === 0, `${where} imports without warnings`, result.error || result.warnings.join('; '))) {
        continue;
      }
      await page.waitForTimeout(100);
      try {
        for (const step of scenario.steps || []) {
          await runStep(page, schema, step);
        }
      } catch (err) {
        check(false, `${where} steps run`, err.message.split('\n')[0]);
        continue;
      }
      const { visible } = await fieldState(page);
      for (const key of scenario.visible || []) {
        check(visible.includes(key), `${where} shows ${key}`, `on screen: ${visible.join(', ')}`);
      }
      for (const key of scenario.hidden || []) {
        check(!visible.includes(key), `${where} hides ${key}`, `on screen: ${visible.join(', ')}`);
      }
      await checkTexts(page, where, scenario.texts, scenario.absentTexts);
      for (const selector of scenario.absent || []) {
        check(await page.locator(`#form ${selector}`).count() === 0, `${where} renders no ${selector}`);
      }
      if (scenario.submit) {
        const { data, errorKeys } = await submitForm(page);
        check(sameSet(errorKeys, scenario.submit.errors), `${where} submit reports errors on exactly ${show(scenario.submit.errors)}`, show(errorKeys));
        check(!('dispute' in data), `${where} does not submit the dispute context`);
        if (scenario.submit.data) {
          check(show(sortKeys(data)) === show(sortKeys(scenario.submit.data)), `${where} submits ${show(scenario.submit.data)}`, show(data));
        }
      }
      await page.waitForTimeout(50);
      await page.locator('#page').screenshot({ path: resolve(outDir, `${formId}--${scenario.name}.png`) });
    }
    check(await page.evaluate(() => !window.pwned), `${formId}: no script from the data ran`);
  } finally {
    check(problems.length === 0, `${formId}: the page logged no error or warning`, problems.join('; '));
    await page.close();
  }
}

const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

// ---------------------------------------------------------------------------------------------------

if (!existsSync(CHROMIUM)) {
  console.error(`check: ${CHROMIUM} is missing; install Debian's chromium (apt-get install -y chromium)`);
  process.exit(1);
}

const only = process.argv.slice(2);
const files = readdirSync(formsDir).filter((f) => f.endsWith('.form')).sort();
const onDisk = files.map((f) => basename(f, '.form'));
if (!only.length) {
  check(sameSet(onDisk, Object.keys(FORMS)), `forms/ holds exactly the forms ${Object.keys(FORMS).join(', ')}`, show(onDisk));
}

const viewerScript = await bundleViewer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});

try {
  for (const formId of Object.keys(FORMS)) {
    if (only.length && !only.includes(formId)) {
      continue;
    }
    const path = resolve(formsDir, `${formId}.form`);
    if (!check(existsSync(path), `${formId}: forms/${formId}.form exists`)) {
      continue;
    }
    let schema;
    try {
      schema = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      check(false, `${formId}: is JSON`, err.message);
      continue;
    }
    const before = failures;
    checkStatic(formId, schema, FORMS[formId]);
    await checkForm(browser, viewerScript, formId, schema, FORMS[formId]);
    console.log(`${failures === before ? 'ok  ' : 'FAIL'} ${formId} (screenshots in ${relative(process.cwd(), outDir) || '.'}/${formId}*.png)`);
  }
} finally {
  await browser.close();
}

console.log(`forms: ${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
