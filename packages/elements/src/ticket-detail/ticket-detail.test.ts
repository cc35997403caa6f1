import { MemoryAdapter, PortalError, type Message, type ReplyInput } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import { nextEvent, visibleText, waitForSelector, waitForText } from '../shared/test-utils.js';
import './ticket-detail.js';
import type { TicketDetail } from './ticket-detail.component.js';

const signedIn = () => new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });

/** Fails the first `failures` replies with a lost connection and records every key sent. */
class FlakyAdapter extends MemoryAdapter {
  readonly keys: string[] = [];
  failures: number;

  constructor(failures: number) {
    super({ signedInAs: DEMO_ACCOUNT.email });
    this.failures = failures;
  }

  override async reply(ticketId: string, input: ReplyInput): Promise<Message> {
    this.keys.push(input.idempotencyKey);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new PortalError('network', 'Failed to fetch');
    }
    return super.reply(ticketId, input);
  }
}

async function detailOf(adapter: MemoryAdapter, ticketId: string): Promise<TicketDetail> {
  const el = await fixture<TicketDetail>(
    html`<ticket-detail .adapter=${adapter} ticket-id=${ticketId}></ticket-detail>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('h2, [role=alert]'));
  return el;
}

function typeReply(el: TicketDetail, text: string): void {
  const textarea = el.shadowRoot!.querySelector('textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new Event('input'));
}

const send = (el: TicketDetail) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part=send]')!.click();

const messageTexts = (el: TicketDetail) =>
  [...el.shadowRoot!.querySelectorAll('.message .text')].map((p) => p.textContent);

describe('ticket-detail', () => {
  it('shows the ticket and its latest thread, oldest first, without internal notes', async () => {
    const el = await detailOf(signedIn(), '1001');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal(
      'Invoices fail to export to PDF',
    );
    const text = visibleText(el);
    expect(text).to.contain('Status Open');
    expect(text).to.contain('Created');
    expect(messageTexts(el)).to.deep.equal([
      'When I export March invoices to PDF the download never starts.',
      'Thanks Ada. Which browser do you use, and does it happen for other months?',
    ]);
    expect(text).not.to.contain('INTERNAL NOTE');
    expect(text).not.to.contain('An earlier question');
    const [first, second] = el.shadowRoot!.querySelectorAll('.message');
    expect(first!.getAttribute('part')).to.equal('message message-customer');
    expect(second!.getAttribute('part')).to.equal('message message-agent');
    expect(second!.textContent).to.contain('Karin at Nordlys Support');
    expect(second!.textContent).to.contain('Support team');
    await expect(el).to.be.accessible();
  });

  it('sends a reply, shows it, clears the draft and fires portal-reply-sent', async () => {
    const adapter = signedIn();
    const el = await detailOf(adapter, '1001');
    typeReply(el, 'Firefox, and yes: April too.');
    const sent = nextEvent(el, 'portal-reply-sent');
    send(el);
    const event = await sent;
    expect(event.message.text).to.equal('Firefox, and yes: April too.');
    await el.updateComplete;
    expect(messageTexts(el).at(-1)).to.equal('Firefox, and yes: April too.');
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('');
    const stored = await adapter.listMessages('1001');
    expect(stored.filter((m) => m.text === 'Firefox, and yes: April too.')).to.have.length(1);
  });

  it('renders message text as text, never as HTML', async () => {
    const el = await detailOf(signedIn(), '1002');
    typeReply(el, '<img src=x onerror="window.__pwned = true"><b>bold</b>');
    const sent = nextEvent(el, 'portal-reply-sent');
    send(el);
    await sent;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.message img, .message b')).to.equal(null);
    expect(messageTexts(el).at(-1)).to.contain('<img src=x');
  });

  it('asks for text instead of sending an empty reply', async () => {
    const adapter = new FlakyAdapter(0);
    const el = await detailOf(adapter, '1001');
    typeReply(el, '   ');
    send(el);
    await waitForText(el, 'Write a message before sending.');
    expect(adapter.keys).to.have.length(0);
    const textarea = el.shadowRoot!.querySelector('textarea')!;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea.getAttribute('aria-describedby')).to.equal('reply-error');
  });

  it('keeps the draft when sending fails and retries with the same idempotency key', async () => {
    const adapter = new FlakyAdapter(1);
    const el = await detailOf(adapter, '1001');
    typeReply(el, 'Chrome, only March.');
    send(el);
    await waitForText(el, 'No connection');
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('Chrome, only March.');
    await expect(el).to.be.accessible();
    const sent = nextEvent(el, 'portal-reply-sent');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[role=alert] button')!.click();
    await sent;
    expect(adapter.keys).to.have.length(2);
    expect(adapter.keys[0]).to.equal(adapter.keys[1]);
    const stored = await adapter.listMessages('1001');
    expect(stored.filter((m) => m.text === 'Chrome, only March.')).to.have.length(1);
  });

  it('has no reply form on a closed ticket', async () => {
    const el = await detailOf(signedIn(), '1005');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=closed]')!.textContent).to.equal(
      'This ticket is closed.',
    );
    expect(visibleText(el)).to.contain('Status Closed');
    await expect(el).to.be.accessible();
  });

  it("says another customer's ticket does not exist", async () => {
    const el = await detailOf(signedIn(), '1006');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'This ticket does not exist or is not yours.',
    );
    expect(visibleText(el)).not.to.contain('Björn');
    await expect(el).to.be.accessible();
  });

  it('asks to navigate back to the list', async () => {
    const el = await detailOf(signedIn(), '1001');
    const back = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=back]')!;
    expect(back.textContent).to.equal('Back to tickets');
    el.addEventListener('portal-navigate', (event) => event.preventDefault());
    const navigate = nextEvent(el, 'portal-navigate');
    back.click();
    expect((await navigate).route).to.deep.equal({ view: 'list' });
  });

  it('gets its adapter from a customer-portal', async () => {
    history.replaceState(null, '', '#/tickets/1002');
    const portal = await fixture(html`<customer-portal .adapter=${signedIn()}></customer-portal>`);
    const detail = await waitForSelector<TicketDetail>(portal, 'ticket-detail');
    await waitForText(detail, 'Two-factor codes arrive late');
    history.replaceState(null, '', '#/');
  });
});
