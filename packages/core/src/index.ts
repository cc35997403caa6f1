export * from './types.js';
export * from './errors.js';
export * from './adapter.js';
export * from './context.js';
export * from './rules.js';
export * from './http-api.js';
export { HttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
export { MemoryAdapter, type MemoryAdapterOptions } from './memory-adapter.js';
