export { createApp, SESSION_COOKIE, type AppOptions } from './app.js';
export {
  openDatabase,
  DatabaseUnavailableError,
  type Database,
  type OpenDatabaseOptions,
  type Queryable,
  type SqlValue,
} from './db.js';
export { runMigrations } from './migrate.js';
export {
  seedDemo,
  demoSettings,
  DEMO_INBOXES,
  DEMO_INVITEE,
  DEMO_LIST,
  type SeedOptions,
} from './seed.js';
export {
  startServer,
  type RunningServer,
  type StartServerOptions,
  type StaticDir,
} from './serve.js';
export {
  loadPortalSettings,
  portalConfigFrom,
  type AccessMode,
  type PortalSettings,
} from './portal-settings.js';
export { assertMayEnter, type EntryMethod } from './access/access-policy.js';
export { listOutbox, type OutboxMail } from './mail/outbox.js';
export type { MailSender } from './mail/sender.js';
export type { MailTransport } from './mail/transports.js';
