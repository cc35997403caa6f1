import { MemoryAdapter, type PortalAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { TicketDetail, TicketList, type PortalTicketOpenEvent } from '@kundportal/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** The signed-in customer's tickets, and the one they opened below the list. */
function App({ adapter }: { adapter: PortalAdapter }) {
  const [ticketId, setTicketId] = useState<string>();

  const openTicket = (event: PortalTicketOpenEvent) => {
    // The app shows the ticket itself instead of following the row's link.
    event.preventDefault();
    setTicketId(event.ticketId);
  };

  return (
    <main>
      <h1>My support tickets</h1>
      <TicketList adapter={adapter} onPortalTicketOpen={openTicket} />
      {ticketId && (
        <section aria-labelledby="opened">
          <h2 id="opened">Ticket {ticketId}</h2>
          <TicketDetail
            adapter={adapter}
            ticketId={ticketId}
            onPortalNavigate={(event) => {
              event.preventDefault();
              setTicketId(undefined);
            }}
          />
        </section>
      )}
    </main>
  );
}

// An in-memory backend with the demo data; the demo account signs in before the first render.
const adapter = new MemoryAdapter();
await adapter.signIn(DEMO_ACCOUNT);

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App adapter={adapter} />
  </StrictMode>,
);
