/**
 * The new-comment email to a post's author. Its key is (comment, recipient), so however often it is
 * relayed or queued, each author gets one email per comment; the mail path derives the Message-ID
 * from the key too, so a receiving server can drop a repeat.
 */
import type { OwedMail } from '@roadmap/mail';

export interface CommentNotification {
  commentId: string;
  recipient: string;
  postTitle: string;
  postUrl: string;
  commentBody: string;
}

const EXCERPT_MAX = 500;

export function commentEmailKey(commentId: string, recipient: string): string {
  return `comment:${commentId}:${recipient.toLowerCase()}`;
}

export function commentEmail(n: CommentNotification): OwedMail {
  const excerpt = n.commentBody.length > EXCERPT_MAX ? `${n.commentBody.slice(0, EXCERPT_MAX)}...` : n.commentBody;
  return {
    key: commentEmailKey(n.commentId, n.recipient),
    to: n.recipient,
    // Titles are user text: keep them on one line in the header.
    subject: `New comment on "${n.postTitle.replace(/[\r\n]+/g, ' ')}"`,
    text: `Someone commented on your post "${n.postTitle}":\n\n${excerpt}\n\nRead it: ${n.postUrl}\n`,
  };
}
