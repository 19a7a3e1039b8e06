/**
 * Cover images on disk: checked by their bytes, written under a random name (never the client's),
 * removed when replaced or when their post goes. Only a fully valid image is ever written, so a
 * rejected upload leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UnsupportedMediaTypeError, type Logger } from '@roadmap/core';
import { detectImageType } from './image-type.js';

/** Stored names: 32 hex characters and a known extension; anything else is never served. */
export const STORED_NAME_PATTERN = /^[a-f0-9]{32}\.(jpg|png|gif|webp)$/;

export class UploadStorage {
  readonly dir: string;
  private readonly logger: Logger;

  constructor(dir: string, logger: Logger) {
    this.dir = path.resolve(dir);
    this.logger = logger;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** Writes `buffer` if it is a JPEG, PNG, GIF or WebP image; answers the stored name. */
  async saveImage(buffer: Buffer): Promise<string> {
    const type = detectImageType(buffer);
    if (!type) {
      throw new UnsupportedMediaTypeError('The file is not a JPEG, PNG, GIF or WebP image (checked by its content).');
    }
    const name = `${randomBytes(16).toString('hex')}.${type.ext}`;
    await this.init();
    // 'wx' fails rather than overwrite, should 128 random bits ever collide.
    await writeFile(this.pathOf(name), buffer, { flag: 'wx' });
    return name;
  }

  /** Removes a stored file; a missing file is fine, other failures are logged, not thrown. */
  async remove(name: string | null | undefined): Promise<void> {
    if (!name || !STORED_NAME_PATTERN.test(name)) return;
    try {
      await rm(this.pathOf(name), { force: true });
    } catch (err) {
      this.logger.warn({ err, file: name }, 'could not remove an uploaded file');
    }
  }

  pathOf(name: string): string {
    return path.join(this.dir, path.basename(name));
  }
}
