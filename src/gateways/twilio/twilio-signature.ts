import { createHmac, timingSafeEqual } from 'node:crypto'

/** Form parameters as parsed from an `application/x-www-form-urlencoded` webhook body. */
export type TwilioParams = Readonly<Record<string, string | readonly string[]>>

/**
 * Computes the `X-Twilio-Signature` Twilio sends with every webhook (REFERENCE.md, Twilio):
 * base64 HMAC-SHA1, keyed by the auth token, of the exact URL Twilio called followed by every
 * POST parameter sorted by name, each as name + value. A repeated parameter contributes its
 * distinct values in sorted order, as the official `twilio` library does.
 * Pure: no I/O.
 * @example computeTwilioSignature('token', 'https://x.test/hook', { Body: 'hi', From: '+15145550100' })
 */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams,
): string {
  // Default sort = UTF-16 code-unit order, the order Twilio's own library uses.
  let data = url
  for (const name of Object.keys(params).sort()) {
    const value = params[name]
    if (value === undefined) continue
    if (typeof value === 'string') {
      data += name + value
    } else {
      for (const item of [...new Set(value)].sort()) data += name + item
    }
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64')
}

/**
 * Checks a webhook's `X-Twilio-Signature` in constant time. `url` must be the public URL Twilio
 * called (behind a proxy: the configured public base URL, not the internal one).
 * @example verifyTwilioSignature('token', url, params, request.headers['x-twilio-signature'] ?? '')
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams,
  signature: string,
): boolean {
  const expected = Buffer.from(computeTwilioSignature(authToken, url, params), 'utf8')
  const given = Buffer.from(signature, 'utf8')
  // The expected length is fixed by SHA-1 and public, so checking it first leaks nothing;
  // timingSafeEqual would throw on unequal lengths.
  return given.length === expected.length && timingSafeEqual(given, expected)
}
