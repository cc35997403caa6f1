import { css } from 'lit';
import { portalStyles } from '../shared/styles.js';

export const styles = [
  portalStyles,
  css`
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space-m);
      margin-bottom: var(--_space-m);
    }

    .base {
      /* The list lays out by its own width, so a narrow column on a wide page gets cards too. */
      container: ticket-list / inline-size;
    }

    h2 {
      margin: 0;
      font-size: 1.25rem;
    }

    h2:focus {
      outline: none;
    }

    h2:focus-visible {
      outline: 2px solid var(--_accent);
    }

    .controls,
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-s) var(--_space-m);
    }

    /* Rows are grids with the same tracks: see the note on the class. */
    table,
    thead,
    tbody {
      display: block;
      width: 100%;
    }

    [aria-busy='true'] table {
      opacity: 0.6;
    }

    tr {
      display: grid;
      grid-template-columns: var(--ticket-list-columns, var(--_columns));
      width: 100%;
    }

    /* A virtualized row is laid out on its own: rows coming and going while the list scrolls
       then re-lay out only themselves, not the whole table (far fewer long frames). */
    tbody.virtual > tr {
      contain: layout style;
    }

    th,
    td {
      display: block;
      min-width: 0;
      text-align: start;
      padding: var(--ticket-list-cell-padding, var(--_space-s));
      border-bottom: var(--ticket-list-row-border, 1px solid var(--_border));
    }

    th {
      font-weight: 600;
      white-space: nowrap;
    }

    .subject {
      overflow-wrap: anywhere;
    }

    /* A target of at least 24 by 24 pixels (WCAG 2.5.8), even for a one-word subject. */
    [part='link'] {
      display: inline-block;
      min-height: 1.5rem;
      min-width: 1.5rem;
      line-height: 1.5rem;
    }

    button.sort {
      display: inline-flex;
      align-items: center;
      gap: 0.25em;
      min-height: 1.5rem;
      padding: 0;
      border: 0;
      background: none;
      color: inherit;
      font-weight: inherit;
    }

    button.sort:hover {
      text-decoration: underline;
    }

    /* The arrow is decoration (empty alternative text): aria-sort tells assistive technology. */
    .sort::after {
      content: '';
      display: inline-block;
      min-width: 1em;
      font-size: 0.75em;
    }

    .sort.ascending::after {
      content: '▲' / '';
    }

    .sort.descending::after {
      content: '▼' / '';
    }

    td.id,
    time {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }

    .status {
      font-weight: 600;
    }

    .status.open {
      color: var(--ticket-list-open-color, var(--_accent-text));
    }

    .status.closed {
      color: var(--_muted);
    }

    .empty {
      color: var(--_muted);
    }

    .empty p {
      margin: 0 0 var(--_space-s);
    }

    .more {
      margin-top: var(--_space-m);
    }

    .new-activity {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-m);
      margin-bottom: var(--_space-m);
      padding: var(--_space-s) var(--_space-m);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    .new-activity p {
      margin: 0;
    }

    /* Narrow (phones, sidebars): each ticket becomes a card, its subject first and the other
       columns below with their names. */
    @container ticket-list (max-width: 32rem) {
      .controls,
      form {
        width: 100%;
      }

      form,
      .controls label {
        flex: 1 1 12rem;
      }

      input[type='search'],
      select {
        flex: 1;
        min-width: 0;
      }

      /* The column headers wrap into one line of sort buttons above the cards. */
      thead tr {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--_space-m);
        padding-bottom: var(--_space-s);
      }

      th {
        padding: 0;
        border: 0;
      }

      tr {
        display: grid;
        grid-template-columns: 1fr;
        gap: 0.125rem var(--_space-m);
        padding: var(--_space-s) 0;
        border-bottom: var(--ticket-list-row-border, 1px solid var(--_border));
      }

      td {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--_space-s);
        padding: 0;
        border: 0;
      }

      td.subject {
        order: -1;
        font-weight: 600;
      }

      /* The name is already the column header's for assistive technology: shown, not spoken. */
      td[data-label]::before {
        content: attr(data-label) / '';
        color: var(--_muted);
        min-width: 7rem;
      }
    }

    @media print {
      .controls,
      [part='more'],
      [part='new-activity'],
      .sort::after {
        display: none;
      }

      [aria-busy='true'] table {
        opacity: 1;
      }

      tr {
        break-inside: avoid;
      }

      a {
        color: inherit;
        text-decoration: none;
      }
    }
  `,
];
