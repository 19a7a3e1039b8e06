/**
 * RealWorld articles, favorites, comments and tags, mapped onto the blog's own posts and comments:
 * the posts' visibility rules hold (lists show published posts; an unpublished one only to its author
 * and admins). With `autoPublish` a new article is published at once; without it, it is submitted to
 * the blog's review queue and appears when an admin approves it.
 */
import type { AuthUser } from '@roadmap/auth';
import { NotFoundError, parseSort } from '@roadmap/core';
import type { CommentService } from '../comments/index.js';
import type { FavoriteService } from '../favorites/index.js';
import type { FollowService } from '../follows/index.js';
import type { Caller, PostRecord, PostRepository, PostService } from '../posts/index.js';
import type { AuthServiceClient } from './auth-service.client.js';
import type { AuthorDirectory } from './realworld-authors.js';
import type {
  Article,
  ArticleListQuery,
  ArticleSummary,
  FeedQuery,
  NewArticleRequest,
  RealWorldComment,
  RealWorldProfile,
  UpdateArticleRequest,
} from './realworld.schemas.js';
import { toArticle, toArticleSummary, toRealWorldComment, toRealWorldProfile } from './realworld.view.js';

/** RealWorld shows at most this many comments of an article, newest first. */
const COMMENTS_SHOWN = 100;

export interface RealWorldArticleDeps {
  posts: PostService;
  /** Offset pages of published posts with their bodies, and the tags in use. */
  postQueries: Pick<PostRepository, 'pageByOffset' | 'distinctTags'>;
  comments: CommentService;
  favorites: FavoriteService;
  follows: FollowService;
  authors: AuthorDirectory;
  auth: AuthServiceClient;
  /** Publish new articles at once (REALWORLD_AUTO_PUBLISH); otherwise they go to review. */
  autoPublish: boolean;
}

export interface ArticleList {
  articles: ArticleSummary[];
  articlesCount: number;
}

export class RealWorldArticleService {
  constructor(private readonly deps: RealWorldArticleDeps) {}

  async list(reader: Caller, query: ArticleListQuery): Promise<ArticleList> {
    const filter: { tag?: string; authorIds?: string[]; ids?: string[] } = {};
    if (query.tag !== undefined) filter.tag = query.tag;
    if (query.author !== undefined) {
      const author = await this.deps.auth.profileByUsername(query.author);
      if (!author) return { articles: [], articlesCount: 0 };
      filter.authorIds = [author.id];
    }
    if (query.favorited !== undefined) {
      const fan = await this.deps.auth.profileByUsername(query.favorited);
      if (!fan) return { articles: [], articlesCount: 0 };
      filter.ids = await this.deps.favorites.postIdsFavoritedBy(fan.id);
    }
    return this.page(reader, filter, query);
  }

  /** Published articles of the authors the reader follows, newest first. */
  async feed(reader: AuthUser, query: FeedQuery): Promise<ArticleList> {
    const authorIds = await this.deps.follows.followeesOf(reader.id);
    if (authorIds.length === 0) return { articles: [], articlesCount: 0 };
    return this.page(reader, { authorIds }, query);
  }

  async get(reader: Caller, slug: string): Promise<Article> {
    return this.view(reader, await this.deps.posts.findVisibleBySlug(reader, slug));
  }

  async create(caller: AuthUser, input: NewArticleRequest['article']): Promise<Article> {
    const { posts } = this.deps;
    // The author's profile first: with the auth service down the answer is a 503 before anything is
    // stored, so the client's retry writes the article once rather than twice.
    const author = await this.deps.authors.profileFor(caller.id, caller.id);
    const created = await posts.create(caller, {
      title: input.title,
      body: input.body,
      tags: input.tagList,
      ...(input.description ? { excerpt: input.description } : {}),
    });
    if (this.deps.autoPublish) await posts.publishWithoutReview(caller, created.id);
    else await posts.act(caller, created.id, 'submit');
    const stored = await posts.findVisibleBySlug(caller, created.slug);
    return toArticle(stored, author, { favorited: false, count: 0 });
  }

  /** Title, description, body and tags; the slug stays, so links to the article keep working. */
  async update(caller: AuthUser, slug: string, input: UpdateArticleRequest['article']): Promise<Article> {
    const { posts } = this.deps;
    const post = await posts.findVisibleBySlug(caller, slug);
    const revised = await posts.revise(
      caller,
      post,
      { title: input.title, body: input.body, excerpt: input.description, tags: input.tagList },
      { published: this.deps.autoPublish },
    );
    return this.view(caller, revised);
  }

  async delete(caller: AuthUser, slug: string): Promise<void> {
    const post = await this.deps.posts.findVisibleBySlug(caller, slug);
    await this.deps.posts.delete(caller, post._id.toString());
  }

  async favorite(caller: AuthUser, slug: string): Promise<Article> {
    const post = await this.deps.posts.findVisibleBySlug(caller, slug);
    await this.deps.favorites.favorite(caller.id, post._id.toString());
    return this.view(caller, post);
  }

  async unfavorite(caller: AuthUser, slug: string): Promise<Article> {
    const post = await this.deps.posts.findVisibleBySlug(caller, slug);
    await this.deps.favorites.unfavorite(caller.id, post._id.toString());
    return this.view(caller, post);
  }

  async comments(reader: Caller, slug: string): Promise<RealWorldComment[]> {
    const post = await this.deps.posts.findVisibleBySlug(reader, slug);
    const page = await this.deps.comments.list(reader, post._id.toString(), {
      page: 1,
      limit: COMMENTS_SHOWN,
      sort: parseSort<'createdAt'>('-createdAt'),
    });
    const authors = await this.deps.authors.profilesFor(
      reader?.id,
      page.data.map((comment) => comment.authorId),
    );
    return page.data.map((comment) =>
      toRealWorldComment(
        comment,
        authors.get(comment.authorId) ?? toRealWorldProfile(comment.authorId, undefined, false),
      ),
    );
  }

  async addComment(caller: AuthUser, slug: string, body: string): Promise<RealWorldComment> {
    const post = await this.deps.posts.findVisibleBySlug(caller, slug);
    // As for an article: a 503 for a down auth service comes before the comment is stored.
    const author = await this.deps.authors.profileFor(caller.id, caller.id);
    const comment = await this.deps.comments.create(caller, post._id.toString(), { body });
    return toRealWorldComment(comment, author);
  }

  async deleteComment(caller: AuthUser, slug: string, commentId: string): Promise<void> {
    const post = await this.deps.posts.findVisibleBySlug(caller, slug);
    if (!/^[a-f0-9]{24}$/i.test(commentId)) throw new NotFoundError(`Comment ${commentId} does not exist.`);
    await this.deps.comments.delete(caller, post._id.toString(), commentId);
  }

  /** The tags of published articles. */
  async tags(): Promise<string[]> {
    return (await this.deps.postQueries.distinctTags('published')).sort();
  }

  private async page(
    reader: Caller,
    filter: { tag?: string; authorIds?: string[]; ids?: string[] },
    query: { limit: number; offset: number },
  ): Promise<ArticleList> {
    const { posts, total } = await this.deps.postQueries.pageByOffset(
      { status: 'published', ...filter },
      query.offset,
      query.limit,
    );
    return { articles: await this.views(reader, posts, toArticleSummary), articlesCount: total };
  }

  private async view(reader: Caller, post: PostRecord): Promise<Article> {
    return (await this.views(reader, [post], toArticle))[0] as Article;
  }

  /** Articles with their authors and favorites, read once per list rather than once per article. */
  private async views<View>(
    reader: Caller,
    posts: PostRecord[],
    toView: (post: PostRecord, author: RealWorldProfile, favorites: { favorited: boolean; count: number }) => View,
  ): Promise<View[]> {
    const postIds = posts.map((post) => post._id.toString());
    const [authors, favorites] = await Promise.all([
      this.deps.authors.profilesFor(
        reader?.id,
        posts.map((post) => post.authorId),
      ),
      this.deps.favorites.summarize(reader?.id, postIds),
    ]);
    return posts.map((post) => {
      const id = post._id.toString();
      const author = authors.get(post.authorId) ?? toRealWorldProfile(post.authorId, undefined, false);
      return toView(post, author, { favorited: favorites.mine.has(id), count: favorites.counts.get(id) ?? 0 });
    });
  }
}
