/**
 * Comments on published posts. Creating one enqueues an email to the post's author (never to the
 * commenter about their own comment); a queue failure is logged and never fails the request.
 */
import type { AuthUser } from '@roadmap/auth';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  pageOffset,
  toMongoSort,
  toPage,
  type Logger,
  type Page,
} from '@roadmap/core';
import type { BlogModels } from '../../models.js';
import type { CommentNotifier } from '../notifications/comment-notifier.js';
import { canDeleteComment, type Caller } from '../posts/post.policy.js';
import type { PostService } from '../posts/post.service.js';
import type { CommentDoc } from './comment.model.js';
import type { Comment, CommentInput, CommentListQuery } from './comment.schemas.js';

export function toComment(doc: CommentDoc): Comment {
  return {
    id: doc._id.toString(),
    postId: doc.post.toString(),
    authorId: doc.authorId,
    body: doc.body,
    createdAt: doc.createdAt.toISOString(),
  };
}

/** True when the notification would go to the commenter themselves. */
export function isSelfNotification(
  post: { authorId: string; authorEmail: string | null },
  commenter: Pick<AuthUser, 'id' | 'email'>,
): boolean {
  if (post.authorId === commenter.id) return true;
  return !!post.authorEmail && !!commenter.email && post.authorEmail.toLowerCase() === commenter.email.toLowerCase();
}

export interface CommentServiceOptions {
  models: BlogModels;
  posts: PostService;
  notifier: CommentNotifier;
  logger: Logger;
  publicUrl: string;
}

export class CommentService {
  private readonly options: CommentServiceOptions;

  constructor(options: CommentServiceOptions) {
    this.options = options;
  }

  async create(caller: AuthUser, postId: string, input: CommentInput): Promise<Comment> {
    const { models, posts, notifier, logger, publicUrl } = this.options;
    const post = await posts.getVisible(caller, postId);
    if (post.status !== 'published') {
      throw new ConflictError('Comments are only open on published posts.', {
        extensions: { postStatus: post.status },
      });
    }
    const doc = await models.Comment.create({ post: postId, authorId: caller.id, body: input.body });
    const counted = await models.Post.updateOne({ _id: postId, status: 'published' }, { $inc: { commentCount: 1 } });
    if (counted.matchedCount === 0) {
      // The post was deleted between our read and our insert (no transactions): take the comment back.
      await models.Comment.deleteOne({ _id: doc._id });
      throw new NotFoundError(`Post ${postId} does not exist.`);
    }
    const comment = toComment(doc.toObject());
    if (post.authorEmail && !isSelfNotification(post, caller)) {
      try {
        await notifier.notify({
          commentId: comment.id,
          recipient: post.authorEmail,
          postTitle: post.title,
          postUrl: `${publicUrl.replace(/\/$/, '')}/api/v1/posts/by-slug/${post.slug}`,
          commentBody: comment.body,
        });
      } catch (err) {
        // The comment is saved; losing its email is better than failing the request.
        logger.error({ err, commentId: comment.id }, 'could not enqueue the comment email');
      }
    }
    return comment;
  }

  async list(caller: Caller, postId: string, query: CommentListQuery): Promise<Page<Comment>> {
    const { models, posts } = this.options;
    await posts.getVisible(caller, postId);
    const filter = { post: postId };
    const [docs, total] = await Promise.all([
      models.Comment.find(filter)
        .sort(toMongoSort(query.sort))
        .skip(pageOffset(query))
        .limit(query.limit)
        .lean<CommentDoc[]>(),
      models.Comment.countDocuments(filter),
    ]);
    return toPage(docs.map(toComment), query, total);
  }

  async delete(caller: AuthUser, postId: string, commentId: string): Promise<void> {
    const { models, posts } = this.options;
    const post = await posts.getVisible(caller, postId);
    const comment = await models.Comment.findOne({ _id: commentId, post: postId }).lean<CommentDoc>();
    if (!comment) throw new NotFoundError(`Comment ${commentId} does not exist on this post.`);
    if (!canDeleteComment(caller, comment, post)) {
      throw new ForbiddenError("Only the post's author, the comment's author or an admin may delete a comment.");
    }
    const result = await models.Comment.deleteOne({ _id: commentId });
    if (result.deletedCount > 0) await models.Post.updateOne({ _id: postId }, { $inc: { commentCount: -1 } });
  }
}
