// How many status-page subscribers an update about these components would reach, asked of the server whenever the
// chosen components change (the composer shows it before Post). Only a number ever reaches the console: addresses
// stay on the server. null: not connected, or the server could not be asked (offline).
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { createAdminApi } from '@shared/sync/admin-api';
import { db } from '../../db/instance';
import { readSyncConnection } from '../../db/sync-connection';

export function useSubscriberCount(componentIds: readonly string[], enabled: boolean): number | null {
  const connection = useLiveQuery(() => readSyncConnection(db), []) ?? null;
  const [count, setCount] = useState<{ key: string; n: number } | null>(null);
  const key = [...componentIds].sort().join(',');
  const baseUrl = connection?.baseUrl;
  const token = connection?.token;
  useEffect(() => {
    if (!enabled || baseUrl === undefined || !token) return;
    let live = true;
    const api = createAdminApi({ baseUrl, token, fetch: (url, init) => fetch(url, init) });
    const ask = () => api.subscriberCount(key ? key.split(',') : [])
      .then((n) => { if (live) setCount({ key, n }); })
      .catch(() => { if (live) setCount(null); });
    void ask();
    // People subscribe and unsubscribe while the composer is open: ask again every 10 s.
    const timer = setInterval(() => void ask(), 10_000);
    return () => { live = false; clearInterval(timer); };
  }, [enabled, baseUrl, token, key]);
  return count && count.key === key && connection ? count.n : null;
}
