// The team plan's version: who published it and when, what changed from the previous version (old → new),
// and the list of earlier versions.
import { useState } from 'react';
import { diffPlans, type PlanChange } from '@shared/plan/diff';
import { defaultPlan } from '@shared/plan/default-plan';
import type { TeamState } from '@shared/workspace/team';
import { formatDateTime } from '../../core/format';

export function PlanVersionPanel({ team }: { team: TeamState }) {
  const [shown, setShown] = useState<number | null>(null);
  const current = team.planVersion;
  const selected = shown ?? current;
  const version = team.versions.find((v) => v.version === selected);
  const previous = team.versions.find((v) => v.version === selected - 1);
  const changes = version ? diffPlans(previous?.plan ?? defaultPlan, version.plan) : [];
  const previousName = previous ? `v${previous.version}` : 'the built-in plan';

  return (
    <section className="plan-version" aria-label="Plan version">
      {current === 0 ? (
        <p><strong>Built-in plan (v0).</strong> Nobody in this team has published a plan yet; every console uses the built-in one.</p>
      ) : (
        <p>
          <strong>Team plan v{current}</strong>, published by {team.publishedBy?.name ?? 'unknown'} on {team.publishedAt ? formatDateTime(Date.parse(team.publishedAt)) : '?'}.
          {' '}New incidents run on it; open incidents keep the plan they were declared under until their IC adopts this one.
        </p>
      )}
      {team.versions.length > 0 && (
        <label className="plan-version-pick">
          Show changes of version{' '}
          <select value={selected} onChange={(e) => setShown(Number(e.target.value))}>
            {[...team.versions].reverse().map((v) => (
              <option key={v.publishedId} value={v.version}>v{v.version}: {v.plan.name} {v.plan.version}, {v.publishedBy.name}, {formatDateTime(Date.parse(v.publishedAt))}</option>
            ))}
          </select>
        </label>
      )}
      {version && (
        <div className="plan-diff">
          <h2>Changes in v{version.version} from {previousName}</h2>
          {version.note && <p className="muted">Note: {version.note}</p>}
          {changes.length === 0 ? <p>No differences: the same plan was published again.</p> : <ChangeTable changes={changes} />}
        </div>
      )}
    </section>
  );
}

function ChangeTable({ changes }: { changes: PlanChange[] }) {
  return (
    <div className="table-wrap">
      <table aria-label="Plan changes">
        <thead><tr><th>Area</th><th>What</th><th>Before</th><th>Now</th></tr></thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={i}>
              <td>{c.area}</td>
              <th scope="row">{c.what}</th>
              <td>{c.from === null ? <span className="muted">(added)</span> : <del>{c.from}</del>}</td>
              <td>{c.to === null ? <span className="muted">(removed)</span> : <ins>{c.to}</ins>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
