/** One thing wrong with the configuration: where, what was expected, what was found. */
export interface ConfigProblem {
  /** JSON-pointer-like path, e.g. `/server/port`. */
  path: string
  expected: string
  got: string
  /** `file.yaml:12:3` or `env PARLEY_PORT`, when known. */
  where?: string
}

/** Raised once with every problem found, so an operator fixes them all in one pass. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly code = 'config_invalid'

  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`configuration ${source} is invalid:\n${problems.map(formatProblem).join('\n')}`)
  }
}

/**
 * @example formatProblem({ path: '/server/port', expected: 'integer', got: '"abc"', where: 'parley.yaml:3:9' })
 * // '  parley.yaml:3:9 /server/port: expected integer, got "abc"'
 */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.where ? `${problem.where} ` : ''
  return `  ${where}${problem.path || '/'}: expected ${problem.expected}, got ${problem.got}`
}

/** A short, single-line rendering of any value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text =
    typeof value === 'function' || typeof value === 'symbol' ? typeof value : JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
