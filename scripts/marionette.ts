/**
 * A minimal Marionette client, for the one thing WebDriver BiDi cannot do in every Firefox ESR: run a
 * script in Firefox's parent process. Its session is also the BiDi session (`webSocketUrl`). BiDi reaches the browser window's context only from Firefox 148
 * (Mozilla bug 1851788); Marionette's chrome context works in ESR 140 and later alike, given
 * `--marionette --remote-allow-system-access`. Protocol 3: each message is `length:json`, a command
 * `[0, id, name, params]`, a response `[1, id, error, result]`.
 */
import { connect, type Socket } from 'node:net';

export class Marionette {
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, { name: string; resolve(result: any): void; reject(error: Error): void }>();
  private greeted!: () => void;
  private readonly greeting = new Promise<void>((resolveGreeting) => (this.greeted = resolveGreeting));

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', () => undefined); // 'close' follows, and rejects what is pending
    socket.on('close', () => {
      for (const command of this.pending.values()) command.reject(new Error(`${command.name}: the Marionette connection closed`));
      this.pending.clear();
    });
  }

  /** The WebDriver BiDi address of this same session (Firefox allows one session at a time). */
  webSocketUrl = '';

  /** Connects, starts a session (with BiDi) and switches to the chrome (parent-process) context. */
  static async connect(port: number): Promise<Marionette> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolveConnect, reject) => {
      socket.once('connect', resolveConnect);
      socket.once('error', reject);
    });
    const client = new Marionette(socket);
    await client.greeting;
    // ESR 140 reads the capabilities flat; later versions also read them as WebDriver nests them.
    const session = await client.send('WebDriver:NewSession', {
      webSocketUrl: true,
      capabilities: { alwaysMatch: { webSocketUrl: true } },
    });
    if (!session.capabilities.webSocketUrl) throw new Error('Firefox started a Marionette session without WebDriver BiDi');
    client.webSocketUrl = session.capabilities.webSocketUrl;
    await client.send('Marionette:SetContext', { value: 'chrome' });
    return client;
  }

  /**
   * Runs `fn` (self-contained: it is sent as source) in the browser window, in one sandbox kept across
   * calls so that what one call stores on `globalThis` the next one finds. Returns its result as data.
   */
  async evaluate<R>(fn: () => R): Promise<R> {
    const { value } = await this.send('WebDriver:ExecuteScript', {
      script: `return (${fn.toString()})();`,
      args: [],
      sandbox: 'backstory',
      newSandbox: false,
    });
    return value as R;
  }

  close(): void {
    this.socket.destroy();
  }

  private send(name: string, params: Record<string, unknown>): Promise<any> {
    const id = this.nextId++;
    const message = JSON.stringify([0, id, name, params]);
    return new Promise((resolveCommand, reject) => {
      this.pending.set(id, { name, resolve: resolveCommand, reject });
      this.socket.write(`${Buffer.byteLength(message)}:${message}`);
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      // The length counts bytes; the buffer holds characters, so measure the JSON by its bytes.
      const length = Number(this.buffer.slice(0, colon));
      const rest = Buffer.from(this.buffer.slice(colon + 1), 'utf8');
      if (rest.length < length) return;
      const message = JSON.parse(rest.subarray(0, length).toString('utf8'));
      this.buffer = rest.subarray(length).toString('utf8');
      if (!Array.isArray(message)) {
        this.greeted();
        continue;
      }
      const [, id, error, result] = message;
      const command = this.pending.get(id);
      if (!command) continue;
      this.pending.delete(id);
      if (error) command.reject(new Error(`${command.name}: ${error.error}: ${error.message}`));
      else command.resolve(result);
    }
  }
}
