/**
 * The rules of posts: who sees what, slugs, the review workflow, optimistic concurrency and cover
 * images. Knows nothing of HTTP; every write is one atomic conditional update (no transactions,
 * so it works on MongoDB and FerretDB alike).
 */
import type { AuthUser } from '@roadmap/auth';
import {
  ConflictError,
  escapeRegExp,
  ForbiddenError,
  NotFoundError,
  isDuplicateKeyError,
  pageOffset,
  toMongoSort,
  toPage,
  ValidationError,
  type Logger,
  type Page,
  type PageRequest,
  type SortSpec,
} from '@roadmap/core';
import type { QueryFilter } from 'mongoose';
import { nextFreeSlug, randomSlug, slugFamilyPattern, slugify } from '@roadmap/core';
import type { BlogModels } from '../../models.js';
import type { CategoryDoc } from '../categories/category.model.js';
import type { UploadStorage } from '../media/upload.storage.js';
import type { PostDoc } from './post.model.js';
import { canAct, canDelete, canEdit, canView, isAdmin, type Caller } from './post.policy.js';
import type {
  MyPostsQuery,
  Post,
  PostInput,
  PostListQuery,
  PostPatch,
  PostSummary,
  ReviewQueueQuery,
} from './post.schemas.js';
import { allowedActions, EDITABLE_STATUSES, transition, type PostAction, type PostStatus } from './post.status.js';

type PopulatedPost = Omit<PostDoc, 'category'> & { category: CategoryDoc | null };

export const UPLOADS_PATH = '/uploads';
const SLUG_ATTEMPTS = 5;

export function toPostSummary(doc: PopulatedPost): PostSummary {
  return {
    id: doc._id.toString(),
    title: doc.title,
    slug: doc.slug,
    excerpt: doc.excerpt,
    coverImageUrl: doc.coverImage ? `${UPLOADS_PATH}/${doc.coverImage}` : null,
    category: doc.category
      ? { id: doc.category._id.toString(), name: doc.category.name, slug: doc.category.slug }
      : null,
    tags: doc.tags,
    authorId: doc.authorId,
    status: doc.status,
    rejectionReason: doc.rejectionReason,
    submittedAt: doc.submittedAt?.toISOString() ?? null,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    commentCount: doc.commentCount,
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function toPost(doc: PopulatedPost): Post {
  return { ...toPostSummary(doc), body: doc.body, allowedActions: allowedActions(doc.status) };
}

/** A plain-text excerpt from markdown, when the author gives none. */
export function excerptFrom(markdown: string, max = 200): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export interface PostServiceOptions {
  models: BlogModels;
  storage: UploadStorage;
  logger: Logger;
  now?: () => Date;
}

export class PostService {
  private readonly models: BlogModels;
  private readonly storage: UploadStorage;
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor({ models, storage, logger, now = () => new Date() }: PostServiceOptions) {
    this.models = models;
    this.storage = storage;
    this.logger = logger;
    this.now = now;
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
      const slug = attempt < SLUG_ATTEMPTS ? await this.freeSlug(base) : randomSlug(base);
      try {
        const doc = await this.models.Post.create({ ...fields, slug });
        return this.getVisible(caller, doc._id.toString()).then(toPost);
      } catch (err) {
        // Another writer took the same slug between our read and our insert: try the next one.
        if (!isDuplicateKeyError(err) || attempt > SLUG_ATTEMPTS) throw err;
      }
    }
  }

  async get(caller: Caller, id: string): Promise<Post> {
    return toPost(await this.getVisible(caller, id));
  }

  async getBySlug(caller: Caller, slug: string): Promise<Post> {
    const doc = await this.models.Post.findOne({ slug }).populate('category').lean<PopulatedPost>();
    if (!doc || !canView(caller, doc)) throw new NotFoundError(`Post "${slug}" does not exist.`);
    return toPost(doc);
  }

  /** The public list: published posts only, unless an admin asks for another status. */
  async list(caller: Caller, query: PostListQuery): Promise<Page<PostSummary>> {
    if (query.status !== undefined && query.status !== 'published' && !isAdmin(caller)) {
      throw new ForbiddenError('Only admins may list posts by status.');
    }
    if (query.from && query.to && query.from > query.to) {
      throw new ValidationError([{ field: 'query.from', message: 'from must not be after to' }]);
    }
    const filter: QueryFilter<PostDoc> = { status: query.status ?? 'published' };
    if (query.category !== undefined) {
      const categoryId = await this.categoryIdForSlug(query.category);
      if (!categoryId) return toPage([], query, 0);
      filter.category = categoryId;
    }
    if (query.tag !== undefined) filter.tags = query.tag;
    if (query.author !== undefined) filter.authorId = query.author;
    if (query.q !== undefined) filter.title = { $regex: escapeRegExp(query.q), $options: 'i' };
    if (query.from || query.to) {
      filter.publishedAt = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    }
    return this.page(filter, query);
  }

  /** The caller's own posts, in any status. */
  async listMine(caller: AuthUser, query: MyPostsQuery): Promise<Page<PostSummary>> {
    const filter: QueryFilter<PostDoc> = { authorId: caller.id };
    if (query.status !== undefined) filter.status = query.status;
    return this.page(filter, query);
  }

  /** Posts waiting for review, oldest submission first. Admins only (checked by the route). */
  async reviewQueue(query: ReviewQueueQuery): Promise<Page<PostSummary>> {
    return this.page({ status: 'pending_review' }, query);
  }

  /** Edits content with optimistic concurrency: `patch.version` must be the stored version. */
  async update(caller: AuthUser, id: string, patch: PostPatch): Promise<Post> {
    const current = await this.getVisible(caller, id);
    if (!canEdit(caller, current)) throw new ForbiddenError('Only the author may edit a post.');
    this.assertEditable(current.status);
    if (patch.categoryId) await this.assertCategory(patch.categoryId);
    const { version, categoryId, ...changes } = patch;
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (changes.title !== undefined) set.titleKey = changes.title.toLowerCase();
    if (categoryId !== undefined) set.category = categoryId;
    const updated = await this.models.Post.findOneAndUpdate(
      { _id: id, version, status: { $in: EDITABLE_STATUSES } },
      { $set: set, $inc: { version: 1 } },
      { returnDocument: 'after' },
    )
      .populate('category')
      .lean<PopulatedPost>();
    if (updated) return toPost(updated);
    const latest = await this.getVisible(caller, id);
    if (latest.version !== version) {
      throw new ConflictError('The post was changed since you read it; reload it and apply your edit again.', {
        extensions: { currentVersion: latest.version, yourVersion: version },
      });
    }
    this.assertEditable(latest.status);
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
    const set: Partial<PostDoc> = { status: to };
    if (action === 'submit') Object.assign(set, { submittedAt: now, rejectionReason: null });
    if (action === 'withdraw') set.submittedAt = null;
    if (action === 'approve') Object.assign(set, { publishedAt: now, reviewedBy: caller.id, rejectionReason: null });
    if (action === 'reject') Object.assign(set, { rejectionReason: reason ?? null, reviewedBy: caller.id });
    const updated = await this.models.Post.findOneAndUpdate(
      { _id: id, status: current.status },
      { $set: set, $inc: { version: 1 } },
      { returnDocument: 'after' },
    )
      .populate('category')
      .lean<PopulatedPost>();
    if (!updated) {
      throw new ConflictError('The post status changed meanwhile; reload it.', { extensions: { action } });
    }
    this.logger.info({ postId: id, action, from: current.status, to, by: caller.id }, 'post status changed');
    return toPost(updated);
  }

  async delete(caller: AuthUser, id: string): Promise<void> {
    const current = await this.getVisible(caller, id);
    if (!canDelete(caller, current)) throw new ForbiddenError('Only the author or an admin may delete a post.');
    const deleted = await this.models.Post.findOneAndDelete({ _id: id }).lean<PostDoc>();
    if (!deleted) throw new NotFoundError(`Post ${id} does not exist.`);
    await this.models.Comment.deleteMany({ post: id });
    await this.storage.remove(deleted.coverImage);
  }

  /** Stores a checked image and points the post at it; the replaced file is removed. */
  async setCover(caller: AuthUser, id: string, file: Buffer): Promise<Post> {
    const current = await this.getVisible(caller, id);
    if (!canEdit(caller, current)) throw new ForbiddenError('Only the author may change the cover image.');
    this.assertEditable(current.status);
    const name = await this.storage.saveImage(file);
    const before = await this.models.Post.findOneAndUpdate(
      { _id: id, status: { $in: EDITABLE_STATUSES } },
      { $set: { coverImage: name }, $inc: { version: 1 } },
      { returnDocument: 'before' },
    ).lean<PostDoc>();
    if (!before) {
      await this.storage.remove(name);
      throw new ConflictError('The post was deleted or submitted meanwhile; the image was not kept.');
    }
    await this.storage.remove(before.coverImage);
    return this.get(caller, id);
  }

  async removeCover(caller: AuthUser, id: string): Promise<Post> {
    const current = await this.getVisible(caller, id);
    if (!canEdit(caller, current)) throw new ForbiddenError('Only the author may change the cover image.');
    this.assertEditable(current.status);
    const before = await this.models.Post.findOneAndUpdate(
      { _id: id, status: { $in: EDITABLE_STATUSES } },
      { $set: { coverImage: null }, $inc: { version: 1 } },
      { returnDocument: 'before' },
    ).lean<PostDoc>();
    if (!before) throw new ConflictError('The post was deleted or submitted meanwhile.');
    await this.storage.remove(before.coverImage);
    return this.get(caller, id);
  }

  /** The post if the caller may see it; otherwise 404 (never 403, so hidden posts stay unknown). */
  async getVisible(caller: Caller, id: string): Promise<PopulatedPost> {
    const doc = await this.models.Post.findById(id).populate('category').lean<PopulatedPost>();
    if (!doc || !canView(caller, doc)) throw new NotFoundError(`Post ${id} does not exist.`);
    return doc;
  }

  private assertEditable(status: PostStatus): void {
    if (!EDITABLE_STATUSES.includes(status)) {
      throw new ConflictError(`A post that is ${status} cannot be edited; only drafts and rejected posts can.`, {
        extensions: { postStatus: status },
      });
    }
  }

  private async assertCategory(categoryId: string): Promise<void> {
    if (!(await this.models.Category.exists({ _id: categoryId }))) {
      throw new ValidationError([{ field: 'body.categoryId', message: 'category does not exist' }]);
    }
  }

  private async categoryIdForSlug(slug: string): Promise<string | undefined> {
    const doc = await this.models.Category.findOne({ slug }, { _id: 1 }).lean<Pick<CategoryDoc, '_id'>>();
    return doc?._id.toString();
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = await this.models.Post.find({ slug: { $regex: slugFamilyPattern(base) } }, { slug: 1 }).lean<
      Pick<PostDoc, 'slug'>[]
    >();
    return nextFreeSlug(
      base,
      taken.map((doc) => doc.slug),
    );
  }

  private async page(
    filter: QueryFilter<PostDoc>,
    query: PageRequest & { sort: SortSpec },
  ): Promise<Page<PostSummary>> {
    const field = query.sort.field === 'title' ? 'titleKey' : query.sort.field;
    const [docs, total] = await Promise.all([
      this.models.Post.find(filter, { body: 0 })
        .sort(toMongoSort({ field, direction: query.sort.direction }))
        .skip(pageOffset(query))
        .limit(query.limit)
        .populate('category')
        .lean<PopulatedPost[]>(),
      this.models.Post.countDocuments(filter),
    ]);
    return toPage(docs.map(toPostSummary), query, total);
  }
}
