import { MemoryAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { formatDateTime } from '../shared/format.js';
import { LOCALE_STORAGE_KEY } from '../shared/language.js';
import { getLocale, setLocale } from '../shared/localization.js';
import { visibleText, waitForSelector, waitForText } from '../shared/test-utils.js';
import type { TicketList } from '../ticket-list/ticket-list.component.js';
import '../ticket-list/ticket-list.js';
import './customer-portal.js';
import type { CustomerPortal } from './customer-portal.component.js';

const startUrl = location.href.split('#')[0]!;

/** A signed-in demo backend whose portal offers `languages`. */
function adapterWith(languages: string[]): MemoryAdapter {
  const data = demoData();
  data.portal.languages = languages;
  return new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
}

function portalWith(adapter: MemoryAdapter): Promise<CustomerPortal> {
  history.replaceState(null, '', `${startUrl}#/`);
  return fixture<CustomerPortal>(html`<customer-portal .adapter=${adapter}></customer-portal>`);
}

async function listIn(portal: CustomerPortal): Promise<TicketList> {
  const list = await waitForSelector<TicketList>(portal, 'ticket-list');
  await waitUntil(() => list.shadowRoot!.querySelectorAll('tr[part=row]').length > 0);
  return list;
}

const base = (portal: CustomerPortal) =>
  portal.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;

describe('customer-portal languages', () => {
  afterEach(async () => {
    fixtureCleanup();
    history.replaceState(null, '', startUrl);
    localStorage.clear();
    document.documentElement.removeAttribute('lang');
    await setLocale('en');
  });

  it('switches to Swedish from the header and remembers the choice', async () => {
    const portal = await portalWith(adapterWith(['en', 'sv']));
    const list = await listIn(portal);
    expect(visibleText(portal)).to.include('My tickets');
    const select = await waitForSelector<HTMLSelectElement>(portal, 'select[part=language]');
    expect([...select.options].map((option) => option.text)).to.deep.equal(['English', 'svenska']);
    await expect(portal).to.be.accessible();

    select.value = 'sv';
    select.dispatchEvent(new Event('change'));
    await waitForText(portal, 'Mina ärenden');
    await waitForText(list, 'Dina ärenden');
    expect(getLocale()).to.equal('sv');
    const text = visibleText(portal);
    expect(text).to.include('Skapa ett supportärende');
    expect(text).to.include('Logga ut');
    expect(text).to.include('Ämne');
    expect(text).to.include('Senaste aktivitet');
    expect(base(portal).lang).to.equal('sv');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).to.equal('sv');
    await expect(portal).to.be.accessible();

    // A new portal (a reload) opens in the remembered language, though the page says English.
    fixtureCleanup();
    await setLocale('en');
    document.documentElement.lang = 'en';
    const again = await portalWith(adapterWith(['en', 'sv']));
    await waitForText(again, 'Mina ärenden');
    const choice = await waitForSelector<HTMLSelectElement>(again, 'select[part=language]');
    expect(choice.value).to.equal('sv');
  });

  it("tells the backend each language the customer reads in, for the server's errors and emails", async () => {
    const languages: string[] = [];
    const adapter = Object.assign(adapterWith(['en', 'sv']), {
      setLanguage: (language: string) => void languages.push(language),
    });
    const portal = await portalWith(adapter);
    await listIn(portal);
    expect(languages).to.deep.equal(['en']);
    const select = await waitForSelector<HTMLSelectElement>(portal, 'select[part=language]');
    select.value = 'sv';
    select.dispatchEvent(new Event('change'));
    await waitForText(portal, 'Mina ärenden');
    expect(languages).to.deep.equal(['en', 'sv']);
  });

  it("follows the page's lang when the portal offers it", async () => {
    document.documentElement.lang = 'de-DE';
    const portal = await portalWith(adapterWith(['en', 'de']));
    const list = await listIn(portal);
    await waitForText(portal, 'Meine Tickets');
    await waitForText(list, 'Ihre Tickets');
    expect(visibleText(portal)).to.include('Abmelden');
    expect(base(portal).lang).to.equal('de');
    expect(base(portal).dir).to.equal('ltr');
  });

  it("opens in the config's first language when the page's is not offered", async () => {
    document.documentElement.lang = 'fr';
    const portal = await portalWith(adapterWith(['sv', 'en']));
    await waitForText(portal, 'Mina ärenden');
  });

  it('formats dates in the language shown', async () => {
    const portal = await portalWith(adapterWith(['en', 'sv']));
    const list = await listIn(portal);
    const time = () => list.shadowRoot!.querySelector('time')!;
    const iso = time().dateTime;
    expect(time().title).to.equal(formatDateTime(iso, 'en'));

    const select = await waitForSelector<HTMLSelectElement>(portal, 'select[part=language]');
    select.value = 'sv';
    select.dispatchEvent(new Event('change'));
    await waitForText(list, 'Dina ärenden');
    const swedish = new Intl.DateTimeFormat('sv', { dateStyle: 'medium', timeStyle: 'short' });
    await waitUntil(() => time().title === swedish.format(new Date(iso)));
    const relative = new Intl.RelativeTimeFormat('sv', { numeric: 'auto' });
    const units = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
    const swedishWords = units.flatMap((unit) =>
      [-2, -1, 0].map((n) => relative.format(n, unit).replace(/\d+/, '')),
    );
    const shown = time().textContent!.replace(/\d+/, '');
    expect(swedishWords, `"${shown}" reads as Swedish`).to.include(shown);
  });

  it('shows Arabic texts laid out right to left', async () => {
    const portal = await portalWith(adapterWith(['ar']));
    await listIn(portal);
    await waitForText(portal, 'تذاكري');
    expect(getLocale()).to.equal('ar');
    expect(base(portal).dir).to.equal('rtl');
    expect(base(portal).lang).to.equal('ar');
    expect(getComputedStyle(base(portal)).direction).to.equal('rtl');
    expect(portal.shadowRoot!.querySelector('select[part=language]')).to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('lays out right to left for Hebrew, in English for want of a catalog', async () => {
    const portal = await portalWith(adapterWith(['he']));
    await listIn(portal);
    await waitForText(portal, 'My tickets');
    expect(getLocale()).to.equal('en');
    expect(base(portal).dir).to.equal('rtl');
    expect(base(portal).lang).to.equal('he');
  });
});

describe('standalone elements and the page language', () => {
  afterEach(async () => {
    fixtureCleanup();
    document.documentElement.removeAttribute('lang');
    await setLocale('en');
  });

  it("show texts in the page's lang", async () => {
    document.documentElement.lang = 'sv-SE';
    const adapter = new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });
    const list = await fixture<TicketList>(html`<ticket-list .adapter=${adapter}></ticket-list>`);
    await waitForText(list, 'Dina ärenden');
    expect(visibleText(list)).to.include('Öppet');
  });

  it('show texts in their own lang attribute', async () => {
    const adapter = new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });
    const list = await fixture<TicketList>(
      html`<ticket-list lang="es" .adapter=${adapter}></ticket-list>`,
    );
    await waitForText(list, 'Tus tickets');
  });
});
