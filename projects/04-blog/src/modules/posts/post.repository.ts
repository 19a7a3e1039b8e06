/**
 * The only code that queries the posts collection. Every write is one atomic conditional update
 * (no transactions), so it works on MongoDB and FerretDB alike and two writers cannot both win.
 */
import { escapeRegExp, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import { Types, type Connection } from 'mongoose';
import { createPostModel, type PostModel, type PostRecord } from './post.model.js';
import { EDITABLE_STATUSES, type PostStatus } from './post.status.js';

export type NewPost = Pick<
  PostRecord,
  'title' | 'titleKey' | 'slug' | 'body' | 'excerpt' | 'tags' | 'authorId' | 'authorEmail' | 'status'
> & { category: string | null };

export interface PostFilter {
  status?: PostStatus;
  categoryId?: Types.ObjectId;
  tag?: string;
  authorId?: string;
  /** Case-insensitive text in the title. */
  text?: string;
  publishedFrom?: Date;
  publishedTo?: Date;
}

/** The fields a page may be sorted by, and the stored path each sorts on (titles by their lower case). */
const SORTABLE = {
  title: 'titleKey',
  publishedAt: 'publishedAt',
  commentCount: 'commentCount',
  createdAt: 'createdAt',
  submittedAt: 'submittedAt',
};

export class PostRepository {
  private readonly posts: PostModel;

  constructor(connection: Connection) {
    this.posts = createPostModel(connection);
  }

  /** Inserts the post; a taken slug fails with MongoDB's duplicate-key error. */
  async create(post: NewPost): Promise<PostRecord> {
    const doc = await this.posts.create(post);
    return doc.toObject<PostRecord>();
  }

  async findById(id: string): Promise<PostRecord | null> {
    return this.posts.findById(id).lean<PostRecord>();
  }

  async findBySlug(slug: string): Promise<PostRecord | null> {
    return this.posts.findOne({ slug }).lean<PostRecord>();
  }

  /** The slugs taken that match `pattern`, to pick the next free one. */
  async slugsMatching(pattern: RegExp): Promise<string[]> {
    const docs = await this.posts.find({ slug: { $regex: pattern } }, { slug: 1 }).lean<{ slug: string }[]>();
    return docs.map((doc) => doc.slug);
  }

  /** A page of posts without their bodies. */
  async page(filter: PostFilter, request: PageRequest, sort: SortSpec): Promise<Page<PostRecord>> {
    const query: Record<string, unknown> = {};
    if (filter.status !== undefined) query.status = filter.status;
    if (filter.categoryId !== undefined) query.category = filter.categoryId;
    if (filter.tag !== undefined) query.tags = filter.tag;
    if (filter.authorId !== undefined) query.authorId = filter.authorId;
    if (filter.text !== undefined) query.title = { $regex: escapeRegExp(filter.text), $options: 'i' };
    if (filter.publishedFrom || filter.publishedTo) {
      query.publishedAt = {
        ...(filter.publishedFrom ? { $gte: filter.publishedFrom } : {}),
        ...(filter.publishedTo ? { $lte: filter.publishedTo } : {}),
      };
    }
    return findPage<PostRecord>(this.posts, query, request, sort, { body: 0 }, { sortable: SORTABLE });
  }

  /**
   * Posts with their bodies, newest published first, paged by offset (the RealWorld lists): `authorIds`
   * and `ids` narrow to those authors and posts.
   */
  async pageByOffset(
    filter: { status: PostStatus; tag?: string; authorIds?: string[]; ids?: string[] },
    offset: number,
    limit: number,
  ): Promise<{ posts: PostRecord[]; total: number }> {
    const query: Record<string, unknown> = { status: filter.status };
    if (filter.tag !== undefined) query.tags = filter.tag;
    if (filter.authorIds !== undefined) query.authorId = { $in: filter.authorIds };
    if (filter.ids !== undefined) query._id = { $in: filter.ids.map((id) => new Types.ObjectId(id)) };
    const [posts, total] = await Promise.all([
      this.posts.find(query).sort({ publishedAt: -1, _id: -1 }).skip(offset).limit(limit).lean<PostRecord[]>(),
      this.posts.countDocuments(query),
    ]);
    return { posts, total };
  }

  /** Every tag used by a post in `status`, each once. */
  async distinctTags(status: PostStatus): Promise<string[]> {
    const tags: unknown[] = await this.posts.distinct('tags', { status });
    return tags.filter((tag): tag is string => typeof tag === 'string');
  }

  /**
   * Applies an edit if the post is still at `version` and in one of `statuses` (the editable ones
   * unless told otherwise); bumps the version. Null otherwise.
   */
  async updateContent(
    id: string,
    version: number,
    set: Record<string, unknown>,
    statuses: readonly PostStatus[] = EDITABLE_STATUSES,
  ): Promise<PostRecord | null> {
    return this.posts
      .findOneAndUpdate(
        { _id: id, version, status: { $in: statuses } },
        { $set: set, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<PostRecord>();
  }

  /** Applies a status change if the status is still `from`; bumps the version. Null otherwise. */
  async changeStatus(id: string, from: PostStatus, set: Record<string, unknown>): Promise<PostRecord | null> {
    return this.posts
      .findOneAndUpdate({ _id: id, status: from }, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<PostRecord>();
  }

  /** Points an editable post at another cover image (or none); answers the post as it was, or null. */
  async swapCover(id: string, coverImage: string | null): Promise<PostRecord | null> {
    return this.posts
      .findOneAndUpdate(
        { _id: id, status: { $in: EDITABLE_STATUSES } },
        { $set: { coverImage }, $inc: { version: 1 } },
        { returnDocument: 'before' },
      )
      .lean<PostRecord>();
  }

  /** Deletes the post; answers it as it was, or null when it was already gone. */
  async delete(id: string): Promise<PostRecord | null> {
    return this.posts.findOneAndDelete({ _id: id }).lean<PostRecord>();
  }

  /** Counts one more comment on a published post; false when the post is gone or no longer published. */
  async addComment(id: string): Promise<boolean> {
    const counted = await this.posts.updateOne({ _id: id, status: 'published' }, { $inc: { commentCount: 1 } });
    return counted.matchedCount === 1;
  }

  async removeComment(id: string): Promise<void> {
    await this.posts.updateOne({ _id: id }, { $inc: { commentCount: -1 } });
  }

  async countInCategory(categoryId: string): Promise<number> {
    return this.posts.countDocuments({ category: new Types.ObjectId(categoryId) });
  }

  async moveCategory(fromCategoryId: string, toCategoryId: string): Promise<number> {
    const result = await this.posts.updateMany(
      { category: new Types.ObjectId(fromCategoryId) },
      { $set: { category: new Types.ObjectId(toCategoryId) } },
    );
    return result.modifiedCount;
  }

  /** Inserts the post unless one has its slug; answers the stored one (the seed). */
  async upsertBySlug(post: Omit<NewPost, 'category'> & Partial<PostRecord>): Promise<PostRecord> {
    return this.posts
      .findOneAndUpdate({ slug: post.slug }, { $setOnInsert: post }, { upsert: true, returnDocument: 'after' })
      .lean<PostRecord>()
      .orFail();
  }

  async setCommentCount(id: Types.ObjectId, commentCount: number): Promise<void> {
    await this.posts.updateOne({ _id: id }, { $set: { commentCount } });
  }

  async ensureIndexes(): Promise<void> {
    await this.posts.createIndexes();
  }
}
