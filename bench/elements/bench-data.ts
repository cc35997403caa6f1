// Seeded worlds for the element benchmarks: the demo portal with many tickets, or one ticket
// with a long conversation, in the shape MemoryAdapter takes.
import { demoData, type DemoData, type SeedMessage } from '@kundportal/core/demo';

const WORDS =
  'invoice export payroll report password login mobile sync error slow crash update billing address refund receipt tax salary employee holiday webhook token certificate printer shipment order delivery warranty contract renewal upgrade license permission folder document upload screenshot calendar reminder notification'.split(
    ' ',
  );

const phrase = (seed: number, count: number): string =>
  Array.from({ length: count }, (_, k) => WORDS[(seed * 7919 + k * 104_729) % WORDS.length]).join(
    ' ',
  );

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The demo world where Ada has `count` tickets (no conversations, so listing stays cheap). */
export function manyTicketsWorld(count: number): DemoData {
  const data = demoData();
  data.tickets = Array.from({ length: count }, (_, index) => ({
    id: String(100_000 + index),
    contactId: 'p-ada',
    subject: capitalized(phrase(index, 5)),
    stageId: data.stages[index % data.stages.length]!.id,
    source: 'email' as const,
    minutesAgo: 5 + index * 7,
    properties: { product: ['Invoicing', 'Payroll', 'Mobile app'][index % 3]! },
    threads: [],
  }));
  return data;
}

/** The id of the ticket `longConversationWorld` adds. */
export const LONG_TICKET_ID = '900000';

/** The demo world plus one open ticket of Ada's whose latest thread has `count` messages. */
export function longConversationWorld(count: number): DemoData {
  const data = demoData();
  const messages: SeedMessage[] = Array.from({ length: count }, (_, index) => {
    const agent = index % 2 === 1;
    return {
      id: `m-long-${index}`,
      kind: agent ? 'agent' : 'customer',
      authorName: agent ? 'Karin at Nordlys Support' : 'Ada Lindqvist',
      // Messages of one to four sentences, like a real back-and-forth.
      text: Array.from({ length: 1 + (index % 4) }, (_, s) =>
        capitalized(`${phrase(index * 5 + s, 9 + ((index + s) % 7))}.`),
      ).join(' '),
      minutesAgo: (count - index) * 11,
    };
  });
  data.tickets.push({
    id: LONG_TICKET_ID,
    contactId: 'p-ada',
    subject: 'A long conversation about exports',
    stageId: 'support-progress',
    source: 'email',
    minutesAgo: count * 11 + 10,
    properties: { product: 'Invoicing' },
    threads: [{ id: 't-long', messages }],
  });
  return data;
}
