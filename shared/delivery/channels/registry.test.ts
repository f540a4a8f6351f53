// The channel registry's promises to everything that derives from it: each kind once, a form for every kind an admin
// adds, a target and a key for every kind that takes updates, a timeline name for every channel an outcome can name.
import { describe, expect, it } from 'vitest';
import { targetLabel } from '../describe';
import { deliveryPayloadSchemas, deliveryTargetSchema, targetKey } from '../../incident/events-delivery';
import { createChannelSchema, CHANNEL_KINDS } from '../channels-protocol';
import { fieldMeta, type ChannelAdapter } from './adapter';
import { CHANNELS, CONFIGURABLE_KINDS, DELIVERY_CHANNEL_NAMES, DESTINATION_KINDS } from './registry';

const adapters = CHANNELS as readonly ChannelAdapter[];

describe('channel registry', () => {
  it('names each kind once, and lists in Integrations every kind that has destinations', () => {
    expect(new Set(adapters.map((a) => a.kind)).size).toBe(adapters.length);
    expect(CHANNEL_KINDS).toEqual(adapters.filter((a) => a.setIn !== 'built-in').map((a) => a.kind));
  });

  it('gives every kind an admin adds a settings form: a labelled URL, and what POST /channels accepts', () => {
    for (const kind of CONFIGURABLE_KINDS) {
      const adapter = adapters.find((a) => a.kind === kind);
      const shape = adapter?.settings?.shape;
      expect(shape?.url, kind).toBeDefined();
      for (const schema of Object.values(shape ?? {})) expect(schema && fieldMeta.get(schema)?.label, kind).toBeTruthy();
      const parsed = createChannelSchema.safeParse({ kind, name: 'Ops', url: 'https://hooks.example.com/x', secret: 'k'.repeat(32) });
      expect(parsed.success, `${kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    expect(createChannelSchema.safeParse({ kind: 'status-page', name: 'x', url: 'https://example.com' }).success).toBe(false);
  });

  it('offers each destination kind by name in the composer, keyed kind:name, and keeps a requested mention only where one can be sent', () => {
    for (const kind of DESTINATION_KINDS) {
      const target = deliveryTargetSchema.parse({ channel: kind, destination: 'incidents', mention: 'here' });
      expect(targetKey(target)).toBe(`${kind}:incidents`);
      expect(targetLabel(targetKey(target))).not.toContain(`${kind} (`);
    }
  });

  it('names every channel an outcome can carry in the timeline, and refuses outcomes of a channel no adapter declares', () => {
    for (const channel of DELIVERY_CHANNEL_NAMES) expect(targetLabel(channel)).not.toBe(channel);
    const outcome = { requestId: '0190f5d2-8c1a-7b3e-9f00-000000000001', target: 'sms:x', attempt: 1, detail: '' };
    expect(deliveryPayloadSchemas['delivery.sent'].safeParse({ ...outcome, channel: 'sms' }).success).toBe(false);
    expect(deliveryPayloadSchemas['delivery.sent'].safeParse({ ...outcome, channel: 'page' }).success).toBe(true);
  });
});
