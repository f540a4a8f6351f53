// The hosted status page (/status): publishing is recording the delivery as sent; the page and its API are
// built from the published updates in the log. A drill's updates appear only on the drill's sandbox page.
import type { Channel } from '../types';

export const statusPageChannel: Channel = {
  test: async () => ({ ok: true, detail: 'the hosted status page is part of this server: nothing to test' }),
  async send(job) {
    if (!job.request.payload.statusPage) return { ok: false, reason: 'the request carries no status-page fields', permanent: true };
    return { ok: true, detail: job.incident.drill ? 'published on the drill status page (/status/drill)' : 'published on /status' };
  },
};
