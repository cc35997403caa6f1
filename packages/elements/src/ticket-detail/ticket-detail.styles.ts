import { css } from 'lit';
import { filePickerStyles } from '../shared/file-picker.js';
import { portalStyles } from '../shared/styles.js';

export const styles = [
  portalStyles,
  filePickerStyles,
  css`
    .base {
      display: grid;
      gap: var(--_space-m);
    }

    .back {
      justify-self: start;
      display: inline-flex;
      align-items: center;
      min-height: 1.5rem;
    }

    h2 {
      margin: 0 0 var(--_space-s);
      font-size: 1.25rem;
      overflow-wrap: anywhere;
    }

    h2:focus {
      outline: none;
    }

    h2:focus-visible {
      outline: 2px solid var(--_accent);
    }

    dd {
      overflow-wrap: anywhere;
    }

    dl {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s) var(--_space-l);
      margin: 0;
    }

    dt {
      color: var(--_muted);
      font-size: 0.875em;
    }

    dd {
      margin: 0;
    }

    .status {
      font-weight: 600;
    }

    .conversation {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--ticket-detail-message-gap, var(--_space-m));
    }

    .message {
      padding: var(--_space-m);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      /* A long conversation lays out and paints only the messages near the screen; the rest
         stay in the DOM, so find-in-page and screen readers still reach them. */
      content-visibility: auto;
      contain-intrinsic-size: auto 6rem;
    }

    .message.agent {
      background: var(--ticket-detail-agent-background, var(--_surface));
      border-inline-start: 4px solid var(--_accent);
      margin-inline-end: 10%;
    }

    .message.customer {
      background: var(--ticket-detail-customer-background, transparent);
      margin-inline-start: 10%;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      margin: 0 0 var(--_space-s);
      font-size: 0.875em;
    }

    .kind,
    .meta time {
      color: var(--_muted);
    }

    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    /* Agent HTML brings its own line breaks. */
    .text.html {
      white-space: normal;
    }

    .text.html > :first-child {
      margin-top: 0;
    }

    .text.html > :last-child {
      margin-bottom: 0;
    }

    .attachments {
      margin: var(--_space-s) 0 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.25rem;
    }

    .attachments li {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      overflow-wrap: anywhere;
    }

    .reply {
      display: grid;
      gap: var(--_space-s);
    }

    .reply label {
      font-weight: 600;
    }

    textarea {
      width: 100%;
      resize: vertical;
    }

    .closed {
      padding: var(--_space-m);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    /* Phones: messages use the full width instead of indenting by who wrote them. */
    @media (max-width: 30rem) {
      .message.agent {
        margin-inline-end: 0;
      }

      .message.customer {
        margin-inline-start: 0;
      }
    }

    /* A printed ticket: its properties and the whole conversation, nothing to click. */
    @media print {
      .back,
      [part='reply-form'],
      button {
        display: none;
      }

      .message {
        break-inside: avoid;
        background: none;
        margin-inline: 0;
        content-visibility: visible;
      }

      a {
        color: inherit;
      }

      /* Where an attachment link led, since paper cannot follow it. */
      [part='attachment']::after {
        content: ' (' attr(href) ')';
        overflow-wrap: anywhere;
      }
    }
  `,
];
