import type { IncomingHttpHeaders } from 'node:http';

/**
 * The headers of an answer read by `createHttpFetch`, with the `Headers` interface (lower-case names,
 * repeated headers joined with ", ", `set-cookie` kept apart), built on Node's own header object instead of
 * copying every header into a `Headers`. Immutable, as a fetch response's headers are.
 */
export class AnswerHeaders {
  readonly #headers: IncomingHttpHeaders;

  constructor(headers: IncomingHttpHeaders) {
    this.#headers = headers;
  }

  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    const value = this.#headers['set-cookie'];
    return value === undefined ? [] : [...value];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#headers).sort()) {
      const value = this.#headers[name];
      if (value === undefined) continue;
      if (name === 'set-cookie' && Array.isArray(value)) for (const cookie of value) yield [name, cookie];
      else yield [name, Array.isArray(value) ? value.join(', ') : value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, name: string, parent: AnswerHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  append(): never {
    throw new TypeError('The headers of a response are immutable.');
  }

  set(): never {
    throw new TypeError('The headers of a response are immutable.');
  }

  delete(): never {
    throw new TypeError('The headers of a response are immutable.');
  }
}

/**
 * An answer of `createHttpFetch` with what callers of `fetch` read: status, headers and the body as text,
 * JSON or bytes (read once, as fetch's). The body is received in full in the background as soon as the
 * headers arrive; a connection lost while it arrives makes its reads reject, as fetch's do.
 */
export class HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: AnswerHeaders;
  readonly url: string;
  readonly redirected: boolean;
  readonly type = 'basic' as const;
  readonly #bytes: Promise<Buffer>;
  #used = false;

  constructor(init: {
    status: number;
    statusText: string;
    headers: AnswerHeaders;
    url: string;
    redirected: boolean;
    bytes: Promise<Buffer>;
  }) {
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.url = init.url;
    this.redirected = init.redirected;
    this.#bytes = init.bytes;
    // Read or not, a failed body must not become an unhandled rejection.
    this.#bytes.catch(() => undefined);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The body as a web stream, for the rare caller that reads it so (the bytes are already in memory). */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#used) return null;
    const bytes = this.#consume();
    return new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          const buffer = await bytes;
          if (buffer.length > 0) controller.enqueue(new Uint8Array(buffer));
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
    });
  }

  #consume(): Promise<Buffer> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    return this.#bytes;
  }

  async text(): Promise<string> {
    const text = (await this.#consume()).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const buffer = await this.#consume();
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    const bytes = await this.arrayBuffer();
    return new Response(bytes, { headers: [...this.headers] }).formData();
  }

  clone(): HttpAnswer {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    const { status, statusText, headers, url, redirected } = this;
    return new HttpAnswer({ status, statusText, headers, url, redirected, bytes: this.#bytes });
  }
}
