import { formatMessage, type LinkPurpose, type MessageKey } from '@kundportal/core';

/** One email, ready for the outbox: plain text and a simple HTML version of the same words. */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
  /** The one link the mail carries, if any. */
  link: string | null;
}

/** What every mail names: the portal's title, the person it goes to, and their language. */
export interface MailCopy {
  portalTitle: string;
  recipientName: string;
  /** A catalog language (`en`, `sv`, ...); others fall back to English. */
  language: string;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? '',
  );
}

/** The catalog names of each link mail's subject, lead, button and note. */
const WORDING: Record<LinkPurpose, [MessageKey, MessageKey, MessageKey, MessageKey]> = {
  verify: ['verifySubject', 'verifyLead', 'verifyButton', 'verifyNote'],
  invitation: ['invitationSubject', 'invitationLead', 'invitationButton', 'invitationNote'],
  reset: ['resetSubject', 'resetLead', 'resetButton', 'resetNote'],
  'sign-in': ['signInSubject', 'signInLead', 'signInButton', 'signInNote'],
};

/** The mail carrying a one-time link (`link` already holds the token in its fragment). */
export function linkMail(purpose: LinkPurpose, link: string, copy: MailCopy): MailMessage {
  const say = (key: MessageKey) => formatMessage(key, { title: copy.portalTitle }, copy.language);
  const [subject, lead, button, note] = WORDING[purpose];
  return compose(say(subject), copy, [
    { text: say(lead) },
    { text: say(button), href: link },
    { text: say(note) },
  ]);
}

/**
 * Sent when someone registers with an address that already has an account. It carries no
 * token: it only says how to get in, so registration does not reveal or take over accounts.
 */
export function alreadyRegisteredMail(portalUrl: string, copy: MailCopy): MailMessage {
  const say = (key: MessageKey) => formatMessage(key, { title: copy.portalTitle }, copy.language);
  return {
    ...compose(say('registeredSubject'), copy, [
      { text: say('registeredLead') },
      { text: say('signInButton'), href: portalUrl },
      { text: say('registeredForgot') },
    ]),
    link: null,
  };
}

type Paragraph = { text: string; href?: string };

function compose(subject: string, copy: MailCopy, paragraphs: Paragraph[]): MailMessage {
  const greeting = formatMessage('mailGreeting', { name: copy.recipientName }, copy.language);
  const text = [
    greeting,
    ...paragraphs.map((p) => (p.href ? `${p.text}: ${p.href}` : p.text)),
  ].join('\n\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) =>
      p.href
        ? `<p><a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
    ),
  ].join('\n');
  const link = paragraphs.find((p) => p.href)?.href ?? null;
  return { subject, text: `${text}\n`, html, link };
}
