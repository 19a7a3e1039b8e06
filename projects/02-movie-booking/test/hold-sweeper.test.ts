/**
 * The hold sweeper runs on a real Bull queue: it frees expired holds without anyone reading them,
 * keeps one schedule across restarts with a new interval, and keeps running after Redis lost its
 * data, whether or not the connection dropped with it.
 */
import { waitFor } from '@roadmap/testing';
import { startHoldSweeper, type HoldSweeper } from '../src/jobs/hold-sweeper.js';
import { seedShow } from './factories.js';
import { MINUTE, useBookingHarness } from './harness.js';

describe('hold sweeper job', () => {
  const t = useBookingHarness('booking_sweeper', { rules: { holdMinutes: 5 }, faults: { redis: true } });
  const sweepers: HoldSweeper[] = [];
  afterEach(async () => {
    t.proxies.redis?.restore();
    await Promise.all(sweepers.splice(0).map((sweeper) => sweeper.close()));
  });

  async function sweeper(everySeconds: number): Promise<HoldSweeper> {
    const started = await startHoldSweeper({
      queueRedis: t.queueRedis,
      prefix: (await t.ctx.redis()).prefix,
      bookings: t.services.bookings,
      logger: t.ctx.logger,
      everySeconds,
    });
    sweepers.push(started);
    return started;
  }

  /** A hold whose time is up (the clock moved past it), with its seat lock still stored. */
  async function endedHold(seat: string): Promise<string> {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const held = await t.hold(t.userToken(), showId, [seat]).expect(201);
    t.clock.advance(5 * MINUTE);
    return held.body.id as string;
  }

  async function swept(holdId: string): Promise<void> {
    await waitFor(async () => (await t.models.SeatLock.countDocuments({ booking: holdId })) === 0, {
      timeoutMs: 10_000,
      description: 'the sweeper to delete the expired lock',
    });
    expect((await t.models.Booking.findById(holdId).lean())?.status).toBe('expired');
  }

  /**
   * Deletes the sweeper's keys under this test's Redis prefix in one step (what a Redis restart
   * without persistence leaves) and answers the keys it deleted. A running sweeper may register its
   * schedule again right after, so the deleted keys are the evidence, not a later read.
   */
  async function loseRedisData(): Promise<string[]> {
    const redis = await t.ctx.redis();
    const deleted = await redis.redis.eval(
      "local keys = redis.call('KEYS', ARGV[1]) for _, key in ipairs(keys) do redis.call('DEL', key) end return keys",
      0,
      `${redis.prefix}*hold-sweeper*`,
    );
    return deleted as string[];
  }

  /** The schedule (Bull's repeat key) was among the deleted keys. */
  function scheduleLost(deleted: string[]): void {
    expect(deleted.filter((key) => key.endsWith('hold-sweeper:repeat'))).toHaveLength(1);
  }

  it('marks expired holds and deletes their locks on its schedule, keeping a single schedule', async () => {
    const holdId = await endedHold('A1');
    // A previous run scheduled it every minute; this run (a restart with a new interval) every second.
    await (await sweeper(60)).close();
    sweepers.splice(0);

    const current = await sweeper(1);

    expect((await current.queue.getRepeatableJobs()).map((job) => job.every)).toEqual([1000]);
    await swept(holdId);
  });

  it('registers its schedule again when Redis lost its data without dropping the connection', async () => {
    await sweeper(1);
    await swept(await endedHold('B1'));

    scheduleLost(await loseRedisData());

    // Nothing reconnected: the periodic check finds the schedule gone and registers it again.
    await swept(await endedHold('B2'));
  });

  it('registers its schedule again when Redis comes back empty after an outage', async () => {
    const running = await sweeper(30);
    t.proxies.redis?.cut();
    scheduleLost(await loseRedisData());

    t.proxies.redis?.restore();

    // Long before the 30 s periodic check: the reconnect registered it.
    await waitFor(async () => (await running.queue.getRepeatableJobs()).map((job) => job.every).join() === '30000', {
      timeoutMs: 5000,
      description: 'the schedule to be registered again',
    });
  });
});
