import { MemoryAdapter, PortalError, type NewTicketInput, type Ticket } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData, type DemoData } from '@kundportal/core/demo';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import {
  chooseFiles,
  dropFiles,
  fileOf,
  listedFiles,
  nextEvent,
  waitForSelector,
  waitForText,
} from '../shared/test-utils.js';
import { setLocale } from '../shared/localization.js';
import { clearTicketDraft } from './support-form-draft.js';
import './support-form.js';
import type { SupportForm } from './support-form.component.js';

/** Records every createTicket call; can answer with server-side field errors. */
class RecordingAdapter extends MemoryAdapter {
  readonly calls: NewTicketInput[] = [];
  serverFieldErrors: Record<string, string> | undefined;
  /** Hold each ticket after 40% of its upload until `finish()`. */
  holdUploads = false;
  #finish: (() => void) | undefined;

  constructor(data?: DemoData) {
    super({ signedInAs: DEMO_ACCOUNT.email, delayMs: 5, ...(data ? { data } : {}) });
  }

  override async createTicket(input: NewTicketInput): Promise<Ticket> {
    this.calls.push(input);
    if (this.serverFieldErrors) {
      throw new PortalError('validation', 'Some fields need attention.', this.serverFieldErrors);
    }
    if (this.holdUploads) {
      input.onProgress?.(40, 100);
      await new Promise<void>((resolve) => (this.#finish = resolve));
    }
    return super.createTicket(input);
  }

  finish(): void {
    this.#finish?.();
  }
}

/** A support form with every kind of field, screenshots required. */
function everyFieldType(): DemoData {
  const data = demoData();
  data.portal.supportForm.fields = [
    { name: 'subject', label: 'Subject', type: 'text', required: true },
    { name: 'replyTo', label: 'Reply to', type: 'email', required: false },
    { name: 'seats', label: 'Seats affected', type: 'number', required: false },
    { name: 'since', label: 'Since when', type: 'date', required: false, help: 'Roughly.' },
    { name: 'product', label: 'Product', type: 'select', required: false, options: ['Payroll'] },
    { name: 'description', label: 'Description', type: 'textarea', required: true },
    {
      name: 'screenshots',
      label: 'Screenshots',
      type: 'file',
      required: true,
      help: 'What you saw on screen.',
    },
  ];
  return data;
}

const fileInput = (el: SupportForm) =>
  el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;

function fillRequired(el: SupportForm): void {
  fill(el, 'subject', 'Payslips show last month');
  fill(el, 'description', 'Every payslip shows the previous month.');
}

async function formOn(adapter: MemoryAdapter): Promise<SupportForm> {
  const el = await fixture<SupportForm>(html`<support-form .adapter=${adapter}></support-form>`);
  await waitUntil(() => el.shadowRoot!.querySelector('form'));
  return el;
}

function fill(el: SupportForm, name: string, value: string): void {
  const control = el.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(
    `[name=${name}]`,
  )!;
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'));
}

const submit = (el: SupportForm) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part=submit]')!.click();

const errorFor = (el: SupportForm, name: string) =>
  el.shadowRoot!.querySelector(`#field-${name}-error`)?.textContent ?? null;

describe('support-form', () => {
  // Drafts live in localStorage, which test files running beside this one share.
  beforeEach(clearTicketDraft);
  afterEach(clearTicketDraft);

  it('keeps what was typed and its key across a reload until the ticket is filed', async () => {
    const adapter = new RecordingAdapter();
    const createTicket = adapter.createTicket.bind(adapter);
    adapter.createTicket = async (input) => {
      if (adapter.calls.length === 0) {
        adapter.calls.push(input);
        throw new PortalError('network', 'The connection was lost.');
      }
      return createTicket(input);
    };
    let el = await formOn(adapter);
    fill(el, 'subject', 'Payslips show last month');
    fill(el, 'product', 'Payroll');
    fill(el, 'description', 'Every payslip shows the previous month.');
    submit(el);
    await waitForText(el, 'No connection.');
    fixtureCleanup();
    el = await formOn(adapter);
    const value = (name: string) =>
      el.shadowRoot!.querySelector<HTMLInputElement>(`[name=${name}]`)!.value;
    expect(value('subject')).to.equal('Payslips show last month');
    expect(value('product')).to.equal('Payroll');
    expect(value('description')).to.equal('Every payslip shows the previous month.');
    const created = nextEvent(el, 'portal-ticket-created');
    submit(el);
    await created;
    expect(adapter.calls).to.have.length(2);
    expect(adapter.calls[1]!.idempotencyKey).to.equal(adapter.calls[0]!.idempotencyKey);
    fixtureCleanup();
    el = await formOn(adapter);
    expect(value('subject')).to.equal('', 'a filed ticket leaves no draft behind');
  });

  it('renders the fields of the portal config with labels, markers and help', async () => {
    const el = await formOn(new RecordingAdapter());
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) =>
      l.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels).to.deep.equal([
      'Subject *',
      'Product',
      'Describe the problem *',
      'Screenshots or files',
    ]);
    const product = el.shadowRoot!.querySelector('select[name=product]')!;
    expect([...product.querySelectorAll('option')].map((o) => o.textContent)).to.deep.equal([
      'Choose…',
      'Invoicing',
      'Payroll',
      'Mobile app',
    ]);
    const description = el.shadowRoot!.querySelector('textarea[name=description]')!;
    expect(description.hasAttribute('required')).to.equal(true);
    const help = el.shadowRoot!.getElementById(description.getAttribute('aria-describedby')!)!;
    expect(help.textContent).to.equal('What did you do, what happened, and what did you expect?');
    await expect(el).to.be.accessible();
  });

  it('shows field errors without calling the adapter', async () => {
    const adapter = new RecordingAdapter();
    const el = await formOn(adapter);
    submit(el);
    await waitForText(el, 'Enter a subject.');
    expect(errorFor(el, 'subject')).to.equal('Enter a subject.');
    expect(errorFor(el, 'description')).to.equal('Describe the problem.');
    expect(adapter.calls).to.have.length(0);
    const subject = el.shadowRoot!.querySelector('#field-subject')!;
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
    expect(subject.getAttribute('aria-describedby')).to.equal('field-subject-error');
    expect(el.shadowRoot!.activeElement).to.equal(subject);
    await expect(el).to.be.accessible();
  });

  it('shows field errors in the language the form is shown in', async () => {
    await setLocale('sv');
    try {
      const el = await formOn(new RecordingAdapter());
      submit(el);
      await waitForText(el, 'Skriv en rubrik.');
      expect(errorFor(el, 'description')).to.equal('Beskriv problemet.');
      await setLocale('de');
      await el.updateComplete;
      submit(el);
      await waitForText(el, 'Geben Sie einen Betreff ein.');
    } finally {
      await setLocale('en');
    }
  });

  it('creates exactly one ticket and fires portal-ticket-created', async () => {
    const adapter = new RecordingAdapter();
    const el = await formOn(adapter);
    fill(el, 'subject', 'Payslips show last month');
    fill(el, 'product', 'Payroll');
    fill(el, 'description', 'Every payslip shows the previous month.');
    const created = nextEvent(el, 'portal-ticket-created');
    submit(el);
    submit(el);
    const { ticket } = await created;
    expect(ticket.subject).to.equal('Payslips show last month');
    expect(ticket.properties).to.deep.equal({ product: 'Payroll' });
    expect(adapter.calls).to.have.length(1);
    expect(adapter.calls[0]!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    const { items } = await adapter.listTickets();
    expect(items.filter((t) => t.subject === 'Payslips show last month')).to.have.length(1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=success]')!.textContent).to.contain(
      `Ticket ${ticket.id} was created.`,
    );
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[name=subject]')!.value).to.equal('');
  });

  it("shows the server's field errors on their fields", async () => {
    const adapter = new RecordingAdapter();
    adapter.serverFieldErrors = { subject: 'A ticket with this subject is already open.' };
    const el = await formOn(adapter);
    fill(el, 'subject', 'Duplicate');
    fill(el, 'description', 'Again.');
    submit(el);
    await waitForText(el, 'A ticket with this subject is already open.');
    expect(errorFor(el, 'subject')).to.equal('A ticket with this subject is already open.');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[name=subject]')!.value).to.equal(
      'Duplicate',
    );
  });

  it('renders every field type from the config, with markers and help', async () => {
    const el = await formOn(new RecordingAdapter(everyFieldType()));
    const types = [...el.shadowRoot!.querySelectorAll('[part=field] [name]')].map((control) =>
      control instanceof HTMLInputElement ? control.type : control.localName,
    );
    expect(types).to.deep.equal(['text', 'email', 'number', 'date', 'select', 'textarea', 'file']);
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) =>
      l.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels).to.deep.equal([
      'Subject *',
      'Reply to',
      'Seats affected',
      'Since when',
      'Product',
      'Description *',
      'Screenshots *',
    ]);
    const since = el.shadowRoot!.querySelector('[name=since]')!;
    expect(
      el.shadowRoot!.getElementById(since.getAttribute('aria-describedby')!)!.textContent,
    ).to.equal('Roughly.');
    expect(fileInput(el).multiple).to.equal(true);
    expect(fileInput(el).accept).to.contain('application/pdf');
    const fileHelp = el.shadowRoot!.getElementById(
      fileInput(el).getAttribute('aria-describedby')!,
    )!;
    expect(fileHelp.textContent).to.contain('What you saw on screen.');
    await expect(el).to.be.accessible();
  });

  it('asks for a required file before sending', async () => {
    const adapter = new RecordingAdapter(everyFieldType());
    const el = await formOn(adapter);
    fillRequired(el);
    submit(el);
    await waitForText(el, 'Attach a file for Screenshots.');
    expect(adapter.calls).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(fileInput(el));
  });

  it('files one ticket with the chosen and dropped files', async () => {
    const adapter = new RecordingAdapter(everyFieldType());
    const el = await formOn(adapter);
    fillRequired(el);
    fill(el, 'seats', '12');
    fill(el, 'since', '2026-03-01');
    chooseFiles(fileInput(el), [fileOf('payslip.pdf', 12_345, 'application/pdf')]);
    dropFiles(fileInput(el).closest('[part=field]')!, [fileOf('screen.png', 2_000, 'image/png')]);
    await el.updateComplete;
    expect(listedFiles(el.shadowRoot!)).to.deep.equal(['payslip.pdf 12.3 kB', 'screen.png 2 kB']);
    await expect(el).to.be.accessible();
    const created = nextEvent(el, 'portal-ticket-created');
    submit(el);
    submit(el);
    const { ticket } = await created;
    expect(adapter.calls).to.have.length(1);
    const [call] = adapter.calls;
    expect(call!.files!.map((file) => file.name)).to.deep.equal(['payslip.pdf', 'screen.png']);
    expect(call!.properties).to.deep.equal({ seats: '12', since: '2026-03-01' });
    const [first] = await adapter.listMessages(ticket.id);
    expect(first!.attachments.map((a) => a.name)).to.deep.equal(['payslip.pdf', 'screen.png']);
    await el.updateComplete;
    expect(listedFiles(el.shadowRoot!)).to.deep.equal([]);
  });

  it('names refused files before sending anything', async () => {
    const adapter = new RecordingAdapter(everyFieldType());
    const el = await formOn(adapter);
    fillRequired(el);
    chooseFiles(fileInput(el), [fileOf('huge.zip', 11 * 1024 * 1024, 'application/zip')]);
    await el.updateComplete;
    submit(el);
    await waitForText(el, 'huge.zip is larger than 10 MB.');
    expect(adapter.calls).to.have.length(0);
    expect(fileInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(fileInput(el));
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=remove-file]')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('#field-screenshots-error'));
  });

  it('shows the upload progress while the ticket is sent', async () => {
    const adapter = new RecordingAdapter(everyFieldType());
    adapter.holdUploads = true;
    const el = await formOn(adapter);
    fillRequired(el);
    chooseFiles(fileInput(el), [fileOf('payslip.pdf', 12_345, 'application/pdf')]);
    submit(el);
    const progress = await waitForSelector<HTMLProgressElement>(el.shadowRoot!, 'progress');
    await waitUntil(() => progress.value === 40);
    expect(progress.labels[0]!.textContent).to.equal('Uploading files');
    await expect(el).to.be.accessible();
    const created = nextEvent(el, 'portal-ticket-created');
    adapter.finish();
    await created;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
  });

  it("shows the server's error about files on the file field", async () => {
    const adapter = new RecordingAdapter(everyFieldType());
    adapter.serverFieldErrors = { files: 'payslip.pdf is not really a PDF.' };
    const el = await formOn(adapter);
    fillRequired(el);
    chooseFiles(fileInput(el), [fileOf('payslip.pdf', 12_345, 'application/pdf')]);
    submit(el);
    await waitForText(el, 'payslip.pdf is not really a PDF.');
    expect(el.shadowRoot!.querySelector('#field-screenshots-error')!.textContent).to.equal(
      'payslip.pdf is not really a PDF.',
    );
    expect(el.shadowRoot!.querySelector('ul.field-error')).to.equal(null);
  });

  it('opens the new ticket inside a customer-portal', async () => {
    history.replaceState(null, '', '#/new');
    const adapter = new RecordingAdapter();
    const portal = await fixture(html`<customer-portal .adapter=${adapter}></customer-portal>`);
    const el = await waitForSelector<SupportForm>(portal, 'support-form');
    await waitUntil(() => el.shadowRoot!.querySelector('form'));
    fill(el, 'subject', 'Mobile app crashes on start');
    fill(el, 'description', 'Since the last update.');
    submit(el);
    const detail = await waitForSelector(portal, 'ticket-detail');
    await waitForText(detail, 'Mobile app crashes on start');
    expect(location.hash).to.equal(`#/tickets/${detail.getAttribute('ticket-id')}`);
    history.replaceState(null, '', '#/');
  });
});
