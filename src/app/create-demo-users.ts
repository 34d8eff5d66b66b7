import type { Config } from '../config/schema.ts'
import type { Store } from '../store/connect.ts'
import { listUsers } from '../store/users.ts'
import { addUser, type Role } from './manage-users.ts'
import type { Clock, Random } from './ports.ts'

export interface DemoUser {
  username: string
  password: string
  role: Role
}

/** Readable one-time passwords: 4 groups of 4 from an alphabet without look-alikes. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

function demoPassword(random: Random): string {
  const bytes = random.bytes(16)
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length] ?? 'x')
  return [0, 4, 8, 12].map((at) => chars.slice(at, at + 4).join('')).join('-')
}

/**
 * On a first start with nobody to sign in and only the sandbox carrier, creates people to try
 * Parley with — an administrator, a supervisor and two agents serving every queue — and
 * returns their one-time passwords for the console. With a real carrier configured, or once
 * anyone exists, it does nothing: production people are added with `parley user add`.
 * @example const created = await createDemoUsers(deps) // [{ username: 'admin', password: 'abcd-…', role: 'admin' }, …]
 */
export async function createDemoUsers(deps: {
  config: Config
  store: Store
  clock: Clock
  random: Random
}): Promise<DemoUser[]> {
  const { config } = deps
  const onlySandbox = Object.values(config.trunks).every((t) => t.type === 'sandbox' || !t.enabled)
  if (!onlySandbox || (await listUsers(deps.store.db)).length > 0) return []
  const queues = config.queues.map((q) => q.id)
  const skills = Object.fromEntries(config.skills.map((s) => [s.id, 3]))
  const people: { username: string; displayName: string; role: Role }[] = [
    { username: 'admin', displayName: 'Alex Admin', role: 'admin' },
    { username: 'supervisor', displayName: 'Sam Supervisor', role: 'supervisor' },
    { username: 'agent1', displayName: 'Ana Agent', role: 'agent' },
    { username: 'agent2', displayName: 'Ben Agent', role: 'agent' },
  ]
  const created: DemoUser[] = []
  for (const person of people) {
    const password = demoPassword(deps.random)
    const result = await addUser(deps, {
      ...person,
      password,
      queues: person.role === 'admin' ? [] : queues,
      skills: person.role === 'admin' ? {} : skills,
    })
    if (result.ok) created.push({ username: person.username, password, role: person.role })
  }
  return created
}
