import '@kundportal/elements/ticket-detail.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import {
  STAYS_LOADING_MS,
  adapterArgTypes,
  adapterArgs,
  memoryAdapter,
  stalledUploadAdapter,
  type AdapterArgs,
} from './support/memory-adapter.js';
import { attach, fileOf, fillIn, rendered, submit } from './support/interact.js';

interface Args extends AdapterArgs {
  ticketId: string;
}

/**
 * One ticket: its properties, the conversation of its latest thread, and a reply form while it is
 * open. Every story runs on a MemoryAdapter of its own; the controls under "MemoryAdapter" change
 * it.
 */
const meta: Meta<Args> = {
  title: 'Elements/ticket-detail',
  component: 'ticket-detail',
  tags: ['autodocs'],
  args: { ...adapterArgs, ticketId: '1001' },
  argTypes: {
    ...adapterArgTypes,
    ticketId: {
      name: 'ticket-id',
      description: 'The ticket to show. The demo account owns 1001 to 1005.',
      control: 'text',
    },
  },
  render: ({ ticketId, ...backend }) =>
    html`<ticket-detail ticket-id=${ticketId} .adapter=${memoryAdapter(backend)}></ticket-detail>`,
};
export default meta;

type Story = StoryObj<Args>;

/** An open ticket: its properties, the latest thread (no internal note) and the reply box. */
export const Overview: Story = {};

export const Loading: Story = {
  name: 'States: Loading',
  args: { delayMs: STAYS_LOADING_MS },
};

/** Ticket 1004 came in by phone and has no conversation yet. */
export const Empty: Story = {
  name: 'States: Empty',
  args: { ticketId: '1004' },
};

/** With no tickets in the data, 1001 is not there (and another person's would look the same). */
export const NotFound: Story = {
  name: 'States: Not found',
  args: { world: 'no-tickets' },
};

export const ServerError: Story = {
  name: 'States: Error',
  args: { failWith: 'server' },
};

/** A closed ticket takes no replies. */
export const Closed: Story = {
  name: 'States: Closed ticket',
  args: { ticketId: '1005' },
};

/** A reply typed and sent; it joins the conversation once the backend has stored it. */
export const ReplySent: Story = {
  name: 'States: Reply sent',
  play: async ({ canvasElement }) => {
    const detail = rendered(canvasElement, 'ticket-detail');
    await fillIn(detail, { text: 'Firefox 128, and it happens for February too.' });
    await submit(detail);
  },
};

const logAndScreenshot = () => [
  fileOf('export-log.pdf', 48_213, 'application/pdf'),
  fileOf('download-bar.png', 412_880, 'image/png'),
];

/** Two files chosen for the reply: each listed with its size and a Remove button. */
export const AttachmentsChosen: Story = {
  name: 'States: Attachments chosen',
  play: async ({ canvasElement }) => {
    const detail = rendered(canvasElement, 'ticket-detail');
    await fillIn(detail, { text: 'The export log and what the browser showed.' });
    await attach(detail, 'files', logAndScreenshot());
  },
};

/** Sent with files; the upload is under way (this backend never finishes it). */
export const Uploading: Story = {
  name: 'States: Upload in progress',
  render: ({ ticketId, ...backend }) =>
    html`<ticket-detail
      ticket-id=${ticketId}
      .adapter=${stalledUploadAdapter(backend)}
    ></ticket-detail>`,
  play: async (context) => {
    await AttachmentsChosen.play!(context);
    await submit(rendered(context.canvasElement, 'ticket-detail'));
  },
};

/** Files the portal will not take are named before anything is sent. */
export const FileRefused: Story = {
  name: 'States: File refused',
  play: async ({ canvasElement }) => {
    const detail = rendered(canvasElement, 'ticket-detail');
    await attach(detail, 'files', [
      fileOf('screen-recording.mov', 24_000_000, 'video/quicktime'),
      fileOf('export-log.pdf', 48_213, 'application/pdf'),
    ]);
  },
};

const themingTokens = {
  '--portal-color-accent': 'light-dark(#b4235a, #ff8fba)',
  '--portal-radius': '0',
  '--ticket-detail-agent-background': 'light-dark(#fdf2f6, #3b1d2a)',
  '--ticket-detail-customer-background': 'light-dark(#f2f7fd, #1d2a3b)',
  '--ticket-detail-message-gap': '1.5rem',
};

/**
 * Global tokens and the ticket's own `--ticket-detail-*` properties, set on an ancestor. Colours
 * given with `light-dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: ({ ticketId, ...backend }) => html`
    <div style=${styleMap(themingTokens)}>
      <ticket-detail ticket-id=${ticketId} .adapter=${memoryAdapter(backend)}></ticket-detail>
    </div>
  `,
};

/** On a dark page: the ticket follows the page's colour scheme. */
export const Dark: Story = {
  name: 'Theming: Dark',
  globals: { theme: 'dark' },
};

/** The page's brand colour in `--portal-color-accent`. */
export const Brand: Story = {
  name: 'Theming: Brand colour',
  globals: { theme: 'brand' },
};

/** In Arabic: texts, dates and the conversation laid out right to left. */
export const RightToLeft: Story = {
  name: 'Theming: Arabic, right to left',
  globals: { locale: 'ar' },
  // The language is the page's, so on the Docs page it would switch every story's texts.
  tags: ['!autodocs'],
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: ({ ticketId, ...backend }) => html`
    <div style="font-size: 200%">
      <ticket-detail ticket-id=${ticketId} .adapter=${memoryAdapter(backend)}></ticket-detail>
    </div>
  `,
};
