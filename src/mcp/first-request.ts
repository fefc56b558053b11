import type { Provider } from "../model/provider.ts";

/**
 * The provider, except that `start` runs once the first request has left: MCP servers (and the
 * ~60 ms SDK import) then start while the model is thinking, never ahead of the request.
 */
export function startAfterFirstRequest(provider: Provider, start: () => void): Provider {
  let pending = true;
  const wrapped: Provider = Object.create(provider);
  wrapped.stream = (request, signal) => {
    const stream = provider.stream(request, signal);
    if (!pending) return stream;
    pending = false;
    return (async function* () {
      // Asked for the first event: a macrotask lets the request's microtasks (the fetch) run first.
      setTimeout(start, 0);
      yield* stream;
    })();
  };
  return wrapped;
}
