import { MemoryAdapter, PortalError, type PortalConfig } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import type { PortalLogin } from '../portal-login/portal-login.component.js';
import { nextEvent, waitForSelector } from '../shared/test-utils.js';
import './kb-portal-link.js';
import type { KbPortalLink } from './kb-portal-link.component.js';

class UnreachableAdapter extends MemoryAdapter {
  override async getPortal(): Promise<PortalConfig> {
    throw new PortalError('network', 'Failed to fetch');
  }
}

/** Counts the summary requests, to show the link asks only when told to. */
class CountingAdapter extends MemoryAdapter {
  summaries = 0;
  override getTicketSummary() {
    this.summaries += 1;
    return super.getTicketSummary();
  }
}

const count = (el: KbPortalLink) => el.shadowRoot!.querySelector('[part=count]');

const link = (el: KbPortalLink) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=link]');

describe('kb-portal-link', () => {
  it('links to the portal by its title', async () => {
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link .adapter=${new MemoryAdapter()} href="/support"></kb-portal-link>`,
    );
    await waitUntil(() => link(el));
    expect(link(el)!.textContent).to.equal('Go to Nordlys Support');
    expect(link(el)!.getAttribute('href')).to.equal('/support');
    await expect(el).to.be.accessible();
  });

  it('links to # unless told where', async () => {
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link .adapter=${new MemoryAdapter()}></kb-portal-link>`,
    );
    await waitUntil(() => link(el));
    expect(link(el)!.getAttribute('href')).to.equal('#');
  });

  it('shows nothing when the portal is off', async () => {
    const data = demoData();
    data.portal.enabled = false;
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link .adapter=${new MemoryAdapter({ data })}></kb-portal-link>`,
    );
    await aTimeout(20);
    expect(link(el)).to.equal(null);
    expect(el.getBoundingClientRect().width).to.equal(0);
  });

  it('shows nothing when the portal cannot be reached', async () => {
    const failed = new Promise<PortalError>((resolve) =>
      document.addEventListener('portal-error', (event) => resolve(event.error), { once: true }),
    );
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link .adapter=${new UnreachableAdapter()}></kb-portal-link>`,
    );
    expect((await failed).code).to.equal('network');
    await el.updateComplete;
    expect(link(el)).to.equal(null);
  });

  it('shows nothing when the portal answers that it is unavailable', async () => {
    class ClosedAdapter extends MemoryAdapter {
      override async getPortal(): Promise<PortalConfig> {
        throw new PortalError('unavailable', 'This support portal is closed.');
      }
    }
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link .adapter=${new ClosedAdapter()}></kb-portal-link>`,
    );
    await aTimeout(20);
    expect(link(el)).to.equal(null);
    expect(el.getBoundingClientRect().width).to.equal(0);
  });

  it('gets its adapter from a customer-portal around it', async () => {
    const portal = await fixture(
      html`<customer-portal .adapter=${new MemoryAdapter()}>
        <kb-portal-link href="/support"></kb-portal-link>
      </customer-portal>`,
    );
    const el = portal.querySelector('kb-portal-link')!;
    await waitUntil(() => link(el));
    expect(link(el)!.textContent).to.equal('Go to Nordlys Support');
  });

  it('announces a failure with portal-error', async () => {
    const el = document.createElement('kb-portal-link');
    const failed = nextEvent(el, 'portal-error');
    el.adapter = new UnreachableAdapter();
    document.body.append(el);
    expect((await failed).error.message).to.equal('Failed to fetch');
    el.remove();
  });

  describe('with show-count', () => {
    it("shows a signed-in customer how many tickets wait for their reply, in the link's name", async () => {
      const adapter = new CountingAdapter({ signedInAs: DEMO_ACCOUNT.email });
      const { awaitingReply } = await adapter.getTicketSummary();
      expect(awaitingReply, 'the demo data has tickets awaiting a reply').to.be.above(0);
      const el = await fixture<KbPortalLink>(
        html`<kb-portal-link .adapter=${adapter} show-count href="/support"></kb-portal-link>`,
      );
      await waitUntil(() => count(el));
      expect(count(el)!.textContent).to.equal(String(awaitingReply));
      expect(link(el)!.textContent!.replace(/\s+/g, ' ')).to.equal(
        `Go to Nordlys Support ${awaitingReply} (${awaitingReply} awaiting your reply)`,
      );
      await expect(el).to.be.accessible();
    });

    it('shows no count to someone signed out, and asks for none', async () => {
      const adapter = new CountingAdapter();
      const el = await fixture<KbPortalLink>(
        html`<kb-portal-link .adapter=${adapter} show-count></kb-portal-link>`,
      );
      await waitUntil(() => link(el));
      await aTimeout(50);
      expect(count(el)).to.equal(null);
      expect(adapter.summaries).to.equal(0);
    });

    it('asks for no count without show-count', async () => {
      const adapter = new CountingAdapter({ signedInAs: DEMO_ACCOUNT.email });
      const el = await fixture<KbPortalLink>(
        html`<kb-portal-link .adapter=${adapter}></kb-portal-link>`,
      );
      await waitUntil(() => link(el));
      await aTimeout(50);
      expect(count(el)).to.equal(null);
      expect(adapter.summaries).to.equal(0);
    });

    it('counts again when the customer signs in to a portal around it', async () => {
      const adapter = new CountingAdapter();
      const portal = await fixture(
        html`<customer-portal .adapter=${adapter}>
          <kb-portal-link show-count></kb-portal-link>
        </customer-portal>`,
      );
      const el = portal.querySelector('kb-portal-link')!;
      await waitUntil(() => link(el));
      expect(count(el)).to.equal(null);
      // Signed in through the portal's own form, as a customer would.
      const login = await waitForSelector<PortalLogin>(portal, 'portal-login');
      await waitUntil(() => login.shadowRoot?.querySelector('#email'));
      login.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = DEMO_ACCOUNT.email;
      login.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = DEMO_ACCOUNT.password;
      login.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => count(el), 'the count appears after sign-in');
      expect(adapter.summaries).to.equal(1);
      (await waitForSelector<HTMLButtonElement>(portal, 'button[part=sign-out]')).click();
      await waitUntil(() => !count(el), 'the count goes after sign-out');
    });
  });
});
