// The renderer's single database instance (the name can be overridden for tests and the bench build).
import { IncidentDb } from './schema';

export const db = new IncidentDb();
