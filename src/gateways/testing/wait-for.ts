/**
 * Polls until `check` is true; rejects after `timeoutMs`. For tests over real sockets, where
 * the moment an event lands is not ours to choose.
 * @example await waitFor(() => receipts.length === 1, 2000, 'receipt')
 */
export async function waitFor(
  check: () => boolean,
  timeoutMs = 2000,
  what = 'condition',
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
