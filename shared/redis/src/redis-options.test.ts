import { DEFAULT_REDIS_BOUNDS, boundsFromEnv, reconnectDelay, redisOptions } from './redis-options.js';

describe('redisOptions', () => {
  it('bounds every wait of a command connection', () => {
    expect(redisOptions('command')).toMatchObject({
      connectTimeout: 1000,
      commandTimeout: 1000,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
    });
  });

  it("gives Bull's subscriber and blocking connections what Bull requires: no retry limit, no ready check, no command timeout", () => {
    for (const role of ['subscriber', 'blocking'] as const) {
      const options = redisOptions(role);
      expect(options).toMatchObject({ maxRetriesPerRequest: null, enableReadyCheck: false, connectTimeout: 1000 });
      expect(options.commandTimeout).toBeUndefined();
    }
  });

  it('reconnects quickly and never waits longer than the cap between attempts', () => {
    const delay = reconnectDelay({ ...DEFAULT_REDIS_BOUNDS, reconnectMaxDelayMs: 500 });

    expect([1, 2, 3, 4, 50].map(delay)).toEqual([100, 200, 400, 500, 500]);
  });
});

describe('boundsFromEnv', () => {
  it('takes the timeouts from the configuration', () => {
    expect(
      boundsFromEnv({
        REDIS_CONNECT_TIMEOUT_MS: 2000,
        REDIS_COMMAND_TIMEOUT_MS: 1500,
        REDIS_RECONNECT_MAX_DELAY_MS: 300,
      }),
    ).toEqual({ ...DEFAULT_REDIS_BOUNDS, connectTimeoutMs: 2000, commandTimeoutMs: 1500, reconnectMaxDelayMs: 300 });
  });
});
