/** Placeholder until this screen is built. */
export function QueueBoardPage() {
  return (
    <section>
      <h1>QueueBoardPage</h1>
    </section>
  )
}
