import { notificationJobId, renderCommentEmail } from './comment-notifier.js';
import { isSelfNotification } from '../comments/comment.service.js';

describe('comment notifications', () => {
  it('uses (comment, recipient) as the job id, case-insensitively', () => {
    expect(notificationJobId('c1', 'Ann@Example.com')).toBe('c1:ann@example.com');
  });

  it('renders a plain-text email with a stable Message-ID and a shortened comment', () => {
    const mail = renderCommentEmail(
      {
        commentId: 'c1',
        recipient: 'ann@example.com',
        postTitle: 'T',
        postUrl: 'http://x/p',
        commentBody: 'y'.repeat(600),
      },
      'Blog <b@x>',
    );
    expect(mail).toMatchObject({ from: 'Blog <b@x>', to: 'ann@example.com', subject: 'New comment on "T"' });
    expect(mail.text).toContain('http://x/p');
    expect(mail.text).toContain(`${'y'.repeat(500)}...`);
    expect(mail.messageId).toBe(
      renderCommentEmail(
        { ...{ commentId: 'c1', recipient: 'ann@example.com', postTitle: 'other', postUrl: '', commentBody: '' } },
        'z',
      ).messageId,
    );
  });

  it('keeps a multi-line title on one subject line', () => {
    const mail = renderCommentEmail(
      { commentId: 'c', recipient: 'a@b.c', postTitle: 'Line\r\nBcc: x@evil.test', postUrl: '', commentBody: '' },
      'f@b.c',
    );
    expect(mail.subject).toBe('New comment on "Line Bcc: x@evil.test"');
  });

  it('never notifies the commenter about their own comment', () => {
    const post = { authorId: 'u1', authorEmail: 'Ann@example.com' };
    expect(isSelfNotification(post, { id: 'u1' })).toBe(true);
    expect(isSelfNotification(post, { id: 'u2', email: 'ann@EXAMPLE.com' })).toBe(true);
    expect(isSelfNotification(post, { id: 'u2', email: 'bob@example.com' })).toBe(false);
    expect(isSelfNotification({ authorId: 'u1', authorEmail: null }, { id: 'u2' })).toBe(false);
  });
});
