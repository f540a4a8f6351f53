// The status page's maintenance screen, loaded on demand: app/pages.tsx imports this file lazily (React.lazy), so the
// page and what only it uses stay out of the first load. Not re-exported from index.ts, which would pull it back in.
export { MaintenancePage } from './MaintenancePage';
