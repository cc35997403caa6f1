import '@kundportal/elements/portal-login.js';
import type { LoginView } from '@kundportal/elements';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import {
  STAYS_LOADING_MS,
  adapterArgTypes,
  adapterArgs,
  memoryAdapter,
  stalledSignInAdapter,
  type AdapterArgs,
} from './support/memory-adapter.js';
import { rendered, signInWith } from './support/interact.js';

interface Args extends AdapterArgs {
  heading: string;
  view: LoginView;
}

/**
 * The sign-in form: email and password. Every story runs on a MemoryAdapter of its own; the
 * controls under "MemoryAdapter" change it.
 */
const meta: Meta<Args> = {
  title: 'Elements/portal-login',
  component: 'portal-login',
  tags: ['autodocs'],
  args: { ...adapterArgs, signedIn: false, heading: 'Sign in', view: 'sign-in' },
  argTypes: {
    ...adapterArgTypes,
    heading: { description: 'Heading above the form; empty hides it.', control: 'text' },
    view: {
      description: 'Which view opens first; the links in each view move between them.',
      control: 'select',
      options: [
        'sign-in',
        'register',
        'check-email',
        'forgot-password',
        'reset-link-sent',
        'reset-password',
        'invitation',
        'sign-in-link',
        'sign-in-link-sent',
        'access-denied',
        'sso-error',
      ],
    },
  },
  render: ({ heading, view, ...backend }) =>
    html`<portal-login
      heading=${heading}
      view=${view}
      .adapter=${memoryAdapter(backend)}
    ></portal-login>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Signed out: the form, with the portal's name under the heading. */
export const Overview: Story = {};

/** The demo account submitted; the backend never answers the sign-in. */
export const SigningIn: Story = {
  name: 'States: Signing in',
  render: ({ heading, view, ...backend }) =>
    html`<portal-login
      heading=${heading}
      view=${view}
      .adapter=${stalledSignInAdapter(backend)}
    ></portal-login>`,
  play: ({ canvasElement }) => signInWith(rendered(canvasElement, 'portal-login')),
};

/** The portal config (which says how to sign in) has not arrived. */
export const Loading: Story = {
  name: 'States: Loading',
  args: { delayMs: STAYS_LOADING_MS },
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

/** Self-registration, with the portal's consent text (its links open in a new tab). */
export const Register: Story = {
  name: 'Views: Register',
  args: { view: 'register' },
};

export const CheckEmail: Story = {
  name: 'Views: Check your email',
  args: { view: 'check-email' },
};

export const ForgotPassword: Story = {
  name: 'Views: Forgot password',
  args: { view: 'forgot-password' },
};

/** The same words whether or not the address has an account. */
export const ResetLinkSent: Story = {
  name: 'Views: Reset link sent',
  args: { view: 'reset-link-sent' },
};

/** Reached from the link in a reset email. */
export const ResetPassword: Story = {
  name: 'Views: Choose a new password',
  args: { view: 'reset-password' },
};

/** Reached from the link in an invitation email. */
export const Invitation: Story = {
  name: 'Views: Accept an invitation',
  args: { view: 'invitation' },
};

export const SignInLink: Story = {
  name: 'Views: Email me a sign-in link',
  args: { view: 'sign-in-link' },
};

export const SignInLinkSent: Story = {
  name: 'Views: Sign-in link sent',
  args: { view: 'sign-in-link-sent' },
};

/** A portal that offers single sign-on shows a button per provider. */
export const SingleSignOn: Story = {
  name: 'Views: Single sign-on buttons',
  args: { world: 'sso' },
};

/** Someone outside the allowed set: a calm page, not an error. */
export const AccessDenied: Story = {
  name: 'Views: Access denied',
  args: { view: 'access-denied' },
};

export const SsoError: Story = {
  name: 'Views: Single sign-on failed',
  args: { view: 'sso-error' },
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
  render: ({ heading, view: _view, ...backend }) => html`
    <div style=${styleMap(themingTokens)}>
      <portal-login heading=${heading} .adapter=${memoryAdapter(backend)}></portal-login>
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

/** In Arabic: texts from its catalog, laid out right to left. */
export const RightToLeft: Story = {
  name: 'Theming: Arabic, right to left',
  globals: { locale: 'ar' },
  // The language is the page's, so on the Docs page it would switch every story's texts.
  tags: ['!autodocs'],
};

/** Text at 200% (WCAG 1.4.4); the a11y panel runs axe on every story and fails on violations. */
export const Accessibility: Story = {
  render: ({ heading, view: _view, ...backend }) => html`
    <div style="font-size: 200%">
      <portal-login heading=${heading} .adapter=${memoryAdapter(backend)}></portal-login>
    </div>
  `,
};
