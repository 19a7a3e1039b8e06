import { notificationJobId, renderCommentEmail } from './comment-email.js';

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
});
