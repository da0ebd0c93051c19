/** One deadline for a whole fetch, every redirect and the body read included. */
export interface Deadline {
  /** Aborts when the time is up or the caller's signal aborts, whichever comes first. */
  signal: AbortSignal;
  /** Why the signal aborted, once it has. */
  reason(): "timeout" | "aborted" | undefined;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
}

export function startDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let reason: "timeout" | "aborted" | undefined;
  const stop = (why: "timeout" | "aborted") => {
    reason ??= why;
    controller.abort(
      new Error(why === "timeout" ? `no response within ${timeoutMs} ms` : "aborted"),
    );
  };
  const timer = setTimeout(() => stop("timeout"), timeoutMs);
  const onCallerAbort = () => stop("aborted");
  if (callerSignal?.aborted) stop("aborted");
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
