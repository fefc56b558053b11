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
    return {
      [Symbol.asyncIterator]() {
        const inner = stream[Symbol.asyncIterator]();
        let first = true;
        return {
          next() {
            const next = inner.next();
            if (first) {
              first = false;
              // A macrotask: the request's microtasks (the fetch) run first.
              setTimeout(start, 0);
            }
            return next;
          },
          return: (value) => inner.return?.(value) ?? Promise.resolve({ done: true as const, value }),
          throw: (error) => inner.throw?.(error) ?? Promise.reject(error),
        };
      },
    };
  };
  return wrapped;
}
