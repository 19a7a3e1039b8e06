/** A stored post as the API shows it: its category by name and slug, its cover as a URL, never the author's email. */
import type { CategorySummary } from '../categories/index.js';
import { imageUrl } from '../media/index.js';
import type { PostRecord } from './post.model.js';
import type { Post, PostSummary } from './post.schemas.js';
import { allowedActions } from './post.status.js';

export function toPostSummary(doc: PostRecord, category: CategorySummary | undefined): PostSummary {
  return {
    id: doc._id.toString(),
    title: doc.title,
    slug: doc.slug,
    excerpt: doc.excerpt ?? '',
    coverImageUrl: imageUrl(doc.coverImage),
    category: category ? { id: category._id.toString(), name: category.name, slug: category.slug } : null,
    tags: doc.tags,
    authorId: doc.authorId,
    status: doc.status,
    rejectionReason: doc.rejectionReason ?? null,
    submittedAt: doc.submittedAt?.toISOString() ?? null,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    commentCount: doc.commentCount ?? 0,
    version: doc.version ?? 1,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function toPost(doc: PostRecord, category: CategorySummary | undefined): Post {
  return { ...toPostSummary(doc, category), body: doc.body ?? '', allowedActions: allowedActions(doc.status) };
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
