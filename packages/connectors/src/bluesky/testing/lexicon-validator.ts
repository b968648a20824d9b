/**
 * A small validator for the atproto lexicon types our records use (record, object, string with
 * maxLength/maxGraphemes/format, integer, boolean, array, union, ref, blob, bytes, unknown), over the
 * lexicon JSON files copied from bluesky-social/atproto (MIT / Apache-2.0, see lexicons/LICENSE-MIT.txt).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Schema = Record<string, unknown> & { type: string };
type LexiconDocument = { id: string; defs: Record<string, Schema> };

const lexiconRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lexicons');
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function loadAll(directory: string, found = new Map<string, LexiconDocument>()): Map<string, LexiconDocument> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) loadAll(full, found);
    else if (entry.name.endsWith('.json')) {
      const document = JSON.parse(readFileSync(full, 'utf8')) as LexiconDocument;
      found.set(document.id, document);
    }
  }
  return found;
}

const documents = loadAll(lexiconRoot);

/** `nsid#def` for a ref written inside `nsid` (local '#def' refs, bare nsid = #main). */
function qualify(ref: string, context: string): string {
  if (ref.startsWith('#')) return `${context}${ref}`;
  return ref.includes('#') ? ref : `${ref}#main`;
}

function schemaOf(fullRef: string): Schema {
  const [nsid, def] = fullRef.split('#') as [string, string];
  const schema = documents.get(nsid)?.defs[def];
  if (!schema) throw new Error(`lexicon not found: ${fullRef}`);
  return schema;
}

/** `$type` written in data for a def: the bare nsid for #main. */
function typeName(fullRef: string): string {
  return fullRef.endsWith('#main') ? fullRef.slice(0, -5) : fullRef;
}

const formats: Record<string, RegExp> = {
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
  'at-uri': /^at:\/\/[^/\s]+(\/[a-zA-Z0-9.-]+(\/[a-zA-Z0-9._~:@!$&')(*+,;=-]{1,512})?)?$/,
  cid: /^[a-zA-Z0-9+=]{8,256}$/,
  did: /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/,
  language: /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/,
  datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

function check(value: unknown, schema: Schema, context: string, at: string, errors: string[]): void {
  const nsid = context;
  switch (schema.type) {
    case 'record':
      return check(value, schema.record as Schema, nsid, at, errors);
    case 'ref': {
      const ref = qualify(schema.ref as string, nsid);
      return check(value, schemaOf(ref), ref.split('#')[0]!, at, errors);
    }
    case 'union': {
      const type = (value as { $type?: unknown } | null)?.$type;
      if (typeof type !== 'string') return void errors.push(`${at}: a union member needs $type`);
      const refs = (schema.refs as string[]).map((ref) => qualify(ref, nsid));
      const ref = refs.find((candidate) => typeName(candidate) === type);
      if (!ref) {
        if (schema.closed === true || !type.includes('.'))
          errors.push(`${at}: $type ${type} is not one of ${refs.join(', ')}`);
        return;
      }
      return check(value, schemaOf(ref), ref.split('#')[0]!, at, errors);
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return void errors.push(`${at}: must be an object`);
      const record = value as Record<string, unknown>;
      for (const name of (schema.required as string[] | undefined) ?? [])
        if (record[name] === undefined) errors.push(`${at}: ${name} is required`);
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const [name, property] of Object.entries(record)) {
        if (name === '$type') continue;
        if (!properties[name]) errors.push(`${at}: unknown property ${name}`);
        else if (property !== undefined) check(property, properties[name], nsid, `${at}/${name}`, errors);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return void errors.push(`${at}: must be an array`);
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
        errors.push(`${at}: more than ${schema.maxLength} items`);
      if (typeof schema.minLength === 'number' && value.length < schema.minLength)
        errors.push(`${at}: fewer than ${schema.minLength} items`);
      value.forEach((item, index) => check(item, schema.items as Schema, nsid, `${at}/${index}`, errors));
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return void errors.push(`${at}: must be a string`);
      const bytes = Buffer.byteLength(value, 'utf8');
      if (typeof schema.maxLength === 'number' && bytes > schema.maxLength)
        errors.push(`${at}: over ${schema.maxLength} bytes`);
      if (typeof schema.minLength === 'number' && bytes < schema.minLength)
        errors.push(`${at}: under ${schema.minLength} bytes`);
      const graphemes = [...segmenter.segment(value)].length;
      if (typeof schema.maxGraphemes === 'number' && graphemes > schema.maxGraphemes)
        errors.push(`${at}: over ${schema.maxGraphemes} graphemes`);
      const format = formats[schema.format as string];
      if (format && !format.test(value)) errors.push(`${at}: not a valid ${String(schema.format)}`);
      if (Array.isArray(schema.enum) && !schema.enum.includes(value))
        errors.push(`${at}: not one of ${schema.enum.join(', ')}`);
      if (schema.const !== undefined && value !== schema.const)
        errors.push(`${at}: must be ${JSON.stringify(schema.const)}`);
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return void errors.push(`${at}: must be an integer`);
      if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${at}: must be a boolean`);
      return;
    case 'unknown':
      if (typeof value !== 'object' || value === null) errors.push(`${at}: must be an object`);
      return;
    case 'bytes':
      if (typeof (value as { $bytes?: unknown } | null)?.$bytes !== 'string') errors.push(`${at}: must be {$bytes}`);
      return;
    case 'blob': {
      const blob = value as { $type?: unknown; ref?: { $link?: unknown }; mimeType?: unknown; size?: unknown } | null;
      if (
        blob?.$type !== 'blob' ||
        typeof blob.ref?.$link !== 'string' ||
        typeof blob.mimeType !== 'string' ||
        typeof blob.size !== 'number'
      )
        return void errors.push(`${at}: must be a blob {$type:'blob', ref:{$link}, mimeType, size}`);
      const accept = (schema.accept as string[] | undefined) ?? ['*/*'];
      const mime = blob.mimeType;
      if (
        !accept.some(
          (pattern) =>
            pattern === '*/*' || pattern === mime || (pattern.endsWith('/*') && mime.startsWith(pattern.slice(0, -1))),
        )
      )
        errors.push(`${at}: ${mime} is not accepted (${accept.join(', ')})`);
      if (typeof schema.maxSize === 'number' && blob.size > schema.maxSize)
        errors.push(`${at}: over ${schema.maxSize} bytes`);
      return;
    }
    default:
      errors.push(`${at}: lexicon type ${schema.type} is not supported by this validator`);
  }
}

/**
 * The problems of `value` against a record lexicon (empty when valid); `$type` must name it.
 * @example validateRecord('app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'hi', createdAt: '2026-01-01T00:00:00.000Z' }) // []
 */
export function validateRecord(nsid: string, value: unknown): string[] {
  const errors: string[] = [];
  if ((value as { $type?: unknown } | null)?.$type !== nsid) errors.push(`$type must be ${nsid}`);
  check(value, schemaOf(`${nsid}#main`), nsid, '', errors);
  return errors;
}
