/**
 * Cover images of posts: the checked image is stored first, then the post is pointed at it in one
 * conditional update that holds only while the post is editable; the replaced file (or the new one,
 * when the post was deleted or submitted meanwhile) is removed. Knows nothing of HTTP.
 */
import type { AuthUser } from '@roadmap/auth';
import { ConflictError, ForbiddenError } from '@roadmap/core';
import type { UploadStorage } from '../media/index.js';
import type { PostRecord } from './post.model.js';
import { canEdit } from './post.policy.js';
import type { PostRepository } from './post.repository.js';
import type { Post } from './post.schemas.js';
import type { PostService } from './post.service.js';
import { assertEditable } from './post.status.js';

export interface PostCoverServiceDeps {
  posts: PostRepository;
  storage: UploadStorage;
  /** Reads the post as the caller may see it, and its API shape after the change. */
  reader: Pick<PostService, 'getVisible' | 'get'>;
}

export class PostCoverService {
  constructor(private readonly deps: PostCoverServiceDeps) {}

  /** Stores a checked image and points the post at it; the replaced file is removed. */
  async setCover(caller: AuthUser, id: string, file: Buffer): Promise<Post> {
    assertCoverEditable(caller, await this.deps.reader.getVisible(caller, id));
    const name = await this.deps.storage.saveImage(file);
    const before = await this.deps.posts.swapCover(id, name);
    if (!before) {
      await this.deps.storage.remove(name);
      throw new ConflictError('The post was deleted or submitted meanwhile; the image was not kept.');
    }
    await this.deps.storage.remove(before.coverImage);
    return this.deps.reader.get(caller, id);
  }

  async removeCover(caller: AuthUser, id: string): Promise<Post> {
    assertCoverEditable(caller, await this.deps.reader.getVisible(caller, id));
    const before = await this.deps.posts.swapCover(id, null);
    if (!before) throw new ConflictError('The post was deleted or submitted meanwhile.');
    await this.deps.storage.remove(before.coverImage);
    return this.deps.reader.get(caller, id);
  }
}

function assertCoverEditable(caller: AuthUser, post: PostRecord): void {
  if (!canEdit(caller, post)) throw new ForbiddenError('Only the author may change the cover image.');
  assertEditable(post.status);
}
