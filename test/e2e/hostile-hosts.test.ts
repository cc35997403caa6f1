import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import {
  followLink,
  openBrowser,
  signInByMarkup,
  visibleText,
  waitForText,
} from '../support/browser.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

// The portal on host pages that get in its way: a strict Content-Security-Policy, a reset that
// unsets every style, document.domain, a replaced fetch, a wrapped customElements.define,
// Prototype.js-style built-ins and ids that clobber globals. On each it must keep working (sign
// in, open a ticket, reply), or, where the page broke what it needs, say so on screen.

/** Recorded before any page script: CSP violations, so a page that "works" with them fails. */
const WATCH = `(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
  });
})();`;

/** After our bundle ran (module scripts run before DOMContentLoaded), as a page script would. */
const afterBundle = (script: string) =>
  `document.addEventListener('DOMContentLoaded', () => { ${script} });`;

const BROKEN_FETCH = `window.fetch = () => Promise.reject(new TypeError('fetch is off on this page'));`;

/** Prototype.js 1.6: arrays (and dates) serialize themselves, and Array.prototype grows. */
const PROTOTYPE_JS = `(() => {
  Array.prototype.toJSON = function () {
    return '[' + Array.from(this, (value) => JSON.stringify(value)).join(', ') + ']';
  };
  Date.prototype.toJSON = function () { return '"' + this.toISOString() + '"'; };
  String.prototype.toJSON = function () { return JSON.stringify(String(this)); };
  Array.prototype.each = function (iterator) { this.forEach(iterator); return this; };
  Array.prototype.first = function () { return this[0]; };
  Array.prototype.last = function () { return this[this.length - 1]; };
})();`;

interface Host {
  name: string;
  path: string;
  /** Runs before any of the page's own scripts. */
  script?: string;
  /** What a customer must see: the portal working, or an error that says what is wrong. */
  expect: 'works' | 'error';
}

const HOSTS: Host[] = [
  {
    name: "strict CSP (default-src 'self', no inline, no eval)",
    path: 'hostile-csp.html',
    expect: 'works',
  },
  { name: '* { all: unset !important }', path: 'hostile-unset.html', expect: 'works' },
  {
    name: 'document.domain set',
    path: 'support.html',
    script: 'try { document.domain = location.hostname; } catch (error) { console.warn(error); }',
    expect: 'works',
  },
  {
    name: 'fetch wrapped before the bundle (tracking wrapper)',
    path: 'support.html',
    script: `(() => {
      const original = window.fetch;
      window.__wrappedFetches = 0;
      window.fetch = function (...args) { window.__wrappedFetches++; return original.apply(this, args); };
    })();`,
    expect: 'works',
  },
  {
    name: 'fetch broken after the bundle loaded',
    path: 'support.html',
    script: afterBundle(BROKEN_FETCH),
    expect: 'works',
  },
  {
    name: 'fetch broken before the bundle loaded',
    path: 'support.html',
    script: BROKEN_FETCH,
    expect: 'error',
  },
  {
    name: 'fetch answering something that is not a Response',
    path: 'support.html',
    script: `window.fetch = () => Promise.resolve({ ok: true, status: 200, json: () => ({}) });`,
    expect: 'error',
  },
  {
    name: 'customElements.define wrapped (passes through)',
    path: 'support.html',
    script: `(() => {
      const define = customElements.define.bind(customElements);
      window.__defined = [];
      customElements.define = (name, constructor, options) => {
        window.__defined.push(name);
        return define(name, constructor, options);
      };
    })();`,
    expect: 'works',
  },
  {
    name: 'customElements.define replaced by an allow-list guard that refuses our tags',
    path: 'support.html',
    script: `(() => {
      customElements.define = (name) => { throw new Error('The page does not allow <' + name + '>'); };
    })();`,
    expect: 'works',
  },
  {
    name: 'Prototype.js-style Array/Date/String toJSON and Array.prototype methods',
    path: 'support.html',
    script: PROTOTYPE_JS,
    expect: 'works',
  },
  {
    name: 'JSON.stringify and JSON.parse replaced after the bundle loaded',
    path: 'support.html',
    script: afterBundle(`(() => {
      JSON.stringify = () => '"replaced by the page"';
      JSON.parse = () => { throw new SyntaxError('JSON is replaced on this page'); };
    })();`),
    expect: 'works',
  },
  {
    name: 'DOM clobbering: ids adapter, litHtmlVersions, portalAdapter …',
    path: 'hostile-clobber.html',
    expect: 'works',
  },
];

const portalPart = 'customer-portal >>>';

/** Whether `<customer-portal>` shows an error (role=alert with text) anywhere inside. */
const ALERT_SHOWN = `(() => {
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.getAttribute('role') === 'alert' && el.textContent.trim()) return true;
      if (el.shadowRoot && find(el.shadowRoot)) return true;
    }
    return false;
  };
  const portal = document.querySelector('customer-portal');
  return Boolean(portal?.shadowRoot && find(portal.shadowRoot));
})()`;

describe('the portal on hostile host pages', () => {
  let portal: PortalServer;
  let browser: Browser;
  const outcomes: string[] = [];

  before(async () => {
    portal = await startPortalServer();
    ({ browser } = await openBrowser());
  });

  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function openHost(host: Host): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.evaluateOnNewDocument(WATCH);
    if (host.script) await page.evaluateOnNewDocument(host.script);
    const response = await page.goto(`${portal.server.url}/${host.path}`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, host.path);
    return { page, errors };
  }

  for (const [index, host] of HOSTS.entries()) {
    it(`${host.expect === 'works' ? 'works' : 'says what is wrong'} on a page with ${host.name}`, async () => {
      const { page, errors } = await openHost(host);
      try {
        if (host.expect === 'error') {
          // Not a blank: an error a person can read, with a way to try again.
          // Polled: a selector wait watches the document, not what changes inside shadow roots.
          await page.waitForFunction(ALERT_SHOWN, { polling: 100 });
          const alert = await page.$(`${portalPart} [role=alert]`);
          const text = (await alert!.evaluate((el) => el.textContent ?? '')).trim();
          assert.match(text, /connection|reach|wrong/i, `${host.name}: "${text}"`);
          assert.ok(
            await page.$(`${portalPart} [role=alert] button[part=retry]`),
            'a Retry button',
          );
          outcomes.push(`${host.name}: shows "${text.replace(/\s+/g, ' ')}"`);
          return;
        }
        await waitForText(page, 'Go to Nordlys Support');
        await signInByMarkup(page, DEMO_ACCOUNT, 'Invoices fail to export to PDF');
        await followLink(page, 'Invoices fail to export to PDF');
        await waitForText(page, 'the download never starts');
        const reply = `Still broken on the hostile page number ${index}.`;
        await (await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])'))!.type(
          reply,
        );
        await (await page.waitForSelector('::-p-aria([name="Send"][role="button"])'))!.click();
        await waitForText(page, reply);
        const rows = await portal.db.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM messages WHERE body = $1',
          [reply],
        );
        assert.equal(rows[0]?.count, 1, 'the reply is stored once');
        const violations = (await page.evaluate('window.__violations')) as string[];
        assert.deepEqual(violations, [], 'Content-Security-Policy violations');
        assert.deepEqual(errors, [], 'errors in the page');
        if (host.script?.includes('__wrappedFetches')) {
          assert.ok(
            ((await page.evaluate('window.__wrappedFetches')) as number) > 0,
            "the page's wrapper saw the portal's requests",
          );
        }
        outcomes.push(`${host.name}: signed in, opened a ticket, replied`);
      } catch (error) {
        const text = await visibleText(page).catch(() => '');
        throw Object.assign(error as Error, {
          message: `${(error as Error).message}\nerrors: ${errors.join(' | ')}\non screen: ${text.slice(0, 400)}`,
        });
      } finally {
        await page.browserContext().close();
      }
    });
  }

  it('counts the hostile pages', () => {
    for (const outcome of outcomes) console.log(`# ${outcome}`);
    const working = HOSTS.filter((host) => host.expect === 'works').length;
    console.log(
      `# hostile pages: ${HOSTS.length}; working: ${working}; clear error: ${HOSTS.length - working}; passed: ${outcomes.length}`,
    );
    assert.equal(outcomes.length, HOSTS.length);
  });
});
