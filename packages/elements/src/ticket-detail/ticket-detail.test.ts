import {
  MemoryAdapter,
  PortalError,
  type Message,
  type PortalEvent,
  type ReplyInput,
} from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import { nextEvent, visibleText, waitForSelector, waitForText } from '../shared/test-utils.js';
import './ticket-detail.js';
import { replyDraftKey } from './reply-draft.js';
import type { TicketDetail } from './ticket-detail.component.js';

const signedIn = () => new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });

/**
 * Fails the first `failures` replies with a lost connection and records every key sent. With
 * `landFirst`, the connection drops after the server stored the reply, as it does in real life.
 */
class FlakyAdapter extends MemoryAdapter {
  readonly keys: string[] = [];
  failures: number;
  readonly #landFirst: boolean;

  constructor(failures: number, { landFirst = false } = {}) {
    super({ signedInAs: DEMO_ACCOUNT.email });
    this.failures = failures;
    this.#landFirst = landFirst;
  }

  override async reply(ticketId: string, input: ReplyInput): Promise<Message> {
    this.keys.push(input.idempotencyKey);
    if (this.failures > 0) {
      this.failures -= 1;
      if (this.#landFirst) await super.reply(ticketId, input);
      throw new PortalError('network', 'Failed to fetch');
    }
    return super.reply(ticketId, input);
  }
}

/** Serves extra messages (with HTML or attachments) and pushes events as a server would. */
class ScriptedAdapter extends MemoryAdapter {
  readonly extraMessages: Message[] = [];
  readonly #listeners = new Set<(event: PortalEvent) => void>();

  constructor() {
    super({ signedInAs: DEMO_ACCOUNT.email });
  }

  override async listMessages(ticketId: string): Promise<Message[]> {
    const extra = this.extraMessages.filter((m) => m.ticketId === ticketId);
    return [...(await super.listMessages(ticketId)), ...extra];
  }

  override subscribe(listener: (event: PortalEvent) => void): () => void {
    this.#listeners.add(listener);
    const stop = super.subscribe(listener);
    return () => {
      this.#listeners.delete(listener);
      stop();
    };
  }

  push(event: PortalEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

function agentMessage(fields: Partial<Message>): Message {
  return {
    id: 'm-extra',
    ticketId: '1001',
    author: { kind: 'agent', name: 'Karin at Nordlys Support' },
    text: 'Plain text',
    createdAt: new Date().toISOString(),
    attachments: [],
    ...fields,
  };
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
  afterEach(() => {
    for (const id of ['1001', '1002']) localStorage.removeItem(replyDraftKey(id));
  });

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

  it('retries with the same key after the connection dropped once the reply had landed', async () => {
    const adapter = new FlakyAdapter(1, { landFirst: true });
    const el = await detailOf(adapter, '1001');
    typeReply(el, 'Edge, every month.');
    send(el);
    await waitForText(el, 'No connection');
    const sent = nextEvent(el, 'portal-reply-sent');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[role=alert] button')!.click();
    await sent;
    expect(adapter.keys).to.have.length(2);
    expect(adapter.keys[1]).to.equal(adapter.keys[0]);
    const stored = await adapter.listMessages('1001');
    expect(stored.filter((m) => m.text === 'Edge, every month.')).to.have.length(1);
    await el.updateComplete;
    expect(messageTexts(el).filter((text) => text === 'Edge, every month.')).to.have.length(1);
  });

  it('keeps the draft across a reload until the server has it', async () => {
    const adapter = new FlakyAdapter(1);
    const first = await detailOf(adapter, '1001');
    typeReply(first, 'Safari too.');
    const stored = JSON.parse(localStorage.getItem('kundportal:draft:1001')!);
    expect(stored.text).to.equal('Safari too.');
    send(first);
    await waitForText(first, 'No connection');
    first.remove();

    const el = await detailOf(adapter, '1001');
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('Safari too.');
    expect((await detailOf(adapter, '1002')).shadowRoot!.querySelector('textarea')!.value).to.equal(
      '',
    );
    const sent = nextEvent(el, 'portal-reply-sent');
    send(el);
    await sent;
    expect(adapter.keys).to.deep.equal([stored.idempotencyKey, stored.idempotencyKey]);
    expect(localStorage.getItem('kundportal:draft:1001')).to.equal(null);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('');
  });

  it('forgets a draft whose text is deleted', async () => {
    const el = await detailOf(signedIn(), '1001');
    typeReply(el, 'Never mind');
    typeReply(el, '');
    expect(localStorage.getItem('kundportal:draft:1001')).to.equal(null);
  });

  it("shows an agent's HTML with formatting and links, and nothing that could run", async () => {
    const adapter = new ScriptedAdapter();
    adapter.extraMessages.push(
      agentMessage({
        html: `<p>Try <strong>Export again</strong> and read <a href="https://help.example/pdf">the guide</a>.</p>
          <script>window.__pwned = true</script><img src="x" onerror="window.__pwned = true">
          <a href="javascript:window.__pwned = true">click me</a><p style="color: red">styled</p>
          <form action="https://evil.example"><input name="password"></form>
          <iframe src="https://evil.example"></iframe>`,
      }),
      {
        ...agentMessage({ id: 'm-customer-html', html: '<b>not rendered</b>' }),
        author: { kind: 'customer', name: 'Ada Lindqvist' },
        text: '<b>typed by Ada</b>',
      },
    );
    const el = await detailOf(adapter, '1001');
    const body = el.shadowRoot!.querySelector('.text.html')!;
    expect(body.querySelector('strong')!.textContent).to.equal('Export again');
    const [guide, bad] = body.querySelectorAll('a');
    expect(guide!.getAttribute('href')).to.equal('https://help.example/pdf');
    expect(guide!.target).to.equal('_blank');
    expect(guide!.rel).to.equal('noopener noreferrer nofollow');
    expect(bad!.textContent).to.equal('click me');
    expect(bad!.hasAttribute('href')).to.equal(false);
    expect(body.querySelector('script, img, form, input, iframe, [style], [onerror]')).to.equal(
      null,
    );
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    expect(messageTexts(el).at(-1)).to.equal('<b>typed by Ada</b>');
    await expect(el).to.be.accessible();
  });

  it('lists attachments with their size and a download link', async () => {
    const adapter = new ScriptedAdapter();
    adapter.extraMessages.push(
      agentMessage({
        attachments: [
          {
            id: 'a-1',
            name: 'export-log.pdf',
            size: 12_345,
            contentType: 'application/pdf',
            url: '/api/attachments/a-1',
          },
          {
            id: 'a-2',
            name: 'trap.html',
            size: 2_500_000,
            contentType: 'text/html',
            url: 'javascript:alert(1)',
          },
        ],
      }),
    );
    const el = await detailOf(adapter, '1001');
    const items = [...el.shadowRoot!.querySelectorAll('[part=attachments] li')];
    expect(items.map((item) => item.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'export-log.pdf 12.3 kB',
      'trap.html 2.5 MB',
    ]);
    const link = items[0]!.querySelector<HTMLAnchorElement>('a[part=attachment]')!;
    expect(link.getAttribute('href')).to.equal('/api/attachments/a-1');
    expect(link.getAttribute('download')).to.equal('export-log.pdf');
    expect(items[1]!.querySelector('a')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("adds messages and status changes of this ticket as they're heard of", async () => {
    const adapter = new ScriptedAdapter();
    const el = await detailOf(adapter, '1001');
    adapter.push({
      type: 'message',
      message: agentMessage({ id: 'm-live', text: 'Fixed in today’s release.' }),
    });
    adapter.push({
      type: 'message',
      message: agentMessage({ id: 'm-other', ticketId: '1002', text: 'Another ticket.' }),
    });
    await el.updateComplete;
    expect(messageTexts(el).at(-1)).to.equal('Fixed in today’s release.');
    expect(visibleText(el)).not.to.contain('Another ticket.');
    const ticket = await adapter.getTicket('1001');
    adapter.push({ type: 'ticket', ticket: { ...ticket, status: 'closed', stageLabel: 'Closed' } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=closed]')).not.to.equal(null);
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
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
