import '@kundportal/elements/customer-portal.js';
import { CustomerPortal } from '@kundportal/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import {
  STAYS_LOADING_MS,
  adapterArgTypes,
  adapterArgs,
  memoryAdapter,
  type AdapterArgs,
} from './support/memory-adapter.js';
import { inside, rendered, signInWith } from './support/interact.js';

/**
 * The whole portal: sign-in, the ticket list, one ticket and the support form, routed by the URL
 * hash. Every story runs on a MemoryAdapter of its own; the controls under "MemoryAdapter" change
 * it.
 */
const meta: Meta<AdapterArgs> = {
  title: 'Elements/customer-portal',
  component: 'customer-portal',
  tags: ['autodocs'],
  args: adapterArgs,
  argTypes: adapterArgTypes,
  render: (args) => html`<customer-portal .adapter=${memoryAdapter(args)}></customer-portal>`,
  // The portal routes by the URL hash, which outlives a story in Storybook's frame: start clean.
  beforeEach: () => history.replaceState(null, '', `${location.pathname}${location.search}`),
};
export default meta;

type Story = StoryObj<AdapterArgs>;

/** Signed in as the demo account: header, navigation and the ticket list. */
export const Overview: Story = {};

export const Loading: Story = {
  name: 'States: Loading',
  args: { delayMs: STAYS_LOADING_MS },
};

export const Empty: Story = {
  name: 'States: Empty',
  args: { world: 'no-tickets' },
};

export const ServerError: Story = {
  name: 'States: Error',
  args: { failWith: 'server' },
};

/** The sign-in view. The demo account is in the `signedIn` control's description. */
export const SignedOut: Story = {
  name: 'States: Signed out',
  args: { signedIn: false },
};

/** Signed out at first, then signed in through the form: the portal switches to the list. */
export const SignedIn: Story = {
  name: 'States: Signed in',
  args: { signedIn: false },
  play: async ({ canvasElement }) => {
    const portal = rendered(canvasElement, 'customer-portal');
    await signInWith(await inside(portal, 'portal-login'));
  },
};

/** The site owner switched the portal off. */
export const PortalClosed: Story = {
  name: 'States: Portal closed',
  args: { world: 'portal-closed' },
};

/**
 * `<customer-portal>` whose clock skips its first long idle wait, as if the visitor had been away
 * 29 minutes: the element's own idle timer then warns at once and counts the last minute down
 * in real time. After "Stay signed in" the clock runs as usual.
 */
class AwayAlreadyPortal extends CustomerPortal {
  #skippedMs = 0;

  protected override now(): number {
    return Date.now() + this.#skippedMs;
  }

  protected override setTimer(callback: () => void, ms: number): () => void {
    if (this.#skippedMs > 0 || ms < 60_000) return super.setTimer(callback, ms);
    this.#skippedMs = ms;
    return super.setTimer(callback, 0);
  }
}
if (!customElements.get('away-already-portal')) {
  customElements.define('away-already-portal', AwayAlreadyPortal);
}

/**
 * Signed in and idle for 29 of the portal's 30 minutes: "Are you still there?" counts down the
 * last minute; "Stay signed in" keeps the session, and at 0:00 the portal signs out and says why.
 */
export const IdleWarning: Story = {
  name: 'States: Idle warning',
  // Its modal dialog would cover the whole Docs page.
  tags: ['!autodocs'],
  render: (args) =>
    html`<away-already-portal .adapter=${memoryAdapter(args)}></away-already-portal>`,
};

const themingTokens = {
  '--portal-color-accent': 'light-dark(#b4235a, #ff8fba)',
  '--portal-radius': '0',
  '--customer-portal-max-width': '48rem',
  '--customer-portal-header-gap': '1.5rem',
};

/**
 * Global tokens and the portal's own `--customer-portal-*` properties, set on an ancestor, restyle
 * every element inside; a page token wins over the accent from the portal's branding. Colours given
 * with `light-dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: (args) => html`
    <div style=${styleMap(themingTokens)}>
      <customer-portal .adapter=${memoryAdapter(args)}></customer-portal>
    </div>
  `,
};

/** On a dark page: the portal follows the page's colour scheme. */
export const Dark: Story = {
  name: 'Theming: Dark',
  globals: { theme: 'dark' },
};

/** The page's brand colour in `--portal-color-accent`, which wins over the portal's branding. */
export const Brand: Story = {
  name: 'Theming: Brand colour',
  globals: { theme: 'brand' },
};

/** In Arabic: texts from its catalog, laid out right to left; the header's menu switches. */
export const RightToLeft: Story = {
  name: 'Theming: Arabic, right to left',
  globals: { locale: 'ar' },
  // The language is the page's, so on the Docs page it would switch every story's texts.
  tags: ['!autodocs'],
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: (args) => html`
    <div style="font-size: 200%">
      <customer-portal .adapter=${memoryAdapter(args)}></customer-portal>
    </div>
  `,
};
