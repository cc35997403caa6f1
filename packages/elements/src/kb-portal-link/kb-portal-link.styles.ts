import { css } from 'lit';

export const styles = css`
  :host {
    display: inline;
    font: inherit;
  }

  a {
    color: var(--kb-portal-link-color, inherit);
  }

  a:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }
`;
