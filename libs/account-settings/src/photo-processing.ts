import { createHash } from 'node:crypto';
import sharp from 'sharp';
import {
  MAX_PHOTO_PIXELS,
  MAX_PHOTO_UPLOAD_BYTES,
  sniffImage,
  STORED_PHOTO_SIZE,
  type PhotoFieldError,
  type SniffedImage,
} from './rules/photo-upload';

/** The photo as stored and served: always a fresh JPEG of our own making. */
export interface PreparedPhoto {
  readonly data: Buffer;
  readonly contentType: 'image/jpeg';
  readonly width: number;
  readonly height: number;
  readonly sha256: Buffer;
}

export type PhotoCheck =
  { readonly ok: true; readonly photo: PreparedPhoto } | { readonly ok: false; readonly error: PhotoFieldError };

const SHARP_FORMAT: Record<SniffedImage, string> = { jpeg: 'jpeg', png: 'png' };

/**
 * An uploaded picture made safe to keep and show: accepted by its content only (JPEG or PNG
 * by magic bytes, and sharp agreeing when it reads the header), its pixel count bounded before
 * anything is decoded, then turned upright, fitted in 600×600, flattened on white (a PNG's
 * transparency) and written anew as JPEG. Nothing of the upload survives but the pixels:
 * EXIF (GPS position, camera, names), ICC profiles and any bytes a polyglot file hid are gone.
 */
export async function preparePhoto(upload: Buffer | undefined): Promise<PhotoCheck> {
  if (!upload || upload.length === 0) return refuse('missing');
  if (upload.length > MAX_PHOTO_UPLOAD_BYTES) return refuse('tooLarge');
  const sniffed = sniffImage(upload);
  if (!sniffed) return refuse('notAnImage');

  const options = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' as const };
  let format: string | undefined;
  let pixels: number;
  try {
    const header = await sharp(upload, { ...options, limitInputPixels: false }).metadata();
    format = header.format;
    pixels = (header.width ?? 0) * (header.height ?? 0);
  } catch {
    return refuse('unreadable');
  }
  if (format !== SHARP_FORMAT[sniffed]) return refuse('notAnImage');
  if (pixels === 0) return refuse('unreadable');
  if (pixels > MAX_PHOTO_PIXELS) return refuse('tooManyPixels');

  try {
    const { data, info } = await sharp(upload, options)
      .rotate()
      .resize({ width: STORED_PHOTO_SIZE, height: STORED_PHOTO_SIZE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const sha256 = createHash('sha256').update(data).digest();
    return { ok: true, photo: { data, contentType: 'image/jpeg', width: info.width, height: info.height, sha256 } };
  } catch {
    return refuse('unreadable');
  }
}

function refuse(reason: PhotoFieldError['reason']): PhotoCheck {
  return { ok: false, error: { field: 'photo', reason } };
}
