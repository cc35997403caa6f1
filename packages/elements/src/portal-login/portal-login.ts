import { PortalLogin } from './portal-login.component.js';

export { PortalLogin };

if (!customElements.get('portal-login')) customElements.define('portal-login', PortalLogin);

declare global {
  interface HTMLElementTagNameMap {
    'portal-login': PortalLogin;
  }
}
