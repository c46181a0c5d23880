// Preloaded into Prisma's CLI for `migrate dev` / `db push`: the WebAssembly schema engine leaves
// a 60 s timer pending after its work is done; unref'ing long timers lets the process exit.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = originalSetTimeout(callback, ms, ...args);
  if (typeof ms === "number" && ms >= 10_000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
