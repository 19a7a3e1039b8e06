/**
 * Proves the MongoDB-compatible server that scripts/services.sh found (real MongoDB or FerretDB)
 * does what the projects rely on through Mongoose.
 */
import { Schema, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../src/mongo.js';

interface Account {
  email: string;
  name: string;
  logins: number;
  status: 'active' | 'locked';
}

const accountSchema = new Schema<Account>({
  email: { type: String, required: true, unique: true, lowercase: true, trim: true },
  name: { type: String, required: true },
  logins: { type: Number, default: 0, min: 0 },
  status: { type: String, enum: ['active', 'locked'], default: 'active' },
});

describe('Mongoose on the MongoDB-compatible server', () => {
  let db: TestDatabase;
  let Accounts: Model<Account>;

  beforeAll(async () => {
    db = await createTestDatabase('mongo_smoke');
    Accounts = db.connection.model<Account>('Account', accountSchema);
    await Accounts.createIndexes();
  });

  afterAll(async () => {
    await db.cleanup();
  });

  it('inserts and finds a document, applying schema transforms', async () => {
    await Accounts.create({ email: '  Ada@Example.COM ', name: 'Ada' });

    const found = await Accounts.findOne({ email: 'ada@example.com' }).lean();

    expect(found).toMatchObject({ email: 'ada@example.com', name: 'Ada', logins: 0, status: 'active' });
  });

  it('updates atomically with a condition on the current state', async () => {
    const created = await Accounts.create({ email: 'grace@example.com', name: 'Grace' });

    const locked = await Accounts.findOneAndUpdate(
      { _id: created._id, status: 'active' },
      { $set: { status: 'locked' }, $inc: { logins: 1 } },
      { returnDocument: 'after' },
    );
    const again = await Accounts.findOneAndUpdate(
      { _id: created._id, status: 'active' },
      { $set: { status: 'locked' } },
    );

    expect(locked).toMatchObject({ status: 'locked', logins: 1 });
    expect(again).toBeNull();
  });

  it('enforces a unique index with duplicate-key error 11000', async () => {
    await Accounts.create({ email: 'linus@example.com', name: 'Linus' });

    await expect(Accounts.create({ email: 'LINUS@example.com', name: 'Impostor' })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('lets exactly one of many concurrent inserts of the same unique key win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => Accounts.create({ email: 'race@example.com', name: `racer ${i}` })),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.every((r) => r.status === 'fulfilled' || (r.reason as { code?: number }).code === 11000)).toBe(true);
  });

  it('rejects a document that breaks the schema before it reaches the server', async () => {
    await expect(Accounts.create({ email: 'neg@example.com', name: 'Neg', logins: -1 })).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
