/** The post schema declares the indexes the public list needs (created by ensureIndexes at start-up). */
import { createConnection, type Connection } from 'mongoose';
import { createPostModel } from './post.model.js';

describe('the post model', () => {
  let connection: Connection;

  beforeAll(() => {
    connection = createConnection();
  });
  afterAll(() => connection.close());

  it('has an index that reads each public list query in its page order (filter, publishedAt, _id)', () => {
    const keys = createPostModel(connection)
      .schema.indexes()
      .map(([fields]) => fields);

    expect(keys).toEqual(
      expect.arrayContaining([
        { status: 1, publishedAt: -1, _id: -1 },
        { tags: 1, status: 1, publishedAt: -1, _id: -1 },
        { authorId: 1, status: 1, publishedAt: -1, _id: -1 },
        { status: 1, submittedAt: 1, _id: 1 },
      ]),
    );
  });
});
