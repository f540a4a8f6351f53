// GET /healthz (process is up) and /readyz (database answers and we are not shutting down).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ServerContext } from '../context';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ ok: true }));
  app.get('/readyz', { config: { rateLimit: false } }, async (_request, reply) => {
    if (ctx.isShuttingDown()) return reply.code(503).send({ error: 'unavailable', message: 'shutting down' });
    try {
      await sql`select 1`.execute(ctx.db);
      return { ok: true };
    } catch {
      return reply.code(503).send({ error: 'unavailable', message: 'database not reachable' });
    }
  });
}
