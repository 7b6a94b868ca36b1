import type { Transport } from "../result.js";
import { headersOf, urlOf, type HttpOptions } from "./http.js";

/** Calls over `fetch` (Node.js 18 and later, browsers, uni-app H5): a POST with a JSON body, or a GET with a query. */
export function fetchTransport(options: HttpOptions & { readonly fetch?: typeof fetch }): Transport {
  const send = options.fetch ?? globalThis.fetch;
  return async (request) => {
    const response = await send(urlOf(options, request), {
      method: request.method,
      headers: headersOf(options, request),
      ...(request.method === "GET" ? {} : { body: JSON.stringify(request.members) }),
    });
    const text = await response.text();
    return { status: response.status, body: text.length > 0 ? JSON.parse(text) : null };
  };
}
