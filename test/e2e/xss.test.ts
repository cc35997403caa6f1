import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { HttpAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { openBrowser } from '../support/browser.js';
import { cookieFetch } from '../support/cookie-fetch.js';
import { AGENT_KEY, startPortalServer, type PortalServer } from '../support/portal-server.js';

// Stored cross-site scripting: every text a customer, an agent or a setting can put in, fed with
// public payload lists and payloads of our own, stored through the reference server and rendered
// by every element in Chromium, with traps on everything a script could do.

/**
 * The public payload lists: `XSS_PAYLOADS_DIR`, else those beside the project
 * (`../shared/data/xss`), else the copy in `test/data/xss` for a checkout that stands alone.
 */
const DATA_DIR = [
  process.env.XSS_PAYLOADS_DIR,
  fileURLToPath(new URL('../../../shared/data/xss/', import.meta.url)),
  fileURLToPath(new URL('../data/xss/', import.meta.url)),
].find((dir): dir is string => Boolean(dir) && existsSync(dir!));
const LISTED = (DATA_DIR ? readdirSync(DATA_DIR) : [])
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .flatMap((name) => readFileSync(join(DATA_DIR!, name), 'utf8').split('\n'))
  .map((line) => line.replace(/\r$/, ''))
  .filter((line) => line.trim() !== '');

/** Payloads aimed at this portal: its traps, its link attributes, mXSS and DOM clobbering. */
const OWN = [
  `<svg onload="__xss.push('svg-onload')">`,
  `<svg><animate onbegin="__xss.push('animate')" attributeName=x dur=1s>`,
  `<img src=x onerror="fetch('/__xss_trap/img')">`,
  `<script>__xss.push('script')</script>`,
  `javascript:__xss.push('javascript-url')`,
  ` JaVaScRiPt:__xss.push('javascript-url-spaced')`,
  `java\tscript:__xss.push('javascript-url-tab')`,
  `data:text/html,<script>parent.__xss.push('data-url')</script>`,
  `"><svg onload=__xss.push('attribute-breakout')>`,
  `' autofocus onfocus='__xss.push("single-quote-breakout")`,
  `" autofocus onfocus="__xss.push('double-quote-breakout')`,
  `</textarea><script>__xss.push('textarea-breakout')</script>`,
  `</title><script>__xss.push('title-breakout')</script>`,
  `</style><script>__xss.push('style-breakout')</script>`,
  `<a href="javascript:__xss.push('link')">link</a>`,
  `<a href="&#106;avascript:__xss.push('entity-link')">entity link</a>`,
  `<a href=" javascript:__xss.push('spaced-link')" id=x>spaced link</a>`,
  `<a href="https://example.invalid/" onclick="__xss.push('onclick')">web link</a>`,
  `<p style="background:url(javascript:__xss.push('style-url'))">styled</p>`,
  `<iframe srcdoc="<script>parent.__xss.push('srcdoc')</script>"></iframe>`,
  `<details open ontoggle="__xss.push('ontoggle')">`,
  `<meta http-equiv="refresh" content="0;url=javascript:__xss.push('refresh')">`,
  `<base href="https://evil.invalid/">`,
  `<form action="javascript:__xss.push('form')"><button>go</button></form>`,
  // mXSS: markup that changes meaning when serialized and parsed again.
  `<noscript><p title="</noscript><img src=x onerror=__xss.push('mxss-noscript')>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=__xss.push('mxss-svg-style')>">`,
  `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=__xss.push('mxss-math')&gt;">`,
  `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=__xss.push('mxss-form') src>">`,
  `<svg><p><style><img src=x onerror=__xss.push('mxss-svg-p')></style>`,
  `<a id=adapter href="javascript:__xss.push('clobber-adapter')">adapter</a>`,
  `<form id=adapter><input name=baseUrl value="https://evil.invalid/"></form>`,
  `<img name=getElementById><img name=querySelector>`,
  `<a id=litHtmlVersions></a><a id=__xss></a>`,
  `<a id=portalAdapter name=portalAdapter href="https://evil.invalid/">clobber</a>`,
  '{{constructor.constructor("__xss.push(\'template\')")()}}',
  "${__xss.push('template-literal')}",
  '<!--<img src="--><img src=x onerror=__xss.push(\'comment\')>">',
  '\u202e<img src=x onerror=__xss.push("rtl")>',
];

const PAYLOADS = [...LISTED, ...OWN];
const LISTED_COUNT = 378;

/** Control characters the API refuses in any text (with a 400 naming the field). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** A payload as the API takes it: its control characters (whitespace to HTML) as spaces. */
const storable = (payload: string) => payload.replace(CONTROL, ' ');

/** The ids of the bulk-inserted tickets: TICKET_BASE + the payload's index. */
const TICKET_BASE = 900_000;

/** The smallest valid PNG: 1×1, transparent. */
const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** Tags sanitized agent HTML may contain (ticket-detail's message-html.ts). */
const AGENT_TAGS = ['a', 'b', 'blockquote', 'br', 'code', 'em', 'i', 'li', 'ol', 'p', 'pre', 's'];

/**
 * Every tag the elements' own templates write, read from their sources: a tag on screen that is
 * neither one of these nor allowed agent HTML was put there by a payload.
 */
function portalTags(): string[] {
  const root = new URL('../../packages/elements/src/', import.meta.url);
  const tags = new Set([...AGENT_TAGS, 'strong', 'u', 'ul']);
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts') || entry.endsWith('.test.ts') || entry.includes('generated'))
      continue;
    const source = readFileSync(new URL(entry, root), 'utf8');
    for (const match of source.matchAll(/<([a-z][a-z0-9-]*)[\s>/]/g)) tags.add(match[1]!);
  }
  return [...tags];
}

/**
 * Installed before any page script: alert, confirm, prompt, print and open record instead of
 * acting, and `__xss.push` records too. Kept in a closure, so markup that clobbers `__xss`
 * cannot hide a hit, and as source text so the TypeScript loader's helpers never reach the page.
 */
const TRAP = `(() => {
  const hits = [];
  const record = (kind) => function (...args) {
    hits.push(kind + ': ' + String(args[0]).slice(0, 80) + ' in ' + location.href);
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    Object.defineProperty(window, name, { value: record(name), writable: false, configurable: false });
  }
  Object.defineProperty(window, '__xss', {
    value: Object.freeze({ push: record('__xss.push') }), writable: false, configurable: false,
  });
  Object.defineProperty(window, '__xssHits', {
    value: () => hits.slice(), writable: false, configurable: false,
  });
})();`;

/**
 * In the stage page: `__kpScan(payloads)` walks every element of ours (shadow roots included)
 * and reports markup no render of ours makes: event-handler attributes, script URLs, tags that
 * neither the portal nor sanitized agent HTML use. `__kpText(el)` is the text a person reads.
 */
const STAGE_HELPERS = `(() => {
  const OURS = ['customer-portal', 'portal-login', 'ticket-list', 'ticket-detail', 'support-form',
    'kb-portal-link'];
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster',
    'background', 'srcdoc', 'srcset'];
  const text = (node) => {
    let out = '';
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) { out += n.data; return; }
      if (n.shadowRoot) walk(n.shadowRoot);
      for (const child of n.childNodes) walk(child);
    };
    walk(node);
    return out;
  };
  window.__kpText = text;
  window.__kpScan = (allowedTags) => {
    const allowed = new Set(allowedTags);
    const problems = [];
    const tags = new Set();
    const visit = (root, where) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        tags.add(tag);
        if (!allowed.has(tag) && !OURS.includes(tag)) problems.push(where + ': <' + tag + '>');
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          if (name.startsWith('on')) problems.push(where + ': <' + tag + ' ' + name + '>');
          if (name === 'srcdoc') problems.push(where + ': <' + tag + ' srcdoc>');
          const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
          if (URL_ATTRS.includes(name) && /^(javascript|vbscript|data):/.test(value)) {
            problems.push(where + ': <' + tag + ' ' + name + '="' + attr.value.slice(0, 60) + '">');
          }
        }
        if (el.shadowRoot) visit(el.shadowRoot, where + ' > ' + tag);
      }
    };
    for (const host of document.querySelectorAll(OURS.join(','))) {
      if (host.shadowRoot) visit(host.shadowRoot, host.localName);
      visit(host, host.localName + ' (light)');
    }
    return { problems, tags: [...tags] };
  };
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Waits until ready(el) holds, or fails after the liveness bound with what is on screen. */
  window.__kpUntil = async (el, ready, what) => {
    for (let i = 0; i < 1500; i++) {
      if (ready(el)) return;
      await wait(20);
    }
    throw new Error(what + ' never became ready: ' + text(el).replace(/\\s+/g, ' ').slice(0, 300));
  };
  /** A fresh element in the stage, replacing what was there. */
  window.__kpMount = (tag, attributes) => {
    const stage = document.getElementById('stage');
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    stage.replaceChildren(el);
    return el;
  };
  window.__kpDeep = (el, selector) => {
    const found = [];
    const walk = (root) => {
      found.push(...root.querySelectorAll(selector));
      for (const child of root.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
    };
    if (el.shadowRoot) walk(el.shadowRoot);
    return found;
  };
})();`;

/** A page of the server's origin with nothing but the bundle and an empty stage. */
const STAGE_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>XSS stage</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/cdn/kundportal.js"></script>
  </head>
  <body><main id="stage"></main></body>
</html>`;

/** Paths the stage page and the portal load; any other request is a payload at work. */
const EXPECTED_PATH = /^\/(?:api\/|cdn\/|xss-stage\.html$|favicon\.svg$)/;

interface Scan {
  problems: string[];
  tags: string[];
}

describe('stored XSS: every payload in every field, rendered by every element', () => {
  let portal: PortalServer;
  let browser: Browser;
  let page: Page;
  const hits: string[] = [];
  const unexpectedRequests: string[] = [];
  const problems: string[] = [];
  const fields = new Set<string>();
  const refused = new Map<string, number>();
  let renders = 0;
  const allowedTags = portalTags();

  const agent = (path: string, init: RequestInit = {}) =>
    fetch(`${portal.server.url}/api/agent/${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${AGENT_KEY}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });

  /** Scans everything the elements show now, and collects what the traps caught. */
  async function scanned(what: string): Promise<Scan> {
    renders += 1;
    const scan = (await page.evaluate(`__kpScan(${JSON.stringify(allowedTags)})`)) as Scan;
    problems.push(...scan.problems.map((problem) => `${what}: ${problem}`));
    hits.push(
      ...((await page.evaluate('__xssHits()')) as string[]).filter((h) => !hits.includes(h)),
    );
    return scan;
  }

  async function openStage(): Promise<void> {
    await page.goto(`${portal.server.url}/xss-stage.html`, { waitUntil: 'load' });
    await page.evaluate(STAGE_HELPERS);
    // The loader has run; it loads each element as the stage first shows its tag.
    await page.waitForFunction(`Symbol.for('kundportal.loader') in globalThis`);
  }

  /** Signs the stage page in as the demo customer, as the sign-in form would. */
  async function signInStage(): Promise<void> {
    const status = await page.evaluate(
      `fetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kundportal': '1' },
        body: JSON.stringify(${JSON.stringify(DEMO_ACCOUNT)}),
      }).then((response) => response.status)`,
    );
    assert.equal(status, 200, 'signed in');
  }

  before(async () => {
    portal = await startPortalServer();
    // The company view (with the requester's name), stage names and a property column.
    const setup = await portal.patchSettings({
      ticketAccess: 'company',
      statusDisplay: 'stages',
      columns: ['id', 'subject', 'createdAt', 'lastActivityAt', 'status', 'property:product'],
    });
    assert.equal(setup.status, 200, await setup.text());
    await bulkInsert(portal);

    ({ browser, page } = await openBrowser());
    await page.setViewport({ width: 1280, height: 2400 });
    await page.evaluateOnNewDocument(TRAP);
    page.on('dialog', (dialog) => {
      hits.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('frameattached', (frame) => hits.push(`frame attached: ${frame.url()}`));
    page.on('framenavigated', (frame) => {
      const url = new URL(frame.url());
      if (frame !== page.mainFrame() || !EXPECTED_PATH.test(url.pathname)) {
        hits.push(`navigated to ${frame.url()}`);
      }
    });
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = new URL(request.url());
      const ours = url.origin === portal.server.url;
      if (ours && url.pathname === '/xss-stage.html') {
        void request.respond({ status: 200, contentType: 'text/html', body: STAGE_PAGE });
      } else if (ours && EXPECTED_PATH.test(url.pathname)) {
        void request.continue();
      } else {
        unexpectedRequests.push(`${request.method()} ${request.url()}`);
        void request.abort();
      }
    });
    await openStage();
    await signInStage();
  });

  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('reads all payload lists, and its traps catch a script that does run', async () => {
    assert.ok(
      DATA_DIR,
      'the payload lists are at XSS_PAYLOADS_DIR, ../shared/data/xss or test/data/xss',
    );
    assert.equal(LISTED.length, LISTED_COUNT, `payloads in ${DATA_DIR}`);
    // Markup put into the page on purpose, outside the elements: every trap must fire.
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend',
      '<img id=control src="/__xss_trap/control" onerror="alert(1); __xss.push(2); confirm(3)">')`);
    await page.waitForFunction(`__xssHits().length === 3`);
    const scan = (await page.evaluate(
      `(async () => {
        const el = __kpMount('kb-portal-link', { api: '/api' });
        await customElements.whenDefined('kb-portal-link');
        await el.updateComplete;
        // As if a render of ours had let markup through: inside the element's shadow root.
        const injected = el.shadowRoot.appendChild(document.createElement('div'));
        injected.innerHTML = '<img src="/__xss_trap/scan" onerror="__xss.push(4)">';
        return __kpScan(${JSON.stringify(allowedTags)});
      })()`,
    )) as Scan;
    assert.deepEqual(scan.problems, ['kb-portal-link: <img onerror>']);
    await page.waitForFunction(`__xssHits().length === 4`);
    assert.deepEqual(
      ((await page.evaluate('__xssHits()')) as string[]).map((hit) => hit.split(' in ')[0]),
      ['alert: 1', '__xss.push: 2', 'confirm: 3', '__xss.push: 4'],
    );
    assert.ok(unexpectedRequests.some((request) => request.includes('/__xss_trap/control')));
    // A fresh document: the control leaves nothing behind for the real counts.
    unexpectedRequests.length = 0;
    await openStage();
    assert.deepEqual(await page.evaluate('__xssHits()'), []);
  });

  it('refuses script URLs in navigation links and the logo', async () => {
    const scriptUrls = [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
    ];
    for (const href of scriptUrls) {
      const nav = await portal.patchSettings({ nav: [{ label: 'Help', href }] });
      assert.equal(nav.status, 422, `nav href ${JSON.stringify(href)}`);
      const logo = await portal.patchSettings({ branding: { logoUrl: href, accentColor: null } });
      assert.equal(logo.status, 422, `logo ${JSON.stringify(href)}`);
    }
    for (const href of [
      '/',
      '/help#faq',
      'https://nordlys.example/kb',
      'mailto:help@nordlys.example',
    ]) {
      const nav = await portal.patchSettings({ nav: [{ label: 'Help', href }] });
      assert.equal(nav.status, 200, `nav href ${href}: ${await nav.text()}`);
    }
    // Colours go into a style: only hex colours pass.
    for (const accentColor of [
      'red;background:url(javascript:alert(1))',
      '#fff;}',
      'expression(1)',
    ]) {
      const response = await portal.patchSettings({ branding: { logoUrl: null, accentColor } });
      assert.equal(response.status, 422, `accent colour ${accentColor}`);
    }
    fields.add('nav href');
    fields.add('logo URL');
    fields.add('accent colour');
  });

  it('stores a sample of the payloads through the real customer and agent API', async () => {
    const adapter = new HttpAdapter({ baseUrl: `${portal.server.url}/api`, fetch: cookieFetch() });
    await adapter.signIn(DEMO_ACCOUNT);
    // Every own payload and every tenth listed one, within the API's limits.
    const sample = PAYLOADS.filter((_, index) => index >= LISTED.length || index % 10 === 0);
    let stored = 0;
    for (const [index, raw] of sample.entries()) {
      const payload = storable(raw);
      if (payload !== raw) {
        await assert.rejects(
          adapter.createTicket({
            subject: 'x',
            description: raw,
            idempotencyKey: `xss-raw-${index}`,
            files: [],
          }),
          (error: { code?: string }) => error.code === 'validation',
        );
        refused.set('control characters (422)', (refused.get('control characters (422)') ?? 0) + 1);
      }
      const subject = payload.trim();
      if (!subject || subject.length > 200) {
        refused.set(
          'subject (API, over 200 characters)',
          (refused.get('subject (API, over 200 characters)') ?? 0) + 1,
        );
        continue;
      }
      const ticket = await adapter.createTicket({
        subject,
        description: payload,
        idempotencyKey: `xss-new-${index}`,
        files: [new File([PNG], payload, { type: 'image/png' })],
      });
      await adapter.reply(ticket.id, {
        text: payload,
        idempotencyKey: `xss-reply-${index}`,
        files: [new File([PNG], `${payload}.png`, { type: 'image/png' })],
      });
      const answer = await agent(`tickets/${ticket.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ text: 'See below.', html: payload, authorName: subject }),
      });
      assert.equal(answer.status, 201, await answer.text());
      const [row] = await portal.db.query<{ subject: string }>(
        'SELECT subject FROM tickets WHERE id = $1::bigint',
        [ticket.id],
      );
      assert.equal(row?.subject, subject, 'stored as sent');
      stored += 1;
    }
    assert.ok(stored > 40, `${stored} tickets stored through the API`);
    console.log(`# stored through the API: ${stored} tickets, each with a reply and agent HTML`);
  });

  it('shows every stored payload as text in the company view of ticket-list', async () => {
    const el = await page.evaluate(
      `(async () => {
        const el = __kpMount('ticket-list', { api: '/api', scope: 'company', 'page-size': '100' });
        await __kpUntil(el, (e) => __kpDeep(e, 'tr[part=row]').length > 0, 'ticket-list');
        return true;
      })()`,
    );
    assert.ok(el);
    const seen = new Map<string, string>();
    // Rows past the first hundred are virtualized: scroll through, loading more on the way.
    for (let step = 0, idle = 0; idle < 8 && step < 2000; step++) {
      const state = (await page.evaluate(
        `(async () => {
          const el = document.querySelector('ticket-list');
          const more = __kpDeep(el, 'button[part=more]')[0];
          if (more && !more.disabled) more.click();
          window.scrollBy(0, 600);
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
          const rows = __kpDeep(el, 'tr[part=row]').map((row) => [row.dataset.ticketId, __kpText(row)]);
          const atEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 2;
          return { rows, atEnd, more: Boolean(more) };
        })()`,
      )) as { rows: [string, string][]; atEnd: boolean; more: boolean };
      const before = seen.size;
      for (const [id, text] of state.rows) seen.set(id, text);
      idle = seen.size === before && state.atEnd && !state.more ? idle + 1 : 0;
      if (step % 10 === 0) await scanned('ticket-list');
    }
    await scanned('ticket-list');
    let shown = 0;
    const missing: string[] = [];
    PAYLOADS.forEach((payload, index) => {
      const text = seen.get(String(TICKET_BASE + index));
      if (text === undefined) missing.push(`ticket ${TICKET_BASE + index} not listed`);
      else if (text.split(payload).length < 4) {
        // Subject, requester, stage and product: the payload four times, as text.
        missing.push(`ticket ${TICKET_BASE + index} does not show ${JSON.stringify(payload)}`);
      } else shown += 1;
    });
    assert.deepEqual(missing, []);
    assert.equal(shown, PAYLOADS.length);
    for (const field of ['subject', 'requester name', 'stage name', 'ticket property']) {
      fields.add(field);
    }
  });

  it('shows every ticket, message, agent HTML and attachment name in ticket-detail', async () => {
    const failures = (await page.evaluate(
      `(async (payloads, base, allowed) => {
        const el = __kpMount('ticket-detail', { api: '/api' });
        const failures = [];
        for (const [index, payload] of payloads.entries()) {
          el.setAttribute('ticket-id', String(base + index));
          await __kpUntil(el, (e) => {
            const h2 = __kpDeep(e, 'h2')[0];
            return h2 && h2.textContent === payload && __kpDeep(e, 'li.message').length === 2
              && __kpDeep(e, 'a[part=attachment]').length === 1;
          }, 'ticket ' + (base + index));
          const text = __kpText(el);
          // Subject, both authors, the customer's message, the property, the file name.
          if (text.split(payload).length < 7) failures.push(base + index);
          const link = __kpDeep(el, 'a[part=attachment]')[0];
          if (link.getAttribute('download') !== payload) failures.push('download ' + (base + index));
          failures.push(...__kpScan(allowed).problems.map((p) => (base + index) + ': ' + p));
        }
        return failures;
      })(${JSON.stringify(PAYLOADS)}, ${TICKET_BASE}, ${JSON.stringify(allowedTags)})`,
    )) as (string | number)[];
    assert.deepEqual(failures, []);
    renders += PAYLOADS.length - 1;
    await scanned('ticket-detail');
    for (const field of ['message text', 'agent HTML', 'author name', 'attachment name']) {
      fields.add(field);
    }
  });

  it('shows every setting text in customer-portal, portal-login, support-form and kb-portal-link', async () => {
    const limits = { title: 200, label: 200, consent: 5000, checkbox: 500, help: 1000 };
    const count = (field: string) => refused.set(field, (refused.get(field) ?? 0) + 1);
    for (const raw of PAYLOADS) {
      const payload = storable(raw);
      if (payload !== raw) {
        const answer = await portal.patchSettings({ title: raw });
        assert.equal(answer.status, 422, `${JSON.stringify(raw)} refused`);
        count('setting with control characters (422)');
      }
      const fits = (max: number) => payload.length <= max;
      const patch: Record<string, unknown> = {
        nav: [{ label: fits(limits.label) ? payload : 'Help', href: '/' }],
      };
      if (fits(limits.title)) patch.title = payload;
      else count('portal title');
      if (fits(limits.label)) {
        patch.propertyLabels = { product: payload };
        patch.supportForm = {
          fields: [
            { name: 'subject', label: payload, type: 'text', required: true },
            {
              name: 'product',
              label: payload,
              type: 'select',
              required: false,
              options: [payload, 'Payroll'],
              ...(fits(limits.help) ? { help: payload } : {}),
            },
            {
              name: 'description',
              label: 'Describe the problem',
              type: 'textarea',
              required: true,
            },
          ],
        };
      } else {
        count('labels (support form, property, navigation)');
      }
      if (fits(limits.checkbox)) {
        patch.consent = { text: payload, checkboxLabel: payload, version: 'xss' };
      } else count('consent checkbox label');
      const response = await portal.patchSettings(patch);
      assert.equal(response.status, 200, `${JSON.stringify(payload)}: ${await response.text()}`);
      // The signed-in customer's own name, shown in the portal's header.
      await portal.db.query(`UPDATE contacts SET name = $1 WHERE id = 'p-ada'`, [payload]);

      const failures = (await page.evaluate(
        `(async (payload, withLabels, withConsent, withTitle) => {
          const failures = [];
          const shows = (el, times, what) => {
            if (__kpText(el).split(payload).length - 1 < times) failures.push(what);
          };
          let el = __kpMount('kb-portal-link', { api: '/api', href: '/support.html' });
          await __kpUntil(el, (e) => __kpDeep(e, 'a').length === 1, 'kb-portal-link');
          if (withTitle) shows(el, 1, 'kb-portal-link title');
          el = __kpMount('portal-login', { api: '/api', view: 'register' });
          await __kpUntil(el, (e) => __kpDeep(e, '[part=consent], button[part=submit]').length > 0, 'portal-login');
          if (withConsent) shows(el, 2, 'consent text and label');
          el = __kpMount('support-form', { api: '/api' });
          await __kpUntil(el, (e) => __kpDeep(e, 'select').length === 1, 'support-form');
          if (withLabels) shows(el, 3, 'support form labels, option and help');
          el = __kpMount('customer-portal', { api: '/api' });
          await __kpUntil(el, (e) => __kpDeep(e, 'th').length > 0 && __kpDeep(e, 'h1').length > 0, 'customer-portal');
          if (withTitle) shows(el, 1, 'portal title');
          shows(el, 1, 'customer name');
          if (withLabels) shows(el, 1, 'property column label');
          if (withTitle && document.title.split(payload).length < 2 && !document.title.includes(payload.trim().replace(/\\s+/g, ' '))) {
            failures.push('page title');
          }
          return failures;
        })(${JSON.stringify(payload)}, ${fits(limits.label)}, ${fits(limits.checkbox)}, ${fits(limits.title)})`,
      )) as string[];
      assert.deepEqual(failures, [], JSON.stringify(payload));
      renders += 4;
      await scanned(`settings ${JSON.stringify(payload.slice(0, 40))}`);
    }
    for (const field of [
      'portal title',
      'page title',
      'navigation label',
      'consent text',
      'consent checkbox label',
      'support form label, option and help',
      'property label',
      'customer name',
    ]) {
      fields.add(field);
    }
  });
  it('serves attachments only as downloads: no SVG, HTML or XML, and polyglots never run', async () => {
    const adapter = new HttpAdapter({ baseUrl: `${portal.server.url}/api`, fetch: cookieFetch() });
    await adapter.signIn(DEMO_ACCOUNT);
    const [ticket] = (await adapter.listTickets({ status: 'open' })).items;
    assert.ok(ticket, 'an open ticket of the demo customer');
    const send = (
      name: string,
      type: string,
      bytes: Uint8Array<ArrayBuffer> | string,
      index: number,
    ) =>
      adapter.reply(ticket.id, {
        text: `File ${name}`,
        idempotencyKey: `xss-file-${index}`,
        files: [new File([bytes], name, { type })],
      });
    const refusedFiles: [string, string, string][] = [
      [
        'drawing.svg',
        'image/svg+xml',
        `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
      ],
      [
        'drawing.png',
        'image/png',
        `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
      ],
      ['page.html', 'text/html', '<!doctype html><script>alert(1)</script>'],
      ['page.txt', 'text/plain', '<html><body onload=alert(1)>'],
      ['bom.txt', 'text/plain', '\ufeff  <script>alert(1)</script>'],
      [
        'data.xml',
        'application/xml',
        '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
      ],
      [
        'page.xhtml',
        'application/xhtml+xml',
        '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
      ],
      ['notes.txt', 'text/plain', '<?xml-stylesheet href="#"?><x/>'],
      ['frame.txt', 'text/plain', '<iframe src="javascript:alert(1)"></iframe>'],
    ];
    for (const [index, [name, type, bytes]] of refusedFiles.entries()) {
      await assert.rejects(
        send(name, type, bytes, index),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, 'validation', `${name}: ${error.message}`);
          return true;
        },
        name,
      );
    }
    const bytesOf = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
    const gif = bytesOf(
      Buffer.from('GIF89a/*'),
      Buffer.from([0x0a, 0x00, 0x0a, 0x00, 0x00, 0xff, 0x00]),
      Buffer.from(`*/=__xss.push('gif-polyglot');fetch('/__xss_trap/gif');//`),
    );
    const pngHtml = bytesOf(
      PNG,
      Buffer.from(
        `<html><script>__xss.push('png-html')</script><svg onload="__xss.push('png-svg')">`,
      ),
    );
    const pdf = bytesOf(
      Buffer.from(
        `%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n` +
          `<script>__xss.push('pdf-html')</script>\n%%EOF`,
      ),
    );
    const text = `<img src=x onerror="__xss.push('text-html')"><script>__xss.push('text')</script>`;
    const accepted: [string, string, Uint8Array<ArrayBuffer> | string, string][] = [
      ['polyglot.gif', 'image/gif', gif, 'image/gif'],
      ['page.png', 'image/png', pngHtml, 'image/png'],
      ['report.pdf', 'application/pdf', pdf, 'application/pdf'],
      ['notes.txt', 'text/plain', text, 'text/plain; charset=utf-8'],
    ];
    const urls: string[] = [];
    for (const [index, [name, type, bytes, served]] of accepted.entries()) {
      const message = await send(name, type, bytes, 100 + index);
      const url = message.attachments[0]!.url;
      urls.push(url);
      const answer = (await page.evaluate(
        `fetch(${JSON.stringify(url)}).then((r) => Object.fromEntries(r.headers))`,
      )) as Record<string, string>;
      assert.equal(answer['content-type'], served, name);
      assert.match(answer['content-disposition'] ?? '', /^attachment;/, name);
      assert.equal(answer['x-content-type-options'], 'nosniff', name);
      assert.match(answer['content-security-policy'] ?? '', /(^|;\s*)sandbox(;|$)/, name);
    }
    for (const url of urls) {
      // Opened as a page: a download, never a document.
      await assert.rejects(page.goto(url), /ERR_ABORTED/, url);
      assert.equal(
        new URL(page.url()).pathname,
        '/xss-stage.html',
        `still on the stage after ${url}`,
      );
      // Loaded as a script, an image and an object from the portal's own origin.
      const loaded = await page.evaluate(
        `(async (url) => {
          const load = (el) => new Promise((resolve) => {
            el.onload = () => resolve('load');
            el.onerror = () => resolve('error');
            setTimeout(() => resolve('timeout'), 5000);
            document.getElementById('stage').append(el);
          });
          const script = document.createElement('script');
          script.src = url;
          const image = new Image();
          image.src = url;
          return { script: await load(script), image: await load(image) };
        })(${JSON.stringify(url)})`,
      );
      assert.equal((loaded as { script: string }).script, 'error', `${url} refused as a script`);
      renders += 1;
    }
    await openStage();
    await page.evaluate('null');
    hits.push(...((await page.evaluate('__xssHits()')) as string[]));
    fields.add('attachment bytes');
    console.log(
      `# attachments: ${refusedFiles.length} refused by their bytes, ${accepted.length} polyglots served only as downloads`,
    );
  });

  it('ran no script: no trap fired, no dialog, no frame, no stray request', async () => {
    await scanned('final');
    console.log(
      `# payloads tried: ${PAYLOADS.length} (${LISTED.length} listed, ${OWN.length} own); ` +
        `fields: ${fields.size} (${[...fields].join(', ')}); renders: ${renders}; ` +
        `executions: ${hits.length}; injected markup: ${problems.length}; ` +
        `stray requests: ${unexpectedRequests.length}`,
    );
    console.log(
      `# refused by the server's limits: ${[...refused].map(([f, n]) => `${f} ${n}`).join(', ') || 'none'}`,
    );
    assert.deepEqual(hits, [], 'script executions');
    assert.deepEqual(problems, [], 'injected markup');
    assert.deepEqual(unexpectedRequests, [], 'requests a payload made');
    assert.ok(fields.size >= 15 && renders > PAYLOADS.length * 5, 'everything was rendered');
  });
});

/** One company contact, stage and ticket per payload, with a thread, messages and a file. */
async function bulkInsert(portal: PortalServer): Promise<void> {
  const now = Date.now();
  const rows = PAYLOADS.map((payload, index) => ({
    index,
    payload,
    contact: `xss-c-${index}`,
    email: `xss-${index}@nordlys.example`,
    stage: `xss-s-${index}`,
    ticket: TICKET_BASE + index,
    thread: `xss-t-${index}`,
    at: new Date(now - index * 60_000).toISOString(),
    attachment: randomBytes(16).toString('base64url'),
  }));
  const data = Buffer.from(PNG).toString('base64');
  await portal.db.transaction(async (tx) => {
    const json = JSON.stringify(rows);
    const from = `FROM jsonb_to_recordset($1::jsonb) AS r(index int, payload text, contact text,
      email text, stage text, ticket bigint, thread text, at timestamptz, attachment text)`;
    await tx.query(
      `INSERT INTO contacts (id, email, name, company_id, created_at)
       SELECT contact, email, payload, 'c-nordlys', at ${from}`,
      [json],
    );
    await tx.query(
      `INSERT INTO stages (id, pipeline, label, closed, sort_order)
       SELECT stage, 'Xss', payload, false, index + 1 ${from}`,
      [json],
    );
    await tx.query(
      `INSERT INTO tickets (id, contact_id, subject, stage_id, source, properties, created_at,
                            last_activity_at, inbox_id)
       SELECT ticket, contact, payload, stage, 'form', jsonb_build_object('product', payload), at,
              at, 'inbox-support' ${from}`,
      [json],
    );
    await tx.query(
      `INSERT INTO threads (id, ticket_id, created_at) SELECT thread, ticket, at ${from}`,
      [json],
    );
    await tx.query(
      `INSERT INTO messages (id, thread_id, kind, author_name, contact_id, body, html, created_at)
       SELECT thread || '-c', thread, 'customer', payload, contact, payload, NULL, at ${from}
       UNION ALL
       SELECT thread || '-a', thread, 'agent', payload, NULL, 'See below.', payload,
              at + interval '1 second' ${from}`,
      [json],
    );
    await tx.query(
      `INSERT INTO attachments (id, message_id, name, content_type, size, data, position, created_at)
       SELECT attachment, thread || '-c', payload, 'image/png', $2::int, decode($3, 'base64'), 0, at
       ${from}`,
      [json, PNG.byteLength, data],
    );
  });
}
