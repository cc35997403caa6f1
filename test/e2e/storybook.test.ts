import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { openBrowser, visibleText, waitForText } from '../support/browser.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';

// Storybook as a designer finds it: the static site `npm run build-storybook` writes (npm test
// builds it before this suite), served as plain files and opened in Chromium. Stories are shown
// one after another in one preview frame, as Storybook's own sidebar does.

const root = fileURLToPath(new URL('../..', import.meta.url));
const BUILD = join(root, 'dist', 'storybook');
const TAGS = [
  'customer-portal',
  'kb-portal-link',
  'portal-login',
  'support-form',
  'ticket-detail',
  'ticket-list',
] as const;
type Tag = (typeof TAGS)[number];

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

interface Shown {
  status: string;
  /** Exceptions the story, its play function or the page threw. */
  errors: string[];
  /** What the accessibility panel (axe) reports as violations. */
  violations: string[];
}

/**
 * Runs before the preview's own scripts: hears its channel (the one the manager talks to) and
 * keeps every event that says a story or docs page is done or went wrong.
 */
const HEAR_PREVIEW = `(() => {
  const heard = (window.__heard = []);
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      for (const name of ['storyFinished', 'docsRendered', 'storyErrored', 'storyMissing',
        'storyThrewException', 'playFunctionThrewException', 'unhandledErrorsWhilePlaying']) {
        value.on(name, (payload) => heard.push({ name, payload }));
      }
    },
  });
})()`;

/**
 * How the element in the story looks: the colours of its text and backgrounds (as sRGB, through
 * a canvas, so `oklch()` and `color-mix()` compare too), its colour scheme and its direction.
 */
const LOOK_OF = (tag: string) => `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const paint = canvas.getContext('2d', { willReadFrequently: true });
  const srgb = (colour) => {
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = colour;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    return a < 128 ? null : r + ',' + g + ',' + b;
  };
  const text = new Set();
  const backgrounds = new Set();
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (!element.checkVisibility()) continue;
      const style = getComputedStyle(element);
      if ([...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())) {
        text.add(srgb(style.color));
      }
      backgrounds.add(srgb(style.backgroundColor));
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  const host = document.querySelector('#storybook-root ${tag}');
  walk(host.shadowRoot);
  const style = getComputedStyle(host);
  return {
    text: [...text].filter(Boolean),
    backgrounds: [...backgrounds].filter(Boolean),
    scheme: style.colorScheme,
    direction: style.direction,
  };
})()`;

interface Look {
  text: string[];
  backgrounds: string[];
  scheme: string;
  direction: string;
}

/** Whether an `r,g,b` colour is the brand theme's teal (hue near 175°), in any shade. */
function isTeal(colour: string): boolean {
  const [r, g, b] = colour.split(',').map((part) => Number(part) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === 0 || (max - min) / max < 0.4) return false;
  const hue =
    max === g ? 60 * ((b - r) / (max - min) + 2) : max === b ? 60 * ((r - g) / (max - min) + 4) : 0;
  return hue >= 160 && hue <= 190;
}

const LIGHT_TEXT = '27,31,36';
const DARK_TEXT = '230,232,235';

const data = demoData();
const ada = data.contacts.find((contact) => contact.email === DEMO_ACCOUNT.email)!;
const adasTickets = data.tickets.filter((ticket) => ticket.contactId === ada.id);
const closedTicket = data.tickets.find((ticket) => ticket.id === '1005')!;

/** Each state the portal can be in, in the story that shows it, and what a person sees there. */
const STATES: { state: string; id: string; shows: (page: Page) => Promise<void> }[] = [
  ...(
    [
      ['customer-portal', 'Loading…'],
      ['portal-login', 'Loading…'],
      ['ticket-list', 'Loading tickets…'],
      ['ticket-detail', 'Loading ticket…'],
      ['support-form', 'Loading the form…'],
    ] as const
  ).map(([tag, text]) => ({
    state: 'loading',
    id: `elements-${tag}--loading`,
    shows: (page: Page) => waitForText(page, text),
  })),
  ...(['customer-portal', 'ticket-list'] as const).map((tag) => ({
    state: 'empty',
    id: `elements-${tag}--empty`,
    shows: (page: Page) => waitForText(page, 'You have no tickets yet.'),
  })),
  {
    state: 'empty',
    id: 'elements-ticket-detail--empty',
    shows: (page) => waitForText(page, 'No messages yet.'),
  },
  ...(
    ['customer-portal', 'portal-login', 'ticket-list', 'ticket-detail', 'support-form'] as const
  ).map((tag) => ({
    state: 'error',
    id: `elements-${tag}--server-error`,
    shows: async (page: Page) => {
      await waitForText(page, 'Something went wrong on our side.');
      assert.ok(await page.$('#storybook-root >>> [role=alert]'), 'the error is an alert');
    },
  })),
  ...(['customer-portal', 'ticket-list'] as const).map((tag) => ({
    state: 'filled',
    id: `elements-${tag}--overview`,
    shows: async (page: Page) => {
      for (const ticket of adasTickets) await waitForText(page, ticket.subject);
    },
  })),
  {
    state: 'filled',
    id: 'elements-ticket-detail--overview',
    shows: (page) => waitForText(page, 'When I export March invoices to PDF'),
  },
  {
    state: 'filled',
    id: 'elements-support-form--attachments-chosen',
    shows: async (page) => {
      await waitForText(page, 'april-payslip.pdf');
      const subject = await page.$eval('#storybook-root >>> [name=subject]', (field) =>
        field instanceof HTMLInputElement ? field.value : '',
      );
      assert.equal(subject, 'Payslips show last month');
    },
  },
  {
    state: 'closed ticket',
    id: 'elements-ticket-detail--closed',
    shows: async (page) => {
      await waitForText(page, closedTicket.subject);
      await waitForText(page, 'Closed');
      assert.equal(await page.$('#storybook-root >>> textarea'), null, 'no reply box');
    },
  },
  {
    state: 'access denied',
    id: 'elements-portal-login--access-denied',
    shows: (page) => waitForText(page, 'You don’t have access to this portal'),
  },
  {
    state: 'idle warning',
    id: 'elements-customer-portal--idle-warning',
    shows: async (page) => {
      await waitForText(page, 'Are you still there?');
      assert.match(await visibleText(page), /You will be signed out in [01]:\d\d ?\./);
      const open = await page.$eval('#storybook-root >>> dialog', (dialog) =>
        dialog instanceof HTMLDialogElement ? dialog.open : false,
      );
      assert.ok(open, 'the warning is an open dialog');
    },
  },
];

/** Waits until the page's visible text matches `pattern` (text in Arabic script, say). */
async function waitForMatch(page: Page, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pattern.test(await visibleText(page))) {
    if (Date.now() > deadline) assert.fail(`expected the page to show ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Text each element shows once its data is there. */
const READY: Record<Tag, string> = {
  'customer-portal': 'Nordlys Support',
  'kb-portal-link': 'Go to Nordlys Support',
  'portal-login': 'Nordlys Support',
  'support-form': 'Describe the problem',
  'ticket-detail': 'Invoices fail to export to PDF',
  'ticket-list': 'Invoices fail to export to PDF',
};

describe('Storybook, built into dist/storybook', () => {
  let index: IndexEntry[];
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const failedRequests: string[] = [];
  let current = '';

  before(async () => {
    const indexFile = join(BUILD, 'index.json');
    assert.ok(existsSync(indexFile), 'Storybook is built (npm run build-storybook)');
    index = Object.values(
      (JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> })
        .entries,
    );
    server = await serveStatic(BUILD);
    ({ browser, page, errors: pageErrors } = await openBrowser());
    page.on('response', (response) => {
      // The preview page names no icon, so Chromium asks for /favicon.ico: not Storybook's doing.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        failedRequests.push(`${response.status()} ${response.url()}`);
      }
    });
    await page.evaluateOnNewDocument(HEAR_PREVIEW);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Shows a story (or a docs page) in the preview and waits until Storybook is done with it. */
  async function show(id: string, viewMode: 'story' | 'docs' = 'story'): Promise<Shown> {
    if (!current) {
      await page.goto(`${server.url}iframe.html?id=${id}&viewMode=${viewMode}`);
    } else if (current !== id) {
      await page.evaluate(
        `window.__heard.length = 0;
         window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', ${JSON.stringify({ storyId: id, viewMode })});`,
      );
    }
    current = id;
    const done = viewMode === 'docs' ? 'docsRendered' : 'storyFinished';
    await page.waitForFunction(
      `window.__heard.some((event) => event.name === ${JSON.stringify(done)} &&
        (event.payload === ${JSON.stringify(id)} || event.payload?.storyId === ${JSON.stringify(id)}))`,
      { timeout: 30_000, polling: 50 },
    );
    const heard = (await page.evaluate('window.__heard')) as {
      name: string;
      payload: {
        storyId?: string;
        status?: string;
        message?: string;
        reporters?: { type: string; result?: { violations?: { id: string }[] } }[];
      };
    }[];
    const finished = heard.find((event) => event.payload?.storyId === id && event.name === done);
    const errors = heard
      .filter((event) => !['storyFinished', 'docsRendered'].includes(event.name))
      .map((event) => `${event.name}: ${event.payload?.message ?? JSON.stringify(event.payload)}`);
    const violations = (finished?.payload.reporters ?? [])
      .filter((report) => report.type === 'a11y')
      .flatMap((report) => report.result?.violations ?? [])
      .map((violation) => violation.id);
    return { status: finished?.payload.status ?? 'rendered', errors, violations };
  }

  const storiesOf = (tag: Tag) =>
    index.filter((entry) => entry.title === `Elements/${tag}` && entry.type === 'story');

  it('has a page for every element, in the order Overview, States, Theming, Accessibility', () => {
    const GROUPS = ['Overview', 'States', 'Views', 'Theming', 'Accessibility'];
    const rank = (name: string) => {
      const group = name.split(':')[0]!;
      // States and Views are one group: what the element can show.
      return group === 'Views' ? 1 : GROUPS.indexOf(group);
    };
    for (const tag of TAGS) {
      const names = storiesOf(tag).map((story) => story.name);
      assert.equal(names[0], 'Overview', tag);
      assert.equal(names.at(-1), 'Accessibility', tag);
      for (const name of names) assert.ok(rank(name) >= 0, `${tag}: "${name}" is in a group`);
      const ranks = names.map(rank);
      assert.deepEqual(ranks, [...ranks].sort(), `${tag}: ${names.join(', ')}`);
      assert.ok(
        index.some((entry) => entry.id === `elements-${tag}--docs` && entry.type === 'docs'),
        `${tag} has a Docs page`,
      );
    }
  });

  for (const { state, id, shows } of STATES) {
    it(`shows the ${state} state: ${id}`, async () => {
      assert.ok(
        index.some((entry) => entry.id === id),
        `${id} is listed`,
      );
      const shown = await show(id);
      await shows(page);
      assert.deepEqual(shown.errors, []);
      assert.equal(shown.status, 'success');
    });
  }

  for (const tag of TAGS) {
    it(`shows <${tag}> light, dark, in the brand colour and in Arabic, right to left`, async () => {
      const look = async (story: string): Promise<Look> => {
        await show(`elements-${tag}--${story}`);
        await waitForText(page, READY[tag]);
        return (await page.evaluate(LOOK_OF(tag))) as Look;
      };
      const light = await look('overview');
      assert.equal(light.scheme, 'light');
      assert.equal(light.direction, 'ltr');
      assert.ok(light.text.includes(LIGHT_TEXT), `the page's dark text: ${light.text}`);
      assert.ok(![...light.text, ...light.backgrounds].some(isTeal), 'no brand colour');

      const dark = await look('dark');
      assert.equal(dark.scheme, 'dark');
      assert.ok(dark.text.includes(DARK_TEXT), `the page's light text: ${dark.text}`);
      assert.ok(!dark.text.includes(LIGHT_TEXT), 'no text in the light theme’s colour');
      assert.ok(!dark.backgrounds.includes('255,255,255'), 'no white surfaces');

      // The accent can arrive a moment after the text (the count of kb-portal-link).
      await show(`elements-${tag}--brand`);
      const deadline = Date.now() + 10_000;
      let brand = (await page.evaluate(LOOK_OF(tag))) as Look;
      while (![...brand.text, ...brand.backgrounds].some(isTeal) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        brand = (await page.evaluate(LOOK_OF(tag))) as Look;
      }
      assert.ok([...brand.text, ...brand.backgrounds].some(isTeal), 'the brand colour shows');

      await show(`elements-${tag}--right-to-left`);
      await waitForMatch(page, /[\u0600-\u06FF]/);
      const rtl = (await page.evaluate(LOOK_OF(tag))) as Look;
      assert.equal(rtl.direction, 'rtl');
    });
  }

  it('renders every story without an error, a failed play function or an axe violation', async () => {
    const failures: string[] = [];
    const stories = index.filter((entry) => entry.type === 'story');
    assert.ok(stories.length >= TAGS.length * 8, `${stories.length} stories`);
    for (const story of stories) {
      const shown = await show(story.id);
      if (shown.status !== 'success' || shown.errors.length || shown.violations.length) {
        failures.push(
          `${story.id}: ${shown.status} ${[...shown.errors, ...shown.violations].join('; ')}`,
        );
      }
    }
    console.log(`# ${stories.length} stories rendered`);
    assert.deepEqual(failures, []);
    assert.deepEqual(
      pageErrors.filter((error) => !error.startsWith('Failed to load resource')),
      [],
    );
    assert.deepEqual(failedRequests, []);
  });

  it("builds each element's Docs page from the custom elements manifest", async () => {
    const manifest = JSON.parse(
      readFileSync(join(root, 'packages/elements/custom-elements.json'), 'utf8'),
    ) as {
      modules: {
        declarations?: {
          tagName?: string;
          attributes?: { name: string }[];
          events?: { name: string }[];
          cssParts?: { name: string }[];
          cssProperties?: { name: string }[];
        }[];
      }[];
    };
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
    for (const tag of TAGS) {
      const element = declarations.find((declaration) => declaration.tagName === tag)!;
      const shown = await show(`elements-${tag}--docs`, 'docs');
      assert.deepEqual(shown.errors, [], tag);
      await page.waitForFunction(
        `document.querySelectorAll('#storybook-docs .docblock-argstable tbody tr').length > 10`,
        { polling: 100 },
      );
      const rows = (await page.$$eval(
        '#storybook-docs .docblock-argstable tbody tr td:first-child',
        (cells) => cells.map((cell) => cell.textContent?.trim().replace(/\*$/, '') ?? ''),
      )) as string[];
      const expected = [
        ...(element.attributes ?? []).map((attribute) => attribute.name),
        ...(element.events ?? []).map((event) => event.name),
        ...(element.cssParts ?? []).map((part) => `::part(${part.name})`),
        ...(element.cssProperties ?? []).map((property) => property.name),
      ];
      for (const kind of ['attributes', 'events', 'cssParts', 'cssProperties'] as const) {
        assert.ok(element[kind]?.length, `${tag} has ${kind} in the manifest`);
      }
      for (const name of expected) assert.ok(rows.includes(name), `${tag} Docs list ${name}`);
      assert.deepEqual(
        rows.filter((row) => row.startsWith('#')),
        [],
        `${tag} Docs list no private fields`,
      );
    }
  });
});
