/**
 * Comments on published posts. A new comment owes an email to the post's author (never to the
 * commenter about their own comment): it is written with the comment itself, then handed to the
 * mail path in the background, so the request waits on MongoDB only, never on Redis or SMTP.
 */
import type { AuthUser } from '@roadmap/auth';
import { ConflictError, ForbiddenError, mapPage, NotFoundError, type Page } from '@roadmap/core';
import { Types } from 'mongoose';
import type { Caller, PostRepository, PostService } from '../posts/index.js';
import { commentEmail } from './comment.email.js';
import { canDeleteComment, isSelfNotification } from './comment.policy.js';
import { COMMENT_MAIL_SOURCE, type CommentRepository } from './comment.repository.js';
import type { Comment, CommentInput, CommentListQuery } from './comment.schemas.js';
import { toComment } from './comment.view.js';

/** The mail path, as comments use it: relay a new comment's owed mail in the background. */
export interface OwedMailRelay {
  relaySoon(sourceName: string, id: unknown): void;
}

export interface CommentServiceDeps {
  comments: CommentRepository;
  /** Who may see the post, and whether it takes comments. */
  posts: PostService;
  /** The post's comment count. */
  postCounts: PostRepository;
  mail: OwedMailRelay;
  /** The public link of a post in an email, by its slug. */
  postLink: (slug: string) => string;
  now?: () => Date;
}

export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  async create(caller: AuthUser, postId: string, input: CommentInput): Promise<Comment> {
    const { comments, posts, postCounts } = this.deps;
    const post = await posts.getVisible(caller, postId);
    if (post.status !== 'published') {
      throw new ConflictError('Comments are only open on published posts.', {
        extensions: { postStatus: post.status },
      });
    }
    const id = new Types.ObjectId();
    const owed =
      post.authorEmail && !isSelfNotification(post, caller)
        ? [
            commentEmail({
              commentId: id.toString(),
              recipient: post.authorEmail,
              postTitle: post.title,
              postUrl: this.deps.postLink(post.slug),
              commentBody: input.body,
            }),
          ]
        : [];
    const now = this.deps.now?.() ?? new Date();
    const comment = toComment(
      await comments.create({ _id: id, post: postId, authorId: caller.id, body: input.body }, owed, now),
    );
    if (!(await postCounts.addComment(postId))) {
      // The post was deleted between our read and our insert (no transactions): take the comment back,
      // and its owed email with it (it has not been relayed yet).
      await comments.delete(comment.id);
      throw new NotFoundError(`Post ${postId} does not exist.`);
    }
    if (owed.length > 0) this.deps.mail.relaySoon(COMMENT_MAIL_SOURCE, id);
    return comment;
  }

  async list(caller: Caller, postId: string, query: CommentListQuery): Promise<Page<Comment>> {
    await this.deps.posts.getVisible(caller, postId);
    return mapPage(await this.deps.comments.pageOfPost(postId, query, query.sort), toComment);
  }

  /** One comment of a post the caller may see. */
  async get(caller: Caller, postId: string, commentId: string): Promise<Comment> {
    await this.deps.posts.getVisible(caller, postId);
    const comment = await this.deps.comments.findOnPost(postId, commentId);
    if (!comment) throw new NotFoundError(`Comment ${commentId} does not exist on this post.`);
    return toComment(comment);
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
