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
  showCount: boolean;
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
  args: { ...adapterArgs, signedIn: false, href: '/portal/', showCount: false },
  argTypes: {
    ...adapterArgTypes,
    href: { description: 'Where the portal lives.', control: 'text' },
    showCount: {
      name: 'show-count',
      description: 'Show a signed-in customer how many tickets wait for their reply.',
      control: 'boolean',
    },
  },
  render: ({ href, showCount, ...backend }) => html`
    <nav aria-label="Knowledge base">
      <a href="/">Articles</a>
      <kb-portal-link
        href=${href}
        ?show-count=${showCount}
        .adapter=${memoryAdapter(backend)}
      ></kb-portal-link>
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

/** With `show-count`, a signed-in customer sees how many tickets wait for their reply. */
export const AwaitingReply: Story = {
  name: 'States: Tickets awaiting reply',
  args: { signedIn: true, showCount: true },
};

const themingTokens = {
  '--kb-portal-link-color': 'light-dark(#b4235a, #ff8fba)',
};

/**
 * The link takes the page's link colour unless `--kb-portal-link-color` says otherwise. Colours
 * given with `light-dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: ({ href, showCount: _showCount, ...backend }) => html`
    <nav aria-label="Knowledge base" style=${styleMap(themingTokens)}>
      <a href="/">Articles</a>
      <kb-portal-link href=${href} .adapter=${memoryAdapter(backend)}></kb-portal-link>
    </nav>
  `,
};

/** On a dark page, with the count of tickets awaiting reply: both follow the page's scheme. */
export const Dark: Story = {
  name: 'Theming: Dark',
  args: { signedIn: true, showCount: true },
  globals: { theme: 'dark' },
};

/** The page's brand colour in `--portal-color-accent`, behind the count of tickets to answer. */
export const Brand: Story = {
  name: 'Theming: Brand colour',
  args: { signedIn: true, showCount: true },
  globals: { theme: 'brand' },
};

/** In Arabic: "Go to" from its catalog and the count, laid out right to left. */
export const RightToLeft: Story = {
  name: 'Theming: Arabic, right to left',
  args: { signedIn: true, showCount: true },
  globals: { locale: 'ar' },
  // The language is the page's, so on the Docs page it would switch every story's texts.
  tags: ['!autodocs'],
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: ({ href, showCount: _showCount, ...backend }) => html`
    <nav aria-label="Knowledge base" style="font-size: 200%">
      <a href="/">Articles</a>
      <kb-portal-link href=${href} .adapter=${memoryAdapter(backend)}></kb-portal-link>
    </nav>
  `,
};
