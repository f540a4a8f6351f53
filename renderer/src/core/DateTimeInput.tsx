// The one date-and-time field: "YYYY-MM-DD HH:MM" on the 24-hour clock everywhere. A native datetime-local picker
// follows the OS locale (12-hour with AM/PM on many machines) beside the console's 24-hour times; this never does.
// No pattern attribute: the browser's own validation bubble would block the form's clear, readable error.
import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

export function DateTimeInput({ value, onChange, ...rest }: Props) {
  return (
    <input {...rest} type="text" className={`datetime-input${rest.className ? ` ${rest.className}` : ''}`} value={value}
      inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="YYYY-MM-DD HH:MM" size={16}
      title="Date and 24-hour time, e.g. 2026-03-04 09:40"
      onChange={(e) => onChange(e.target.value)} />
  );
}
