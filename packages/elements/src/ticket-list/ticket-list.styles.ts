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

    table {
      width: 100%;
      border-collapse: collapse;
    }

    th,
    td {
      text-align: start;
      padding: var(--ticket-list-cell-padding, var(--_space-s));
      border-bottom: var(--ticket-list-row-border, 1px solid var(--_border));
      vertical-align: top;
    }

    th {
      font-weight: 600;
      white-space: nowrap;
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
      color: var(--ticket-list-open-color, var(--_accent));
    }

    .status.closed {
      color: var(--_muted);
    }

    .empty {
      color: var(--_muted);
    }

    .more {
      margin-top: var(--_space-m);
    }
  `,
];
