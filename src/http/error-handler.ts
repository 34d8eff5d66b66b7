import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../app/compose.ts'
import { ERROR_STATUS, HttpError, type ErrorBody, type ErrorCode } from './error-codes.ts'

/** Fastify's own error codes, translated into ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
}

/**
 * Maps every error to `{ error: { code, message, details?, requestId } }` in one place:
 * schema failures are 400 invalid_request with the failing fields; unknown errors are
 * logged and answered as 500 internal_error without their internals.
 */
export function createErrorHandler(app: App) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { code, message, details } = classify(error)
    const status = ERROR_STATUS[code]
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    app.metrics.errors.inc({ code })
    const body: ErrorBody = {
      error: { code, message, requestId: request.id, ...(details ? { details } : {}) },
    }
    return reply.status(status).send(body)
  }
}

function classify(error: FastifyError): { code: ErrorCode; message: string; details?: unknown } {
  if (error instanceof HttpError)
    return { code: error.code, message: error.message, details: error.details }
  if (error.validation) {
    const details = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath}`,
      problem: v.message ?? 'is invalid',
    }))
    return { code: 'invalid_request', message: 'the request does not match the schema', details }
  }
  const mapped = FASTIFY_CODES[error.code]
  if (mapped) return { code: mapped, message: error.message }
  if (error.statusCode === 400) return { code: 'invalid_request', message: error.message }
  return { code: 'internal_error', message: 'an unexpected error occurred; it has been logged' }
}
