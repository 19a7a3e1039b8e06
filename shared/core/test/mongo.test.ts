/** connectMongo and findPage against the real MongoDB-compatible server, in a database of this file's own. */
import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { connectMongo, findPage, urlNamesDatabase } from '../src/mongo/index.js';
import { mapPage } from '../src/pagination.js';
import { ValidationError } from '../src/errors.js';

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

interface Item {
  title: string;
  titleKey: string;
  rank: number;
  secret: string;
}

let connection: Connection;
let Items: Model<Item>;

beforeAll(async () => {
  connection = await connectMongo({ url: MONGO_URL, dbName: `t_core_mongo_${randomBytes(5).toString('hex')}` });
  Items = connection.model<Item>(
    'Item',
    new Schema<Item>({ title: String, titleKey: String, rank: Number, secret: String }),
  );
  await Items.insertMany(
    ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'].map((title, i) => ({
      title,
      titleKey: title.toLowerCase(),
      rank: i % 2,
      secret: 'hidden',
    })),
  );
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

describe('connectMongo', () => {
  it('uses the database the URL names, else the default, and never the global mongoose', async () => {
    const named = urlNamesDatabase('mongodb://127.0.0.1:27017/blog');
    const bare = urlNamesDatabase('mongodb://127.0.0.1:27017');
    const withOptions = urlNamesDatabase('mongodb://127.0.0.1:27017/?replicaSet=rs0');

    expect([named, bare, withOptions]).toEqual([true, false, false]);
    expect(connection.name).toMatch(/^t_core_mongo_/);
  });

  it('opens a connection to the default database when the URL names none', async () => {
    const dbName = `t_core_default_${randomBytes(5).toString('hex')}`;

    const other = await connectMongo({ url: MONGO_URL, defaultDbName: dbName });
    await other.close();

    expect(other.name).toBe(dbName);
  });
});

describe('findPage', () => {
  it('answers one lean page, the total and the page count', async () => {
    const page = await findPage<Item>(Items, {}, { page: 2, limit: 2 }, { field: 'titleKey', direction: 'asc' });

    expect(page).toMatchObject({ page: 2, limit: 2, total: 5, totalPages: 3 });
    expect(page.data.map((item) => item.title)).toEqual(['charlie', 'delta']);
    expect(page.data[0]).not.toHaveProperty('save');
  });

  it('filters, projects, and sorts on the stored path the allow-list maps a field to', async () => {
    const page = await findPage<Item>(
      Items,
      { rank: 0 },
      { page: 1, limit: 10 },
      { field: 'title', direction: 'desc' },
      { title: 1 },
      { sortable: { title: 'titleKey' } },
    );

    expect(page.total).toBe(3);
    expect(page.data.map((item) => item.title)).toEqual(['echo', 'delta', 'charlie']);
    expect(page.data[0]).not.toHaveProperty('secret');
  });

  it('refuses a sort the allow-list does not name', async () => {
    const attempt = findPage(Items, {}, { page: 1, limit: 10 }, { field: 'secret', direction: 'asc' }, undefined, {
      sortable: { title: 'titleKey' },
    });

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('mapPage', () => {
  it('maps the items and keeps the envelope', () => {
    const page = { data: [1, 2], page: 1, limit: 2, total: 4, totalPages: 2 };

    expect(mapPage(page, (n) => n * 10)).toEqual({ ...page, data: [10, 20] });
  });
});
