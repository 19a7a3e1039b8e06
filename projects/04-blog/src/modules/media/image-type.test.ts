import { detectImageType, mimeForExtension } from './image-type.js';

const bytes = (...values: number[]) => Buffer.from(values);

describe('detectImageType', () => {
  it('recognises JPEG, PNG, GIF and WebP by their first bytes', () => {
    expect(detectImageType(bytes(0xff, 0xd8, 0xff, 0xe0))?.mime).toBe('image/jpeg');
    expect(detectImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))?.ext).toBe('png');
    expect(detectImageType(Buffer.from('GIF89a...'))?.ext).toBe('gif');
    expect(detectImageType(Buffer.from('GIF87a...'))?.ext).toBe('gif');
    expect(detectImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.ext).toBe('webp');
  });

  it('refuses SVG, HTML, other RIFF files, truncated headers and empty files', () => {
    expect(detectImageType(Buffer.from('<?xml version="1.0"?><svg></svg>'))).toBeUndefined();
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(detectImageType(Buffer.from('<html></html>'))).toBeUndefined();
    expect(detectImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(detectImageType(bytes(0x89, 0x50, 0x4e))).toBeUndefined();
    expect(detectImageType(Buffer.alloc(0))).toBeUndefined();
  });

  it('maps stored extensions to content types', () => {
    expect(mimeForExtension('png')).toBe('image/png');
    expect(mimeForExtension('svg')).toBeUndefined();
  });
});
