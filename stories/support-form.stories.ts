import '@kundportal/elements/support-form.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { attach, fileOf, fillIn, rendered, submit } from './support/interact.js';
import {
  STAYS_LOADING_MS,
  adapterArgTypes,
  adapterArgs,
  memoryAdapter,
  stalledUploadAdapter,
  type AdapterArgs,
} from './support/memory-adapter.js';

interface Args extends AdapterArgs {
  heading: string;
}

/**
 * A new support ticket from the fields the portal config lists; each submission creates one ticket.
 * Every story runs on a MemoryAdapter of its own; the controls under "MemoryAdapter" change it.
 */
const meta: Meta<Args> = {
  title: 'Elements/support-form',
  component: 'support-form',
  tags: ['autodocs'],
  args: { ...adapterArgs, heading: 'File a support ticket' },
  argTypes: {
    ...adapterArgTypes,
    heading: { description: 'Heading above the form; empty hides it.', control: 'text' },
  },
  render: ({ heading, ...backend }) =>
    html`<support-form heading=${heading} .adapter=${memoryAdapter(backend)}></support-form>`,
};
export default meta;

type Story = StoryObj<Args>;

const problem = {
  subject: 'Payslips show last month',
  product: 'Payroll',
  description: 'The April payslips show the March amounts. Expected the April run.',
};

async function fileTicket({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const form = rendered(canvasElement, 'support-form');
  await fillIn(form, problem);
  await submit(form);
}

/** The fields the portal config lists: subject, product and a description with help text. */
export const Overview: Story = {};

/** The portal config (which lists the fields) has not arrived. */
export const Loading: Story = {
  name: 'States: Loading',
  args: { delayMs: STAYS_LOADING_MS },
};

/** Sent without filling anything in: each required field says what it needs. */
export const FieldsNeedAttention: Story = {
  name: 'States: Fields need attention',
  play: ({ canvasElement }) => submit(rendered(canvasElement, 'support-form')),
};

export const ServerError: Story = {
  name: 'States: Error',
  args: { failWith: 'server' },
  play: fileTicket,
};

/** Filled in and sent: the form names the new ticket. */
export const Filed: Story = {
  name: 'States: Ticket filed',
  play: fileTicket,
};

/** The demo form's file field: two files chosen (or dropped), each with a Remove button. */
export const AttachmentsChosen: Story = {
  name: 'States: Attachments chosen',
  play: async ({ canvasElement }) => {
    const form = rendered(canvasElement, 'support-form');
    await fillIn(form, problem);
    await attach(form, 'screenshots', [
      fileOf('april-payslip.pdf', 88_400, 'application/pdf'),
      fileOf('payroll-screen.png', 301_220, 'image/png'),
    ]);
  },
};

/** Sent with files; the upload is under way (this backend never finishes it). */
export const Uploading: Story = {
  name: 'States: Upload in progress',
  render: ({ heading, ...backend }) =>
    html`<support-form
      heading=${heading}
      .adapter=${stalledUploadAdapter(backend)}
    ></support-form>`,
  play: async (context) => {
    await AttachmentsChosen.play!(context);
    await submit(rendered(context.canvasElement, 'support-form'));
  },
};

/** A file too large, and one of a type the portal does not take: named before sending. */
export const FileRefused: Story = {
  name: 'States: File refused',
  play: async ({ canvasElement }) => {
    const form = rendered(canvasElement, 'support-form');
    await fillIn(form, problem);
    await attach(form, 'screenshots', [
      fileOf('screen-recording.mov', 24_000_000, 'video/quicktime'),
      fileOf('payroll-export.xlsx', 12_000_000, 'application/zip'),
    ]);
    await submit(form);
  },
};

const themingTokens = {
  '--portal-color-accent': 'light-dark(#b4235a, #ff8fba)',
  '--portal-radius': '0',
  '--support-form-max-width': '32rem',
  '--support-form-gap': '0.75rem',
  '--support-form-required-color': 'light-dark(#b4235a, #ff8fba)',
};

/**
 * Global tokens and the form's own `--support-form-*` properties, set on an ancestor. Colours given
 * with `light-dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: ({ heading, ...backend }) => html`
    <div style=${styleMap(themingTokens)}>
      <support-form heading=${heading} .adapter=${memoryAdapter(backend)}></support-form>
    </div>
  `,
};

/** On a dark page: the form follows the page's colour scheme. */
export const Dark: Story = {
  name: 'Theming: Dark',
  globals: { theme: 'dark' },
};

/** The page's brand colour in `--portal-color-accent`. */
export const Brand: Story = {
  name: 'Theming: Brand colour',
  globals: { theme: 'brand' },
};

/**
 * In Arabic: texts from its catalog, laid out right to left. The field labels are the portal
 * config's, as the site owner wrote them.
 */
export const RightToLeft: Story = {
  name: 'Theming: Arabic, right to left',
  globals: { locale: 'ar' },
  // The language is the page's, so on the Docs page it would switch every story's texts.
  tags: ['!autodocs'],
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: ({ heading, ...backend }) => html`
    <div style="font-size: 200%">
      <support-form heading=${heading} .adapter=${memoryAdapter(backend)}></support-form>
    </div>
  `,
};
