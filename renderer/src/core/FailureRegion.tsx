// The persistent, accessible error region: storage trouble stays visible until dismissed (an alert, not a toast).
import { useFailures } from './failure-store';

export function FailureRegion() {
  const failure = useFailures((s) => s.persistent);
  const dismiss = useFailures((s) => s.dismiss);
  // Rendered only with a message: role="alert" content is announced when inserted, and an empty alert would
  // be one more unnamed alert on every page.
  if (!failure) return null;
  return (
    <div className="failure-banner" role="alert" aria-label={failure.title}>
      <p>{failure.message}</p>
      <button type="button" onClick={dismiss}>Dismiss</button>
    </div>
  );
}
