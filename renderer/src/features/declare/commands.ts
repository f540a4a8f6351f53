// Declaring an incident: validate, then record incident.opened pinning the team's current plan (the console opens on the new id).
import { ACK_RULE } from '@shared/incident/acknowledgement';
import { newId } from '@shared/incident/create';
import { currentPin } from '@shared/workspace/incident-plan';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';
import { readTeam } from '../../db/team';
import { classificationPayload, type ClassificationValue } from './Classification';
import { impactStartProblem } from './impact-start';
import type { Visibility } from '@shared/incident/events-access';

export interface Declaration {
  title: string;
  /** Epoch ms (NaN when the field does not hold a time). */
  impactAt: number;
  detectionSource: string;
  drill: boolean;
  classification: ClassificationValue;
  /** Restricted: only the people working it see it (the declaring console among them). */
  visibility?: Visibility;
}

/** Returns the new incident's id. */
export async function declareIncident(d: Declaration, now = Date.now()): Promise<string> {
  if (!d.title.trim()) throw new CommandRefused('Give the incident a title.');
  const problem = impactStartProblem(d.impactAt, now);
  if (problem) throw new CommandRefused(problem);
  const incidentId = newId();
  // The incident pins the team's plan as it is now; a later publication applies only once its IC adopts it.
  const pin = currentPin(await readTeam());
  await recordEvents([{
    incidentId, type: 'incident.opened', payload: {
      title: d.title.trim(),
      detectedAt: new Date(now).toISOString(),
      impactStartedAt: new Date(Math.min(d.impactAt, now)).toISOString(),
      detectionSource: d.detectionSource.trim(),
      drill: d.drill,
      acknowledgementRule: ACK_RULE,
      ...pin,
      ...classificationPayload(d.classification),
      ...(d.visibility === 'restricted' ? { visibility: 'restricted' as const } : {}),
    },
  }]);
  return incidentId;
}
