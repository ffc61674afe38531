import sharp from 'sharp';
import { preparePhoto } from './photo-processing';
import { MAX_PHOTO_UPLOAD_BYTES } from './rules/photo-upload';

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } });

describe('preparePhoto', () => {
  it('re-encodes a JPEG as a JPEG within 600×600, without its EXIF (owner, GPS, camera)', async () => {
    const upload = await picture(1200, 800)
      .jpeg()
      .withExif({ IFD0: { Artist: 'Mette Hansen', Copyright: 'Privat' } })
      .toBuffer();
    expect((await sharp(upload).metadata()).exif).toBeDefined();

    const prepared = await preparePhoto(upload);
    if (!prepared.ok) throw new Error(prepared.error.reason);
    const stored = await sharp(prepared.photo.data).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 600, height: 400 });
    expect(stored.exif).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    expect(prepared.photo.data.includes(Buffer.from('Mette Hansen'))).toBe(false);
    expect(prepared.photo).toMatchObject({ contentType: 'image/jpeg', width: 600, height: 400 });
    expect(prepared.photo.sha256).toHaveLength(32);
  });

  it('turns a PNG with transparency into a JPEG on white, and never enlarges a small picture', async () => {
    const upload = await sharp({
      create: { width: 200, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const prepared = await preparePhoto(upload);
    if (!prepared.ok) throw new Error(prepared.error.reason);
    const stored = sharp(prepared.photo.data);
    expect(await stored.metadata()).toMatchObject({ format: 'jpeg', width: 200, height: 300 });
    // Transparent black would come out black without the flattening.
    const { channels } = await stored.stats();
    expect(channels.map((channel) => Math.round(channel.mean))).toEqual([255, 255, 255]);
  });

  it('turns a picture upright by its EXIF orientation before the EXIF goes', async () => {
    // Stored 300 wide and 100 high, to be shown rotated by 90° (orientation 6): 100 wide, 300 high.
    const upload = await picture(300, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const prepared = await preparePhoto(upload);
    if (!prepared.ok) throw new Error(prepared.error.reason);
    expect(await sharp(prepared.photo.data).metadata()).toMatchObject({ width: 100, height: 300 });
    expect((await sharp(prepared.photo.data).metadata()).orientation).toBeUndefined();
  });

  it('judges the content, not a name: text, SVG and GIF are not pictures here', async () => {
    for (const upload of [
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      await picture(10, 10).gif().toBuffer(),
    ]) {
      expect(await preparePhoto(upload)).toEqual({ ok: false, error: { field: 'photo', reason: 'notAnImage' } });
    }
  });

  it('refuses a file that starts like a JPEG or PNG but is none', async () => {
    for (const upload of [
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('<script>alert(1)</script>')]),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]),
    ]) {
      expect(await preparePhoto(upload)).toEqual({ ok: false, error: { field: 'photo', reason: 'unreadable' } });
    }
  });

  it('refuses a PNG of more than 40 megapixels before decoding it', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(MAX_PHOTO_UPLOAD_BYTES);
    expect(await preparePhoto(bomb)).toEqual({ ok: false, error: { field: 'photo', reason: 'tooManyPixels' } });
  });

  it('refuses nothing at all, and more than 5 MB', async () => {
    expect(await preparePhoto(undefined)).toEqual({ ok: false, error: { field: 'photo', reason: 'missing' } });
    expect(await preparePhoto(Buffer.alloc(0))).toEqual({ ok: false, error: { field: 'photo', reason: 'missing' } });
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_PHOTO_UPLOAD_BYTES)]);
    expect(await preparePhoto(big)).toEqual({ ok: false, error: { field: 'photo', reason: 'tooLarge' } });
  });
});
