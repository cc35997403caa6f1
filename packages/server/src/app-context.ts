import type { SsoProvider } from '@kundportal/core';
import type { Database } from './db.js';
import type { PortalSettings } from './portal-settings.js';

/** What every route module of the app shares. */
export interface AppDeps {
  db: Database;
  now: () => Date;
  /** Absolute session lifetime, however active the session is. */
  sessionTtlMinutes: number;
  /** This server's public base URL; `null` means the origin the request came to. */
  publicUrl: string | null;
  /** Other sites allowed to call the customer API, besides those in the settings. */
  allowedOrigins: readonly string[];
  /** Read the client IP from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** The agent API key; `null` turns the agent API off. */
  agentApiKey: string | null;
  /** Called after a transaction that queued mail has committed. */
  mailQueued: () => void;
  /** The public descriptions of the configured SSO providers (from the SSO module). */
  ssoProviders: (settings: PortalSettings) => SsoProvider[];
}

/** Hono's per-request variables: the settings, loaded once by the customer request guard. */
export interface AppEnv {
  Variables: { settings: PortalSettings; language: string };
}
