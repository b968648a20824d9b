/**
 * Runs a network call with a deadline: the `fetch` handed to it aborts at the deadline, and the call is
 * abandoned then even if it ignores the abort. `timedOut` says the deadline, not the network, ended it.
 */
export async function callWithTimeout<T>(
  timeoutMs: number,
  call: (fetchWithDeadline: typeof fetch) => Promise<T>,
): Promise<{ value: T | undefined; error: unknown; timedOut: boolean }> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const fetchWithDeadline: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal,
    });
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([call(fetchWithDeadline), deadline]);
    return { value, error: undefined, timedOut: false };
  } catch (error) {
    return { value: undefined, error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}
