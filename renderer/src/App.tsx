// Top-level application shell: first run, navigation, theme, shortcuts, settings, sync status, the clock alert watcher,
// the page of the route table (app/pages.tsx), and the wall display in place of the navigation and page.
import { useEffect } from 'react';
import { FirstRun } from './app/FirstRun';
import { currentNav, NAV_ENTRIES, ROUTES } from './app/pages';
import { ShortcutHelp } from './app/ShortcutHelp';
import { useGlobalShortcuts } from './app/shortcuts';
import { useStorageWatch } from './app/storage-watch';
import { FailureRegion } from './core/FailureRegion';
import { useUi } from './core/ui-store';
import { useNow } from './core/useNow';
import { useIdentityState } from './db/hooks';
import { GlobalAttention } from './features/attention';
import { ClockAlertsWatcher } from './features/clocks';
import { AlertNotifier, useTriageCount } from './features/alerts';
import { DrillInjectRunners } from './features/drills';
import { useSettingsBootstrap } from './features/settings';
import { SyncStatusChip } from './features/sync';
import { useWallDisplaySync, WallDisplay } from './features/wall';
import { platform } from './platform';

function Page() {
  const page = useUi((s) => s.page);
  const incidentId = useUi((s) => s.incidentId);
  return <>{ROUTES[page].render(incidentId)}</>;
}

function Shell({ name }: { name: string }) {
  const page = useUi((s) => s.page);
  const navigate = useUi((s) => s.navigate);
  const openIncident = useUi((s) => s.openIncident);
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const wallDisplay = useUi((s) => s.wallDisplay);
  const route = ROUTES[page];
  // Alert groups waiting for a person, on the navigation wherever the commander is.
  const triage = useTriageCount(useNow(30_000));
  useGlobalShortcuts();
  useSettingsBootstrap();
  useWallDisplaySync();
  useStorageWatch();
  useEffect(() => platform.onNotificationClicked((id) => openIncident(id)), [openIncident]);
  // Same element positions in both modes, so the alert watcher and drill runners stay mounted across the switch.
  return (
    <div className={wallDisplay ? 'shell shell-wall' : ['shell', route.shellClass].filter(Boolean).join(' ')}>
      {!wallDisplay && <header className="topbar">
        <h1 className="brand">Incident Console</h1>
        <nav aria-label="Main">
          {NAV_ENTRIES.map((p) => (
            <button key={p.id} type="button" className="nav-link" aria-current={currentNav(page) === p.id ? 'page' : undefined} onClick={() => navigate(p.id)}
              aria-label={p.id === 'alerts' && triage > 0 ? `${p.label}, ${triage} waiting for triage` : undefined}>
              {p.label}
              {p.id === 'alerts' && triage > 0 && <span className="nav-count" aria-hidden="true">{triage}</span>}
            </button>
          ))}
        </nav>
        <div className="topbar-tools">
          <button type="button" className="primary" onClick={() => navigate('declare')} title="Shortcut: n">Declare incident</button>
          <SyncStatusChip />
          <span className="muted signed-in" aria-label="Signed in as" title={name}>{name}</span>
          <button type="button" onClick={toggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
            {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
          <button type="button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts">?</button>
        </div>
      </header>}
      <FailureRegion />
      <ClockAlertsWatcher />
      <AlertNotifier />
      <DrillInjectRunners />
      {wallDisplay ? <WallDisplay /> : <main className="page">{!route.ownAttention && <GlobalAttention />}<Page /></main>}
      <ShortcutHelp />
    </div>
  );
}

export function App() {
  const identity = useIdentityState();
  const theme = useUi((s) => s.theme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  if (!identity) return <p role="status" className="loading">Loading…</p>;
  if (!identity.name) return <FirstRun />;
  return <Shell name={identity.name} />;
}
