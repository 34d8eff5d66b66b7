import type { Refusal } from '../app/refusal.ts'
import { ERROR_STATUS, HttpError, type ErrorCode } from './error-codes.ts'

/** Turns a use case's refusal into the HTTP error registered for its code. */
export function refusalToHttp(refusal: Refusal): HttpError {
  const code = (refusal.code in ERROR_STATUS ? refusal.code : 'invalid_request') as ErrorCode
  return new HttpError(code, refusal.message, refusal.details)
}
