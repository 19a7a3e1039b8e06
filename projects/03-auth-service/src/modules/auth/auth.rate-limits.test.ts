import type { RedisReply } from 'rate-limit-redis';
import { ReloadingRedisStore } from './auth.rate-limits.js';

describe('ReloadingRedisStore', () => {
  it('loads its scripts again after Redis failed to answer when the limiter started', async () => {
    let redisUp = false;
    const commands: string[] = [];
    const store = new ReloadingRedisStore({
      sendCommand: async (...args: string[]): Promise<RedisReply> => {
        commands.push(args.slice(0, 2).join(' '));
        if (!redisUp) throw new Error('Command timed out');
        return args[0] === 'SCRIPT' ? 'sha' : [1, 60_000];
      },
    });
    await expect(store.init({ windowMs: 60_000 } as Parameters<typeof store.init>[0])).rejects.toThrow('timed out');

    redisUp = true;
    const result = await store.increment('client');

    expect(result.totalHits).toBe(1);
    expect(commands.slice(2)).toEqual(['SCRIPT LOAD', 'SCRIPT LOAD', 'EVALSHA sha']);
  });
});
