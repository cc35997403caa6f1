import type { Env, Hono } from 'hono';
import type { Queryable } from '../db.js';
import { escapeHtml } from './messages.js';
import { listOutbox, type OutboxMail } from './outbox.js';

/**
 * `GET /dev/mailbox`: every mail in the outbox, newest first, with its link clickable, so
 * someone trying the demo without SMTP can follow invitation, verification, reset and sign-in
 * links. It shows live tokens: mount it only in demo mode.
 */
export function mountDevMailbox<E extends Env>(app: Hono<E>, db: Queryable): void {
  app.get('/dev/mailbox', async (c) => {
    const mails = await listOutbox(db);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    c.header('X-Robots-Tag', 'noindex');
    return c.html(mailboxPage(mails));
  });
}

function mailboxPage(mails: OutboxMail[]): string {
  const items = mails.map(
    (mail) => `<li>
  <p><strong>${escapeHtml(mail.subject)}</strong><br>
  To ${escapeHtml(mail.to)} · ${escapeHtml(mail.createdAt.toISOString())} · ${escapeHtml(status(mail))}</p>
  ${mail.link ? `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(mail.link)}</a></p>` : ''}
  <pre>${escapeHtml(mail.text)}</pre>
</li>`,
  );
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Dev mailbox</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}
li{border-bottom:1px solid #ccc;list-style:none;padding:0.5rem 0}ul{padding:0}
pre{white-space:pre-wrap;background:#f4f4f4;padding:0.5rem}a{word-break:break-all}</style></head>
<body>
<h1>Dev mailbox</h1>
<p>Mail the portal sent, newest first. Shown only in demo mode, when no SMTP server is set.</p>
${items.length ? `<ul>${items.join('\n')}</ul>` : '<p>No mail yet.</p>'}
</body>
</html>`;
}

function status(mail: OutboxMail): string {
  if (mail.sentAt) return 'sent';
  if (mail.failedAt) return `failed: ${mail.lastError ?? ''}`;
  return 'waiting';
}
