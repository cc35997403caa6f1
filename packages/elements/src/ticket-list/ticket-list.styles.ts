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

    h2 {
      margin: 0;
      font-size: 1.25rem;
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
  `,
];
