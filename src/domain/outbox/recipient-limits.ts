export interface RecipientLimits {
  /** Identical texts to one number per window. */
  identical: number
  /** All texts to one number per window. */
  total: number
  windowMs: number
}

/** The defaults: 20 identical and 100 in total per hour per recipient. */
export const DEFAULT_RECIPIENT_LIMITS: RecipientLimits = {
  identical: 20,
  total: 100,
  windowMs: 3_600_000,
}

/**
 * Whether one more text may be accepted for a recipient, given what was
 * accepted for them in the current window. Protects citizens from a CRM
 * stuck in a loop.
 * @example checkRecipientLimits(DEFAULT_RECIPIENT_LIMITS, { identical: 20, total: 20 }) // { ok: false, limit: 'identical' }
 */
export function checkRecipientLimits(
  limits: RecipientLimits,
  recent: { identical: number; total: number },
): { ok: true } | { ok: false; limit: 'identical' | 'total'; max: number } {
  if (recent.identical >= limits.identical)
    return { ok: false, limit: 'identical', max: limits.identical }
  if (recent.total >= limits.total) return { ok: false, limit: 'total', max: limits.total }
  return { ok: true }
}
