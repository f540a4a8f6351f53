// Renderer entry: styles, the service worker (browser build only), then the React app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './app/register-sw';
import './styles/theme.css';
import './styles/app.css';

registerServiceWorker();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<App />);
