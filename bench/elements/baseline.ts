// The baselines: the same rows and messages rendered by plain, non-virtualized Lit templates,
// with no adapter, context, localization or paging in between.
import type { Message, Ticket } from '@kundportal/core';
import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const day = (iso: string) => dateFormat.format(new Date(iso));

/** Every ticket as a row of a plain table. */
export function plainTicketTable(tickets: readonly Ticket[]): TemplateResult {
  return html`<table>
    <thead>
      <tr>
        <th>ID</th>
        <th>Subject</th>
        <th>Created</th>
        <th>Last activity</th>
        <th>Status</th>
      </tr>
    </thead>
    <tbody>
      ${repeat(
        tickets,
        (ticket) => ticket.id,
        (ticket) =>
          html`<tr data-ticket-id=${ticket.id}>
            <td>${ticket.id}</td>
            <td><a href="#/tickets/${ticket.id}">${ticket.subject}</a></td>
            <td>${day(ticket.createdAt)}</td>
            <td>${day(ticket.lastActivityAt)}</td>
            <td>${ticket.status === 'open' ? 'Open' : 'Closed'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Every message as an item of a plain list. */
export function plainConversation(messages: readonly Message[]): TemplateResult {
  return html`<ol class="conversation">
    ${messages.map(
      (message) =>
        html`<li class="message">
          <p><strong>${message.author.name}</strong> ${day(message.createdAt)}</p>
          <p>${message.text}</p>
        </li>`,
    )}
  </ol>`;
}

/** A plain sign-in form. */
export function plainSignInForm(): TemplateResult {
  return html`<form>
    <h2>Sign in</h2>
    <label>Email <input type="email" name="email" autocomplete="email" required /></label>
    <label
      >Password <input type="password" name="password" autocomplete="current-password" required
    /></label>
    <button type="submit">Sign in</button>
  </form>`;
}
