import { HttpAdapter, HttpReader, MemoryAdapter } from '@kundportal/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../kb-portal-link/kb-portal-link.js';
import type { KbPortalLink } from '../kb-portal-link/kb-portal-link.component.js';
import '../support-form/support-form.js';
import type { SupportForm } from '../support-form/support-form.component.js';

describe('PortalElement', () => {
  it('talks to the API its api attribute names', async () => {
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link api="/__test-api"></kb-portal-link>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('a'));
    expect(el.shadowRoot!.querySelector('a')!.textContent).to.equal('Go to Test API Portal');
  });

  it('makes one HttpAdapter per api value', async () => {
    const el = await fixture<SupportForm>(html`<support-form api="/__test-api"></support-form>`);
    const first = el.portalAdapter;
    expect(first).to.be.instanceOf(HttpAdapter);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.portalAdapter).to.equal(first);
    el.api = '/__test-api/elsewhere';
    await el.updateComplete;
    expect(el.portalAdapter).to.be.instanceOf(HttpAdapter);
    expect(el.portalAdapter).not.to.equal(first);
  });

  it('makes only the reads of one for the link, which never writes', async () => {
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link api="/__test-api"></kb-portal-link>`,
    );
    const first = el.portalAdapter;
    expect(first).to.be.instanceOf(HttpReader);
    expect(first).not.to.be.instanceOf(HttpAdapter);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.portalAdapter).to.equal(first);
  });

  it('prefers its adapter property over the api attribute', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<KbPortalLink>(
      html`<kb-portal-link api="/__test-api" .adapter=${adapter}></kb-portal-link>`,
    );
    expect(el.portalAdapter).to.equal(adapter);
  });

  it('has no adapter when nothing provides one', async () => {
    const el = await fixture<KbPortalLink>(html`<kb-portal-link></kb-portal-link>`);
    expect(el.portalAdapter).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
  });
});
