import { InvalidArgumentError, Option, type Command } from 'commander'
import { composeApp, type App } from '../app/compose.ts'
import { createLogger } from '../app/create-logger.ts'
import {
  addUser,
  disableUser,
  listUsers,
  MIN_PASSWORD_LENGTH,
  ROLES,
  type Role,
  type User,
} from '../app/manage-users.ts'
import { readUserPassword } from '../config/load-config.ts'
import { secretValues } from '../config/redact-config.ts'
import type { Config } from '../config/schema.ts'
import { EXIT } from './exit-codes.ts'
import { configFrom } from './global-options.ts'
import { promptHidden, PromptCancelledError } from './prompt-hidden.ts'

interface AddOptions {
  role: Role
  name: string
  skills?: Record<string, number>
  queues?: string[]
  capacity?: number
}

/**
 * `parley user add|list|disable`: the people who sign in. The password comes
 * from PARLEY_USER_PASSWORD when set, else from a prompt that does not echo;
 * never from an argument, which would land in the shell history.
 */
export function userCommand(program: Command): void {
  const user = program
    .command('user')
    .description('manage the people who sign in: agents, supervisors and admins')

  user
    .command('add')
    .description(
      `add a user; the password (at least ${MIN_PASSWORD_LENGTH} characters) is read from $PARLEY_USER_PASSWORD, else prompted for`,
    )
    .argument('<username>', 'lower-case letters, digits, ".", "_", "@", "-"')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .requiredOption('--name <display name>', 'the name shown to colleagues')
    .option('--skills <list>', 'skill:proficiency (1–5) pairs, e.g. bceid:4,french:3', parseSkills)
    .option(
      '--queues <list>',
      'queue ids served, e.g. SBC_HD_SMS_BCEID,SBC_HD_SMS_GENERAL',
      parseList,
    )
    .option('--capacity <n>', 'concurrent conversations (default 3)', parseCapacity)
    .action(async (username: string, options: AddOptions, command: Command) => {
      const config = configFrom(command) // a broken configuration stops us before the prompt
      const password = await obtainPassword(username)
      if (!password.ok) return fail(password.message)
      await withApp(config, async (app) => {
        const result = await addUser(
          app,
          {
            username,
            displayName: options.name,
            role: options.role,
            password: password.value,
            skills: options.skills,
            queues: options.queues,
            capacity: options.capacity,
          },
          'cli',
        )
        if (!result.ok) return fail(result.message)
        console.log(`added ${describeUser(result.user)}`)
        return undefined
      })
    })

  user
    .command('list')
    .description('list every user (disabled ones too)')
    .action(async (_options: unknown, command: Command) => {
      await withApp(configFrom(command), async (app) => {
        const users = await listUsers(app)
        if (users.length === 0) console.log('no users yet: add one with `parley user add`')
        else console.log(formatTable(users))
      })
    })

  user
    .command('disable')
    .description('disable a user: they can no longer sign in and their sessions end')
    .argument('<username>', 'the username (or id)')
    .action(async (username: string, _options: unknown, command: Command) => {
      await withApp(configFrom(command), async (app) => {
        if (await disableUser(app, username, 'cli')) console.log(`disabled ${username}`)
        else fail(`no enabled user ${username}`)
      })
    })
}

/** Opens the store (migrating it, as `serve` does) for one command, then closes it. */
async function withApp(config: Config, run: (app: App) => Promise<void>): Promise<void> {
  const logger = createLogger({
    level: 'warn',
    secrets: secretValues(config),
    destination: process.stderr,
  })
  const app = await composeApp({ config, logger })
  try {
    await run(app)
  } finally {
    await app.close()
  }
}

function fail(message: string): void {
  console.error(`parley: ${message}`)
  process.exitCode = EXIT.usage
}

async function obtainPassword(
  username: string,
): Promise<{ ok: true; value: string } | { ok: false; message: string }> {
  const fromEnv = readUserPassword()
  if (fromEnv !== undefined) return { ok: true, value: fromEnv }
  const stdin = process.stdin
  if (!stdin.isTTY)
    return {
      ok: false,
      message: 'no password: set PARLEY_USER_PASSWORD or run in a terminal to be asked for it',
    }
  try {
    const first = await promptHidden(`password for ${username}: `, stdin, process.stderr)
    const again = await promptHidden('the same password again: ', stdin, process.stderr)
    if (first !== again) return { ok: false, message: 'the two passwords differ; nothing added' }
    return { ok: true, value: first }
  } catch (error) {
    if (error instanceof PromptCancelledError) return { ok: false, message: 'cancelled' }
    throw error
  }
}

/**
 * Parses `bceid:4,french:3` into `{ bceid: 4, french: 3 }`; the configuration
 * check (known skills) happens in addUser.
 * @example parseSkills('bceid:4,french:3') // { bceid: 4, french: 3 }
 */
export function parseSkills(text: string): Record<string, number> {
  const skills: Record<string, number> = {}
  for (const item of parseList(text)) {
    const match = /^([^:\s]+):([1-5])$/.exec(item)
    if (!match?.[1] || !match[2])
      throw new InvalidArgumentError(
        `"${item}" is not skill:proficiency with a proficiency from 1 to 5 (e.g. bceid:4)`,
      )
    skills[match[1]] = Number(match[2])
  }
  return skills
}

/** Splits a comma-separated list, dropping blanks. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function parseCapacity(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim()))
    throw new InvalidArgumentError('a capacity is a whole number (e.g. 3)')
  return Number(text.trim())
}

function describeUser(user: User): string {
  const skills = Object.entries(user.skills).map(([skill, level]) => `${skill}:${level}`)
  return [
    `${user.role} ${user.username} (${user.displayName}), id ${user.id}`,
    `capacity ${user.capacity}`,
    `queues ${user.queues.join(',') || '-'}`,
    `skills ${skills.join(',') || '-'}`,
  ].join('; ')
}

function formatTable(users: readonly User[]): string {
  const header = ['USERNAME', 'ROLE', 'NAME', 'STATUS', 'CAPACITY', 'QUEUES', 'SKILLS']
  const rows = users.map((u) => [
    u.username,
    u.role,
    u.displayName,
    u.disabledAt === undefined ? u.status : 'disabled',
    String(u.capacity),
    u.queues.join(',') || '-',
    Object.entries(u.skills)
      .map(([skill, level]) => `${skill}:${level}`)
      .join(',') || '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  return [header, ...rows]
    .map((cells) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  '),
    )
    .join('\n')
}
