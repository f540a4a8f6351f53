// Database-level trouble that no single command sees: another tab blocking an upgrade, or closing our connection.
import { useEffect } from 'react';
import { STORAGE_BLOCKED_MESSAGE } from '../core/command-failure';
import { useFailures } from '../core/failure-store';
import { db } from '../db/instance';

export function useStorageWatch(): void {
  useEffect(() => {
    const report = () => useFailures.getState().report(STORAGE_BLOCKED_MESSAGE);
    db.on('blocked', report);
    db.on('close', report);
    return () => { db.on('blocked').unsubscribe(report); db.on('close').unsubscribe(report); };
  }, []);
}
