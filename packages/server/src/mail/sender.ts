import { DatabaseUnavailableError, type Database } from '../db.js';
import { claimDueMail, markMailFailed, markMailSent } from './outbox.js';
import type { MailTransport } from './transports.js';

const SECOND = 1000;
/** Given up after this many attempts (about a day of retries with the backoff below). */
const MAX_ATTEMPTS = 12;
/** How long a claimed mail is left to its sender before another may try it. */
const LEASE_MS = 2 * 60 * SECOND;
const BATCH = 20;

/** Delivers the outbox: now (`deliverPendingMail`), on a timer, and when told mail is queued. */
export interface MailSender {
  /** Sends every mail that is due; returns how many were sent. */
  deliverPendingMail(): Promise<number>;
  /** Polls every `intervalMs` until `stop()`. */
  start(intervalMs?: number): void;
  /** Asks for a delivery round soon (after an action queued mail). */
  wake(): void;
  /** Stops polling and waits for a round in progress. */
  stop(): Promise<void>;
}

export interface MailSenderOptions {
  db: Database;
  transport: MailTransport;
  now?: () => Date;
  reportError?: (error: unknown) => void;
}

/** Wait before the next attempt: 30 s, 1 min, 2 min, … capped at 4 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30 * SECOND * 2 ** Math.max(0, attempts - 1), 4 * 60 * 60 * SECOND);
}

export function createMailSender({
  db,
  transport,
  now = () => new Date(),
  reportError = (error) => console.error(error),
}: MailSenderOptions): MailSender {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;
  // With the database away the outbox waits there; the next round after it returns sends it.
  const reportRoundError = (error: unknown) => {
    if (!(error instanceof DatabaseUnavailableError)) reportError(error);
  };

  async function deliverRound(): Promise<number> {
    let sent = 0;
    for (;;) {
      const started = now();
      const batch = await claimDueMail(db, started, new Date(started.getTime() + LEASE_MS), BATCH);
      for (const mail of batch) {
        try {
          await transport.send(mail);
          await markMailSent(db, mail.id, now());
          sent += 1;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const retryAt =
            attempts >= MAX_ATTEMPTS ? null : new Date(now().getTime() + retryDelayMs(attempts));
          await markMailFailed(db, mail.id, String(error), now(), retryAt);
        }
      }
      if (batch.length < BATCH) return sent;
    }
  }

  function deliverPendingMail(): Promise<number> {
    // One round at a time; a call during a round gets one more round after it.
    if (running) {
      again = true;
      return running;
    }
    running = deliverRound().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void deliverPendingMail().catch(reportRoundError);
      }
    });
    return running;
  }

  return {
    deliverPendingMail,
    start(intervalMs = 5 * SECOND) {
      stopped = false;
      timer ??= setInterval(() => void deliverPendingMail().catch(reportRoundError), intervalMs);
      timer.unref();
    },
    wake() {
      setImmediate(() => {
        if (!stopped) void deliverPendingMail().catch(reportRoundError);
      });
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
      transport.close?.();
    },
  };
}
