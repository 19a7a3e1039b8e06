import { excerptFrom } from './post.view.js';

describe('excerptFrom', () => {
  it('turns markdown into short plain text', () => {
    expect(excerptFrom('# Title\n\nSome **bold** and [a link](http://x).\n\n```js\ncode()\n```\n![img](a.png)')).toBe(
      'Title Some bold and a link.',
    );
  });

  it('cuts long text with an ellipsis', () => {
    const excerpt = excerptFrom('word '.repeat(100), 20);
    expect(excerpt.length).toBeLessThanOrEqual(20);
    expect(excerpt.endsWith('…')).toBe(true);
  });
});
