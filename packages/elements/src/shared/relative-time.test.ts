import { MemoryAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../ticket-list/ticket-list.js';
import type { TicketList } from '../ticket-list/ticket-list.component.js';
import { relativeTimeClock } from './relative-time.js';

const MINUTE = 60_000;

describe('relative times', () => {
  const realNow = relativeTimeClock.now;
  afterEach(() => {
    relativeTimeClock.now = realNow;
  });

  it('move on while the page stays open, on one timer shared by every element', async () => {
    const data = demoData();
    const adapter = new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
    const list = await fixture<TicketList>(html`<ticket-list .adapter=${adapter}></ticket-list>`);
    await waitUntil(() => list.shadowRoot!.querySelector('tr[part=row]'));
    const row = list.shadowRoot!.querySelector<HTMLElement>('tr[part=row]')!;
    const times = () => [...row.querySelectorAll('time')].map((t) => t.textContent!.trim());
    const before = times();
    const created = new Date(row.querySelector('time')!.dateTime).getTime();
    expect(relativeTimeClock.running).to.equal(true);

    // A year later, as far as the clock knows: the next tick writes every time again.
    relativeTimeClock.now = () => new Date(created + 400 * 24 * 60 * MINUTE);
    relativeTimeClock.tick();
    await list.updateComplete;
    expect(times()).not.to.deep.equal(before);
    expect(times()[0]).to.equal('last year');

    list.remove();
    expect(relativeTimeClock.running, 'no timer without elements').to.equal(false);
  });
});
