// Every text that leaves the server is escaped for its target: an update or a title written by any member cannot
// ping a whole channel, mention a person, disguise a link or reverse what readers see, in Slack (and the
// Mattermost / Rocket.Chat that read the same payload), Teams Adaptive Cards or email; the generic webhook carries
// the text as JSON, as written. A channel-wide mention goes out only when the sender asked for it on the target.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReceiver } from '../../test/helpers/receiver';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';

vi.setConfig({ testTimeout: 180_000 });

const WJ = '\u2060';
/** What a hostile member types: Slack's mention and link syntax, Mattermost's plain mentions, a Markdown link, a bidi override. */
const HOSTILE = 'Ping <!everyone> <!channel> <@U024BE7LH> & <https://evil.example/reset|Reset your password> @channel @here, mail ops@example.com [Reset your password](https://evil.example/reset) invoice\u202Efdp.exe';
const TITLE = 'Checkout <!here> down\u202E';

const receiver = perFile(() => startReceiver());
let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(() => sink?.stop());
const host = perFile(() => openWorkspaceServer('pglite', { deliveries: deliverySettings({
  smtpUrl: sink.url, webhookSecret: 'escaping-test-secret-012345',
  outbound: parseOutboundAllow('127.0.0.1'), // the receiver stands in for the chat services (an on-premises gateway)
  webhooks: new Map([
    ['slack:incidents', { kind: 'slack', name: 'incidents', url: `${receiver.base}/slack` }],
    ['slack:war-room', { kind: 'slack', name: 'war-room', url: `${receiver.base}/slack-war-room` }],
    ['teams:bridge', { kind: 'teams', name: 'bridge', url: `${receiver.base}/teams` }],
    ['webhook:pager', { kind: 'webhook', name: 'pager', url: `${receiver.base}/hook` }],
  ]),
}) }));

async function deliver(ic: Commander, title: string, text: string, targets: Parameters<Commander['send']>[2]) {
  const { update, request } = ic.send('stakeholders', text, targets);
  await pushAll(host.server.app, host.admin, [...ic.open(title), update, request]);
  await until('all sent', async () => {
    const all = await pullAll(host.server.app, host.admin);
    return all.filter((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id).length === targets.length ? all : undefined;
  });
  return { update, request };
}

const bodyOf = (path: string) => JSON.parse(receiver.received.filter((r) => r.path === path).at(-1)!.body);

describe('outbound text is escaped for its target', () => {
  it('Slack, Teams, the generic webhook and email: exact payloads', async () => {
    const ic = new Commander(host.admin);
    const { update } = await deliver(ic, TITLE, HOSTILE, [
      { channel: 'slack', destination: 'incidents' }, { channel: 'teams', destination: 'bridge' }, { channel: 'webhook', destination: 'pager' },
      { channel: 'email', list: 'stakeholders', to: ['cto@example.test'] },
    ]);

    const slack = bodyOf('/slack');
    const slackText = `Ping &lt;!everyone&gt; &lt;!channel&gt; &lt;@${WJ}U024BE7LH&gt; &amp; &lt;https://evil.example/reset|Reset your password&gt; @${WJ}channel @${WJ}here, mail ops@example.com [Reset your password](https://evil.example/reset) invoicefdp.exe`;
    expect(slack.text).toBe(`[P1] Investigating: Checkout &lt;!here&gt; down\n${slackText}`);
    expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '[P1] Investigating: Checkout <!here> down', emoji: false } });
    expect(slack.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: slackText } });
    expect(slack.blocks[2].elements.at(-1)).toEqual({ type: 'mrkdwn', text: '<http://status.example.test/status|Status page>' });
    // Nothing of Slack's mention or link syntax survives in any text Slack reads as mrkdwn (plain_text is literal).
    expect(JSON.stringify({ ...slack, blocks: slack.blocks.slice(1) })).not.toMatch(/<!(everyone|channel|here)>|<@U|<https:\/\/evil/);

    const card = bodyOf('/teams').attachments[0].content;
    expect(card.body[0]).toEqual({ type: 'TextBlock', text: '[P1] Investigating: Checkout <!here> down', weight: 'Bolder', size: 'Medium', wrap: true });
    expect(card.body[1]).toEqual({ type: 'TextBlock', text: `Ping <!everyone> <!channel> <@U024BE7LH> & <https://evil.example/reset|Reset your password> @channel @here, mail ops@example.com [Reset your password]${WJ}(https://evil.example/reset) invoicefdp.exe`, wrap: true });
    expect(JSON.stringify(card)).not.toContain('](https://evil');
    expect(card).not.toHaveProperty('msteams'); // no mention entities: Teams mentions nobody

    // The generic webhook is JSON for a program: the text exactly as the commander wrote it.
    expect(bodyOf('/hook').update.text).toBe(HOSTILE);
    expect(bodyOf('/hook').incident.title).toBe(TITLE);

    const mail = await until('the email', () => sink.messages().find((m) => m.headers.get('x-incident-update-id') === update.id));
    expect(mail.headers.get('subject')).toBe('[P1] Investigating: Checkout <!here> down');
    expect(mail.body).toContain('Ping <!everyone> <!channel>'); // text/plain: shown as written (quoted-printable on the wire)
  });

  it('a title cannot add an email header', async () => {
    const ic = new Commander(host.admin);
    const { update } = await deliver(ic, 'Checkout down\r\nBcc: attacker@evil.example\r\nX-Injected: yes', 'Investigating.', [{ channel: 'email', list: 'stakeholders', to: ['cto@example.test'] }]);
    const mail = await until('the email', () => sink.messages().find((m) => m.headers.get('x-incident-update-id') === update.id));
    expect(mail.headers.get('subject')).toBe('[P1] Investigating: Checkout down Bcc: attacker@evil.example X-Injected: yes');
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.recipients).not.toContain('attacker@evil.example');
  });

  it('a channel-wide mention goes out only when the sender asked for it on the target', async () => {
    const ic = new Commander(host.admin);
    await deliver(ic, 'Payments down', 'All hands: join the bridge.', [{ channel: 'slack', destination: 'war-room', mention: 'here' }]);
    const slack = bodyOf('/slack-war-room');
    expect(slack.text).toBe('<!here> [P1] Investigating: Payments down\nAll hands: join the bridge.');
    expect(slack.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<!here> All hands: join the bridge.' } });
  });
});
