/**
 * The one link between services: a RabbitMQ connection with amqplib's recovery. On every (re)connect
 * it declares the topology, opens a confirm channel for publishing and starts the consumers. While
 * disconnected, `publish` fails at once (the outbox keeps the event) and readiness says so.
 */
import { connect, type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { isDependencyUnavailable, withDeadline, type Logger } from '@roadmap/core';
import { parseEvent, type DomainEvent } from '../../contracts/events.js';
import { declareTopology, queueName, type ConsumerName, type TopologyNames } from './topology.js';

export interface Consumer {
  name: ConsumerName;
  handle(event: DomainEvent): Promise<void>;
}

export interface BrokerOptions extends TopologyNames {
  url: string;
  logger: Logger;
  consumers?: Consumer[];
  prefetch?: number;
  /** Deliveries before a message is dead-lettered. */
  deliveryLimit?: number;
  /**
   * Pause before a failed message is returned to its queue, so a failing handler is not a hot loop;
   * also the first pause (doubling up to 5 s) between tries while a dependency is unavailable.
   */
  retryDelayMs?: number;
  publishTimeoutMs?: number;
  /**
   * How long a handler failing because a dependency is unavailable (PostgreSQL, the payment provider)
   * is retried on the same delivery before the message is returned to its queue.
   */
  outageRetryMs?: number;
  /** Called after a handler succeeded and before the ack: tests cut the connection here. */
  beforeAck?: (event: DomainEvent) => Promise<void>;
}

export class BrokerUnavailableError extends Error {
  constructor() {
    super('RabbitMQ is not connected');
    this.name = 'BrokerUnavailableError';
  }
}

type RecoveringConnection = Awaited<ReturnType<typeof connectRecovering>>;

function connectRecovering(url: string, setup: (model: ChannelModel) => Promise<void>) {
  // Heartbeats notice a silently dead peer within ~10 s; an explicit URL setting wins.
  const withHeartbeat = new URL(url);
  if (!withHeartbeat.searchParams.has('heartbeat')) withHeartbeat.searchParams.set('heartbeat', '5');
  return connect(withHeartbeat.toString(), {
    timeout: 3_000,
    recovery: { initialDelay: 200, maxDelay: 5_000, waitForConnect: false, setup },
  });
}

export class Broker {
  private connection: RecoveringConnection | undefined;
  private publisher: ConfirmChannel | undefined;
  private closing = false;
  /** Consumer channels that closed: their deliveries will come again, so no retry holds them. */
  private readonly closedChannels = new WeakSet<Channel>();

  constructor(private readonly options: BrokerOptions) {}

  /** Starts connecting in the background; resolves at once (the service runs while the broker is down). */
  async start(): Promise<void> {
    this.connection = await connectRecovering(this.options.url, (model) => this.setup(model));
    this.connection.on('disconnect', (err: Error) => {
      this.publisher = undefined;
      if (!this.closing) this.options.logger.warn({ err: err.message }, 'rabbitmq disconnected; recovering');
    });
    this.connection.on('connect', () => this.options.logger.info('rabbitmq connected'));
    this.connection.on('connect-failed', (err: Error) =>
      this.options.logger.warn({ err: err.message }, 'rabbitmq connection attempt failed'),
    );
    this.connection.on('error', () => undefined);
  }

  /** Resolves once connected and set up, or rejects after `ms`. */
  async waitUntilConnected(ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.publisher) {
      if (Date.now() > deadline) throw new BrokerUnavailableError();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  isConnected(): boolean {
    return this.publisher !== undefined;
  }

  private async setup(model: ChannelModel): Promise<void> {
    const { logger, deliveryLimit = 5 } = this.options;
    const topologyChannel = await model.createChannel();
    await declareTopology(topologyChannel, this.options, deliveryLimit);
    await topologyChannel.close();
    for (const consumer of this.options.consumers ?? []) {
      const channel = await model.createChannel();
      channel.on('error', (err: Error) => logger.warn({ err: err.message, consumer: consumer.name }, 'channel error'));
      channel.on('close', () => this.closedChannels.add(channel));
      await channel.prefetch(this.options.prefetch ?? 10);
      await channel.consume(queueName(this.options, consumer.name), (msg) => void this.deliver(channel, consumer, msg));
    }
    const publisher = await model.createConfirmChannel();
    publisher.on('error', (err: Error) => logger.warn({ err: err.message }, 'publisher channel error'));
    publisher.on('close', () => {
      if (this.publisher === publisher) this.publisher = undefined;
    });
    this.publisher = publisher;
  }

  private async deliver(channel: Channel, consumer: Consumer, msg: ConsumeMessage | null): Promise<void> {
    const log = this.options.logger.child({ consumer: consumer.name });
    if (msg === null) {
      log.warn('the server cancelled the consumer (queue deleted?)');
      return;
    }
    let event: DomainEvent;
    try {
      event = parseEvent(JSON.parse(msg.content.toString('utf8')));
    } catch (err) {
      log.error({ err, messageId: msg.properties.messageId }, 'unreadable event: dead-lettered');
      settle(() => channel.nack(msg, false, false));
      return;
    }
    try {
      await this.handleThroughOutages(channel, consumer, event, log);
      await this.options.beforeAck?.(event);
      settle(() => channel.ack(msg));
    } catch (err) {
      const deliveries = Number(msg.properties.headers?.['x-delivery-count'] ?? 0) + 1;
      log.warn({ err, eventId: event.id, type: event.type, deliveries }, 'event handling failed; returning it');
      await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 500) * Math.min(deliveries, 5)));
      settle(() => channel.nack(msg, false, true));
    }
  }

  /**
   * Runs the handler; while it fails because a dependency is unavailable, runs it again on the same
   * delivery with growing pauses. Returning the message instead would count towards the queue's
   * delivery limit, and an outage longer than a few returns would dead-letter events that were never
   * faulty. Handlers are idempotent (the inbox), so a repeat is harmless. Gives up, and the message
   * is returned, once the channel closed, the broker is closing, or `outageRetryMs` has passed.
   */
  private async handleThroughOutages(channel: Channel, consumer: Consumer, event: DomainEvent, log: Logger) {
    const deadline = Date.now() + (this.options.outageRetryMs ?? 10 * 60_000);
    const first = this.options.retryDelayMs ?? 500;
    for (let attempt = 1, delay = first; ; attempt += 1, delay = Math.min(delay * 2, 5_000)) {
      try {
        await consumer.handle(event);
        if (attempt > 1)
          log.info({ eventId: event.id, attempts: attempt }, 'event handled once its dependency was back');
        return;
      } catch (err) {
        const retry =
          isDependencyUnavailable(err) &&
          !this.closing &&
          !this.closedChannels.has(channel) &&
          Date.now() + delay < deadline;
        if (!retry) throw err;
        if (attempt === 1) log.warn({ err, eventId: event.id }, 'a dependency is unavailable; holding the event');
        else log.debug({ eventId: event.id, attempt }, 'event handling still waits for its dependency');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Publishes with a publisher confirm, within the timeout; throws when the broker did not take it. */
  async publish(event: DomainEvent): Promise<void> {
    const channel = this.publisher;
    if (!channel) throw new BrokerUnavailableError();
    const confirmed = new Promise<void>((resolve, reject) => {
      channel.publish(
        this.options.exchange,
        event.type,
        Buffer.from(JSON.stringify(event)),
        {
          persistent: true,
          contentType: 'application/json',
          messageId: event.id,
          type: event.type,
          timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
        },
        (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      );
    });
    await withDeadline(confirmed, this.options.publishTimeoutMs ?? 5_000, 'RabbitMQ publisher confirm');
  }

  async close(): Promise<void> {
    this.closing = true;
    this.publisher = undefined;
    await this.connection?.close().catch(() => undefined);
  }
}

/** An ack or nack on a channel that closed meanwhile throws; the message will be redelivered anyway. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // The channel is gone: RabbitMQ redelivers the message, and the inbox makes that harmless.
  }
}
