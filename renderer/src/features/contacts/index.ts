// Contact sheet feature: contacts by role, on-call, import/export, print.
export { ContactsPage } from './ContactsPage';
