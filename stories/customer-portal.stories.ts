import '@kundportal/elements/customer-portal.js';
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

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: (args) => html`
    <div style="font-size: 200%">
      <customer-portal .adapter=${memoryAdapter(args)}></customer-portal>
    </div>
  `,
};
