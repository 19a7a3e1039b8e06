/**
 * The repositories of a MongoDB project (one per collection, on one connection) and the two things
 * every process does with them at start-up: build their indexes (autoIndex is off), and hand the mail
 * path the collections whose documents carry owed mail. A project defines its set once, in app.ts.
 */
import type { Connection } from 'mongoose';
import type { OwedMailSource } from '../mail-outbox.js';
import type { MailStore } from '../mail-store.js';

/** A repository over one collection: it builds that collection's indexes. */
export interface MongoRepository {
  ensureIndexes(): Promise<unknown>;
}

export interface RepositorySetDefinition<R extends { [K in keyof R]: MongoRepository }> {
  /** Builds every repository on the connection. */
  create(connection: Connection): R;
  /** The collections whose documents carry owed mail, as the mail path reads them. */
  owedMail(repositories: R, store: MailStore): OwedMailSource[];
}

export interface RepositorySet<R extends { [K in keyof R]: MongoRepository }> {
  createRepositories(connection: Connection): R;
  /** What `openMongoMailOutbox` takes as `sources`. */
  owedMailSources(repositories: R): (store: MailStore) => OwedMailSource[];
  /**
   * Builds every index, unique ones included, one collection at a time: a server, the seed and the
   * tests run it before the first write relies on a unique index.
   */
  ensureIndexes(repositories: R): Promise<void>;
}

export function defineRepositorySet<R extends { [K in keyof R]: MongoRepository }>(
  definition: RepositorySetDefinition<R>,
): RepositorySet<R> {
  return {
    createRepositories: (connection) => definition.create(connection),
    owedMailSources: (repositories) => (store) => definition.owedMail(repositories, store),
    ensureIndexes: async (repositories) => {
      for (const repository of Object.values<MongoRepository>(repositories)) await repository.ensureIndexes();
    },
  };
}
