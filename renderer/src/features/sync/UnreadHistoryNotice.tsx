// On the cross-incident pages (reviews, action items, metrics): closed incidents this console joined without
// (issue #27) are left out until their histories are read, and this says how many, with a button that reads them all.
import { useState } from 'react';
import { useUnreadIncidentIds } from '../../db/all-incidents';
import { plural } from '../../core/format';
import { syncService } from './instance';
import { useSyncView } from './useSync';
import './sync.css';

/** `what`: what this page leaves out of them, a plural noun ("reviews", "action items", "figures"). */
export function UnreadHistoryNotice({ what }: { what: string }) {
  const ids = useUnreadIncidentIds();
  const { connection } = useSyncView();
  const [asked, setAsked] = useState(false);
  if (!ids || ids.length === 0) return null;
  return (
    <p role="note" aria-label="Incidents not on this laptop" className="history-notice">
      {`${plural(ids.length, 'closed incident')} joined without ${ids.length === 1 ? 'its' : 'their'} history: ${ids.length === 1 ? 'its' : 'their'} ${what} are not here until read from the server. `}
      {connection
        ? <button type="button" className="small" disabled={asked} onClick={() => { setAsked(true); void syncService.readIncidents(ids).finally(() => setAsked(false)); }}>
            {asked ? 'Reading from the server…' : `Read ${ids.length === 1 ? 'it' : 'them'} from the server`}
          </button>
        : 'Connect to the sync server to read them.'}
    </p>
  );
}
