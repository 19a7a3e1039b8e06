import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { POST_STATUSES, type PostStatus } from './post.status.js';

export interface PostDoc {
  _id: Types.ObjectId;
  title: string;
  /** Lower-cased title: sort key for `sort=title` without collations (FerretDB has none). */
  titleKey: string;
  slug: string;
  body: string;
  excerpt: string;
  /** The stored file name under UPLOAD_DIR, or null. */
  coverImage: string | null;
  category: Types.ObjectId | null;
  tags: string[];
  authorId: string;
  /** The author's email from their token, kept for comment notifications; never sent publicly. */
  authorEmail: string | null;
  status: PostStatus;
  rejectionReason: string | null;
  submittedAt: Date | null;
  publishedAt: Date | null;
  reviewedBy: string | null;
  commentCount: number;
  /** Optimistic concurrency: bumped on every change; an edit must send the version it read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const postSchema = new Schema<PostDoc>(
  {
    title: { type: String, required: true },
    titleKey: { type: String, required: true },
    slug: { type: String, required: true },
    body: { type: String, default: '' },
    excerpt: { type: String, default: '' },
    coverImage: { type: String, default: null },
    category: { type: Schema.Types.ObjectId, ref: 'Category', default: null },
    tags: { type: [String], default: [] },
    authorId: { type: String, required: true },
    authorEmail: { type: String, default: null },
    status: { type: String, enum: POST_STATUSES, required: true, default: 'draft' },
    rejectionReason: { type: String, default: null },
    submittedAt: { type: Date, default: null },
    publishedAt: { type: Date, default: null },
    reviewedBy: { type: String, default: null },
    commentCount: { type: Number, default: 0 },
    version: { type: Number, default: 1 },
  },
  // Mongoose's own versionKey only guards arrays; `version` above is the explicit, client-visible one.
  { timestamps: true, versionKey: false, strict: 'throw' },
);
postSchema.index({ slug: 1 }, { unique: true });
postSchema.index({ status: 1, publishedAt: -1 });
postSchema.index({ status: 1, submittedAt: 1 });
postSchema.index({ authorId: 1, status: 1 });
postSchema.index({ category: 1 });
postSchema.index({ tags: 1 });

export type PostModel = Model<PostDoc>;

export function createPostModel(connection: Connection): PostModel {
  return connection.model<PostDoc>('Post', postSchema);
}
