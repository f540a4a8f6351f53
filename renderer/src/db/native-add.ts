// The hot path of a local write (#27 item 3): rows added to ONE store in one native IndexedDB transaction on the
// connection Dexie opened (`db.backendDB()`), then every live query told what changed, in this tab and in the others,
// through Dexie's documented trigger (`Dexie.on('storagemutated').fire`). Dexie's own add costs about 0.4 ms more per
// write (its transaction zone, promise wrapping and middleware stack), which was most of the gap to one raw add. The
// live queries are told in the next task (after-this-task.ts), as the caller goes on: their reads and the re-render
// they cause no longer sit between a write's commit and its caller.
//
// What the live queries are told is what Dexie's observability middleware computes for an add: the new primary keys
// and each index's keys of the rows added. The database runs with Dexie's query cache disabled (schema.ts), so no
// cached query result is left to go stale: a live query told of the change reads again, as after any Dexie write.
//
// Only outside a Dexie transaction: a write made inside one (a migration that records events with its other changes)
// must commit with it, so `canAddNatively` sends it down Dexie's path. This path skips Dexie's table hooks and any
// `db.use()` middleware: the app has none on the event rows; adding one means taking this path out.
// `native-add.test.ts` holds what is fired to what Dexie's own add reports, so a Dexie release that changes its
// format fails the test instead of leaving views stale.
import { afterThisTask } from './after-this-task';
import Dexie, { RangeSet, type IndexableType, type IndexSpec, type Table } from 'dexie';

/**
 * The most rows a native write takes. Dexie reports a write of 50 rows or more as touching whole tables (full ranges),
 * which costs the live queries and the message to the other tabs far less than thousands of keys: measured, 500-row
 * batches on this path made the offline catch-up of 10,000 entries about 10 % slower (bench:sync). Such batches (an
 * import, a burst of drafts) take Dexie's path; a user's action is a few rows.
 */
export const NATIVE_ADD_MAX_ROWS = 49;

/** True when a write of `rows` rows may take the native path: few rows, the database open, no Dexie transaction running. */
export function canAddNatively(db: Dexie, rows: number): boolean {
  return rows <= NATIVE_ADD_MAX_ROWS && db.isOpen() && !Dexie.currentTransaction;
}

/**
 * Add `rows` to `table` (an auto-incremented primary key) in one native transaction: all of them or, on any failure
 * (a full disk, a duplicate unique key), none, rejecting with the browser's error. Resolves with the new primary keys
 * once the transaction committed; the live queries are told right after.
 */
export function addNatively<T extends object>(db: Dexie, table: Table<T, number>, rows: readonly T[]): Promise<number[]> {
  return new Promise<number[]>((resolve, reject) => {
    const tx = db.backendDB().transaction(table.name, 'readwrite');
    const store = tx.objectStore(table.name);
    const keys: number[] = new Array<number>(rows.length);
    try {
      rows.forEach((row, i) => {
        const request = store.add(row);
        request.onsuccess = () => { keys[i] = request.result as number; };
      });
    } catch (error) {
      // A row the store refuses outright (it cannot be cloned, a bad key): none of the batch is kept.
      tx.abort();
      throw error;
    }
    tx.oncomplete = () => {
      resolve(keys);
      // In the next task: the caller learns the write is durable first, the views re-read right after.
      afterThisTask(() => { Dexie.on('storagemutated').fire(mutatedParts(db, table, rows, keys)); });
    };
    // A failed request aborts the transaction (nothing is stored); its error is the transaction's.
    tx.onabort = () => { reject(tx.error ?? new DOMException('The write was aborted before it committed', 'AbortError')); };
  });
}

type ObservabilitySet = Record<string, RangeSet>;

/** What Dexie's observability middleware reports for these adds: primary keys and every index's keys. */
function mutatedParts<T extends object>(db: Dexie, table: Table<T, number>, rows: readonly T[], keys: number[]): ObservabilitySet {
  const parts: ObservabilitySet = {};
  const part = (index: string): RangeSet => (parts[`idb://${db.name}/${table.name}/${index}`] ??= new RangeSet());
  part('').addKeys(keys);
  // Keys-only primary key queries watch deletions and inserts in their range here.
  part(':dels').addKeys(keys);
  const primaryKeyPath = table.schema.primKey.keyPath;
  for (const index of table.schema.indexes) {
    const indexKeys: IndexableType[] = [];
    rows.forEach((row, i) => {
      const key = indexKeyOf(index, row, typeof primaryKeyPath === 'string' ? primaryKeyPath : '', keys[i]);
      if (key === undefined) return;
      if (index.multi && Array.isArray(key)) indexKeys.push(...(key as unknown[]).filter(isKey));
      else indexKeys.push(key);
    });
    if (indexKeys.length) part(index.name).addKeys(indexKeys);
  }
  return parts;
}

/** The key `index` holds for `row` (the primary key filled in), or undefined when the row is not in the index. */
function indexKeyOf(index: IndexSpec, row: object, primaryKeyPath: string, primaryKey: number | undefined): IndexableType | undefined {
  const valueAt = (path: string): unknown => (path === primaryKeyPath ? primaryKey : Dexie.getByKeyPath(row, path));
  const path = index.keyPath;
  if (Array.isArray(path)) {
    const parts = path.map(valueAt);
    return parts.every(isKey) ? (parts as IndexableType) : undefined;
  }
  if (typeof path !== 'string') return undefined;
  const value = valueAt(path);
  return isKey(value) || (index.multi && Array.isArray(value)) ? (value as IndexableType) : undefined;
}

/** A value IndexedDB indexes (a sparse index skips the rest). */
function isKey(value: unknown): value is IndexableType {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) || value instanceof Date || Array.isArray(value);
}
