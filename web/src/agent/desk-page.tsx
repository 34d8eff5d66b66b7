import type { User } from '../api/types.ts'
/** Placeholder until this screen is built. */
export function DeskPage({ user }: { user: User }) {
  return (
    <section>
      <h1>{user.displayName}</h1>
    </section>
  )
}
