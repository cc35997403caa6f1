import '@kundportal/elements/kb-portal-link.js';
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

interface Args extends AdapterArgs {
  href: string;
}

/**
 * "Go to {portal title}" link for a knowledge base's navigation; nothing while loading or when the
 * portal is off. Every story runs on a MemoryAdapter of its own; the controls under "MemoryAdapter"
 * change it.
 */
const meta: Meta<Args> = {
  title: 'Elements/kb-portal-link',
  component: 'kb-portal-link',
  tags: ['autodocs'],
  args: { ...adapterArgs, signedIn: false, href: '/portal/' },
  argTypes: {
    ...adapterArgTypes,
    href: { description: 'Where the portal lives.', control: 'text' },
  },
  render: ({ href, ...backend }) => html`
    <nav aria-label="Knowledge base">
      <a href="/">Articles</a>
      <kb-portal-link href=${href} .adapter=${memoryAdapter(backend)}></kb-portal-link>
    </nav>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** In a knowledge base's navigation bar: "Go to Nordlys Support". */
export const Overview: Story = {};

/** The portal config has not arrived yet: no link rather than one that may vanish. */
export const Loading: Story = {
  name: 'States: Loading',
  args: { delayMs: STAYS_LOADING_MS },
};

/** The site owner switched the portal off: no link. */
export const PortalClosed: Story = {
  name: 'States: Portal closed',
  args: { world: 'portal-closed' },
};

const themingTokens = {
  '--kb-portal-link-color': 'light-dark(#b4235a, #ff8fba)',
};

/**
 * The link takes the page's link colour unless `--kb-portal-link-color` says otherwise. Colours
 * given with `light-dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: ({ href, ...backend }) => html`
    <nav aria-label="Knowledge base" style=${styleMap(themingTokens)}>
      <a href="/">Articles</a>
      <kb-portal-link href=${href} .adapter=${memoryAdapter(backend)}></kb-portal-link>
    </nav>
  `,
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: ({ href, ...backend }) => html`
    <nav aria-label="Knowledge base" style="font-size: 200%">
      <a href="/">Articles</a>
      <kb-portal-link href=${href} .adapter=${memoryAdapter(backend)}></kb-portal-link>
    </nav>
  `,
};
