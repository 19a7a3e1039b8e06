/** A stored comment as the API shows it. */
import type { CommentRecord } from './comment.model.js';
import type { Comment } from './comment.schemas.js';

export function toComment(doc: CommentRecord): Comment {
  return {
    id: doc._id.toString(),
    postId: doc.post.toString(),
    authorId: doc.authorId,
    body: doc.body,
    createdAt: doc.createdAt.toISOString(),
  };
}
