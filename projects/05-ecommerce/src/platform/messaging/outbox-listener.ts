/**
 * Wakes the outbox relay when a transaction that wrote outbox rows commits, in this process or any
 * other: the `outbox_notify` trigger (migrations/common/004_outbox_notify.sql) sends a notification on
 * `outbox:<schema>`, and this listener holds one connection of its own that LISTENs to it. A lost
 * connection is opened again with backoff; each (re)connect wakes the relay once, for anything
 * committed while nobody listened. The relay's poll stays as the safety net.
 */
import type { Logger } from '@roadmap/core';
import { Client, type ClientConfig } from 'pg';

export interface OutboxListenerOptions {
  /** How to reach the database: the service pool's settings (URL, `search_path`, timeouts). */
  connection: ClientConfig;
  logger: Logger;
  /** Called on every notification, and once after each (re)connect. */
  onWake: () => void;
}

export class OutboxListener {
  private client: Client | undefined;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(private readonly options: OutboxListenerOptions) {}

  /** Starts listening in the background; resolves at once (the relay's poll covers the meantime). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  /** True while a connection is open and listening. */
  isListening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { logger, onWake } = this.options;
    const client = new Client({ ...this.options.connection, keepAlive: true });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.failures += 1;
      if (this.failures === 1) logger.warn({ err: err?.message }, 'outbox listener lost its connection; reconnecting');
      this.retryTimer = setTimeout(() => void this.connect(), Math.min(100 * 2 ** this.failures, 5_000));
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
      const channel = `outbox:${rows[0]?.schema ?? 'public'}`;
      client.on('notification', (message) => {
        if (message.channel === channel) onWake();
      });
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (err) {
      onLost(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.failures > 0) logger.info({ failedAttempts: this.failures }, 'outbox listener listening again');
    this.failures = 0;
    onWake();
  }
}
