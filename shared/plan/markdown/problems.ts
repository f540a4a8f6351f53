// What the importer tells the user: problems (with line and suggested fix) and values left empty for them to fill.

/** An error refuses the document (nothing is applied); a warning is shown beside the draft. */
export interface ImportProblem {
  level: 'error' | 'warning';
  /** 1-based line in the document; 1 when the document as a whole is at fault. */
  line: number;
  message: string;
  fix: string;
  /** A time the document states that the plan has no clock for (the words as written). */
  time?: string;
}

/** A value the document does not state: left empty in the draft, for the user to fill before publishing. */
export interface FlaggedValue {
  /** Path in the plan, as the schema's errors name it: "severities[3].responseTarget". */
  path: string;
  /** The line of the section where the value belongs. */
  line: number;
  label: string;
  fix: string;
  /** What the document says there when it is not a value the plan can hold ("1 business day"). */
  stated?: string;
}

export function problemText(p: ImportProblem): string {
  return `line ${p.line}: ${p.message}`;
}
