// Renderer entry: styles, the service worker (browser build only), the React app, then the sync service.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './app/register-sw';
import { syncService } from './features/sync';
import './styles/theme.css';
import './styles/app.css';

// The bench build (vite --mode bench) exposes a seeding hook; production builds drop this branch entirely.
if (import.meta.env.MODE === 'bench') void import('./db/bench-hook').then((m) => m.installBenchHook());
else registerServiceWorker();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<App />);
// Resume syncing when this device is connected to a server (reads Dexie; never blocks the UI).
void syncService.start();
