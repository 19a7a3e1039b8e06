/**
 * Comments on published posts. Creating one asks for an email to the post's author (never to the
 * commenter about their own comment); a failure to ask is logged and never fails the request.
 */
import type { AuthUser } from '@roadmap/auth';
import { ConflictError, ForbiddenError, mapPage, NotFoundError, type Logger, type Page } from '@roadmap/core';
import type { Caller, PostRepository, PostService } from '../posts/index.js';
import { canDeleteComment, isSelfNotification } from './comment.policy.js';
import type { CommentRepository } from './comment.repository.js';
import type { Comment, CommentInput, CommentListQuery } from './comment.schemas.js';
import { toComment } from './comment.view.js';

export interface CommentNotification {
  commentId: string;
  recipient: string;
  postTitle: string;
  postUrl: string;
  commentBody: string;
}

/** What the comment service needs: a way to ask for an email, fast (the jobs/ folder sends it). */
export interface CommentNotifier {
  notify(notification: CommentNotification): Promise<void>;
}

export interface CommentServiceDeps {
  comments: CommentRepository;
  /** Who may see the post, and whether it takes comments. */
  posts: PostService;
  /** The post's comment count. */
  postCounts: PostRepository;
  notifier: CommentNotifier;
  /** The public link of a post in an email, by its slug. */
  postLink: (slug: string) => string;
  logger: Logger;
}

export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  async create(caller: AuthUser, postId: string, input: CommentInput): Promise<Comment> {
    const { comments, posts, postCounts, notifier, logger } = this.deps;
    const post = await posts.getVisible(caller, postId);
    if (post.status !== 'published') {
      throw new ConflictError('Comments are only open on published posts.', {
        extensions: { postStatus: post.status },
      });
    }
    const comment = toComment(await comments.create({ post: postId, authorId: caller.id, body: input.body }));
    if (!(await postCounts.addComment(postId))) {
      // The post was deleted between our read and our insert (no transactions): take the comment back.
      await comments.delete(comment.id);
      throw new NotFoundError(`Post ${postId} does not exist.`);
    }
    if (post.authorEmail && !isSelfNotification(post, caller)) {
      try {
        await notifier.notify({
          commentId: comment.id,
          recipient: post.authorEmail,
          postTitle: post.title,
          postUrl: this.deps.postLink(post.slug),
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
    await this.deps.posts.getVisible(caller, postId);
    return mapPage(await this.deps.comments.pageOfPost(postId, query, query.sort), toComment);
  }

  async delete(caller: AuthUser, postId: string, commentId: string): Promise<void> {
    const { comments, posts, postCounts } = this.deps;
    const post = await posts.getVisible(caller, postId);
    const comment = await comments.findOnPost(postId, commentId);
    if (!comment) throw new NotFoundError(`Comment ${commentId} does not exist on this post.`);
    if (!canDeleteComment(caller, comment, post)) {
      throw new ForbiddenError("Only the post's author, the comment's author or an admin may delete a comment.");
    }
    if (await comments.delete(commentId)) await postCounts.removeComment(postId);
  }
}
