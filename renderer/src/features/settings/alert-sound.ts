// A short two-tone alert generated with the Web Audio API (no audio asset to ship or download).
let context: AudioContext | null = null;

/** Plays about 0.6 s of alternating tones; silently does nothing where audio is unavailable or blocked. */
export function playAlertSound(): void {
  try {
    const Ctor = typeof window !== 'undefined' ? window.AudioContext : undefined;
    if (!Ctor) return;
    context ??= new Ctor();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.01;
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, start);
    [880, 660, 880].forEach((hz, i) => {
      const t = start + i * 0.2;
      const osc = ctx.createOscillator();
      osc.type = 'square';
      osc.frequency.setValueAtTime(hz, t);
      osc.connect(gain);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
      osc.start(t);
      osc.stop(t + 0.19);
    });
  } catch { /* no audio device or autoplay refused: the visible alert remains */ }
}
