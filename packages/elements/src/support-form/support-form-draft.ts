import { keepPageGlobals } from '@kundportal/core';
import { replyDraftKey } from '../shared/reply-draft.js';

/**
 * A new ticket being written, kept in localStorage from the first keystroke until the server
 * has filed it, so neither a reload nor a lost connection loses it. The idempotency key travels
 * with the values: however often the form is sent, from however many reloads, one ticket.
 * Chosen files cannot be stored; they stay as long as the form does.
 */
export interface TicketDraft {
  values: Record<string, string>;
  idempotencyKey: string;
}

// Under the reply drafts' prefix, so signing out forgets it with them.
const DRAFT_KEY = replyDraftKey('new-ticket');

/** JSON as the page had it when Kundportal loaded: a page's replacement cannot lose drafts. */
const { stringify, parse } = keepPageGlobals();

function isTicketDraft(value: unknown): value is TicketDraft {
  const draft = value as Partial<TicketDraft> | null;
  return (
    typeof draft?.idempotencyKey === 'string' &&
    typeof draft.values === 'object' &&
    draft.values !== null &&
    Object.values(draft.values).every((field) => typeof field === 'string')
  );
}

// Storage may be blocked (privacy settings) or full; the draft then lives on screen only.

export function loadTicketDraft(): TicketDraft | undefined {
  try {
    const stored: unknown = parse(localStorage.getItem(DRAFT_KEY) ?? 'null');
    return isTicketDraft(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveTicketDraft(draft: TicketDraft): void {
  try {
    localStorage.setItem(DRAFT_KEY, stringify(draft));
  } catch {
    // Kept on screen only.
  }
}

/** Forgets the draft: the server has the ticket, or the form was emptied. */
export function clearTicketDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing was stored.
  }
}
