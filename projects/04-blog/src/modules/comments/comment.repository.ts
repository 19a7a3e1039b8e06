/** The only code that queries the comments collection. */
import { findPage, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { Types, type Connection } from 'mongoose';
import { createCommentModel, type CommentModel, type CommentRecord } from './comment.model.js';

export class CommentRepository {
  private readonly comments: CommentModel;

  constructor(connection: Connection) {
    this.comments = createCommentModel(connection);
  }

  async create(comment: { post: string; authorId: string; body: string }): Promise<CommentRecord> {
    const doc = await this.comments.create(comment);
    return doc.toObject<CommentRecord>();
  }

  async findOnPost(postId: string, commentId: string): Promise<CommentRecord | null> {
    return this.comments.findOne({ _id: commentId, post: postId }).lean<CommentRecord>();
  }

  async pageOfPost(postId: string, request: PageRequest, sort: SortSpec): Promise<Page<CommentRecord>> {
    return findPage<CommentRecord>(this.comments, { post: new Types.ObjectId(postId) }, request, sort);
  }

  /** Deletes the comment; true when it was there. */
  async delete(id: string | Types.ObjectId): Promise<boolean> {
    return (await this.comments.deleteOne({ _id: id })).deletedCount > 0;
  }

  async deleteAllOfPost(postId: string): Promise<void> {
    await this.comments.deleteMany({ post: postId });
  }

  async countOnPost(postId: Types.ObjectId): Promise<number> {
    return this.comments.countDocuments({ post: postId });
  }

  /** Adds several comments at once (the seed). */
  async insertMany(comments: { post: Types.ObjectId; authorId: string; body: string }[]): Promise<void> {
    await this.comments.create(comments);
  }

  async ensureIndexes(): Promise<void> {
    await this.comments.createIndexes();
  }
}
