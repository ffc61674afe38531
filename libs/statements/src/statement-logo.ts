import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { resolveThemeFile, type TenantConfig } from '@kk/tenancy';

/** A logo a PDF can carry: PNG or JPEG bytes. */
export type PdfLogo = Buffer;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** The logo is drawn 40 pt high; four times that in pixels prints sharply. */
const RASTER_HEIGHT_PX = 160;

const cache = new Map<string, { readonly mtimeMs: number; readonly logo: PdfLogo | undefined }>();

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, PNG.length).equals(PNG);
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.subarray(0, JPEG.length).equals(JPEG);
}

function looksLikeSvg(bytes: Buffer): boolean {
  return /<svg[\s>]/.test(bytes.subarray(0, 4096).toString('utf8'));
}

/** An SVG drawn as a PNG by sharp (librsvg). */
function rasterise(svg: Buffer): Promise<PdfLogo> {
  return sharp(svg, { density: 300 }).resize({ height: RASTER_HEIGHT_PX }).png().toBuffer();
}

/**
 * The tenant's logo from its theme folder, as the PDF can draw it: a PNG or JPEG as it is
 * (checked by content, not by name), an SVG (both demo tenants') rasterised. Anything else,
 * or a logo that cannot be read, gives undefined: the statement then carries the tenant's
 * name alone. Kept per file and modification time, so a statement does not redraw it.
 */
export async function tenantLogo(tenant: Pick<TenantConfig, 'dir' | 'theme'>): Promise<PdfLogo | undefined> {
  const path = resolveThemeFile(tenant, tenant.theme.logo);
  if (!path) return undefined;
  try {
    const { mtimeMs } = await stat(path);
    const known = cache.get(path);
    if (known && known.mtimeMs === mtimeMs) return known.logo;
    const bytes = await readFile(path);
    const logo = isPng(bytes) || isJpeg(bytes) ? bytes : looksLikeSvg(bytes) ? await rasterise(bytes) : undefined;
    cache.set(path, { mtimeMs, logo });
    return logo;
  } catch {
    // A logo that cannot be drawn must not cost the parent the statement.
    return undefined;
  }
}
