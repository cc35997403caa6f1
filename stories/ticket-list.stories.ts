import '@kundportal/elements/ticket-list.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { userEvent } from 'storybook/test';
import {
  STAYS_LOADING_MS,
  adapterArgTypes,
  adapterArgs,
  memoryAdapter,
  type AdapterArgs,
} from './support/memory-adapter.js';
import { inside, rendered } from './support/interact.js';

interface Args extends AdapterArgs {
  status: 'all' | 'open' | 'closed';
  scope: 'mine' | 'company';
}

const list = ({ status, scope, ...backend }: Args) =>
  html`<ticket-list
    status=${status}
    scope=${scope}
    .adapter=${memoryAdapter(backend)}
  ></ticket-list>`;

/**
 * The signed-in customer's tickets, open and closed, with a status filter and paging. Every story
 * runs on a MemoryAdapter of its own; the controls under "MemoryAdapter" change it.
 */
const meta: Meta<Args> = {
  title: 'Elements/ticket-list',
  component: 'ticket-list',
  tags: ['autodocs'],
  args: { ...adapterArgs, status: 'all', scope: 'mine' },
  argTypes: {
    ...adapterArgTypes,
    status: {
      description: 'Which tickets to show first; the list has its own filter too.',
      control: 'inline-radio',
      options: ['all', 'open', 'closed'],
    },
    scope: {
      description:
        'Whose tickets to show first: `company` counts only where the portal gives company access (world `company`).',
      control: 'inline-radio',
      options: ['mine', 'company'],
    },
  },
  render: list,
};
export default meta;

type Story = StoryObj<Args>;

/** The demo account's tickets, open and closed, newest activity first. */
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

/** Only the open ones, as the `status` attribute asks. */
export const OpenOnly: Story = {
  name: 'States: Open tickets only',
  args: { status: 'open' },
};

/** Searched for something no ticket mentions: the list says so and offers to clear the search. */
export const SearchNoMatch: Story = {
  name: 'States: Search with no match',
  play: async ({ canvasElement }) => {
    const search = await inside(rendered(canvasElement, 'ticket-list'), 'input[type="search"]');
    await userEvent.type(search, 'printer{Enter}');
  },
};

/** With company access, "View" offers the company's tickets, which adds a Requester column. */
export const CompanyView: Story = {
  name: 'Views: My company’s tickets',
  args: { world: 'company', scope: 'company' },
};

/** The portal shows pipeline stage names instead of Open/Closed. */
export const StageNames: Story = {
  name: 'Views: Stage names',
  args: { world: 'stages' },
};

/** A `property:product` column, labelled from the portal's `propertyLabels`. */
export const PropertyColumn: Story = {
  name: 'Views: Property column',
  args: { world: 'property-column' },
};

export const SignedOut: Story = {
  name: 'States: Signed out',
  args: { signedIn: false },
};

const themingTokens = {
  '--portal-color-accent': 'light-dark(#b4235a, #ff8fba)',
  '--portal-radius': '0',
  '--ticket-list-cell-padding': '0.75rem 1rem',
  '--ticket-list-row-border': '2px dotted light-dark(#b4235a, #ff8fba)',
  '--ticket-list-open-color': 'light-dark(#1a7f37, #6fdd8b)',
};

/**
 * Global tokens and the list's own `--ticket-list-*` properties, set on an ancestor. Colours given
 * with `light-dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: (args) => html`<div style=${styleMap(themingTokens)}>${list(args)}</div>`,
};

/** On a dark page: the list follows the page's colour scheme. */
export const Dark: Story = {
  name: 'Theming: Dark',
  globals: { theme: 'dark' },
};

/** The page's brand colour in `--portal-color-accent`. */
export const Brand: Story = {
  name: 'Theming: Brand colour',
  globals: { theme: 'brand' },
};

/** In Arabic: texts, dates and the table laid out right to left. */
export const RightToLeft: Story = {
  name: 'Theming: Arabic, right to left',
  globals: { locale: 'ar' },
  // The language is the page's, so on the Docs page it would switch every story's texts.
  tags: ['!autodocs'],
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: (args) => html`<div style="font-size: 200%">${list(args)}</div>`,
};
