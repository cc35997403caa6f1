// Lighthouse on the example knowledge base's support page, served by the reference server as
// `npm start` serves it (on an in-memory PGlite with the demo data), signed out and signed in,
// beside the same page without Kundportal.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { signInByMarkup } from '../test/support/browser.js';
import { startPortalServer } from '../test/support/portal-server.js';
import { summarize, type ResultRow } from './stats.js';

const repo = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const OUT = repo('.tmp/bench/lighthouse/');
const PLAIN = `${OUT}plain/`;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

export interface LighthouseBenchOptions {
  chromium: string;
  /** The built bundle to serve as `/cdn/`. */
  cdnDir: string;
  /** Lighthouse runs per page; the median of each figure is reported. */
  runs: number;
  log: (line: string) => void;
}

interface Figures {
  performance: number;
  accessibility: number;
  'best-practices': number;
  tbt: number;
  lcp: number;
}

/** The support page with the script tag and the elements taken out: the page Kundportal joins. */
async function writePlainPage(): Promise<void> {
  const page = await readFile(repo('examples/kb-site/support.html'), 'utf8');
  const plain = page
    .replace(/\s*<script type="module" src="\/cdn\/kundportal\.js"><\/script>/, '')
    .replace(/\s*<kb-portal-link[^>]*><\/kb-portal-link>/, '')
    .replace(/\s*<customer-portal[^>]*><\/customer-portal>/, '');
  if (plain.includes('kundportal.js') || plain.includes('<customer-portal')) {
    throw new Error('examples/kb-site/support.html changed shape; update writePlainPage');
  }
  await mkdir(PLAIN, { recursive: true });
  await writeFile(`${PLAIN}support.html`, plain);
}

function figuresOf(lhr: Result): Figures {
  const score = (id: (typeof CATEGORIES)[number]) => {
    const value = lhr.categories[id]?.score;
    if (value == null) throw new Error(`Lighthouse gave no ${id} score`);
    return Math.round(value * 100);
  };
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
  };
}

/** The portal API calls a run made, as `GET /api/tickets 200`. */
function apiCalls(lhr: Result): string[] {
  const details = lhr.audits['network-requests']?.details as
    { items?: { url: string; statusCode: number; requestMethod?: string }[] } | undefined;
  return (details?.items ?? [])
    .filter((item) => new URL(item.url).pathname.startsWith('/api/'))
    .map((item) => `${new URL(item.url).pathname} ${item.statusCode}`);
}

/** Audits below a full score in the categories measured, with what Lighthouse says of them. */
function shortfalls(lhr: Result): string[] {
  const out: string[] = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      out.push(`${id}: ${audit.id}${value}`);
    }
  }
  return out;
}

/** Runs every Lighthouse measurement; returns its rows and the audits that cost points. */
export async function benchLighthouse(
  options: LighthouseBenchOptions,
): Promise<{ rows: ResultRow[]; shortfalls: Record<string, string[]> }> {
  const { runs, log } = options;
  await writePlainPage();
  const portal = await startPortalServer({
    staticDirs: [
      { urlPrefix: '/', dir: repo('examples/kb-site') },
      { urlPrefix: '/cdn/', dir: options.cdnDir },
      { urlPrefix: '/vendor/bootstrap/', dir: repo('node_modules/bootstrap/dist/css') },
      { urlPrefix: '/plain/', dir: PLAIN },
    ],
  });
  const base = portal.server.url;
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath: options.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      protocolTimeout: 180_000,
    });
    // Signed out and the plain page in the default context; the signed-in page in a context of
    // its own, holding the session cookie (Lighthouse keeps storage there, the cache is cleared).
    const signedOut = await browser.newPage();
    const signedInContext = await browser.createBrowserContext();
    const signedIn = await signedInContext.newPage();
    await signedIn.goto(`${base}/support.html`);
    await signInByMarkup(signedIn, DEMO_ACCOUNT, 'Last activity');

    const audit = async (page: Page, path: string, keepSession: boolean): Promise<Result> => {
      if (keepSession) {
        const session = await page.createCDPSession();
        await session.send('Network.clearBrowserCache');
        await session.detach();
      }
      const flags: Flags = {
        logLevel: 'error',
        output: 'json',
        onlyCategories: [...CATEGORIES],
        disableStorageReset: keepSession,
      };
      const result = await lighthouse(`${base}${path}`, flags, undefined, page);
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      if (result.lhr.runtimeError) {
        throw new Error(`Lighthouse on ${path}: ${result.lhr.runtimeError.message}`);
      }
      return result.lhr;
    };

    const kinds = {
      plain: [] as Figures[],
      out: [] as Figures[],
      in: [] as Figures[],
    };
    const gaps: Record<string, string[]> = {};
    await mkdir(OUT, { recursive: true });
    for (let run = 0; run < runs; run++) {
      // Interleaved, so each page and its baseline see the same machine state.
      const plain = await audit(signedOut, '/plain/support.html', false);
      const out = await audit(signedOut, '/support.html', false);
      const inside = await audit(signedIn, '/support.html', true);
      const outCalls = apiCalls(out);
      const inCalls = apiCalls(inside);
      if (!inCalls.some((call) => call.startsWith('/api/tickets 200'))) {
        throw new Error(`the signed-in run listed no tickets: ${inCalls.join(', ')}`);
      }
      if (outCalls.some((call) => call.startsWith('/api/tickets'))) {
        throw new Error(`the signed-out run was signed in: ${outCalls.join(', ')}`);
      }
      for (const [name, lhr] of [
        ['plain', plain],
        ['signed-out', out],
        ['signed-in', inside],
      ] as const) {
        await writeFile(`${OUT}${name}-${run + 1}.json`, JSON.stringify(lhr));
        if (name !== 'plain') gaps[name] = shortfalls(lhr);
      }
      kinds.plain.push(figuresOf(plain));
      kinds.out.push(figuresOf(out));
      kinds.in.push(figuresOf(inside));
      const line = (f: Figures) =>
        `performance ${f.performance}, accessibility ${f.accessibility}, best practices ${f['best-practices']}, TBT ${f.tbt.toFixed(0)} ms, LCP ${f.lcp.toFixed(0)} ms`;
      log(`  Lighthouse run ${run + 1}: plain page ${line(kinds.plain.at(-1)!)}`);
      log(`    signed out ${line(kinds.out.at(-1)!)}`);
      log(`    signed in  ${line(kinds.in.at(-1)!)}`);
    }

    const rows: ResultRow[] = [];
    const baselineLabel = 'same page without Kundportal';
    for (const [label, figures] of [
      ['signed out', kinds.out],
      ['signed in', kinds.in],
    ] as const) {
      const section = `Lighthouse (support page, ${label})`;
      const of = (key: keyof Figures, list: Figures[]) => summarize(list.map((f) => f[key]));
      for (const category of CATEGORIES) {
        const value = of(category, figures);
        rows.push({
          section,
          metric: `${category} score`,
          unit: '',
          value,
          baseline: { label: baselineLabel, value: of(category, kinds.plain) },
          target: { text: '≥ 95', met: value.median >= 95 },
        });
      }
      const tbt = of('tbt', figures);
      rows.push({
        section,
        metric: 'total blocking time',
        unit: 'ms',
        value: tbt,
        baseline: { label: baselineLabel, value: of('tbt', kinds.plain) },
        target: { text: '< 50 ms', met: tbt.median < 50 },
      });
      rows.push({
        section,
        metric: 'largest contentful paint (simulated mobile)',
        unit: 'ms',
        value: of('lcp', figures),
        baseline: { label: baselineLabel, value: of('lcp', kinds.plain) },
      });
    }
    return { rows, shortfalls: gaps };
  } finally {
    await browser?.close();
    await portal.close();
  }
}
