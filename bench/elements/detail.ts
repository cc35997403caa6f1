// The ticket-detail page: `<ticket-detail>` with a 500-message conversation on a MemoryAdapter,
// and the same messages in a plain Lit list.
import { MemoryAdapter, type Message } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import '@kundportal/elements/ticket-detail.js';
import { nothing, render } from 'lit';
import { plainConversation } from './baseline.js';
import { LONG_TICKET_ID, longConversationWorld } from './bench-data.js';
import { paintedWhen } from './timing.js';

const COUNT = Number(new URLSearchParams(location.search).get('count') ?? 500);
const world = longConversationWorld(COUNT);
const stage = document.querySelector<HTMLElement>('#stage')!;
// Elements go in their own container: Lit keeps its markers in `stage` between renders.
const host = document.querySelector<HTMLElement>('#host')!;

function clear(): void {
  render(nothing, stage);
  host.replaceChildren();
}

/** Mounts `<ticket-detail>` and times mount → conversation painted, and its data → painted. */
async function elementDetail() {
  clear();
  const adapter = new MemoryAdapter({ data: world, signedInAs: DEMO_ACCOUNT.email });
  let dataAt = 0;
  const listMessages = adapter.listMessages.bind(adapter);
  adapter.listMessages = async (id: string) => {
    const messages = await listMessages(id);
    dataAt = performance.now();
    return messages;
  };
  const started = performance.now();
  const el = document.createElement('ticket-detail');
  el.adapter = adapter;
  el.ticketId = LONG_TICKET_ID;
  host.append(el);
  const painted = await paintedWhen(
    () => el.shadowRoot?.querySelectorAll('[part~=message]').length === COUNT,
  );
  return { total: painted - started, dataToPaint: painted - dataAt };
}

let messages: Message[] | undefined;
/** Renders the same messages in a plain list and times data → painted. */
async function baselineDetail() {
  clear();
  messages ??= await new MemoryAdapter({
    data: world,
    signedInAs: DEMO_ACCOUNT.email,
  }).listMessages(LONG_TICKET_ID);
  const started = performance.now();
  render(plainConversation(messages), stage);
  const painted = await paintedWhen(() => stage.querySelectorAll('li.message').length === COUNT);
  return { total: painted - started, dataToPaint: painted - started };
}

const api = { elementDetail, baselineDetail, clear };
declare global {
  interface Window {
    kpDetailBench: typeof api;
  }
}
window.kpDetailBench = api;
