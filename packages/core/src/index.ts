export * from './types.js';
export * from './errors.js';
export * from './adapter.js';
export * from './context.js';
export * from './rules.js';
export { dateTimeFormat, displayNames, numberFormat, relativeTimeFormat } from './intl.js';
export * from './account-rules.js';
export * from './support-form-rules.js';
export {
  formatMessage,
  messageCatalog,
  messageLanguage,
  MESSAGE_LANGUAGES,
  type MessageKey,
} from './messages.js';
export {
  addValidationMessages,
  type ValidationMessageKey,
  type ValidationMessages,
} from './validation-messages.js';
export * from './http-api.js';
export { HttpAdapter } from './http-adapter.js';
export { HttpReader, type HttpAdapterOptions } from './http-reader.js';
export { keepPageGlobals, type PageGlobals } from './page-globals.js';
export { MemoryAdapter, type MemoryAdapterOptions } from './memory-adapter.js';
