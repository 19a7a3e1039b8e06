/** Every model of the blog, created on one injected connection (never the global mongoose). */
import type { Connection } from 'mongoose';
import { createCategoryModel, type CategoryModel } from './modules/categories/category.model.js';
import { createCommentModel, type CommentModel } from './modules/comments/comment.model.js';
import { createPostModel, type PostModel } from './modules/posts/post.model.js';

export interface BlogModels {
  Category: CategoryModel;
  Post: PostModel;
  Comment: CommentModel;
}

export function createModels(connection: Connection): BlogModels {
  return {
    Category: createCategoryModel(connection),
    Post: createPostModel(connection),
    Comment: createCommentModel(connection),
  };
}

/** Builds the indexes (unique slugs first of all); run at start-up and in tests (autoIndex is off). */
export async function ensureIndexes(models: BlogModels): Promise<void> {
  await Promise.all([models.Category.createIndexes(), models.Post.createIndexes(), models.Comment.createIndexes()]);
}
