import type { LinkPurpose } from '@kundportal/core';
import type { Database } from '@kundportal/server';

/**
 * The token of the newest link of this kind mailed to the address, read like a person would:
 * from the body of the mail in the server's outbox, `…#/<purpose>/<token>`.
 */
export async function lastMailedLink(
  db: Database,
  email: string,
  purpose: LinkPurpose,
): Promise<string | undefined> {
  const mails = await db.query<{ text_body: string }>(
    'SELECT text_body FROM mail_outbox WHERE lower(to_address) = lower($1) ORDER BY id DESC',
    [email],
  );
  const link = new RegExp(`#/${purpose}/([A-Za-z0-9_-]+)`);
  for (const { text_body } of mails) {
    const token = link.exec(text_body)?.[1];
    if (token) return token;
  }
  return undefined;
}
