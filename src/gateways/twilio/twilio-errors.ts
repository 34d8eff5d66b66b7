import { SendError } from '../gateway.ts'

// Twilio error codes with a meaning of their own (Twilio error dictionary).
const OPTED_OUT = new Set(['21610']) // "Attempt to send to unsubscribed recipient"
const INVALID_NUMBER = new Set(['21211', '21614']) // invalid 'To'; 'To' is not a mobile number

// Connection never established: the request cannot have reached Twilio.
const NOT_SENT_CAUSES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
])

/**
 * Translates a Twilio error answer (HTTP status + JSON `{ code, message, more_info, status }`)
 * into a SendError. 429 is never processed, so safe to retry (REFERENCE.md, Twilio).
 * @example translateTwilioHttpError(400, '{"code":21610,"message":"unsubscribed"}').code // 'opted_out'
 */
export function translateTwilioHttpError(status: number, bodyText: string): SendError {
  const { code, message } = readTwilioError(bodyText)
  const describe = `Twilio answered ${status}${code === undefined ? '' : ` (error ${code})`}: ${message ?? 'no message'}`
  const options = code === undefined ? {} : { carrierCode: code }
  if (status === 429) return new SendError('throttled', true, describe, options)
  if (status === 401 || status === 403)
    return new SendError('auth_failed', false, describe, options)
  // A 5xx may come after Twilio accepted the message (e.g. a proxy timing out in front of it).
  if (status >= 500)
    return new SendError('unavailable', true, describe, { ...options, mayHaveBeenSent: true })
  if (code !== undefined && OPTED_OUT.has(code))
    return new SendError('opted_out', false, describe, options)
  if (code !== undefined && INVALID_NUMBER.has(code)) {
    return new SendError('invalid_number', false, describe, options)
  }
  return new SendError('rejected', false, describe, options)
}

/**
 * Translates a fetch failure (no HTTP answer) into a SendError: our own timeout means the request
 * may have been processed; a refused connection means it was not.
 * @example translateTwilioFailure(new TypeError('fetch failed'), false, 10_000).code // 'unavailable'
 */
export function translateTwilioFailure(
  cause: unknown,
  timedOut: boolean,
  timeoutMs: number,
): SendError {
  if (timedOut) {
    return new SendError('timeout', true, `no answer from Twilio within ${timeoutMs} ms`, {
      cause,
      mayHaveBeenSent: true,
    })
  }
  const systemCode = findSystemCode(cause)
  return new SendError('unavailable', true, `cannot reach Twilio: ${systemCode ?? String(cause)}`, {
    cause,
    mayHaveBeenSent: systemCode === undefined || !NOT_SENT_CAUSES.has(systemCode),
  })
}

function readTwilioError(bodyText: string): { code?: string; message?: string } {
  try {
    const body: unknown = JSON.parse(bodyText)
    if (typeof body !== 'object' || body === null) return {}
    const { code, message } = body as { code?: unknown; message?: unknown }
    return {
      ...(typeof code === 'number' || typeof code === 'string' ? { code: String(code) } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    }
  } catch {
    return {}
  }
}

// undici wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
function findSystemCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown }
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code
    current = cause
  }
  return undefined
}
