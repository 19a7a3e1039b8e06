import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface CommentDoc {
  _id: Types.ObjectId;
  post: Types.ObjectId;
  authorId: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

export const commentSchema = new Schema<CommentDoc>(
  {
    post: { type: Schema.Types.ObjectId, ref: 'Post', required: true },
    authorId: { type: String, required: true },
    body: { type: String, required: true },
  },
  { timestamps: true, versionKey: false, strict: 'throw' },
);
commentSchema.index({ post: 1, createdAt: 1, _id: 1 });

export type CommentModel = Model<CommentDoc>;

export function createCommentModel(connection: Connection): CommentModel {
  return connection.model<CommentDoc>('Comment', commentSchema);
}
