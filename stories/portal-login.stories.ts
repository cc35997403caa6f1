import '@kundportal/elements/portal-login.js';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
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
import { rendered, signInWith } from './support/interact.js';

interface Args extends AdapterArgs {
  heading: string;
}

/**
 * The sign-in form: email and password. Every story runs on a MemoryAdapter of its own; the
 * controls under "MemoryAdapter" change it.
 */
const meta: Meta<Args> = {
  title: 'Elements/portal-login',
  component: 'portal-login',
  tags: ['autodocs'],
  args: { ...adapterArgs, signedIn: false, heading: 'Sign in' },
  argTypes: {
    ...adapterArgTypes,
    heading: { description: 'Heading above the form; empty hides it.', control: 'text' },
  },
  render: ({ heading, ...backend }) =>
    html`<portal-login heading=${heading} .adapter=${memoryAdapter(backend)}></portal-login>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Signed out: the form, with the portal's name under the heading. */
export const Overview: Story = {};

/** The demo account submitted; the backend never answers. */
export const SigningIn: Story = {
  name: 'States: Signing in',
  args: { delayMs: STAYS_LOADING_MS },
  play: ({ canvasElement }) => signInWith(rendered(canvasElement, 'portal-login')),
};

export const WrongPassword: Story = {
  name: 'States: Wrong password',
  play: ({ canvasElement }) =>
    signInWith(rendered(canvasElement, 'portal-login'), {
      email: DEMO_ACCOUNT.email,
      password: 'not-it',
    }),
};

export const ServerError: Story = {
  name: 'States: Error',
  args: { failWith: 'server' },
  play: ({ canvasElement }) => signInWith(rendered(canvasElement, 'portal-login')),
};

export const SignedIn: Story = {
  name: 'States: Signed in',
  play: ({ canvasElement }) => signInWith(rendered(canvasElement, 'portal-login')),
};

const themingTokens = {
  '--portal-color-accent': 'light-dark(#b4235a, #ff8fba)',
  '--portal-radius': '0',
  '--portal-login-max-width': '32rem',
  '--portal-login-gap': '1.25rem',
};

/**
 * Global tokens and the element's own `--portal-login-*` properties. Colours given with `light-
 * dark()` follow the theme toolbar.
 */
export const Theming: Story = {
  render: ({ heading, ...backend }) => html`
    <div style=${styleMap(themingTokens)}>
      <portal-login heading=${heading} .adapter=${memoryAdapter(backend)}></portal-login>
    </div>
  `,
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: ({ heading, ...backend }) => html`
    <div style="font-size: 200%">
      <portal-login heading=${heading} .adapter=${memoryAdapter(backend)}></portal-login>
    </div>
  `,
};
