import type { TSchema } from '@sinclair/typebox'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import { describeValue, type ConfigProblem } from './config-error.ts'
import { TrunkSchemas, type TrunkType } from './schema.ts'

/**
 * Fills defaults into `value` (a fresh copy) and lists every schema violation.
 * Problems carry the JSON-pointer path of the offending value.
 * @example validateSchema(ServerSchema, { port: 'x' }).problems[0]?.path // '/port'
 */
export function validateSchema(
  schema: TSchema,
  input: unknown,
  prefix = '',
): { value: unknown; problems: ConfigProblem[] } {
  const value = Value.Default(schema, structuredClone(input))
  const problems = [...Value.Errors(schema, value)]
    .filter((error) => !isUnionNoise(error))
    .map((error) => toProblem(error, prefix))
  return { value, problems: dedupe(problems) }
}

/** Validates `trunks` entries against the schema their `type` names. */
export function validateTrunks(trunks: Record<string, unknown>): {
  value: Record<string, unknown>
  problems: ConfigProblem[]
} {
  const value: Record<string, unknown> = {}
  const problems: ConfigProblem[] = []
  for (const [name, trunk] of Object.entries(trunks)) {
    const path = `/trunks/${name}`
    const type = (trunk as { type?: unknown } | null)?.type
    if (typeof type !== 'string' || !(type in TrunkSchemas)) {
      const allowed = Object.keys(TrunkSchemas).join(' | ')
      problems.push({ path: `${path}/type`, expected: allowed, got: describeValue(type) })
      continue
    }
    const result = validateSchema(TrunkSchemas[type as TrunkType], trunk, path)
    problems.push(...result.problems)
    value[name] = { ...(result.value as object), name }
  }
  return { value, problems }
}

function toProblem(error: ValueError, prefix: string): ConfigProblem {
  const path = prefix + error.path
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const allowed = Object.keys((error.schema as { properties?: object }).properties ?? {})
    return { path, expected: `no such key (allowed: ${allowed.join(', ')})`, got: 'an unknown key' }
  }
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    return { path, expected: expectedOf(error.schema), got: 'nothing' }
  }
  return {
    path,
    expected: expectedOf(error.schema, error.message),
    got: describeValue(error.value),
  }
}

/** Human words for what a schema accepts: literal choices, patterns, bounds. */
function expectedOf(schema: TSchema, fallback = 'a valid value'): string {
  const s = schema as Record<string, unknown>
  const choices = (s.anyOf as TSchema[] | undefined)?.map(
    (option) => (option as { const?: unknown }).const,
  )
  if (choices?.every((c) => c !== undefined))
    return `one of ${choices.map((c) => JSON.stringify(c)).join(' | ')}`
  const parts: string[] = [typeof s.type === 'string' ? s.type : fallback.replace(/^Expected /, '')]
  if (typeof s.description === 'string') parts.push(`(${s.description})`)
  else if (typeof s.pattern === 'string') parts.push(`matching ${s.pattern}`)
  if (typeof s.minimum === 'number') parts.push(`>= ${s.minimum}`)
  if (typeof s.maximum === 'number') parts.push(`<= ${s.maximum}`)
  if (typeof s.minItems === 'number') parts.push(`with at least ${s.minItems} item(s)`)
  if (typeof s.maxItems === 'number') parts.push(`with at most ${s.maxItems} item(s)`)
  return parts.join(' ')
}

/** TypeBox reports each failed union branch too; the union-level error is enough. */
function isUnionNoise(error: ValueError): boolean {
  return error.type === ValueErrorType.Literal
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    // A missing property is one problem, however many rules it breaks.
    const key = p.got === 'nothing' ? p.path : `${p.path}\u0000${p.expected}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
