// Renderer entry: styles, the service worker (browser build only), the React app, then the sync service.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './app/register-sw';
import { syncService } from './features/sync';
import { restoreTheme } from './features/settings';
import { db } from './db/instance';
import { migrateLocalTeamData } from './db/migrate-team';
import './styles/theme.css';
import './styles/app.css';

// The bench build (vite --mode bench) exposes a seeding hook; production builds drop this branch entirely.
if (import.meta.env.MODE === 'bench') {
  void import('./db/bench-hook').then((m) => m.installBenchHook());
  void import('./app/bench-sync-hook').then((m) => m.installSyncBenchHook()); // bench:sync's two-browser path
} else registerServiceWorker();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
restoreTheme();
createRoot(container).render(<App />);
// Move this laptop's pre-team contact sheet and imported plan into the team stream (once), then resume syncing
// when this device is connected to a server (reads Dexie; never blocks the UI).
void migrateLocalTeamData(db)
  .catch((error: unknown) => console.error('moving the local contacts and plan to the team stream failed; they stay in the legacy tables', error))
  .finally(() => void syncService.start());
