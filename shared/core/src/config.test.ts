import { z } from 'zod';
import {
  baseEnvShape,
  commaList,
  ConfigError,
  developmentSecret,
  envBoolean,
  loadConfig,
  mongoUrl,
  passwordlessDatabaseUrl,
  refuseDevelopmentDefaults,
  safetySwitch,
} from './config.js';

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

describe('refuseDevelopmentDefaults', () => {
  const productionSchema = z
    .object({
      ...baseEnvShape(3001),
      DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
      WEBHOOK_SECRET: z.string().default('whsec_development'),
      COOKIE_SECURE: envBoolean(true),
    })
    .superRefine(
      refuseDevelopmentDefaults(
        passwordlessDatabaseUrl('DATABASE_URL'),
        developmentSecret('WEBHOOK_SECRET', 'whsec_development'),
        safetySwitch('COOKIE_SECURE'),
      ),
    );
  const safe = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://shop:s3cret@db.internal:5432/shop',
    WEBHOOK_SECRET: 'whsec_live_4f9a',
  };

  it('runs on every development default outside production', () => {
    expect(loadConfig(productionSchema, { NODE_ENV: 'development' })).toMatchObject({ COOKIE_SECURE: true });
    expect(loadConfig(productionSchema, { NODE_ENV: 'test', COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
  });

  it('starts in production once every default is replaced', () => {
    expect(loadConfig(productionSchema, safe).DATABASE_URL).toBe(safe.DATABASE_URL);
  });

  it('refuses in production a database URL without a password (trust authentication), naming the variable', () => {
    expect(() => loadConfig(productionSchema, { ...safe, DATABASE_URL: undefined })).toThrow(
      /DATABASE_URL: has no password.*\(not set\)/,
    );
    expect(() => loadConfig(productionSchema, { ...safe, DATABASE_URL: 'postgres://shop@db.internal/shop' })).toThrow(
      /DATABASE_URL: has no password/,
    );
  });

  it('reads the password of a MongoDB seed list, which is not a WHATWG URL', () => {
    const seedList = 'mongodb://app:s3cret@db1.internal:27017,db2.internal:27017/shop?replicaSet=rs0';
    expect(passwordlessDatabaseUrl('MONGO_URL').refuses(seedList)).toBeUndefined();
    expect(passwordlessDatabaseUrl('MONGO_URL').refuses('mongodb://db1:27017,db2:27017/shop')).toMatch(/no password/);
  });

  it('accepts a URL that authenticates by certificate or a named mechanism instead of a password', () => {
    const x509 = 'mongodb+srv://cluster0.example.mongodb.net/shop?authMechanism=MONGODB-X509';
    expect(passwordlessDatabaseUrl('MONGO_URL').refuses(x509)).toBeUndefined();
    expect(passwordlessDatabaseUrl('MONGO_URL').refuses('mongodb://127.0.0.1:27017/shop')).toMatch(/no password/);
  });

  it('refuses in production a secret left at its public development value', () => {
    expect(() => loadConfig(productionSchema, { ...safe, WEBHOOK_SECRET: undefined })).toThrow(
      /WEBHOOK_SECRET: is the development default/,
    );
  });

  it('refuses COOKIE_SECURE=false in production', () => {
    expect(() => loadConfig(productionSchema, { ...safe, COOKIE_SECURE: 'false' })).toThrow(
      /COOKIE_SECURE: must not be false in production/,
    );
  });

  it('lists every refused variable at once', () => {
    const attempt = () => loadConfig(productionSchema, { NODE_ENV: 'production', COOKIE_SECURE: 'false' });
    expect(attempt).toThrow(ConfigError);
    expect(() => attempt()).toThrow(/DATABASE_URL[\s\S]*WEBHOOK_SECRET[\s\S]*COOKIE_SECURE/);
  });
});

describe('mongoUrl', () => {
  const schema = z.object({ MONGO_URL: mongoUrl('blog') });
  const parse = (MONGO_URL?: string) => schema.parse({ MONGO_URL }).MONGO_URL;

  it("defaults to the app's database on the local server", () => {
    expect(parse()).toBe('mongodb://127.0.0.1:27017/blog');
  });

  it("puts the app's database into a URL that names none, keeping credentials and options", () => {
    expect(parse('mongodb+srv://app:s3cret@cluster0.example.mongodb.net/?retryWrites=true&w=majority')).toBe(
      'mongodb+srv://app:s3cret@cluster0.example.mongodb.net/blog?retryWrites=true&w=majority',
    );
    expect(parse('mongodb://db1:27017,db2:27017')).toBe('mongodb://db1:27017,db2:27017/blog');
  });

  it('keeps a database the URL names', () => {
    expect(parse('mongodb://127.0.0.1:27017/blog-test?directConnection=true')).toBe(
      'mongodb://127.0.0.1:27017/blog-test?directConnection=true',
    );
  });
});
