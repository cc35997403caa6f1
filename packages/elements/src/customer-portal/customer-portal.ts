import '../portal-login/portal-login.js';
import '../support-form/support-form.js';
import '../ticket-detail/ticket-detail.js';
import '../ticket-list/ticket-list.js';
import { CustomerPortal } from './customer-portal.component.js';

export { CustomerPortal };

if (!customElements.get('customer-portal'))
  customElements.define('customer-portal', CustomerPortal);

declare global {
  interface HTMLElementTagNameMap {
    'customer-portal': CustomerPortal;
  }
}
