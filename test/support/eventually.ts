// Waits for what happens in the background (a job, a delivery, a tracked change): `check` is
// tried every 25 ms until it passes, and its last failure is thrown after `ms`.
export async function eventually<T>(check: () => Promise<T> | T, ms = 15_000): Promise<T> {
  const begun = performance.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() - begun > ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
