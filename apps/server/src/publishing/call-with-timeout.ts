import { abortableFetch } from '@sillage/connectors';

/**
 * Runs a network call with a deadline: the `fetch` handed to it (built on `base`) aborts every request at
 * the deadline, and the call is abandoned then even if it ignores the abort. `timedOut` says the deadline,
 * not the network, ended it. One timer per call; on a `createHttpFetch` client, no signal per request.
 */
export async function callWithTimeout<T>(
  timeoutMs: number,
  call: (fetchWithDeadline: typeof fetch) => Promise<T>,
  base: typeof fetch = fetch,
): Promise<{ value: T | undefined; error: unknown; timedOut: boolean }> {
  const requests = abortableFetch(base);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      requests.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([call(requests.fetch), deadline]);
    return { value, error: undefined, timedOut: false };
  } catch (error) {
    return { value: undefined, error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}
