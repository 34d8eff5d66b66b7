import type { PiiMatch } from './pii-match.ts'

const LOCAL_CHAR = /[\p{L}\p{N}._%+'-]/u
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u

/**
 * E-mail addresses, found by growing outwards from each '@' (linear time: no regex scans the
 * whole text). The domain needs a dot and a top-level label of at least two letters, so 'a@b'
 * and a trailing sentence dot ('write to a@b.ca.') are handled the way a reader expects.
 * @example findEmails('Mail jane.doe@gov.bc.ca.')[0]?.value // 'jane.doe@gov.bc.ca'
 */
export function findEmails(text: string): PiiMatch[] {
  const found: PiiMatch[] = []
  let searchFrom = 0
  for (
    let at = text.indexOf('@');
    at !== -1;
    at = text.indexOf('@', Math.max(at + 1, searchFrom))
  ) {
    let start = at
    while (start > searchFrom && LOCAL_CHAR.test(text[start - 1] ?? '')) start--
    while (start < at && text[start] === '.') start++
    let end = at + 1
    while (end < text.length && DOMAIN_CHAR.test(text[end] ?? '')) end++
    while (end > at + 1 && /[.-]/.test(text[end - 1] ?? '')) end--
    if (start === at || !DOMAIN.test(text.slice(at + 1, end))) continue
    found.push({ kind: 'email', start, end, value: text.slice(start, end) })
    searchFrom = end
  }
  return found
}
