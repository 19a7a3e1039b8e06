/**
 * `@roadmap/core` never loads mongoose; only `@roadmap/core/mongo` does. Each entry point is loaded
 * in a fresh Node process from the PostgreSQL project (05), which must not pay for mongoose.
 */
import path from 'node:path';
import { isMongooseFile, modulesLoadedBy } from '@roadmap/testing';

const postgresProject = path.join(__dirname, '../../../projects/05-ecommerce');
const sourceFile = (file: string) => file.includes(`${path.sep}shared${path.sep}`) && file.endsWith('.ts');

describe('the @roadmap/core entry points', () => {
  it.each(['@roadmap/core', '@roadmap/mail', '@roadmap/mail/postgres', '@roadmap/redis', '@roadmap/auth'])(
    '%s loads no mongoose and no MongoDB driver',
    async (specifier) => {
      const loaded = await modulesLoadedBy(specifier, postgresProject);

      expect(loaded.some(sourceFile)).toBe(true);
      expect(loaded.filter(isMongooseFile)).toEqual([]);
    },
  );

  it('@roadmap/core/mongo is where mongoose is loaded', async () => {
    const loaded = await modulesLoadedBy('@roadmap/core/mongo', postgresProject);

    expect(loaded.some(isMongooseFile)).toBe(true);
  });
});
