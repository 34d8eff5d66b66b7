import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError } from './config-error.ts'
import { EXAMPLE_CONFIG_PATH, loadConfig } from './load-config.ts'
import { redactConfig } from './redact-config.ts'

const dir = mkdtempSync(join(tmpdir(), 'parley-config-'))
const example = readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')

/** Writes a config file: the example with some text replaced or appended. */
function configFile(name: string, edit: (text: string) => string): string {
  const path = join(dir, name)
  writeFileSync(path, edit(example))
  return path
}

function problemsOf(load: () => unknown): string[] {
  try {
    load()
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`)
    assert.equal(error.code, 'config_invalid')
    return error.message.split('\n').slice(1)
  }
  assert.fail('the configuration was accepted')
}

describe('loadConfig', () => {
  it('loads the example with defaults filled in and everything frozen', () => {
    const config = loadConfig({ env: {} })
    assert.equal(config.source, EXAMPLE_CONFIG_PATH)
    assert.equal(config.server.port, 3000)
    assert.equal(config.defaultTrunk, 'sandbox')
    assert.equal(config.databaseUrl, undefined)
    assert.deepEqual(
      config.queues.map((q) => q.id),
      ['SBC_HD_SMS_GENERAL', 'SBC_HD_SMS_BCEID', 'SBC_HD_SMS_ALERTS', 'SBC_HD_SMS_SURVEY'],
    )
    assert.equal(config.programs.find((p) => p.id === 'general')?.requiresOptIn, true)
    assert.ok(Object.isFrozen(config.server))
    assert.throws(() => {
      ;(config.server as { port: number }).port = 1
    }, TypeError)
  })

  it('uses PARLEY_CONFIG when no path is given', () => {
    const path = configFile('via-env.yaml', (t) => t.replace('port: 3000', 'port: 3456'))
    assert.equal(loadConfig({ env: { PARLEY_CONFIG: path } }).server.port, 3456)
  })

  it('applies environment overrides over the file', () => {
    const config = loadConfig({
      env: {
        PARLEY_PORT: '8080',
        PARLEY_DB_FILE: '/tmp/x.db',
        DATABASE_URL: 'postgres://u:pw@h/db',
      },
    })
    assert.equal(config.server.port, 8080)
    assert.equal(config.database.file, '/tmp/x.db')
    assert.equal(config.databaseUrl, 'postgres://u:pw@h/db')
  })

  it('lists every problem at once, each with file, line and path', () => {
    const path = configFile('many.yaml', (t) =>
      t
        .replace('port: 3000', 'port: three-thousand\n  colour: blue')
        .replace('level: info', 'level: loud'),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 3, problems.join('\n'))
    assert.match(problems[0] ?? '', /many\.yaml:\d+:\d+ \/server\/colour: expected no such key/)
    assert.ok(
      problems.some((p) => /\/server\/port: expected integer.*got "three-thousand"/.test(p)),
    )
    assert.ok(problems.some((p) => /\/log\/level: expected one of .*"info".*got "loud"/.test(p)))
  })

  it('names the environment variable when an override is wrong', () => {
    const problems = problemsOf(() => loadConfig({ env: { PARLEY_PORT: 'abc' } }))
    assert.deepEqual(problems.length, 1)
    assert.match(problems[0] ?? '', /env PARLEY_PORT \/server\/port: expected integer/)
  })

  it('rejects an unknown trunk type and a missing secret for an enabled trunk', () => {
    const path = configFile('trunks.yaml', (t) =>
      t
        .replace('type: sandbox', 'type: pigeon')
        .replace(/enabled: false # set to true with TWILIO/, 'enabled: true # TWILIO'),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.ok(
      problems.some((p) =>
        /\/trunks\/sandbox\/type: expected sandbox \| twilio \| smpp, got "pigeon"/.test(p),
      ),
    )
    assert.ok(
      problems.some((p) =>
        /\/trunks\/twilio-longcode\/authTokenEnv: expected environment variable TWILIO_AUTH_TOKEN/.test(
          p,
        ),
      ),
    )
  })

  it('takes a secret from the environment and never prints it', () => {
    const path = configFile('secret.yaml', (t) =>
      t.replace(/enabled: false # set to true with TWILIO/, 'enabled: true # TWILIO'),
    )
    const config = loadConfig({
      path,
      env: { TWILIO_AUTH_TOKEN: 'tok-very-secret', DATABASE_URL: 'postgres://app:pw123@db/parley' },
    })
    assert.equal(config.secrets.TWILIO_AUTH_TOKEN, 'tok-very-secret')
    const printed = JSON.stringify(redactConfig(config))
    assert.ok(!printed.includes('tok-very-secret'))
    assert.ok(!printed.includes('pw123'))
    assert.match(printed, /postgres:\/\/app:\*\*\*@db\/parley/)
  })

  it('checks references between sections', () => {
    const path = configFile('refs.yaml', (t) =>
      t.replace('queue: SBC_HD_SMS_ALERTS', 'queue: SBC_HD_SMS_NOPE'),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1)
    assert.match(
      problems[0] ?? '',
      /\/screening\/0\/queue: expected a queue defined in the configuration .* got "SBC_HD_SMS_NOPE"/,
    )
  })

  it('reports malformed YAML with its line, and a missing file', () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'server:\n  port: [1, 2\n')
    assert.match(
      problemsOf(() => loadConfig({ path: bad, env: {} }))[0] ?? '',
      /bad\.yaml:\d+:\d+ \/: expected valid YAML/,
    )
    assert.match(
      problemsOf(() => loadConfig({ path: join(dir, 'none.yaml'), env: {} }))[0] ?? '',
      /expected a readable YAML file, got ENOENT/,
    )
  })

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    assert.match(
      problemsOf(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } }))[0] ?? '',
      /env DATABASE_URL .*postgres:\/\//,
    )
  })
})

describe('loadConfig: screening rules, captures and keywords', () => {
  it('names the rule and the line of a pattern RE2 cannot compile (REFERENCE.md: RE2 only)', () => {
    const path = configFile('backref.yaml', (t) =>
      t.replace(String.raw`'\b(bce?id|password|mot de passe|locked out)\b'`, String.raw`'(a)\1'`),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1, problems.join('\n'))
    assert.match(
      problems[0] ?? '',
      /backref\.yaml:\d+:\d+ \/screening\/2\/match\/pattern: expected a pattern RE2 can compile \(rule "bceid-mention"\), got '\(a\)\\1' \(invalid escape sequence: \\1\)/,
    )
  })

  it('rejects lookaround in a capture pattern, with the program and capture named', () => {
    const path = configFile('lookahead.yaml', (t) =>
      t.replace(String.raw`'\b(CS-\d{6})\b'`, String.raw`'(?=CS-)(CS-\d{6})'`),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1, problems.join('\n'))
    assert.match(
      problems[0] ?? '',
      /\/programs\/0\/captures\/0\/pattern: expected a pattern RE2 can compile, with exactly one capture group \(capture "case-number"\), got '\(\?=CS-\)\(CS-\\d\{6\}\)' \(invalid perl operator: \(\?=\)/,
    )
  })

  it('requires exactly one group in a capture pattern', () => {
    const path = configFile('groups.yaml', (t) =>
      t.replace(String.raw`'\b(CS-\d{6})\b'`, String.raw`'(CS)-(\d{6})'`),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1, problems.join('\n'))
    assert.match(problems[0] ?? '', /\/programs\/0\/captures\/0\/pattern: .* has 2\)/)
  })

  it('rejects a default rule that is not last: the rules after it could never match', () => {
    // alert-replies loses its condition, so it matches every text from position 0.
    const path = configFile('default-first.yaml', (t) =>
      t.replace("    match: { to: ['55123'] }\n", ''),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1, problems.join('\n'))
    assert.match(
      problems[0] ?? '',
      /default-first\.yaml:\d+:\d+ \/screening\/0: expected the rule without `match` \(the default\) to be the last one.*got rule "alert-replies" followed by 4 more rule\(s\)/,
    )
  })

  it('requires a last rule without conditions', () => {
    const path = configFile('no-default.yaml', (t) =>
      t.replace(
        '  - name: default\n    category: general',
        "  - name: default\n    match: { fromPrefix: ['+1'] }\n    category: general",
      ),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1, problems.join('\n'))
    assert.match(
      problems[0] ?? '',
      /\/screening\/4\/match: expected a last rule without `match`.*got rule "default" with conditions/,
    )
  })

  it('lists a bad pattern together with problems in other sections', () => {
    const path = configFile('together.yaml', (t) =>
      t
        .replace('port: 3000', 'port: -1')
        .replace(String.raw`'\b(bce?id|password|mot de passe|locked out)\b'`, "'[unclosed'"),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 2, problems.join('\n'))
    assert.ok(problems.some((p) => p.includes('/server/port')))
    assert.ok(problems.some((p) => /\/screening\/2\/match\/pattern: .*missing \]/.test(p)))
  })

  it('rejects conditions that can never hold: a `to` that is not ours, a `from` not in E.164', () => {
    const path = configFile('never.yaml', (t) =>
      t
        .replace("match: { to: ['55123'] }", "match: { to: ['55124'] }")
        .replace(
          'match: { keyword: [BCEID, BCID] }',
          "match: { keyword: [BCEID], from: ['250-555-0100'] }",
        ),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 2, problems.join('\n'))
    assert.match(
      problems[0] ?? '',
      /\/screening\/0\/match\/to\/0: expected one of our sender numbers .*got "55124"/,
    )
    assert.match(problems[1] ?? '', /\/screening\/1\/match\/from\/0: expected an E\.164 number/)
  })

  it('rejects a keyword override that puts a word in two intents, where it was added', () => {
    const path = configFile('keywords.yaml', (t) =>
      t.replace(
        "    supportNumber: '1-800-555-0101'\n",
        "    supportNumber: '1-800-555-0101'\n    keywords:\n      help:\n        words: { en: [HELP, INFO, STOP] }\n",
      ),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1, problems.join('\n'))
    assert.match(
      problems[0] ?? '',
      /keywords\.yaml:\d+:\d+ \/programs\/1\/keywords\/help\/words\/en\/2: expected a word of one intent only \(it is also an opt-out word by default\), got "STOP"/,
    )
  })

  it('compares keywords across languages and accents, and blames the more specific override', () => {
    // 'Fin' (top-level help, en) is 'FIN' (default French opt-out) once normalised;
    // the sender's opt-in 'aidé' collides with the default French help word AIDE.
    const path = configFile('keywords-cross.yaml', (t) =>
      t
        .replace(
          'skills:\n  - { id: general',
          'keywords:\n  help:\n    words: { en: [HELP, Fin] }\n\nskills:\n  - { id: general',
        )
        .replace(
          '    label: Emergency alerts short code\n',
          '    label: Emergency alerts short code\n    keywords:\n      optIn: { words: { fr: [ABONNER, aidé] } }\n',
        ),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 2, problems.join('\n'))
    assert.ok(
      problems.some((p) =>
        /\/keywords\/help\/words\/en\/1: .*opt-out word by default\), got "Fin"/.test(p),
      ),
    )
    assert.ok(
      problems.some((p) =>
        /\/senders\/2\/keywords\/optIn\/words\/fr\/1: .*a help word by default\), got "aidé"/.test(
          p,
        ),
      ),
    )
  })

  it('accepts overrides that keep each word in one intent', () => {
    const path = configFile('keywords-ok.yaml', (t) =>
      t.replace(
        "    supportNumber: '1-800-555-0101'\n",
        "    supportNumber: '1-800-555-0101'\n    keywords:\n      help:\n        words: { en: [HELP, SUPPORT] }\n",
      ),
    )
    assert.equal(loadConfig({ path, env: {} }).programs[1]?.keywords?.help?.words?.en?.length, 2)
  })
})
