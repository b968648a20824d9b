import { execFile } from 'node:child_process';
import type { AcceptedMediaType } from './sniff.ts';
import type { RenditionPlan } from './renditions.ts';

/** Runs a program with an argument array (no shell) and a time limit; rejects with its error output. */
function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const reason = error.killed
            ? `timed out after ${timeoutMs} ms`
            : stderr.trim().slice(0, 500) || error.message;
          reject(new Error(`${command} failed: ${reason}`));
        } else resolve(stdout);
      },
    );
  });
}

export type ProbedMedia = {
  formatName: string;
  codec: string | undefined;
  width: number | undefined;
  height: number | undefined;
  durationSeconds: number | undefined;
  hasVideo: boolean;
};

type FfprobeOutput = {
  format?: { format_name?: string; duration?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    duration?: string;
    tags?: { rotate?: string };
    side_data_list?: { rotation?: number }[];
  }[];
};

const positive = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;

/** What ffprobe reads in a file: its container, first video stream's codec and size (rotation applied), duration. */
export async function probeFile(path: string, timeoutMs = 20_000): Promise<ProbedMedia> {
  const output = await run(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', `file:${path}`],
    timeoutMs,
  );
  const parsed = JSON.parse(output) as FfprobeOutput;
  const video = parsed.streams?.find((stream) => stream.codec_type === 'video');
  const rotation = Math.abs(
    Number(video?.tags?.rotate ?? video?.side_data_list?.find((entry) => entry.rotation !== undefined)?.rotation ?? 0),
  );
  const turned = rotation === 90 || rotation === 270;
  const duration = positive(Number(parsed.format?.duration ?? video?.duration));
  return {
    formatName: parsed.format?.format_name ?? '',
    codec: video?.codec_name,
    width: positive(turned ? video?.height : video?.width),
    height: positive(turned ? video?.width : video?.height),
    durationSeconds: duration === undefined ? undefined : Math.round(duration * 1000) / 1000,
    hasVideo: video !== undefined,
  };
}

const expectedCodecs: Record<Exclude<AcceptedMediaType, 'application/pdf'>, readonly string[]> = {
  'image/jpeg': ['mjpeg'],
  'image/png': ['png', 'apng'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'video/mp4': ['h264', 'hevc', 'av1', 'vp9', 'mpeg4'],
  'video/quicktime': ['h264', 'hevc', 'prores', 'mjpeg', 'mpeg4', 'av1'],
};

/** Whether ffprobe's reading agrees with the magic bytes (a file that is one thing to us and another to ffmpeg is refused). */
export function probeAgrees(type: AcceptedMediaType, probed: ProbedMedia): boolean {
  if (type === 'application/pdf') return true;
  if (!probed.hasVideo || !probed.codec || !expectedCodecs[type].includes(probed.codec)) return false;
  if (type === 'video/mp4' || type === 'video/quicktime') return probed.formatName.includes('mp4');
  const formats: Record<string, string[]> = {
    'image/jpeg': ['jpeg_pipe', 'image2', 'mjpeg'],
    'image/png': ['png_pipe', 'image2', 'apng'],
    'image/gif': ['gif'],
    'image/webp': ['webp_pipe', 'image2'],
  };
  return formats[type]!.some((format) => probed.formatName.split(',').includes(format));
}

/** A JPEG thumbnail at most `size` pixels on its longer side: the picture, or a video's frame at about one second. */
export async function makeThumbnail(
  input: string,
  output: string,
  options: { video: boolean; durationSeconds?: number; size?: number; timeoutMs?: number },
): Promise<void> {
  const size = options.size ?? 320;
  const seek = options.video ? Math.min(1, (options.durationSeconds ?? 0) / 2) : 0;
  await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-nostdin',
      '-y',
      ...(seek > 0 ? ['-ss', seek.toFixed(3)] : []),
      '-i',
      `file:${input}`,
      '-frames:v',
      '1',
      '-vf',
      `scale=${size}:${size}:force_original_aspect_ratio=decrease`,
      '-f',
      'image2',
      '-c:v',
      'mjpeg',
      '-q:v',
      '4',
      `file:${output}`,
    ],
    options.timeoutMs ?? 30_000,
  );
}

/** Crops the centre and resizes to the plan: a JPEG (PNG for PNG sources) for pictures, an H.264 MP4 for videos. */
export async function makeRendition(
  input: string,
  output: string,
  plan: RenditionPlan,
  options: { video: boolean; png: boolean; timeoutMs?: number },
): Promise<void> {
  const filter = `crop=${plan.crop.width}:${plan.crop.height}:${plan.crop.x}:${plan.crop.y},scale=${plan.width}:${plan.height},setsar=1`;
  const encode = options.video
    ? [
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '23',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
      ]
    : options.png
      ? ['-frames:v', '1', '-f', 'image2', '-c:v', 'png']
      : ['-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', '-q:v', '3'];
  await run(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-y', '-i', `file:${input}`, '-vf', filter, ...encode, `file:${output}`],
    options.timeoutMs ?? (options.video ? 180_000 : 30_000),
  );
}
