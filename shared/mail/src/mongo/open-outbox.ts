/**
 * The mail path of a MongoDB project in one call: the `mail_messages` store on the project's
 * connection (indexes built), and an outbox whose sweep relays the owed mail of the given business
 * collections. The server and the tests of a project open it the same way.
 */
import type { Connection } from 'mongoose';
import { MailOutbox, type MailOutboxOptions, type OwedMailSource } from '../mail-outbox.js';
import { MongoMailStore } from './mongo-mail-store.js';

export interface MongoMailOutboxOptions extends Omit<MailOutboxOptions, 'store' | 'sources'> {
  connection: Connection;
  /** The business collections that embed owed mail, e.g. `(store) => [comments.owedMailSource(store)]`. */
  sources: (store: MongoMailStore) => OwedMailSource[];
}

export async function openMongoMailOutbox({
  connection,
  sources,
  ...options
}: MongoMailOutboxOptions): Promise<MailOutbox> {
  const store = new MongoMailStore(connection);
  await store.ensureIndexes();
  return new MailOutbox({ ...options, store, sources: sources(store) });
}
