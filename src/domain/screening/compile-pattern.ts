import { RE2 } from 're2-wasm'

export type PatternCompilation =
  | { readonly ok: true; readonly regex: RE2; readonly groups: number }
  | { readonly ok: false; readonly message: string }

/**
 * Compiles an admin-supplied pattern with RE2, which runs in linear time (REFERENCE.md: never
 * the backtracking engine). Flags 'iu': case-insensitive because texts arrive in any case
 * ("Acct", "ACCT"), Unicode because re2-wasm requires it. A pattern may turn case folding off
 * for a part with `(?-i:…)`. What RE2 cannot do (backreferences, lookaround) is reported, not
 * thrown.
 *
 * Note: re2-wasm reports match positions in code points, not UTF-16 units, so callers use the
 * matched strings, never `index`.
 * @example compilePattern('acct\\s*(\\d{6,})') // { ok: true, regex, groups: 1 }
 * @example compilePattern('(a)\\1') // { ok: false, message: 'Invalid regular expression: …' }
 */
export function compilePattern(pattern: string): PatternCompilation {
  let regex: RE2
  try {
    regex = new RE2(pattern, 'iu')
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  const groups = countGroups(pattern)
  if (groups === undefined) return { ok: false, message: 'cannot count the capture groups' }
  return { ok: true, regex, groups }
}

/**
 * RE2 has no API for the group count, but an alternation with an empty branch always matches
 * the empty string, and a match lists every group, participating or not.
 */
function countGroups(pattern: string): number | undefined {
  try {
    const match = new RE2(`(?:${pattern})|`, 'u').exec('')
    return match === null ? undefined : match.length - 1
  } catch {
    return undefined
  }
}
