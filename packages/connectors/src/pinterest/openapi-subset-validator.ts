/**
 * A small validator for the JSON Schema subset OpenAPI 3.0 documents use in request bodies ($ref, type,
 * nullable, enum, pattern, lengths, minimum, items, properties, required, allOf, oneOf, anyOf, discriminator).
 * Test-only: it checks the bodies our clients build against a network's published contract.
 */

export type Schema = { [keyword: string]: unknown };
export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
};

type Options = { rejectUndeclared: boolean };

/** Resolves a local `#/components/...` reference. */
function resolve(document: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; typeof current.$ref === 'string' && depth < 20; depth += 1) {
    const parts = current.$ref.replace(/^#\//, '').split('/');
    let target: unknown = document;
    for (const part of parts) target = (target as Record<string, unknown> | undefined)?.[part];
    if (!target || typeof target !== 'object') throw new Error(`Unresolvable $ref ${current.$ref}`);
    current = target as Schema;
  }
  return current;
}

function typeMatches(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

/** The branch a discriminator picks for this value, if any. */
function discriminated(document: OpenApiDocument, schema: Schema, value: unknown): Schema | undefined {
  const discriminator = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (!discriminator?.propertyName || typeof value !== 'object' || value === null) return undefined;
  const key = (value as Record<string, unknown>)[discriminator.propertyName];
  const ref = typeof key === 'string' ? discriminator.mapping?.[key] : undefined;
  return ref ? resolve(document, { $ref: ref }) : undefined;
}

/** Every property name the schema (with its allOf and chosen branch) declares for this value. */
function declaredProperties(
  document: OpenApiDocument,
  raw: Schema,
  value: unknown,
  names = new Set<string>(),
): Set<string> {
  const schema = resolve(document, raw);
  for (const name of Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {})) names.add(name);
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) declaredProperties(document, part, value, names);
  const branch = discriminated(document, schema, value);
  if (branch) declaredProperties(document, branch, value, names);
  else
    for (const part of [...((schema.oneOf as Schema[]) ?? []), ...((schema.anyOf as Schema[]) ?? [])])
      declaredProperties(document, part, value, names);
  return names;
}

function check(
  document: OpenApiDocument,
  raw: Schema,
  value: unknown,
  path: string,
  options: Options,
  errors: string[],
): void {
  const schema = resolve(document, raw);
  if (value === null) {
    if (schema.nullable !== true && schema.type !== undefined) errors.push(`${path}: null is not allowed`);
    return;
  }
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    errors.push(
      `${path}: expected ${JSON.stringify(schema.type)}, got ${Array.isArray(value) ? 'array' : typeof value}`,
    );
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((item, index) =>
        check(document, schema.items as Schema, item, `${path}[${index}]`, options, errors),
      );
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? [])
      if (!(name in record)) errors.push(`${path}: missing required "${name}"`);
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, child] of Object.entries(properties))
      if (name in record) check(document, child, record[name], `${path}.${name}`, options, errors);
    if (options.rejectUndeclared && (schema.properties || schema.allOf || schema.oneOf || schema.discriminator)) {
      const declared = declaredProperties(document, schema, value);
      for (const name of Object.keys(record))
        if (!declared.has(name)) errors.push(`${path}: "${name}" is not in the schema`);
    }
  }
  for (const part of (schema.allOf as Schema[] | undefined) ?? [])
    check(document, part, value, path, { rejectUndeclared: false }, errors);
  const branch = discriminated(document, schema, value);
  if (branch) check(document, branch, value, path, { rejectUndeclared: false }, errors);
  else if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    const branches = (schema.oneOf ?? schema.anyOf) as Schema[];
    const passing = branches.filter((part) => {
      const found: string[] = [];
      check(document, part, value, path, { rejectUndeclared: false }, found);
      return found.length === 0;
    }).length;
    if (schema.oneOf ? passing !== 1 : passing === 0)
      errors.push(`${path}: matches ${passing} of the ${schema.oneOf ? 'oneOf' : 'anyOf'} schemas`);
  }
}

/**
 * Validates a value against a schema of the document; returns the problems (empty when valid). With
 * `rejectUndeclared`, properties the schema does not declare are problems too (typos the spec would let pass).
 * @example validateAgainstSchema(document, { $ref: '#/components/schemas/PinCreate' }, body, { rejectUndeclared: true }) // []
 */
export function validateAgainstSchema(
  document: OpenApiDocument,
  schema: Schema,
  value: unknown,
  options: Options = { rejectUndeclared: true },
): string[] {
  const errors: string[] = [];
  check(document, schema, value, '$', options, errors);
  return errors;
}

/** The request-body schema of an operation, for a concrete path such as `/pins` or `/pins/123`. */
export function requestBodySchema(
  document: OpenApiDocument,
  method: string,
  concretePath: string,
): { template: string; schema: Schema } | undefined {
  for (const [template, item] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (!pattern.test(concretePath)) continue;
    const operation = item[method.toLowerCase()] as
      { requestBody?: { content?: Record<string, { schema?: Schema }> } } | undefined;
    const content = operation?.requestBody?.content ?? {};
    const schema = Object.values(content)[0]?.schema;
    if (schema) return { template, schema };
  }
  return undefined;
}
