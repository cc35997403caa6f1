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
import {
  chooseFiles,
  dropFiles,
  fileOf,
  listedFiles,
  nextEvent,
  visibleText,
  waitForSelector,
  waitForText,
} from '../shared/test-utils.js';
import './ticket-detail.js';
import { setLocale } from '../shared/localization.js';
import { clearAllReplyDrafts } from '../shared/reply-draft.js';
import type { TicketDetail } from './ticket-detail.component.js';

const signedIn = () => new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });

/**
 * Fails the first `failures` replies with a lost connection and records every key sent. With
 * `landFirst`, the connection drops after the server stored the reply, as it does in real life.
 */
class FlakyAdapter extends MemoryAdapter {
  readonly keys: string[] = [];
  /** Names of the files each reply carried. */
  readonly files: string[][] = [];
  failures: number;
  readonly #landFirst: boolean;

  constructor(failures: number, { landFirst = false } = {}) {
    super({ signedInAs: DEMO_ACCOUNT.email });
    this.failures = failures;
    this.#landFirst = landFirst;
  }

  override async reply(ticketId: string, input: ReplyInput): Promise<Message> {
    this.keys.push(input.idempotencyKey);
    this.files.push((input.files ?? []).map((file) => file.name));
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

/** Reports 40% of the upload, then holds the reply until `finish()`. */
class SlowUploadAdapter extends MemoryAdapter {
  #finish: (() => void) | undefined;

  constructor() {
    super({ signedInAs: DEMO_ACCOUNT.email });
  }

  override async reply(ticketId: string, input: ReplyInput): Promise<Message> {
    input.onProgress?.(40, 100);
    await new Promise<void>((resolve) => (this.#finish = resolve));
    return super.reply(ticketId, input);
  }

  finish(): void {
    this.#finish?.();
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

const fileInput = (el: TicketDetail) =>
  el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;

const messageTexts = (el: TicketDetail) =>
  [...el.shadowRoot!.querySelectorAll('.message .text')].map((p) => p.textContent);

describe('ticket-detail', () => {
  afterEach(clearAllReplyDrafts);

  it('shows the ticket and its latest thread, oldest first, without internal notes', async () => {
    const el = await detailOf(signedIn(), '1001');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal(
      'Invoices fail to export to PDF',
    );
    const text = visibleText(el);
    expect(text).to.contain('Status Open');
    expect(text).to.contain('Created');
    expect(text).to.contain('Product Invoicing');
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

  it('asks for text in the language the portal is shown in', async () => {
    await setLocale('ar');
    try {
      const el = await detailOf(new FlakyAdapter(0), '1001');
      typeReply(el, '   ');
      send(el);
      await waitForText(el, 'اكتب رسالة قبل الإرسال.');
    } finally {
      await setLocale('en');
    }
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

  it('attaches chosen and dropped files, removes one, and sends the rest', async () => {
    const adapter = new FlakyAdapter(0);
    const el = await detailOf(adapter, '1001');
    const input = fileInput(el);
    expect(el.shadowRoot!.querySelector(`label[for=${input.id}]`)!.textContent).to.contain(
      'Attach files',
    );
    chooseFiles(input, [fileOf('export-log.pdf', 12_345, 'application/pdf')]);
    dropFiles(el.shadowRoot!.querySelector('form')!, [fileOf('screen.png', 2_000, 'image/png')]);
    dropFiles(el.shadowRoot!.querySelector('form')!, [fileOf('notes.txt', 5, 'text/plain')]);
    await el.updateComplete;
    expect(listedFiles(el.shadowRoot!)).to.deep.equal([
      'export-log.pdf 12.3 kB',
      'screen.png 2 kB',
      'notes.txt 5 bytes',
    ]);
    await expect(el).to.be.accessible();

    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=remove-file]')[2]!.click();
    await waitUntil(() => listedFiles(el.shadowRoot!).length === 2);
    expect(el.shadowRoot!.activeElement).to.equal(fileInput(el));

    typeReply(el, 'The log and a screenshot.');
    const sent = nextEvent(el, 'portal-reply-sent');
    send(el);
    const { message } = await sent;
    expect(adapter.files).to.deep.equal([['export-log.pdf', 'screen.png']]);
    expect(message.attachments.map((a) => a.name)).to.deep.equal(['export-log.pdf', 'screen.png']);
    await el.updateComplete;
    expect(listedFiles(el.shadowRoot!)).to.deep.equal([]);
    const shown = el.shadowRoot!.querySelectorAll('.message')[2]!;
    expect(visibleText(shown)).to.contain('export-log.pdf 12.3 kB');
  });

  it('names files too large or of a refused type, and sends nothing', async () => {
    const adapter = new FlakyAdapter(0);
    const el = await detailOf(adapter, '1001');
    chooseFiles(fileInput(el), [
      fileOf('huge.pdf', 11 * 1024 * 1024, 'application/pdf'),
      fileOf('setup.exe', 100, 'application/x-msdownload'),
    ]);
    await el.updateComplete;
    const error = el.shadowRoot!.querySelector('#reply-files-error')!;
    expect(error.textContent).to.equal(
      'huge.pdf is larger than 10 MB. setup.exe is a type of file the portal does not take.',
    );
    expect(fileInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(fileInput(el).getAttribute('aria-describedby')).to.contain('reply-files-error');
    typeReply(el, 'Here is the installer.');
    send(el);
    await el.updateComplete;
    expect(adapter.keys).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(fileInput(el));
    await expect(el).to.be.accessible();
  });

  it('shows the upload progress while the files are sent', async () => {
    const adapter = new SlowUploadAdapter();
    const el = await detailOf(adapter, '1001');
    chooseFiles(fileInput(el), [fileOf('export-log.pdf', 12_345, 'application/pdf')]);
    typeReply(el, 'The log.');
    send(el);
    const progress = await waitForSelector<HTMLProgressElement>(el.shadowRoot!, 'progress');
    await waitUntil(() => progress.value === 40);
    expect(progress.labels[0]!.textContent).to.equal('Uploading files');
    expect(fileInput(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    const sent = nextEvent(el, 'portal-reply-sent');
    adapter.finish();
    await sent;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
  });

  it('keeps the chosen files with the draft until the server has the reply', async () => {
    const adapter = new FlakyAdapter(1);
    const first = await detailOf(adapter, '1001');
    chooseFiles(fileInput(first), [fileOf('export-log.pdf', 12_345, 'application/pdf')]);
    typeReply(first, 'The log.');
    send(first);
    await waitForText(first, 'No connection');
    first.remove();

    const el = await detailOf(adapter, '1001');
    expect(listedFiles(el.shadowRoot!)).to.deep.equal(['export-log.pdf 12.3 kB']);
    expect(listedFiles((await detailOf(adapter, '1002')).shadowRoot!)).to.deep.equal([]);
    const sent = nextEvent(el, 'portal-reply-sent');
    send(el);
    await sent;
    expect(adapter.files).to.deep.equal([['export-log.pdf'], ['export-log.pdf']]);
    el.remove();
    expect(listedFiles((await detailOf(adapter, '1001')).shadowRoot!)).to.deep.equal([]);
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
    expect(el.shadowRoot!.querySelector('input[type=file]')).to.equal(null);
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
