import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { openBrowser, signInByMarkup } from '../support/browser.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

// The same portal on three host pages: the plain knowledge base, a Bootstrap 5 page and a page
// whose CSS is openly hostile. The page's CSS must not change the portal's inside, and the
// portal must not change the page.

const PAGES = ['support.html', 'bootstrap.html', 'hostile.html'] as const;
type HostPage = (typeof PAGES)[number];
const VIEWPORT = { width: 1280, height: 1000 };

/**
 * What the portal takes from the page by design (STYLE.md, "Theming": `:host { font: inherit;
 * color: inherit }`, and the colour scheme so a dark page gets a dark portal). The test pins
 * these on the host to one value in every page, so everything else inside must then match to
 * the pixel, and leaves them out of the style comparison.
 */
const INHERITED_BY_DESIGN = {
  'font-family': 'Arial, sans-serif',
  'font-size': '16px',
  'font-style': 'normal',
  'font-weight': '400',
  'font-stretch': '100%',
  'font-variant': 'normal',
  'line-height': '24px',
  color: 'rgb(29, 35, 48)',
  'color-scheme': 'light',
};

/** Computed values that follow the pinned colour (currentColor) or the font. */
const FOLLOWS_INHERITED = new Set([
  ...Object.keys(INHERITED_BY_DESIGN),
  'font-variant-ligatures',
  'font-variant-caps',
  'font-variant-numeric',
  'font-variant-east-asian',
  'font-variant-alternates',
  'font-variant-position',
  'font-variant-emoji',
  'font-kerning',
  'font-optical-sizing',
  'font-feature-settings',
  'font-variation-settings',
  'font-size-adjust',
  'font-synthesis',
  'font-synthesis-weight',
  'font-synthesis-style',
  'font-synthesis-small-caps',
  'font-palette',
  'caret-color',
  '-webkit-text-fill-color',
  '-webkit-text-stroke-color',
  '-webkit-tap-highlight-color',
  'text-emphasis-color',
  'column-rule-color',
  // The page's mobile text inflation setting, which scales the inherited font size.
  'text-size-adjust',
]);

/**
 * Elements inside the portal to compare, across every shadow root under the host, each
 * selector's matches in document order (first `limit`). Kept as source text so the TypeScript
 * loader's helpers never reach the page.
 */
const INSIDE = `(() => {
  const host = document.querySelector('customer-portal');
  const all = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      all.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(host.shadowRoot);
  const picks = [
    ['[part=base]', 2], ['[part=header]', 2], ['h1', 1], ['h2', 2], ['nav', 1],
    ['button', 20], ['input', 5], ['select', 5], ['a', 6],
    ['table', 1], ['th', 8], ['tr[part=row]', 3], ['tr[part=row] td', 15],
  ];
  const hostBox = host.getBoundingClientRect();
  const boxes = {};
  const styles = {};
  for (const [selector, limit] of picks) {
    all.filter((element) => element.matches(selector) && element.checkVisibility())
      .slice(0, limit).forEach((element, i) => {
      const key = selector + ' #' + i + ' ' + (element.textContent || '').trim().slice(0, 24);
      const box = element.getBoundingClientRect();
      boxes[key] = [box.x - hostBox.x, box.y - hostBox.y, box.width, box.height].map(
        (n) => Math.round(n * 100) / 100,
      );
      const computed = getComputedStyle(element);
      const style = {};
      // Custom properties are the theming API: the page's --portal-* tokens are meant to reach in.
      for (const name of computed) {
        if (!name.startsWith('--')) style[name] = computed.getPropertyValue(name);
      }
      styles[key] = style;
    });
  }
  return { boxes, styles };
})()`;

/** The page's own elements, outside the portal, with their computed styles. */
const OUTSIDE = `(() => {
  const selector = [
    'html', 'body', 'header', 'nav', 'main', 'footer', 'h1', 'h2', 'h3', 'p', 'a', 'ul', 'li',
    'form', 'input', 'button', 'table', 'caption', 'th', 'td',
    '.navbar', '.navbar-brand', '.nav-link', '.card', '.card-body', '.btn', '.row', '.col',
  ].join(',');
  // Their sizes follow the space the portal takes, which is the point of placing it.
  const geometry = new Set(['width', 'height', 'inline-size', 'block-size',
    'transform-origin', 'perspective-origin']);
  const styles = {};
  [...document.querySelectorAll(selector)].forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = {};
    for (const name of computed) {
      if (!geometry.has(name)) style[name] = computed.getPropertyValue(name);
    }
    styles[i + ' ' + element.localName + '.' + [...element.classList].join('.')] = style;
  });
  return {
    styles,
    sheets: document.styleSheets.length,
    adopted: document.adoptedStyleSheets.length,
  };
})()`;

interface Inside {
  boxes: Record<string, number[]>;
  styles: Record<string, Record<string, string>>;
}
interface Outside {
  styles: Record<string, Record<string, string>>;
  sheets: number;
  adopted: number;
}

describe('the portal on host pages with their own CSS', () => {
  let portal: PortalServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const signedIn = new Map<HostPage, Page>();
  const inherited = new Map<HostPage, Record<string, string>>();
  const inside = new Map<HostPage, Inside>();
  const pageErrors: string[] = [];

  async function openPage(path: HostPage, { blockPortal = false } = {}): Promise<Page> {
    const context = await browser.createBrowserContext();
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewport(VIEWPORT);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${String(error)}`));
    if (blockPortal) {
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/cdn/')) void request.abort();
        else void request.continue();
      });
    }
    const response = await page.goto(`${portal.server.url}/${path}`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, path);
    return page;
  }

  before(async () => {
    portal = await startPortalServer();
    ({ browser } = await openBrowser());
    for (const path of PAGES) {
      const page = await openPage(path);
      await signInByMarkup(page, DEMO_ACCOUNT, 'Invoices fail to export to PDF');
      await page.evaluate(() => document.fonts.ready);
      signedIn.set(path, page);
      if (process.env.HOST_PAGES_SCREENSHOTS) {
        await page.screenshot({
          path: `${process.env.HOST_PAGES_SCREENSHOTS}/${path.replace('.html', '')}.png`,
          fullPage: true,
        });
      }

      // What the table's first cell inherits from this page, before the pin below.
      inherited.set(
        path,
        (await page.evaluate(`(() => {
          const walk = (root) => {
            for (const element of root.querySelectorAll('*')) {
              if (element.localName === 'td') return element;
              const found = element.shadowRoot && walk(element.shadowRoot);
              if (found) return found;
            }
          };
          const cell = getComputedStyle(walk(document.querySelector('customer-portal').shadowRoot));
          const page = getComputedStyle(document.querySelector('customer-portal'));
          return { cellFont: cell.fontFamily, pageFont: page.fontFamily,
            cellColor: cell.color, pageColor: page.color };
        })()`)) as Record<string, string>,
      );

      const pinned = Object.entries(INHERITED_BY_DESIGN)
        .map(([name, value]) => `${name}: ${value} !important;`)
        .join(' ');
      // Specific enough to beat any !important rule the page has for the host element.
      await page.addStyleTag({ content: `html body customer-portal#pinned { ${pinned} }` });
      await page.evaluate(`document.querySelector('customer-portal').id = 'pinned'`);
      inside.set(path, (await page.evaluate(INSIDE)) as Inside);
    }
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal?.close();
  });

  it('takes its font and colour from each page', () => {
    for (const path of PAGES) {
      const { cellFont, pageFont, cellColor, pageColor } = inherited.get(path)!;
      assert.equal(cellFont, pageFont, `${path}: font`);
      assert.equal(cellColor, pageColor, `${path}: colour`);
    }
    assert.notEqual(
      inherited.get('support.html')!.pageFont,
      inherited.get('hostile.html')!.pageFont,
    );
  });

  for (const other of ['bootstrap.html', 'hostile.html'] as const) {
    it(`lays out the ticket list on ${other} exactly as on the bare page`, () => {
      const bare = inside.get('support.html')!.boxes;
      const boxes = inside.get(other)!.boxes;
      assert.ok(
        Object.keys(bare).some((key) => key.startsWith('th ')),
        'header cells measured',
      );
      assert.ok(
        Object.keys(bare).some((key) => key.startsWith('tr[part=row] td')),
        'rows measured',
      );
      assert.deepEqual(Object.keys(boxes), Object.keys(bare), 'the same elements inside');
      const moved = Object.keys(bare)
        .filter((key) => bare[key]!.join() !== boxes[key]!.join())
        .map((key) => `${key}: [${bare[key]!.join(', ')}] → [${boxes[key]!.join(', ')}]`);
      assert.deepEqual(moved, [], `boxes (x, y, width, height from the host) on ${other}`);
    });

    it(`styles the portal's inside on ${other} exactly as on the bare page`, () => {
      const bare = inside.get('support.html')!.styles;
      const styles = inside.get(other)!.styles;
      for (const kind of ['button', 'input', 'th', 'tr[part=row] td']) {
        assert.ok(
          Object.keys(bare).some((key) => key.startsWith(`${kind} #`)),
          `${kind} compared`,
        );
      }
      const differences: string[] = [];
      for (const [key, style] of Object.entries(bare)) {
        for (const [name, value] of Object.entries(style)) {
          if (FOLLOWS_INHERITED.has(name)) continue;
          const theirs = styles[key]?.[name];
          if (theirs !== value) differences.push(`${key} { ${name}: ${value} → ${theirs} }`);
        }
      }
      assert.deepEqual(differences, [], `computed styles inside the portal on ${other}`);
    });
  }

  for (const path of PAGES) {
    it(`leaves ${path}'s own elements as they are without the portal`, async () => {
      const without = (await (
        await openPage(path, { blockPortal: true })
      ).evaluate(OUTSIDE)) as Outside;
      const withPortal = (await signedIn.get(path)!.evaluate(OUTSIDE)) as Outside;
      assert.ok(Object.keys(without.styles).length > 5, 'page elements found');
      assert.deepEqual(Object.keys(withPortal.styles), Object.keys(without.styles));
      const differences: string[] = [];
      for (const [key, style] of Object.entries(without.styles)) {
        for (const [name, value] of Object.entries(style)) {
          const theirs = withPortal.styles[key]![name];
          if (theirs !== value) differences.push(`${key} { ${name}: ${value} → ${theirs} }`);
        }
      }
      assert.deepEqual(differences, [], `${path}'s elements with the portal loaded`);
      assert.equal(withPortal.adopted, without.adopted, 'no style sheets adopted by the document');
      // One more sheet in the signed-in page: the test's own pin on the host.
      assert.equal(withPortal.sheets, without.sheets + 1, 'no style sheets added to the page');
    });
  }

  it('raised no error in any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
