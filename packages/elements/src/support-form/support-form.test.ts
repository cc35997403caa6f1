import { MemoryAdapter, PortalError, type NewTicketInput, type Ticket } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import { nextEvent, waitForSelector, waitForText } from '../shared/test-utils.js';
import './support-form.js';
import type { SupportForm } from './support-form.component.js';

/** Records every createTicket call; can answer with server-side field errors. */
class RecordingAdapter extends MemoryAdapter {
  readonly calls: NewTicketInput[] = [];
  serverFieldErrors: Record<string, string> | undefined;

  constructor() {
    super({ signedInAs: DEMO_ACCOUNT.email, delayMs: 5 });
  }

  override async createTicket(input: NewTicketInput): Promise<Ticket> {
    this.calls.push(input);
    if (this.serverFieldErrors) {
      throw new PortalError('validation', 'Some fields need attention.', this.serverFieldErrors);
    }
    return super.createTicket(input);
  }
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
  it('renders the fields of the portal config with labels, markers and help', async () => {
    const el = await formOn(new RecordingAdapter());
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) =>
      l.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels).to.deep.equal(['Subject *', 'Product', 'Describe the problem *']);
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
