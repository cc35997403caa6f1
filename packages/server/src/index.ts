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
export { seedDemo } from './seed.js';
export {
  startServer,
  type RunningServer,
  type StartServerOptions,
  type StaticDir,
} from './serve.js';
