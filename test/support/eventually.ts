/** Retries an assertion until it passes or `timeoutMs` runs out (for asynchronous effects such as receipts). */
export async function eventually(
  check: () => Promise<void> | void,
  timeoutMs = 5_000,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }
}
