/** Placeholder until this screen is built. */
export function AdminPage() {
  return (
    <section>
      <h1>AdminPage</h1>
    </section>
  )
}
