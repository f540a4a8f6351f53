// A value's source line: a button that scrolls the document pane to that line and marks it.
export function LineLink({ line, onShow }: { line: number | undefined; onShow: (line: number) => void }) {
  if (line === undefined) return null;
  return (
    <button type="button" className="line-link" onClick={() => onShow(line)} aria-label={`Show line ${line} of the document`}>
      line {line}
    </button>
  );
}
