import type { PiiKind, PiiMatch } from './pii-match.ts'

const LABELS: Readonly<Record<PiiKind, string>> = {
  payment_card: '[card]',
  sin: '[SIN]',
  bc_phn: '[PHN]',
  email: '[email]',
  phone: '[phone]',
}

/**
 * The default mask: the kind in brackets and no digit at all ('[card]', '[SIN]', '[PHN]',
 * '[email]', '[phone]'), so a masked transcript leaks nothing, not even partial numbers, to logs
 * or exports, while an agent still sees what was there.
 * @example defaultPiiMask({ kind: 'sin', start: 0, end: 11, value: '046 454 286' }) // '[SIN]'
 */
export function defaultPiiMask(match: PiiMatch): string {
  return LABELS[match.kind]
}

/**
 * An alternative for agent screens: cards keep their last four digits ('[card ending 1111]', as
 * PCI DSS allows), other kinds use the default mask. Not for logs.
 * @example cardLastFourMask({ kind: 'payment_card', start: 0, end: 16, value: '4111111111111111' }) // '[card ending 1111]'
 */
export function cardLastFourMask(match: PiiMatch): string {
  if (match.kind !== 'payment_card') return defaultPiiMask(match)
  return `[card ending ${match.value.replace(/\D/g, '').slice(-4)}]`
}

/**
 * Replaces each match in `text` with `mask(match)` (default: defaultPiiMask). Matches are
 * normally findPii's output; others are tolerated: they are sorted, clamped to the text, and an
 * overlapping match only masks what the previous one left, so every matched character is masked.
 * @example maskPii('SIN 046 454 286', findPii('SIN 046 454 286')) // 'SIN [SIN]'
 */
export function maskPii(
  text: string,
  matches: readonly PiiMatch[],
  mask: (match: PiiMatch) => string = defaultPiiMask,
): string {
  const ordered = [...matches].sort((a, b) => a.start - b.start)
  let out = ''
  let cursor = 0
  for (const match of ordered) {
    const start = Math.max(cursor, Math.min(match.start, text.length))
    const end = Math.min(Math.max(match.end, start), text.length)
    if (end <= start) continue
    out += text.slice(cursor, start) + mask(match)
    cursor = end
  }
  return out + text.slice(cursor)
}
