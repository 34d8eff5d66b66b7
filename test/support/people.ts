import { addUser, type NewUserInput, type User } from '../../src/app/manage-users.ts'
import type { Clock, Random } from '../../src/app/ports.ts'
import type { Config } from '../../src/config/schema.ts'
import type { Store } from '../../src/store/connect.ts'

/** The password every test user gets unless a test says otherwise (12+ characters). */
export const TEST_PASSWORD = 'correct horse battery staple'

/** A clock a test moves by hand. */
export function manualClock(start = 1_795_000_000_000): Clock & { advance(ms: number): void } {
  let now = start
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
    },
  }
}

let counter = 0

/** Adds a user (an agent on SBC_HD_SMS_BCEID by default) and returns them; throws on a refusal. */
export async function addTestUser(
  deps: { config: Config; store: Store; clock: Clock; random: Random },
  overrides: Partial<NewUserInput> = {},
): Promise<User> {
  const result = await addUser(deps, {
    username: `agent${String(++counter).padStart(4, '0')}`,
    displayName: 'Test Agent',
    role: 'agent',
    password: TEST_PASSWORD,
    skills: { bceid: 4 },
    queues: ['SBC_HD_SMS_BCEID'],
    ...overrides,
  })
  if (!result.ok) throw new Error(`test user refused: ${result.code} ${result.message}`)
  return result.user
}
