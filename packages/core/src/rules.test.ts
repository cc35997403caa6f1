import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoData } from './demo-data.js';
import {
  LIMITS,
  MAX_PAGE_SIZE,
  normalizeTicketQuery,
  statusLabel,
  validateReply,
} from './rules.js';
import { validateNewTicket } from './support-form-rules.js';

const { portal } = demoData();

describe('statusLabel', () => {
  const ticket = { status: 'open', stageLabel: 'Waiting on customer' } as const;
  it('says Open or Closed by default', () => {
    assert.equal(statusLabel(ticket, { statusDisplay: 'open-closed' }), 'Open');
    assert.equal(statusLabel({ ...ticket, status: 'closed' }, portal), 'Closed');
  });
  it('shows the stage name when the portal shows stages', () => {
    assert.equal(statusLabel(ticket, { statusDisplay: 'stages' }), 'Waiting on customer');
  });
});

describe('validateReply', () => {
  it('accepts text and refuses blank or oversized text', () => {
    assert.deepEqual(validateReply({ text: 'Hello' }), {});
    assert.ok(validateReply({ text: '  \n ' }).text);
    assert.ok(validateReply({ text: 42 }).text);
    assert.ok(validateReply({ text: 'x'.repeat(LIMITS.text + 1) }).text);
  });
});

describe('validateNewTicket', () => {
  const valid = { subject: 'Broken export', description: 'It fails.', properties: {} };
  it('accepts a complete ticket', () => {
    assert.deepEqual(validateNewTicket(valid, portal), {});
    assert.deepEqual(
      validateNewTicket({ ...valid, properties: { product: 'Payroll' } }, portal),
      {},
    );
  });
  it('names each missing or wrong field', () => {
    const errors = validateNewTicket({ subject: '', description: ' ' }, portal);
    assert.deepEqual(Object.keys(errors).sort(), ['description', 'subject']);
    assert.ok(validateNewTicket({ ...valid, properties: { product: 'Toaster' } }, portal).product);
    assert.ok(validateNewTicket({ ...valid, properties: { product: 7 } }, portal).product);
    assert.ok(validateNewTicket({ ...valid, properties: { shoeSize: '44' } }, portal).shoeSize);
    assert.ok(
      validateNewTicket({ ...valid, subject: 'x'.repeat(LIMITS.subject + 1) }, portal).subject,
    );
  });
  it('enforces required custom fields', () => {
    const config = {
      supportForm: {
        fields: [
          { name: 'orderNumber', label: 'Order number', type: 'text' as const, required: true },
        ],
      },
    };
    assert.match(validateNewTicket(valid, config).orderNumber ?? '', /Order number/);
  });
  it('fills a file field with the files sent, never with a property', () => {
    const config = {
      supportForm: {
        fields: [
          { name: 'screenshots', label: 'Screenshots', type: 'file' as const, required: true },
        ],
      },
    };
    const file = { name: 'error.png', size: 10, type: 'image/png' };
    assert.deepEqual(validateNewTicket({ ...valid, files: [file] }, config), {});
    assert.match(validateNewTicket(valid, config).screenshots ?? '', /Screenshots/);
    const asProperty = { ...valid, properties: { screenshots: 'error.png' }, files: [file] };
    assert.ok(validateNewTicket(asProperty, config).screenshots);
  });
});

describe('normalizeTicketQuery', () => {
  it('fills defaults and clamps the page size', () => {
    assert.deepEqual(normalizeTicketQuery(), {
      scope: 'mine',
      status: 'all',
      q: '',
      sort: '-lastActivityAt',
      cursor: null,
      limit: 50,
    });
    assert.equal(normalizeTicketQuery({ limit: 10_000 }).limit, MAX_PAGE_SIZE);
    assert.equal(normalizeTicketQuery({ limit: 0 }).limit, 1);
    assert.equal(normalizeTicketQuery({ q: '  pdf ' }).q, 'pdf');
  });
});
