// Top-level application shell.
import { defaultPlan } from '../../shared/plan/default-plan';

export function App() {
  return (
    <main>
      <h1>Incident Console</h1>
      <p>Plan loaded: {defaultPlan.name}</p>
    </main>
  );
}
