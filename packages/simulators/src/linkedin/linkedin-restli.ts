/** Rest.li error bodies as LinkedIn sends them (platforms.md §5.8). */
import type { SimResponse } from '../kit/index.ts';

/**
 * A Rest.li error body.
 * @example restliError(403, 'ACCESS_DENIED', 'Not enough permissions') // { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: ... }
 */
export const restliError = (status: number, code: string, message: string, serviceErrorCode = 100) => ({
  status,
  serviceErrorCode,
  code,
  message,
});

/**
 * A 422 with the field at fault, in the newer `errorDetails` shape.
 * @example unprocessable('/commentary', 'too long').status // 422
 */
export const unprocessable = (field: string, message: string): SimResponse => ({
  status: 422,
  body: {
    ...restliError(422, 'UNPROCESSABLE_ENTITY', `ERROR :: ${field} :: ${message}`),
    errorDetailType: 'com.linkedin.common.error.BadRequest',
    errorDetails: {
      inputErrors: [{ description: message, input: { inputPath: { fieldPath: field } }, code: 'INVALID_VALUE' }],
    },
  },
});
