// Element benchmarks in headless Chromium: each element on a MemoryAdapter beside a plain Lit
// template rendering the same rows, built with Vite into .tmp/bench/elements.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type BrowserContext } from 'puppeteer-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { serveStatic } from '../test/support/static-server.js';
import { NO_FRAMES } from './elements/timing.js';
import { summarize, type ResultRow } from './stats.js';

const ROOT = fileURLToPath(new URL('./elements/', import.meta.url));
const OUT = fileURLToPath(new URL('../.tmp/bench/elements/', import.meta.url));
const PAGES = ['list', 'detail', 'portal', 'portal-baseline'];

export interface ElementBenchOptions {
  chromium: string;
  /** Measured runs per timing, after `warmups` unmeasured ones. */
  runs: number;
  warmups: number;
  /**
   * Scroll runs, each through every ticket on a page loaded in a browser context of its own,
   * with no warm-up run.
   */
  scrollRuns: number;
  tickets: number;
  messages: number;
  log: (line: string) => void;
}

/** Builds the benchmark pages (production mode, minified, like a site would ship them). */
async function buildPages(): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: OUT,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, `${ROOT}${p}.html`])) },
    },
  });
}

/** Runs `element` and `baseline` alternately: `warmups` discarded, then `runs` kept. */
async function paired<T>(
  runs: number,
  warmups: number,
  element: () => Promise<T>,
  baseline: () => Promise<T>,
): Promise<{ element: T[]; baseline: T[] }> {
  const out = { element: [] as T[], baseline: [] as T[] };
  for (let i = 0; i < warmups + runs; i++) {
    const e = await element();
    const b = await baseline();
    if (i >= warmups) {
      out.element.push(e);
      out.baseline.push(b);
    }
  }
  return out;
}

/** Runs every element benchmark; returns its rows. */
export async function benchElements(options: ElementBenchOptions): Promise<ResultRow[]> {
  const { runs, warmups, log } = options;
  log('elements: building the benchmark pages');
  await buildPages();
  const server = await serveStatic(OUT);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath: options.chromium,
      headless: true,
      args: [...CHROMIUM_ARGS, '--window-size=1280,800'],
      defaultViewport: { width: 1280, height: 800 },
      protocolTimeout: 600_000,
    });
    /** A new page whose uncaught errors go to the log. */
    const newPage = async (on: Browser | BrowserContext) => {
      const opened = await on.newPage();
      opened.on('pageerror', (error) => log(`  page error: ${String(error)}`));
      return opened;
    };
    const page = await newPage(browser);
    const rows: ResultRow[] = [];
    const section = 'elements (Chromium)';
    const pair = (
      metric: string,
      unit: string,
      e: number[],
      b: number[],
      label: string,
      target?: (m: number) => { text: string; met: boolean },
    ) => {
      const value = summarize(e);
      rows.push({
        section,
        metric,
        unit,
        value,
        baseline: { label, value: summarize(b) },
        target: target?.(value.median),
      });
      return value;
    };

    // ticket-list: first rows, filter and search changes, then scrolling to the end.
    const openList = async (on = page) => {
      await on.goto(`${server.url}list.html?count=${options.tickets}`);
      await on.waitForFunction(() => 'kpBench' in window);
      await on.evaluate(() => window.kpBench.ready());
    };
    await openList();
    log('elements: ticket-list first rows');
    const first = await paired(
      runs,
      warmups,
      () => page.evaluate(() => window.kpBench.elementFirstRows()),
      () => page.evaluate(() => window.kpBench.baselineFirstRows()),
    );
    const plainAll = `plain Lit table of all ${options.tickets.toLocaleString('en-US')} rows`;
    const firstPage = first.element[0]?.rows ?? 0;
    pair(
      `ticket-list, ${options.tickets.toLocaleString('en-US')} tickets: data → first page (${firstPage} rows) painted`,
      'ms',
      first.element.map((r) => r.dataToRows),
      first.baseline.map((r) => r.dataToRows),
      plainAll,
      (m) => ({ text: '≤ 30 ms', met: m <= 30 }),
    );
    pair(
      'ticket-list: mount → first rows painted (incl. MemoryAdapter query)',
      'ms',
      first.element.map((r) => r.total),
      first.baseline.map((r) => r.total),
      plainAll,
    );

    for (const kind of ['filter', 'search'] as const) {
      log(`elements: ticket-list ${kind} change`);
      await page.evaluate(() => window.kpBench.elementFirstRows());
      const element: number[] = [];
      const rowsShown: number[] = [];
      for (let i = 0; i < warmups + runs; i++) {
        const r = await page.evaluate((k) => window.kpBench.elementChange(k), kind);
        if (i >= warmups) {
          element.push(r.renderMs);
          rowsShown.push(r.rows);
        }
      }
      await page.evaluate(() => {
        window.kpBench.clear();
        window.kpBench.resetChanges();
      });
      const baseline: number[] = [];
      for (let i = 0; i < warmups + runs; i++) {
        const r = await page.evaluate((k) => window.kpBench.baselineChange(k), kind);
        if (i >= warmups) baseline.push(r.renderMs);
      }
      pair(
        `ticket-list: ${kind} change, answer → rows updated (update + style + layout)`,
        'ms',
        element,
        baseline,
        `${plainAll}, re-rendered`,
        (m) => ({ text: '≤ 16 ms (one frame)', met: m <= 16 }),
      );
    }

    log('elements: ticket-list scrolling through every ticket');
    // Long tasks come from the page's Long Tasks API (every task over 50 ms), which costs
    // nothing while scrolling, unlike a trace; the longest frame bounds the shorter ones.
    const scroll = {
      elementTask: [] as number[],
      baselineTask: [] as number[],
      elementFrame: [] as number[],
      baselineFrame: [] as number[],
      longTasks: 0,
      adapterMax: [] as number[],
      pages: 0,
    };
    // Each run in a browser context of its own, so a renderer of its own: in the page the runs
    // above used, the first scroll ran into what they left behind (168 and 276 tasks over 50 ms,
    // up to 528 ms, where the second scroll counted 3 and 28; in contexts of their own, 5 to 21
    // and at most 85 ms).
    const scrollOnce = async (on: Browser) => {
      const context = await on.createBrowserContext();
      try {
        const scrollPage = await newPage(context);
        await openList(scrollPage);
        await scrollPage.evaluate(() => window.kpBench.elementFirstRows(100));
        const e = await scrollPage.evaluate(() => window.kpBench.elementScroll());
        await openList(scrollPage);
        await scrollPage.evaluate(() => window.kpBench.baselineFirstRows());
        const b = await scrollPage.evaluate(() => window.kpBench.baselineScroll());
        return { e, b };
      } finally {
        await context.close();
      }
    };
    // A run where the browser stopped drawing the page is run again (three times at most in
    // all), and the note says so.
    let stalls = 0;
    const scrollUntilDrawn = async (on: Browser, i: number) => {
      for (;;) {
        try {
          return await scrollOnce(on);
        } catch (error) {
          if (!String(error).includes(NO_FRAMES) || stalls >= 3) throw error;
          stalls++;
          log(`  scroll run ${i}: ${String(error)}; running it again`);
        }
      }
    };
    for (let i = 1; i <= options.scrollRuns; i++) {
      const { e, b } = await scrollUntilDrawn(browser, i);
      scroll.elementTask.push(Math.max(0, ...e.longTasks));
      scroll.baselineTask.push(Math.max(0, ...b.longTasks));
      scroll.elementFrame.push(e.longestFrame);
      scroll.baselineFrame.push(b.longestFrame);
      scroll.longTasks += e.longTasks.length;
      scroll.adapterMax.push(e.adapterMaxMs);
      scroll.pages = e.pages;
      log(
        `  scroll run ${i}: ${e.longTasks.length} tasks over 50 ms, longest ${Math.max(0, ...e.longTasks).toFixed(0)} ms (plain table ${b.longTasks.length}, ${Math.max(0, ...b.longTasks).toFixed(0)} ms); longest frame ${e.longestFrame.toFixed(0)} ms (plain table ${b.longestFrame.toFixed(0)} ms); ${e.frames} frames in ${(e.ms / 1000).toFixed(1)} s, ${e.pages} pages loaded`,
      );
    }
    pair(
      'ticket-list: scrolling a screen per frame to the last ticket (pages of 100), longest task over 50 ms (0: none)',
      'ms',
      scroll.elementTask,
      scroll.baselineTask,
      plainAll,
      () => ({ text: 'no task over 50 ms, in any run', met: scroll.longTasks === 0 }),
    );
    rows.at(-1)!.note =
      `${scroll.longTasks} tasks over 50 ms in ${options.scrollRuns} runs; ${scroll.pages} pages loaded per run` +
      (stalls ? `; ${stalls} run(s) run again after the browser stopped drawing the page` : '');
    pair(
      'ticket-list scroll: longest frame',
      'ms',
      scroll.elementFrame,
      scroll.baselineFrame,
      plainAll,
    );
    rows.push({
      section,
      metric: 'ticket-list scroll: longest MemoryAdapter.listTickets call (inside those tasks)',
      unit: 'ms',
      value: summarize(scroll.adapterMax),
    });

    log('elements: ticket-detail');
    await page.goto(`${server.url}detail.html?count=${options.messages}`);
    await page.waitForFunction(() => 'kpDetailBench' in window);
    const detail = await paired(
      runs,
      warmups,
      () => page.evaluate(() => window.kpDetailBench.elementDetail()),
      () => page.evaluate(() => window.kpDetailBench.baselineDetail()),
    );
    pair(
      `ticket-detail, ${options.messages} messages: data → conversation painted`,
      'ms',
      detail.element.map((r) => r.dataToPaint),
      detail.baseline.map((r) => r.dataToPaint),
      `plain Lit list of ${options.messages} messages`,
    );
    pair(
      'ticket-detail: mount → conversation painted',
      'ms',
      detail.element.map((r) => r.total),
      detail.baseline.map((r) => r.total),
      `plain Lit list of ${options.messages} messages`,
    );

    log('elements: customer-portal to an interactive sign-in form');
    const load = async (name: string) => {
      await page.goto(`${server.url}${name}.html`);
      return page.evaluate(async () => {
        const ready = await window.kpReady;
        return { fromScript: ready - window.kpStart, fromNavigation: ready };
      });
    };
    const portal = await paired(
      runs,
      warmups + 1,
      () => load('portal'),
      () => load('portal-baseline'),
    );
    pair(
      'customer-portal: script start → sign-in form interactive',
      'ms',
      portal.element.map((r) => r.fromScript),
      portal.baseline.map((r) => r.fromScript),
      'plain Lit sign-in form',
    );
    pair(
      'customer-portal: navigation start → sign-in form interactive',
      'ms',
      portal.element.map((r) => r.fromNavigation),
      portal.baseline.map((r) => r.fromNavigation),
      'plain Lit sign-in form',
    );
    return rows;
  } finally {
    await browser?.close();
    await server.close();
  }
}
