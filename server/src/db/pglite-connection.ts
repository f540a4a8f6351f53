// A node-postgres connection to the embedded store's thread: what pg.Client asks of a connection (serialise
// each frontend message, emit each backend message) done with pg-protocol, pg's own wire code, so the
// server's thread never loads PGlite's JavaScript (~40 MB and ~170 ms under tsx). Modelled on PGlite's
// node-postgres adapter: no socket, no startup or authentication (the engine is single-user).
import { EventEmitter } from 'node:events';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser';
import type { BackendMessage } from 'pg-protocol/dist/messages';
import type { PgliteThread } from './pglite-thread';

type Serialized = ReturnType<typeof serialize.sync>;

export class PgliteConnection extends EventEmitter {
  // Read by pg.Client and pg.Query, as on pg's own Connection.
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};
  private wantsMessages = false;
  /** Messages go to the thread one after another, in the order pg sent them. */
  private chain: Promise<void>;

  constructor(private readonly thread: PgliteThread) {
    super();
    this.on('newListener', (event) => {
      if (event === 'message') this.wantsMessages = true;
    });
    this.chain = thread.waitReady;
  }

  async connect(_port?: number, _host?: string): Promise<void> {
    this._connecting = true;
    await this.thread.waitReady;
    process.nextTick(() => this.emit('readyForQuery'));
  }

  requestSsl(): void {}
  startup(_config: unknown): void {}
  cancel(_processId: unknown, _secretKey: unknown): void {}
  password(_password: string): void {}
  ref(): void {}
  unref(): void {}

  query(text: string): void { this.send(serialize.query(text)); }
  parse(query: Parameters<typeof serialize.parse>[0]): void { this.send(serialize.parse(query)); }
  bind(config: Parameters<typeof serialize.bind>[0]): void { this.send(serialize.bind(config)); }
  execute(config: Parameters<typeof serialize.execute>[0]): void { this.send(serialize.execute(config)); }
  describe(msg: Parameters<typeof serialize.describe>[0]): void { this.send(serialize.describe(msg)); }
  close(msg: Parameters<typeof serialize.close>[0]): void { this.send(serialize.close(msg)); }
  flush(): void { this.send(serialize.flush()); }
  sync(): void { this.send(serialize.sync()); }
  sendCopyFromChunk(chunk: Buffer): void { this.send(serialize.copyData(chunk)); }
  endCopyFrom(): void { this.send(serialize.copyDone()); }
  sendCopyFail(message: string): void { this.send(serialize.copyFail(message)); }

  end(): void {
    this.chain = this.chain.then(() => { this.emit('end'); });
    for (const event of this.eventNames()) if (event !== 'newListener') this.removeAllListeners(event);
    this.wantsMessages = false;
  }

  private send(message: Serialized): void {
    this.chain = this.chain
      .then(() => this.thread.exec(message))
      .then((answer) => {
        if (answer.byteLength === 0) return;
        const messages: BackendMessage[] = [];
        new Parser().parse(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength), (m) => messages.push(m));
        for (const m of messages) {
          if (this.wantsMessages) this.emit('message', m);
          this.emit(m.name === 'error' ? 'errorMessage' : m.name, m);
        }
      })
      .catch((err: unknown) => { this.emit('error', err); });
  }
}

/** The pg.Pool configuration for the thread: a pool of one (the engine has one session). */
export function pgConfigFor(thread: PgliteThread): { connection: PgliteConnection; max: 1 } {
  return { connection: new PgliteConnection(thread), max: 1 };
}
