import { keepPageGlobals } from '@kundportal/core';
/**
 * A reply being written, kept in localStorage from the first keystroke until the server has
 * stored it, so neither a reload nor a lost connection loses it. The idempotency key travels
 * with the text: however often the reply is sent, from however many reloads, it lands once.
 */
export interface ReplyDraft {
  text: string;
  idempotencyKey: string;
}

const DRAFT_PREFIX = 'kundportal:draft:';

/** Where the draft of a ticket's reply is kept. */
export function replyDraftKey(ticketId: string): string {
  return `${DRAFT_PREFIX}${ticketId}`;
}

/**
 * Files chosen for a reply, by ticket id. File objects cannot be stored in localStorage, so
 * they live as long as the page does: long enough for a retry or a visit to another ticket.
 */
const draftFiles = new Map<string, File[]>();

function isReplyDraft(value: unknown): value is ReplyDraft {
  const draft = value as Partial<ReplyDraft> | null;
  return typeof draft?.text === 'string' && typeof draft.idempotencyKey === 'string';
}

/** JSON as the page had it when Kundportal loaded: a page's replacement cannot lose drafts. */
const { stringify, parse } = keepPageGlobals();

// Storage may be blocked (privacy settings) or full; the draft then lives on screen only.

export function loadReplyDraft(ticketId: string): ReplyDraft | undefined {
  try {
    const stored: unknown = parse(localStorage.getItem(replyDraftKey(ticketId)) ?? 'null');
    return isReplyDraft(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveReplyDraft(ticketId: string, draft: ReplyDraft): void {
  try {
    localStorage.setItem(replyDraftKey(ticketId), stringify(draft));
  } catch {
    // Kept on screen only.
  }
}

/** The files chosen for a ticket's reply and not yet sent. */
export function loadDraftFiles(ticketId: string): File[] {
  return [...(draftFiles.get(ticketId) ?? [])];
}

export function saveDraftFiles(ticketId: string, files: readonly File[]): void {
  if (files.length) draftFiles.set(ticketId, [...files]);
  else draftFiles.delete(ticketId);
}

/** Forgets a ticket's draft, text and files: the server has the reply. */
export function clearReplyDraft(ticketId: string): void {
  draftFiles.delete(ticketId);
  try {
    localStorage.removeItem(replyDraftKey(ticketId));
  } catch {
    // Nothing was stored.
  }
}

/** Forgets every draft, so the next person on a shared computer finds none. */
export function clearAllReplyDrafts(): void {
  draftFiles.clear();
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
    for (const key of keys) if (key?.startsWith(DRAFT_PREFIX)) localStorage.removeItem(key);
  } catch {
    // Nothing was stored.
  }
}
