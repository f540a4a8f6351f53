// Deadlines are calendar dates to the people who own them: the end of that day on this device.
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-09" -> the last minute of that local day (epoch ms); NaN when empty or invalid. */
export function deadlineFromDateInput(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.NaN;
  return new Date(`${value}T23:59:00`).getTime();
}

export function dateInputValue(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export { formatDay } from '../../core/format';
