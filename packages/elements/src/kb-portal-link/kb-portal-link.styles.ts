import { css } from '@lit/reactive-element';

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

  .count {
    display: inline-block;
    min-inline-size: 1.6em;
    padding: 0 0.45em;
    border-radius: 0.8em;
    background: var(--kb-portal-link-count-background, var(--portal-color-accent, #0b57d0));
    color: var(--kb-portal-link-count-color, #fff);
    font-size: 0.8em;
    font-weight: 600;
    line-height: 1.6;
    text-align: center;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
