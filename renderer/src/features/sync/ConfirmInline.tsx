// The second step of a destructive admin action, in place of its button: the question, "Yes, ..." and Cancel, as one
// group named for what it confirms (revoking a device, deleting a subscriber or every one).
import type { ReactNode } from 'react';

export interface ConfirmInlineProps {
  /** The group's accessible name: "Confirm revoking Ben's laptop". */
  label: string;
  /** What happens, asked as a question. */
  question: ReactNode;
  /** The confirming button's words: "Yes, revoke". */
  confirm: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** Small buttons, inside a table row. */
  small?: boolean;
}

export function ConfirmInline({ label, question, confirm, busy, onConfirm, onCancel, small = false }: ConfirmInlineProps) {
  return (
    <span className="sync-confirm" role="group" aria-label={label}>
      <span>{question}</span>
      <button type="button" className={small ? 'danger small' : 'danger'} disabled={busy} onClick={onConfirm}>{confirm}</button>
      <button type="button" {...(small ? { className: 'small' } : {})} onClick={onCancel}>Cancel</button>
    </span>
  );
}
