/**
 * Which raster image a buffer really is, from its first bytes (its "magic number"), whatever name
 * or Content-Type the client declared. SVG is deliberately not an image here: it is XML that can
 * carry scripts.
 */

export interface ImageType {
  ext: 'jpg' | 'png' | 'gif' | 'webp';
  mime: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
}

export const IMAGE_TYPES: readonly ImageType[] = [
  { ext: 'jpg', mime: 'image/jpeg' },
  { ext: 'png', mime: 'image/png' },
  { ext: 'gif', mime: 'image/gif' },
  { ext: 'webp', mime: 'image/webp' },
];

function startsWith(buffer: Buffer, bytes: readonly number[], offset = 0): boolean {
  return buffer.length >= offset + bytes.length && bytes.every((byte, i) => buffer[offset + i] === byte);
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

export function detectImageType(buffer: Buffer): ImageType | undefined {
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return { ext: 'jpg', mime: 'image/jpeg' };
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: 'png', mime: 'image/png' };
  if (startsWith(buffer, ascii('GIF87a')) || startsWith(buffer, ascii('GIF89a')))
    return { ext: 'gif', mime: 'image/gif' };
  if (startsWith(buffer, ascii('RIFF')) && startsWith(buffer, ascii('WEBP'), 8))
    return { ext: 'webp', mime: 'image/webp' };
  return undefined;
}

export function mimeForExtension(ext: string): ImageType['mime'] | undefined {
  return IMAGE_TYPES.find((type) => type.ext === ext)?.mime;
}
