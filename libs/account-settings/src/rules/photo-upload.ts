/** The largest upload a parent may send: a phone's photo; the stored one is far smaller. */
export const MAX_PHOTO_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Beyond this a picture is refused before it is decoded (a small PNG can unpack to gigabytes). */
export const MAX_PHOTO_PIXELS = 40_000_000;

/** The stored photo fits in this square (CSS pixels twice over for a sharp phone screen). */
export const STORED_PHOTO_SIZE = 600;

export type SniffedImage = 'jpeg' | 'png';

export type PhotoFieldError = {
  readonly field: 'photo';
  /**
   * missing: no file chosen; tooLarge: over 5 MB; notAnImage: neither JPEG nor PNG by its
   * content (whatever its name says); unreadable: says JPEG/PNG but does not decode;
   * tooManyPixels: over MAX_PHOTO_PIXELS; tooManyAttempts: too many uploads lately.
   */
  readonly reason: 'missing' | 'tooLarge' | 'notAnImage' | 'unreadable' | 'tooManyPixels' | 'tooManyAttempts';
};

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What the bytes are, by their first bytes: the file's name and the browser's Content-Type are not asked. */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const startsWith = (magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);
  if (startsWith(JPEG_MAGIC)) return 'jpeg';
  if (startsWith(PNG_MAGIC)) return 'png';
  return undefined;
}
