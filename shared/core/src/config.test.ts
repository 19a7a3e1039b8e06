import { z } from 'zod';
import { baseEnvShape, commaList, ConfigError, envBoolean, loadConfig } from './config.js';

const schema = z.object({ ...baseEnvShape(3001), MONGO_URL: z.url(), ORIGINS: commaList });

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, { MONGO_URL: 'mongodb://127.0.0.1:27017', PORT: '4000' });

    expect(config).toMatchObject({ PORT: 4000, HOST: '0.0.0.0', NODE_ENV: 'development', ORIGINS: [] });
  });

  it('names every missing or malformed variable', () => {
    const attempt = () => loadConfig(schema, { PORT: 'eighty', NODE_ENV: 'staging' });

    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const message = (err as ConfigError).message;
      expect(message).toMatch(/MONGO_URL: .*\(not set\)/);
      expect(message).toMatch(/PORT:/);
      expect(message).toMatch(/NODE_ENV:/);
    }
  });

  it('splits comma lists and drops blanks', () => {
    const config = loadConfig(schema, { MONGO_URL: 'mongodb://x', ORIGINS: ' https://a.dev , ,https://b.dev' });

    expect(config.ORIGINS).toEqual(['https://a.dev', 'https://b.dev']);
  });
});

describe('envBoolean', () => {
  const flags = z.object({ ON: envBoolean(true), OFF: envBoolean(false) });

  it('reads true and false, and takes the default when unset', () => {
    expect(flags.parse({})).toEqual({ ON: true, OFF: false });
    expect(flags.parse({ ON: 'false', OFF: 'true' })).toEqual({ ON: false, OFF: true });
  });

  it('refuses anything but true or false', () => {
    expect(flags.safeParse({ ON: 'yes' }).success).toBe(false);
    expect(flags.safeParse({ OFF: '1' }).success).toBe(false);
  });
});
