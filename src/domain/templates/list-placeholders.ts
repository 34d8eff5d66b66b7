/**
 * Placeholder syntax: `((name))`.
 * - A name is ASCII: a letter, then letters, digits and underscores, optionally in
 *   dot-separated parts (`((customer.first_name))`). ASCII keeps names identical for the API
 *   callers who supply values; accented names would also need Unicode normalisation.
 * - Names are case-sensitive: `((Name))` and `((name))` are different values.
 * - Spaces or tabs just inside the brackets are ignored: `(( name ))` is `((name))`.
 * - Anything else between double brackets (`((see note))`, `((1))`) is plain text.
 */
const PLACEHOLDER = /\(\([ \t]*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)[ \t]*\)\)/g

/**
 * The placeholder names a body uses, each once, in order of first appearance.
 * @example listPlaceholders('Hi ((name)), see you at (( time )) — ((name))') // ['name', 'time']
 */
export function listPlaceholders(body: string): string[] {
  const names = new Set<string>()
  for (const match of body.matchAll(PLACEHOLDER)) names.add(nameOf(match))
  return [...names]
}

/**
 * Replaces every placeholder in one left-to-right pass. The replacement is inserted as is: it
 * is never scanned again (a value containing `((x))` stays literal) and `$` has no special
 * meaning in it.
 * @example fillPlaceholders('Hi ((name))', (name) => name.toUpperCase()) // 'Hi NAME'
 */
export function fillPlaceholders(body: string, replace: (name: string) => string): string {
  return body.replace(PLACEHOLDER, (_token, name: string) => replace(name))
}

function nameOf(match: RegExpMatchArray): string {
  // The pattern has exactly one group and it always participates in a match.
  return match[1] ?? ''
}
