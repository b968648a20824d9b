import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeRendition, makeThumbnail, probeAgrees, probeFile } from './ffmpeg.ts';
import { planRendition, renditionAspectNames, renditionAspects } from './renditions.ts';
import { sniffFile } from './sniff.ts';
import { ffmpegFile, solidPng } from './testing/media-fixtures.ts';

let dir: string;
const file = (name: string) => path.join(dir, name);

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sillage-sniff-'));
  await Promise.all([
    ffmpegFile(file('real.jpg'), 'jpeg'),
    ffmpegFile(file('real.png'), 'png'),
    ffmpegFile(file('real.gif'), 'gif'),
    ffmpegFile(file('real.webp'), 'webp'),
    ffmpegFile(file('real.mp4'), 'mp4', { width: 160, height: 90 }),
    ffmpegFile(file('real.mov'), 'mov'),
  ]);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('sniffing by content', () => {
  const cases = [
    ['real.jpg', 'image/jpeg'],
    ['real.png', 'image/png'],
    ['real.gif', 'image/gif'],
    ['real.webp', 'image/webp'],
    ['real.mp4', 'video/mp4'],
    ['real.mov', 'video/quicktime'],
  ] as const;
  for (const [name, type] of cases)
    it(`recognises a real ${type} made by ffmpeg, and ffprobe agrees`, async () => {
      assert.deepEqual(await sniffFile(file(name)), { ok: true, mimeType: type });
      assert.equal(probeAgrees(type, await probeFile(file(name))), true);
    });

  it('judges by content, not by name: a PNG named .jpg is a PNG, HTML named .jpg is refused', async () => {
    await writeFile(file('png-named.jpg'), await readFile(file('real.png')));
    assert.deepEqual(await sniffFile(file('png-named.jpg')), { ok: true, mimeType: 'image/png' });
    await writeFile(file('page.jpg'), '<!doctype html><html><script>alert(1)</script></html>');
    const page = await sniffFile(file('page.jpg'));
    assert.equal(page.ok, false);
    assert.equal(!page.ok && page.reason, 'markup');
  });

  it('refuses an SVG carrying a script', async () => {
    await writeFile(
      file('logo.svg'),
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api/me")</script></svg>',
    );
    const result = await sniffFile(file('logo.svg'));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /SVG/);
  });

  it('refuses a JPEG with HTML appended (a polyglot)', async () => {
    const jpeg = await readFile(file('real.jpg'));
    await writeFile(file('appended.jpg'), Buffer.concat([jpeg, Buffer.from('<html><script>alert(1)</script>')]));
    const result = await sniffFile(file('appended.jpg'));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'polyglot');
  });

  it('refuses a JPEG with a ZIP appended, even when the ZIP is padded to end like a JPEG', async () => {
    const jpeg = await readFile(file('real.jpg'));
    // A minimal empty ZIP: just its end-of-central-directory record.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
    await writeFile(file('zip.jpg'), Buffer.concat([jpeg, zip]));
    assert.equal((await sniffFile(file('zip.jpg'))).ok, false);
    await writeFile(file('zip-ending.jpg'), Buffer.concat([jpeg, zip, Buffer.from([0xff, 0xd9])]));
    const padded = await sniffFile(file('zip-ending.jpg'));
    assert.equal(padded.ok, false);
    assert.equal(!padded.ok && padded.reason, 'polyglot');
  });

  it('refuses markup hidden inside a JPEG comment segment', async () => {
    const jpeg = await readFile(file('real.jpg'));
    const payload = Buffer.from('<script>alert(document.cookie)</script>');
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(payload.length + 2, 2);
    await writeFile(file('comment.jpg'), Buffer.concat([jpeg.subarray(0, 2), segment, payload, jpeg.subarray(2)]));
    const result = await sniffFile(file('comment.jpg'));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /<script/);
  });

  it('refuses markup in a PNG text chunk, but not marker-like bytes inside compressed picture data', async () => {
    const png = solidPng(4, 4);
    const text = Buffer.from('Comment\0<svg onload=alert(1)>', 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(text.length);
    const chunk = Buffer.concat([length, Buffer.from('tEXt'), text, Buffer.alloc(4)]);
    await writeFile(file('text.png'), Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]));
    const refused = await sniffFile(file('text.png'));
    assert.equal(!refused.ok && refused.reason, 'polyglot');

    // The same four bytes in a JPEG's entropy-coded data (after the start of scan) are chance, not markup.
    const jpeg = await readFile(file('real.jpg'));
    const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    const after = scan + 2 + jpeg.readUInt16BE(scan + 2);
    await writeFile(
      file('chance.jpg'),
      Buffer.concat([jpeg.subarray(0, after), Buffer.from('<svg', 'latin1'), jpeg.subarray(after)]),
    );
    assert.deepEqual(await sniffFile(file('chance.jpg')), { ok: true, mimeType: 'image/jpeg' });
  });

  it('refuses a PNG with bytes after its IEND chunk, and an MP4 with a trailing non-box', async () => {
    await writeFile(file('tail.png'), Buffer.concat([solidPng(4, 4), Buffer.from('PK tail')]));
    assert.equal((await sniffFile(file('tail.png'))).ok, false);
    await writeFile(file('tail.mp4'), Buffer.concat([await readFile(file('real.mp4')), Buffer.from('\x00\x00<html>')]));
    assert.equal((await sniffFile(file('tail.mp4'))).ok, false);
  });

  it('refuses empty files, unknown binaries and a PDF with JavaScript', async () => {
    await writeFile(file('empty.bin'), '');
    assert.equal((await sniffFile(file('empty.bin'))).ok, false);
    await writeFile(file('elf.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]));
    const unknown = await sniffFile(file('elf.bin'));
    assert.equal(!unknown.ok && unknown.reason, 'unknown');
    await writeFile(
      file('script.pdf'),
      '%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const pdf = await sniffFile(file('script.pdf'));
    assert.equal(!pdf.ok && pdf.reason, 'active_content');
  });

  it("accepts the demo's lookbook PDF", async () => {
    const demo = path.resolve(import.meta.dirname, '../demo/media/lookbook.pdf');
    assert.deepEqual(await sniffFile(demo), { ok: true, mimeType: 'application/pdf' });
  });

  it('catches a file whose magic bytes and ffprobe reading disagree', async () => {
    // GIF magic bytes on a PNG body: our sniffing says GIF (and the trailer matches), ffprobe cannot read a GIF.
    const png = solidPng(8, 8);
    await writeFile(file('liar.gif'), Buffer.concat([Buffer.from('GIF89a'), png.subarray(6), Buffer.from([0x3b])]));
    const sniffed = await sniffFile(file('liar.gif'));
    assert.deepEqual(sniffed, { ok: true, mimeType: 'image/gif' });
    const agrees = await probeFile(file('liar.gif')).then(
      (probed) => probeAgrees('image/gif', probed),
      () => false,
    );
    assert.equal(agrees, false);
  });
});

describe('metadata, thumbnails and renditions', () => {
  it('reads dimensions and duration with ffprobe', async () => {
    const video = await probeFile(file('real.mp4'));
    assert.equal(video.width, 160);
    assert.equal(video.height, 90);
    assert.ok(Math.abs((video.durationSeconds ?? 0) - 2) < 0.2, `duration ${video.durationSeconds}`);
    const image = await probeFile(file('real.jpg'));
    assert.deepEqual([image.width, image.height], [64, 48]);
  });

  it('plans centred crops at each aspect, never enlarging', () => {
    assert.deepEqual(planRendition(1920, 1080, '1x1'), {
      crop: { width: 1080, height: 1080, x: 420, y: 0 },
      width: 1080,
      height: 1080,
    });
    assert.deepEqual(planRendition(4000, 3000, '4x5').crop, { width: 2400, height: 3000, x: 800, y: 0 });
    assert.deepEqual(planRendition(4000, 3000, '4x5'), {
      crop: { width: 2400, height: 3000, x: 800, y: 0 },
      width: 1080,
      height: 1350,
    });
    assert.deepEqual(planRendition(1080, 1920, '16x9').crop, { width: 1080, height: 608, x: 0, y: 656 });
    const small = planRendition(64, 48, '1.91x1');
    assert.deepEqual([small.width, small.height], [64, 34]);
    for (const aspect of renditionAspectNames) {
      const plan = planRendition(3000, 3000, aspect);
      const { width, height } = renditionAspects[aspect];
      assert.deepEqual([plan.width, plan.height], [width, height], aspect);
    }
  });

  it('makes a thumbnail and renditions with the planned dimensions (picture and video)', async () => {
    await makeThumbnail(file('real.mp4'), file('thumb.jpg'), { video: true, durationSeconds: 2, size: 32 });
    const thumb = await probeFile(file('thumb.jpg'));
    assert.deepEqual([thumb.width, thumb.height, thumb.codec], [32, 18, 'mjpeg']);

    const plan = planRendition(64, 48, '4x5');
    await makeRendition(file('real.jpg'), file('r45.jpg'), plan, { video: false, png: false });
    const picture = await probeFile(file('r45.jpg'));
    assert.deepEqual([picture.width, picture.height], [plan.width, plan.height]);
    assert.deepEqual(await sniffFile(file('r45.jpg')), { ok: true, mimeType: 'image/jpeg' });

    const videoPlan = planRendition(160, 90, '9x16');
    await makeRendition(file('real.mp4'), file('r916.mp4'), videoPlan, { video: true, png: false });
    const video = await probeFile(file('r916.mp4'));
    assert.deepEqual([video.width, video.height, video.codec], [videoPlan.width, videoPlan.height, 'h264']);
  });
});
