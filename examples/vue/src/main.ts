import { MemoryAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import '@kundportal/elements/ticket-detail.js';
import '@kundportal/elements/ticket-list.js';
import { createApp } from 'vue';
import App from './App.vue';

// An in-memory backend with the demo data; the demo account signs in before the first render.
const adapter = new MemoryAdapter();
await adapter.signIn(DEMO_ACCOUNT);

createApp(App, { adapter }).mount('#app');
