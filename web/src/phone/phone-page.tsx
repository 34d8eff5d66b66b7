/** Placeholder until this screen is built. */
export function PhonePage() {
  return (
    <section>
      <h1>PhonePage</h1>
    </section>
  )
}
