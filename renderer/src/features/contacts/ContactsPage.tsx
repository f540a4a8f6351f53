// The contact sheet page (placeholder until the full page lands).
export function ContactsPage() {
  return <main aria-label="Contacts"><h1>Contacts</h1></main>;
}
