import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LineCounter, parseDocument, type Document } from 'yaml'
import type { Screener } from '../domain/screening/compile-screening.ts'
import { ConfigError, describeValue, type ConfigProblem } from './config-error.ts'
import { checkKeywords } from './check-keywords.ts'
import { checkRules } from './check-rules.ts'
import { primeScreeners } from './compiled-rules.ts'
import { crossCheck } from './cross-check.ts'
import { ConfigSchema, type Config, type RawConfig, type TrunkConfig } from './schema.ts'
import { validateSchema, validateTrunks } from './validate-schema.ts'

/** The example configuration, used when neither --config nor PARLEY_CONFIG names a file. */
export const EXAMPLE_CONFIG_PATH = fileURLToPath(
  new URL('../../config/parley.example.yaml', import.meta.url),
)

type Env = Readonly<Record<string, string | undefined>>

/** Environment variables that override a configuration value (secrets are named by the file). */
const ENV_OVERRIDES: readonly { name: string; path: readonly string[]; integer?: boolean }[] = [
  { name: 'PARLEY_HOST', path: ['server', 'host'] },
  { name: 'PARLEY_PORT', path: ['server', 'port'], integer: true },
  { name: 'PARLEY_PUBLIC_URL', path: ['server', 'publicUrl'] },
  { name: 'PARLEY_DB_FILE', path: ['database', 'file'] },
  { name: 'PARLEY_LOG_LEVEL', path: ['log', 'level'] },
  { name: 'PARLEY_DEFAULT_TRUNK', path: ['defaultTrunk'] },
]

/**
 * Reads, overrides, validates and freezes the configuration. This is the only
 * module that reads the environment. Throws ConfigError listing every problem.
 * @example const config = loadConfig({ path: 'config/parley.example.yaml', env: process.env })
 */
export function loadConfig(options: { path?: string | undefined; env?: Env } = {}): Config {
  const env = options.env ?? process.env
  const source = options.path ?? env.PARLEY_CONFIG ?? EXAMPLE_CONFIG_PATH
  const { document, lines, problems: yamlProblems } = readYaml(source)
  if (yamlProblems.length > 0) throw new ConfigError(source, yamlProblems)

  const raw: unknown = document.toJS() ?? {}
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(source, [
      { path: '', expected: 'a YAML mapping', got: describeValue(raw) },
    ])
  }
  const { overridden, fromEnv } = applyEnvOverrides(raw as Record<string, unknown>, env)
  const { value, problems } = validateSchema(ConfigSchema, overridden)
  const rawConfig = value as RawConfig
  const trunks = validateTrunks(isRecord(rawConfig.trunks) ? rawConfig.trunks : {})
  problems.push(...trunks.problems)

  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push({
      path: '',
      where: 'env DATABASE_URL',
      expected: 'a postgres:// URL',
      got: 'another scheme',
    })
  }
  const trunkConfigs = trunks.value as Record<string, TrunkConfig>
  const secrets = resolveSecrets(rawConfig, trunkConfigs, env, problems)
  // Rules compile as soon as their own sections have the right shape, so a bad pattern is
  // listed together with problems elsewhere in the file.
  let screeners: ReadonlyMap<string, Screener> = new Map()
  if (shapeValid(problems, ['/screening', '/programs', '/senders', '/keywords'])) {
    const rules = checkRules(rawConfig)
    problems.push(...rules.problems, ...checkKeywords(rawConfig))
    screeners = rules.screeners
  }
  if (problems.length === 0) problems.push(...crossCheck(rawConfig, trunkConfigs))

  if (problems.length > 0) {
    const located = problems.map((p) => ({
      ...p,
      where: p.where ?? fromEnv.get(p.path) ?? locate(p.path, document, lines, source),
    }))
    throw new ConfigError(source, located)
  }
  const config = deepFreeze({ ...rawConfig, trunks: trunkConfigs, databaseUrl, secrets, source })
  primeScreeners(config, screeners)
  return config
}

function readYaml(source: string): {
  document: Document
  lines: LineCounter
  problems: ConfigProblem[]
} {
  const lines = new LineCounter()
  let text: string
  try {
    text = readFileSync(source, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return {
      document: parseDocument(''),
      lines,
      problems: [{ path: '', where: source, expected: 'a readable YAML file', got: reason }],
    }
  }
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true })
  const problems = document.errors.map((error) => {
    const at = error.linePos?.[0]
    return {
      path: '',
      where: at ? `${source}:${at.line}:${at.col}` : source,
      expected: 'valid YAML',
      got: (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, ''),
    }
  })
  return { document, lines, problems }
}

/** Applies ENV_OVERRIDES; `fromEnv` maps each overridden path to `env NAME` for messages. */
function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Env,
): { overridden: Record<string, unknown>; fromEnv: Map<string, string> } {
  const result = structuredClone(raw)
  const fromEnv = new Map<string, string>()
  for (const { name, path, integer } of ENV_OVERRIDES) {
    const text = env[name]
    if (text === undefined || text === '') continue
    let target = result
    for (const key of path.slice(0, -1)) {
      if (!isRecord(target[key])) target[key] = {}
      target = target[key] as Record<string, unknown>
    }
    target[path.at(-1) as string] = integer && /^\d+$/.test(text) ? Number(text) : text
    fromEnv.set(`/${path.join('/')}`, `env ${name}`)
  }
  return { overridden: result, fromEnv }
}

/** Resolves each enabled trunk's (and SMTP's) secret from the variable it names. */
function resolveSecrets(
  config: RawConfig,
  trunks: Record<string, TrunkConfig>,
  env: Env,
  problems: ConfigProblem[],
): Record<string, string> {
  const secrets: Record<string, string> = {}
  const need = (variable: string, path: string) => {
    const value = env[variable]
    if (value) secrets[variable] = value
    else
      problems.push({
        path,
        expected: `environment variable ${variable} to hold the secret`,
        got: 'it unset',
      })
  }
  for (const [name, trunk] of Object.entries(trunks)) {
    if (!trunk.enabled) continue
    if (trunk.type === 'twilio') need(trunk.authTokenEnv, `/trunks/${name}/authTokenEnv`)
    if (trunk.type === 'smpp') need(trunk.passwordEnv, `/trunks/${name}/passwordEnv`)
  }
  if (isRecord(config.smtp) && config.smtp.passwordEnv)
    need(config.smtp.passwordEnv, '/smtp/passwordEnv')
  return secrets
}

/** `file:line:col` of the value at a JSON-pointer path (or its nearest existing parent). */
function locate(pointer: string, document: Document, lines: LineCounter, source: string): string {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k))
  for (let depth = keys.length; depth > 0; depth--) {
    const node = document.getIn(keys.slice(0, depth), true) as
      { range?: [number, number, number] } | undefined
    if (node?.range) {
      const { line, col } = lines.linePos(node.range[0])
      return `${source}:${line}:${col}`
    }
  }
  return source
}

/** True when no problem so far lies in (or is) one of the given sections. */
function shapeValid(problems: readonly ConfigProblem[], sections: readonly string[]): boolean {
  return !problems.some((p) => sections.some((s) => p.path === s || p.path.startsWith(`${s}/`)))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/**
 * The password for `parley user add` from PARLEY_USER_PASSWORD, so scripts
 * need no terminal; undefined when unset or empty (the command then prompts).
 * @example readUserPassword({ PARLEY_USER_PASSWORD: 'a long passphrase' }) // 'a long passphrase'
 */
export function readUserPassword(env: Env = process.env): string | undefined {
  return env.PARLEY_USER_PASSWORD || undefined
}
