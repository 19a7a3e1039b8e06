/** The only code that queries the comments collection. */
import { type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import type { MailStore, OwedMail, OwedMailSource } from '@roadmap/mail';
import { embeddedMailSource, owedMailFields } from '@roadmap/mail/mongo';
import { Types, type Connection } from 'mongoose';
import { createCommentModel, type CommentModel, type CommentRecord } from './comment.model.js';

/** The name the mail path knows the comments' owed mail by. */
export const COMMENT_MAIL_SOURCE = 'comments';

export class CommentRepository {
  private readonly comments: CommentModel;

  constructor(connection: Connection) {
    this.comments = createCommentModel(connection);
  }

  /** Inserts the comment together with the mail it owes (one atomic write). */
  async create(
    comment: { _id: Types.ObjectId; post: string; authorId: string; body: string },
    owedMail: OwedMail[],
    now: Date,
  ): Promise<CommentRecord> {
    const doc = await this.comments.create({
      ...comment,
      ...(owedMail.length > 0 ? owedMailFields(owedMail, now) : {}),
    });
    return doc.toObject<CommentRecord>();
  }

  /** Where the mail path finds the mail comments owe (see `create`). */
  owedMailSource(store: MailStore): OwedMailSource {
    return embeddedMailSource(COMMENT_MAIL_SOURCE, this.comments.collection, store);
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
