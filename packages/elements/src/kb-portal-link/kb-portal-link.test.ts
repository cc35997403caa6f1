import { MemoryAdapter, PortalError, type PortalConfig } from '@kundportal/core';
import { demoData } from '@kundportal/core/demo';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import { nextEvent } from '../shared/test-utils.js';
import './kb-portal-link.js';
import type { KbPortalLink } from './kb-portal-link.component.js';

class UnreachableAdapter extends MemoryAdapter {
  override async getPortal(): Promise<PortalConfig> {
    throw new PortalError('network', 'Failed to fetch');
  }
}

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
});
