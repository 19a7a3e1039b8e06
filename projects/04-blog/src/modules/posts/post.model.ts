/** Posts: markdown content, a slug made once from the title, the review status and a client-visible version. */
import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import { POST_STATUSES } from './post.status.js';

const postSchema = new Schema(
  {
    title: { type: String, required: true },
    /** Lower-cased title: sort key for `sort=title` without collations (FerretDB has none). */
    titleKey: { type: String, required: true },
    slug: { type: String, required: true },
    body: { type: String, default: '' },
    excerpt: { type: String, default: '' },
    /** The stored file name under UPLOAD_DIR, or null. */
    coverImage: { type: String, default: null },
    category: { type: Schema.Types.ObjectId, ref: 'Category', default: null },
    tags: { type: [String], default: [] },
    authorId: { type: String, required: true },
    /** The author's email from their token, kept for comment notifications; never sent publicly. */
    authorEmail: { type: String, default: null },
    status: { type: String, enum: POST_STATUSES, required: true, default: 'draft' },
    rejectionReason: { type: String, default: null },
    submittedAt: { type: Date, default: null },
    publishedAt: { type: Date, default: null },
    reviewedBy: { type: String, default: null },
    commentCount: { type: Number, default: 0 },
    /** Optimistic concurrency: bumped on every change; an edit must send the version it read. */
    version: { type: Number, default: 1 },
  },
  // Mongoose's own versionKey only guards arrays; `version` above is the explicit, client-visible one.
  { timestamps: true, versionKey: false, strict: 'throw' },
);
postSchema.index({ slug: 1 }, { unique: true });
// The public list's queries: equality fields first, then its sort with `_id` as findPage's tie-breaker,
// so MongoDB walks the index in page order and reads `limit` entries instead of sorting every match.
postSchema.index({ status: 1, publishedAt: -1, _id: -1 });
postSchema.index({ tags: 1, status: 1, publishedAt: -1, _id: -1 });
postSchema.index({ authorId: 1, status: 1, publishedAt: -1, _id: -1 });
postSchema.index({ status: 1, submittedAt: 1, _id: 1 });
postSchema.index({ category: 1 });

/** A stored post as `.lean()` reads it. */
export type PostRecord = InferRawDocTypeFromSchema<typeof postSchema>;

/** The model on this connection; asking again (tests reading state) answers the same model. */
export function createPostModel(connection: Connection) {
  return connection.model('Post', postSchema);
}

export type PostModel = ReturnType<typeof createPostModel>;
