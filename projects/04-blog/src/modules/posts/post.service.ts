/**
 * The rules of posts: who sees what, slugs, the review workflow and optimistic concurrency (cover
 * images are post-cover.service.ts). Knows nothing of HTTP; the repository makes every write one
 * conditional update.
 */
import type { AuthUser } from '@roadmap/auth';
import {
  ConflictError,
  ForbiddenError,
  isDuplicateKeyError,
  nextFreeSlug,
  NotFoundError,
  randomSlug,
  slugFamilyPattern,
  slugify,
  toPage,
  FieldRuleError,
  type Logger,
  type Page,
} from '@roadmap/core';
import type { Types } from 'mongoose';
import type { CategoryRepository, CategorySummary } from '../categories/index.js';
import type { UploadStorage } from '../media/index.js';
import type { PostRecord } from './post.model.js';
import { canAct, canDelete, canEdit, canView, isAdmin, type Caller } from './post.policy.js';
import type { PostFilter, PostRepository } from './post.repository.js';
import type {
  MyPostsQuery,
  Post,
  PostInput,
  PostListQuery,
  PostPatch,
  PostSummary,
  ReviewQueueQuery,
} from './post.schemas.js';
import { assertEditable, EDITABLE_STATUSES, transition, type PostAction, type PostStatus } from './post.status.js';
import { excerptFrom, toPost, toPostSummary } from './post.view.js';

const SLUG_ATTEMPTS = 5;

/** Told when a post is deleted, so what belongs to it (its comments) goes too. */
export interface PostDependents {
  postDeleted(postId: string): Promise<void>;
}

export interface PostServiceDeps {
  posts: PostRepository;
  categories: CategoryRepository;
  storage: UploadStorage;
  dependents: PostDependents;
  logger: Logger;
  now?: () => Date;
}

export class PostService {
  private readonly now: () => Date;

  constructor(private readonly deps: PostServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async create(caller: AuthUser, input: PostInput): Promise<Post> {
    if (input.categoryId) await this.assertCategory(input.categoryId);
    const base = slugify(input.title);
    const fields = {
      title: input.title,
      titleKey: input.title.toLowerCase(),
      body: input.body,
      excerpt: input.excerpt ?? excerptFrom(input.body),
      category: input.categoryId ?? null,
      tags: input.tags,
      authorId: caller.id,
      authorEmail: caller.email ?? null,
      status: 'draft' as const,
    };
    for (let attempt = 1; ; attempt += 1) {
      const slug =
        attempt < SLUG_ATTEMPTS
          ? nextFreeSlug(base, await this.deps.posts.slugsMatching(slugFamilyPattern(base)))
          : randomSlug(base);
      try {
        return await this.view(await this.deps.posts.create({ ...fields, slug }), toPost);
      } catch (err) {
        // Another writer took the same slug between our read and our insert: try the next one.
        if (!isDuplicateKeyError(err) || attempt > SLUG_ATTEMPTS) throw err;
      }
    }
  }

  async get(caller: Caller, id: string): Promise<Post> {
    return this.view(await this.getVisible(caller, id), toPost);
  }

  async getBySlug(caller: Caller, slug: string): Promise<Post> {
    const doc = await this.deps.posts.findBySlug(slug);
    if (!doc || !canView(caller, doc)) throw new NotFoundError(`Post "${slug}" does not exist.`);
    return this.view(doc, toPost);
  }

  /** The public list: published posts only, unless an admin asks for another status. */
  async list(caller: Caller, query: PostListQuery): Promise<Page<PostSummary>> {
    if (query.status !== undefined && query.status !== 'published' && !isAdmin(caller)) {
      throw new ForbiddenError('Only admins may list posts by status.');
    }
    if (query.from && query.to && query.from > query.to) {
      throw new FieldRuleError([{ field: 'query.from', message: 'from must not be after to' }]);
    }
    const filter: PostFilter = {
      status: query.status ?? 'published',
      tag: query.tag,
      authorId: query.author,
      text: query.q,
      publishedFrom: query.from,
      publishedTo: query.to,
    };
    if (query.category !== undefined) {
      filter.categoryId = await this.deps.categories.findIdBySlug(query.category);
      if (!filter.categoryId) return toPage([], query, 0);
    }
    return this.page(filter, query);
  }

  /** The caller's own posts, in any status. */
  async listMine(caller: AuthUser, query: MyPostsQuery): Promise<Page<PostSummary>> {
    return this.page({ authorId: caller.id, status: query.status }, query);
  }

  /** Posts waiting for review, oldest submission first. Admins only (checked by the route). */
  async reviewQueue(query: ReviewQueueQuery): Promise<Page<PostSummary>> {
    return this.page({ status: 'pending_review' }, query);
  }

  /** Edits content with optimistic concurrency: `patch.version` must be the stored version. */
  async update(caller: AuthUser, id: string, patch: PostPatch): Promise<Post> {
    const current = await this.getVisible(caller, id);
    if (!canEdit(caller, current)) throw new ForbiddenError('Only the author may edit a post.');
    assertEditable(current.status);
    if (patch.categoryId) await this.assertCategory(patch.categoryId);
    const { version, categoryId, ...changes } = patch;
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (changes.title !== undefined) set.titleKey = changes.title.toLowerCase();
    if (categoryId !== undefined) set.category = categoryId;
    const updated = await this.deps.posts.updateContent(id, version, set);
    if (updated) return this.view(updated, toPost);
    const latest = await this.getVisible(caller, id);
    if (latest.version !== version) {
      throw new ConflictError('The post was changed since you read it; reload it and apply your edit again.', {
        extensions: { currentVersion: latest.version, yourVersion: version },
      });
    }
    assertEditable(latest.status);
    throw new ConflictError('The post changed while saving; try again.');
  }

  /** A workflow action (submit, withdraw, approve, reject), applied only if the status is still the one checked. */
  async act(caller: AuthUser, id: string, action: PostAction, reason?: string): Promise<Post> {
    const current = await this.getVisible(caller, id);
    if (!canAct(caller, current, action)) {
      const detail =
        action === 'approve' || action === 'reject'
          ? 'Only an admin who is not the author may review a post.'
          : `Only the author may ${action} a post.`;
      throw new ForbiddenError(detail);
    }
    const to = transition(current.status, action);
    const now = this.now();
    const set: Record<string, unknown> = { status: to };
    if (action === 'submit') Object.assign(set, { submittedAt: now, rejectionReason: null });
    if (action === 'withdraw') set.submittedAt = null;
    if (action === 'approve') Object.assign(set, { publishedAt: now, reviewedBy: caller.id, rejectionReason: null });
    if (action === 'reject') Object.assign(set, { rejectionReason: reason ?? null, reviewedBy: caller.id });
    const updated = await this.deps.posts.changeStatus(id, current.status, set);
    if (!updated) {
      throw new ConflictError('The post status changed meanwhile; reload it.', { extensions: { action } });
    }
    this.deps.logger.info({ postId: id, action, from: current.status, to, by: caller.id }, 'post status changed');
    return this.view(updated, toPost);
  }

  /**
   * Publishes the author's own draft at once, skipping review: only for a deployment that trusts its
   * authors (the RealWorld mount with REALWORLD_AUTO_PUBLISH). The blog's own API never calls it.
   */
  async publishWithoutReview(caller: AuthUser, id: string): Promise<PostRecord> {
    const current = await this.getVisible(caller, id);
    if (!canEdit(caller, current)) throw new ForbiddenError('Only the author may publish a post.');
    const updated = await this.deps.posts.changeStatus(id, 'draft', {
      status: 'published',
      publishedAt: this.now(),
      submittedAt: null,
    });
    if (!updated) throw new ConflictError('The post status changed meanwhile; reload it.');
    this.deps.logger.info({ postId: id, by: caller.id }, 'post published without review');
    return updated;
  }

  /**
   * The author changes title, body, excerpt or tags without a version (RealWorld clients send none):
   * the version read here guards the write. Published posts too when `published` is allowed.
   */
  async revise(
    caller: AuthUser,
    post: PostRecord,
    changes: Pick<Partial<PostInput>, 'title' | 'body' | 'excerpt' | 'tags'>,
    options: { published: boolean },
  ): Promise<PostRecord> {
    if (!canEdit(caller, post)) throw new ForbiddenError('Only the author may edit a post.');
    const statuses: PostStatus[] = options.published ? [...EDITABLE_STATUSES, 'published'] : [...EDITABLE_STATUSES];
    if (!statuses.includes(post.status)) assertEditable(post.status);
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (changes.title !== undefined) set.titleKey = changes.title.toLowerCase();
    if (Object.keys(set).length === 0) return post;
    const updated = await this.deps.posts.updateContent(post._id.toString(), post.version ?? 1, set, statuses);
    if (!updated) throw new ConflictError('The post was changed meanwhile; reload it and apply your edit again.');
    return updated;
  }

  /** The stored post by slug if the caller may see it; otherwise 404. */
  async findVisibleBySlug(caller: Caller, slug: string): Promise<PostRecord> {
    const doc = await this.deps.posts.findBySlug(slug);
    if (!doc || !canView(caller, doc)) throw new NotFoundError(`Post "${slug}" does not exist.`);
    return doc;
  }

  async delete(caller: AuthUser, id: string): Promise<void> {
    const current = await this.getVisible(caller, id);
    if (!canDelete(caller, current)) throw new ForbiddenError('Only the author or an admin may delete a post.');
    const deleted = await this.deps.posts.delete(id);
    if (!deleted) throw new NotFoundError(`Post ${id} does not exist.`);
    await this.deps.dependents.postDeleted(id);
    await this.deps.storage.remove(deleted.coverImage);
  }

  /** The post if the caller may see it; otherwise 404 (never 403, so hidden posts stay unknown). */
  async getVisible(caller: Caller, id: string): Promise<PostRecord> {
    const doc = await this.deps.posts.findById(id);
    if (!doc || !canView(caller, doc)) throw new NotFoundError(`Post ${id} does not exist.`);
    return doc;
  }

  private async assertCategory(categoryId: string): Promise<void> {
    if (!(await this.deps.categories.exists(categoryId))) {
      throw new FieldRuleError([{ field: 'body.categoryId', message: 'category does not exist' }]);
    }
  }

  private async page(filter: PostFilter, query: PostListQuery | MyPostsQuery | ReviewQueueQuery) {
    const page = await this.deps.posts.page(filter, query, query.sort);
    return { ...page, data: await this.views(page.data, toPostSummary) };
  }

  private async view<T>(
    doc: PostRecord,
    as: (doc: PostRecord, category: CategorySummary | undefined) => T,
  ): Promise<T> {
    return (await this.views([doc], as))[0] as T;
  }

  /** The API shapes of stored posts, with their categories read in one query. */
  private async views<T>(
    docs: PostRecord[],
    as: (doc: PostRecord, category: CategorySummary | undefined) => T,
  ): Promise<T[]> {
    const ids = docs.map((doc) => doc.category).filter((id): id is Types.ObjectId => id !== null && id !== undefined);
    const categories = ids.length > 0 ? await this.deps.categories.findSummaries(ids) : [];
    const byId = new Map(categories.map((category) => [category._id.toString(), category]));
    return docs.map((doc) => as(doc, doc.category ? byId.get(doc.category.toString()) : undefined));
  }
}
