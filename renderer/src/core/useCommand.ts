// The one way components run commands: pending state (no double submit) and every failure reported to the user.
import { useCallback, useRef, useState } from 'react';
import { describeFailure, type CommandFailure } from './command-failure';
import { useFailures } from './failure-store';

export type CommandOutcome<R> = { ok: true; value: R } | { ok: false; failure: CommandFailure | null };

export interface CommandHandle<A extends unknown[], R> {
  /** Run the command; never rejects. `failure` is null when it did not run because a run was already pending. */
  run(...args: A): Promise<CommandOutcome<R>>;
  /** True while a run is in flight: disable the control so it cannot be submitted twice. */
  pending: boolean;
  /** The last run's failure message, for an inline `role="alert"` next to the control; cleared by the next run. */
  error: string | null;
  /** Clear the inline message (e.g. when the user edits the input again). */
  clearError(): void;
  /** Show a message inline without running (for checks the component makes before calling the command). */
  setError(message: string | null): void;
}

/** Run a failing or succeeding command outside React (shared by the hook and by code with no component). */
export async function runCommand<A extends unknown[], R>(command: (...args: A) => Promise<R>, ...args: A): Promise<CommandOutcome<R>> {
  try {
    return { ok: true, value: await command(...args) };
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.persistent) useFailures.getState().report(failure.persistent);
    if (failure.kind === 'failed') console.error('Command failed', error);
    return { ok: false, failure };
  }
}

export interface CommandOptions {
  /**
   * Default true: a run while one is pending is skipped (a form submitted twice). False for controls that clear
   * their input at once and may queue several writes (the timeline entry box: type, Enter, type, Enter).
   */
  exclusive?: boolean;
  /**
   * Default true: the failure is for an inline message next to the control (`error`). False for controls with no
   * room for one (a table row, the timeline's star): the message goes to the app's persistent error region.
   */
  inline?: boolean;
}

export function useCommand<A extends unknown[], R>(command: (...args: A) => Promise<R>, options: CommandOptions = {}): CommandHandle<A, R> {
  const exclusive = options.exclusive ?? true;
  const inline = options.inline ?? true;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not the state: two clicks in the same frame both see pending === false in their closures.
  const inFlight = useRef(0);
  const latest = useRef(command);
  latest.current = command;

  const run = useCallback(async (...args: A): Promise<CommandOutcome<R>> => {
    if (exclusive && inFlight.current > 0) return { ok: false, failure: null };
    inFlight.current += 1;
    setPending(true);
    setError(null);
    try {
      const outcome = await runCommand(latest.current, ...args);
      if (!outcome.ok && outcome.failure) {
        setError(outcome.failure.message);
        if (!inline && !outcome.failure.persistent) useFailures.getState().report(outcome.failure.message, 'Not saved');
      }
      return outcome;
    } finally {
      inFlight.current -= 1;
      setPending(inFlight.current > 0);
    }
  }, [exclusive, inline]);
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError, setError };
}

const runThunk = (action: () => Promise<unknown>) => action();

/**
 * For a group of buttons that each run a different command (pause, resume, end): one pending state and one
 * inline error for the group. `run(() => endExercise(state))`.
 */
export function useCommands(options?: CommandOptions): CommandHandle<[() => Promise<unknown>], unknown> {
  return useCommand(runThunk, options);
}
