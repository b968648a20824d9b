import { Rejected, Transient } from '../errors.ts';
import { graphCall, sleep, type GraphTransport } from './graph-request.ts';

/** Pauses between status polls, in milliseconds: quick at first (images), then patient (videos). */
export const containerPollDelaysMs: readonly number[] = [
  0, 250, 500, 1000, 2000, 3000, 5000, 5000, 10_000, 10_000, 15_000, 15_000, 30_000, 30_000, 30_000, 30_000, 30_000,
  30_000, 30_000, 30_000,
];

/**
 * Polls a media container (Instagram `status_code`, Threads `status`) until it is FINISHED. ERROR means Meta
 * refused the media (Rejected, with its message); EXPIRED or still in progress after the last poll is
 * Transient, since nothing was published yet.
 * @example await waitForContainer(transport, '17889455560051444', 'status_code')
 */
export async function waitForContainer(
  transport: GraphTransport,
  containerId: string,
  field: 'status_code' | 'status',
  delaysMs: readonly number[] = containerPollDelaysMs,
): Promise<void> {
  const fields = field === 'status_code' ? 'status_code,status' : 'status,error_message';
  for (const delay of delaysMs) {
    if (delay > 0) await sleep(delay);
    const body = await graphCall(transport, 'GET', `/${containerId}`, { fields }, 'read');
    const status = body[field];
    if (status === 'FINISHED' || status === 'PUBLISHED') return;
    if (status === 'ERROR') {
      const detail =
        typeof body.error_message === 'string'
          ? body.error_message
          : typeof body.status === 'string'
            ? body.status
            : 'the media could not be processed';
      throw new Rejected(`Meta could not process the media of container ${containerId}: ${detail}`, 'container_error');
    }
    if (status === 'EXPIRED') throw new Transient(`Container ${containerId} expired before it was published`);
  }
  throw new Transient(`Container ${containerId} was still processing after the last status poll`);
}
