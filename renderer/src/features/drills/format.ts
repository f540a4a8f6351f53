// Exercise-time formatting for the drill screens.
export function exerciseTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `T+${h}:${pad(m)}:${pad(s)}` : `T+${pad(m)}:${pad(s)}`;
}

export function modeLabel(mode: string): string {
  return mode === 'tabletop' ? 'Tabletop exercise' : mode === 'training' ? 'Training session' : 'Live drill';
}
