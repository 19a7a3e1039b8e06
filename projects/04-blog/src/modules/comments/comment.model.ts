/**
 * Comments on a post, oldest first. A new comment carries the email it owes the post's author
 * (`owedMail`), written in the same insert, until the mail path relays it to its own collection.
 */
import { withOwedMail } from '@roadmap/mail/mongo';
import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';

const commentSchema = new Schema(
  {
    post: { type: Schema.Types.ObjectId, ref: 'Post', required: true },
    authorId: { type: String, required: true },
    body: { type: String, required: true },
  },
  { timestamps: true, versionKey: false, strict: 'throw' },
);
commentSchema.index({ post: 1, createdAt: 1, _id: 1 });
withOwedMail(commentSchema);

/** A stored comment as `.lean()` reads it. */
export type CommentRecord = InferRawDocTypeFromSchema<typeof commentSchema>;

/** The model on this connection; asking again (tests reading state) answers the same model. */
export function createCommentModel(connection: Connection) {
  return connection.model('Comment', commentSchema);
}

export type CommentModel = ReturnType<typeof createCommentModel>;
