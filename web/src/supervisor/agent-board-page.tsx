/** Placeholder until this screen is built. */
export function AgentBoardPage() {
  return (
    <section>
      <h1>AgentBoardPage</h1>
    </section>
  )
}
