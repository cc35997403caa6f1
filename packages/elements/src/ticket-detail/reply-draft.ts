/**
 * A reply being written, kept in localStorage from the first keystroke until the server has
 * stored it, so neither a reload nor a lost connection loses it. The idempotency key travels
 * with the text: however often the reply is sent, from however many reloads, it lands once.
 */
export interface ReplyDraft {
  text: string;
  idempotencyKey: string;
}

/** Where the draft of a ticket's reply is kept. */
export function replyDraftKey(ticketId: string): string {
  return `kundportal:draft:${ticketId}`;
}

function isReplyDraft(value: unknown): value is ReplyDraft {
  const draft = value as Partial<ReplyDraft> | null;
  return typeof draft?.text === 'string' && typeof draft.idempotencyKey === 'string';
}

// Storage may be blocked (privacy settings) or full; the draft then lives on screen only.

export function loadReplyDraft(ticketId: string): ReplyDraft | undefined {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(replyDraftKey(ticketId)) ?? 'null');
    return isReplyDraft(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveReplyDraft(ticketId: string, draft: ReplyDraft): void {
  try {
    localStorage.setItem(replyDraftKey(ticketId), JSON.stringify(draft));
  } catch {
    // Kept on screen only.
  }
}

export function clearReplyDraft(ticketId: string): void {
  try {
    localStorage.removeItem(replyDraftKey(ticketId));
  } catch {
    // Nothing was stored.
  }
}
