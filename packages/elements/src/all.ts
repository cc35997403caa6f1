// The script-tag bundle: registers every element under its default tag.
import './customer-portal/customer-portal.js';
import './kb-portal-link/kb-portal-link.js';
import './portal-login/portal-login.js';
import './support-form/support-form.js';
import './ticket-detail/ticket-detail.js';
import './ticket-list/ticket-list.js';

export * from './index.js';
