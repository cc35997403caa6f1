import type { LinkPurpose } from '@kundportal/core';

/** One email, ready for the outbox: plain text and a simple HTML version of the same words. */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
  /** The one link the mail carries, if any. */
  link: string | null;
}

/** What every mail names: the portal's title and the person it goes to. */
export interface MailCopy {
  portalTitle: string;
  recipientName: string;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? '',
  );
}

interface LinkWording {
  subject: (title: string) => string;
  lead: (title: string) => string;
  button: string;
  note: string;
}

const WORDING: Record<LinkPurpose, LinkWording> = {
  verify: {
    subject: (title) => `Confirm your email address for ${title}`,
    lead: (title) => `Confirm your email address to finish signing up for ${title}.`,
    button: 'Confirm my email address',
    note: 'The link works once, within 24 hours. If you did not sign up, ignore this email.',
  },
  invitation: {
    subject: (title) => `You are invited to ${title}`,
    lead: (title) =>
      `You have been given access to ${title}, where you can follow and reply to your support tickets. Choose a password to get started.`,
    button: 'Choose a password',
    note: 'The link works once, within 7 days.',
  },
  reset: {
    subject: (title) => `Reset your password for ${title}`,
    lead: (title) => `Someone asked to reset the password of your account at ${title}.`,
    button: 'Choose a new password',
    note: 'The link works once, within 1 hour, and signs you out everywhere else. If you did not ask for it, ignore this email: your password stays as it is.',
  },
  'sign-in': {
    subject: (title) => `Your sign-in link for ${title}`,
    lead: (title) => `Here is the link to sign in to ${title}.`,
    button: 'Sign in',
    note: 'The link works once, within 15 minutes. If you did not ask for it, ignore this email.',
  },
};

/** The mail carrying a one-time link (`link` already holds the token in its fragment). */
export function linkMail(purpose: LinkPurpose, link: string, copy: MailCopy): MailMessage {
  const wording = WORDING[purpose];
  return compose(wording.subject(copy.portalTitle), copy.recipientName, [
    { text: wording.lead(copy.portalTitle) },
    { text: wording.button, href: link },
    { text: wording.note },
  ]);
}

/**
 * Sent when someone registers with an address that already has an account. It carries no
 * token: it only says how to get in, so registration does not reveal or take over accounts.
 */
export function alreadyRegisteredMail(portalUrl: string, copy: MailCopy): MailMessage {
  return {
    ...compose(`You already have an account at ${copy.portalTitle}`, copy.recipientName, [
      {
        text: `Someone, probably you, tried to sign up for ${copy.portalTitle} with this email address. You already have an account, so nothing was changed.`,
      },
      { text: 'Sign in', href: portalUrl },
      { text: 'If you forgot your password, choose "Forgot password" on the sign-in page.' },
    ]),
    link: null,
  };
}

type Paragraph = { text: string; href?: string };

function compose(subject: string, name: string, paragraphs: Paragraph[]): MailMessage {
  const text = [
    `Hello ${name},`,
    ...paragraphs.map((p) => (p.href ? `${p.text}: ${p.href}` : p.text)),
  ].join('\n\n');
  const html = [
    `<p>Hello ${escapeHtml(name)},</p>`,
    ...paragraphs.map((p) =>
      p.href
        ? `<p><a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
    ),
  ].join('\n');
  const link = paragraphs.find((p) => p.href)?.href ?? null;
  return { subject, text: `${text}\n`, html, link };
}
