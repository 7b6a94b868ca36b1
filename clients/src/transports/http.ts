import type { CallRequest } from "../result.js";

/** Where a route is over HTTP: the function's address and the route as the path (`https://api.example.com/pay/makeOrder`). */
export interface HttpOptions {
  /** The function's HTTP address: its API gateway, function URL or HTTP trigger, with any base path; no trailing slash needed. */
  readonly baseUrl: string;
  /** Headers every call sends (`Authorization`, ...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The route's URL, and for a GET its members as the query (`?sessionId=...`). */
export function urlOf(options: HttpOptions, request: CallRequest): string {
  const base = options.baseUrl.replace(/\/+$/, "");
  const url = `${base}/${request.route}`;
  if (request.method !== "GET") {
    return url;
  }

  const query = new URLSearchParams(queryOf(request.members)).toString();
  return query.length > 0 ? `${url}?${query}` : url;
}

/** A GET's members as query strings: scalars as they print, anything else as JSON. */
export function queryOf(members: Readonly<Record<string, unknown>>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(members)) {
    if (value === undefined || value === null) {
      continue;
    }

    query[name] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  return query;
}

/** The headers of a call: JSON for a body, then the caller's. */
export function headersOf(options: HttpOptions, request: CallRequest): Record<string, string> {
  return request.method === "GET" ? { ...options.headers } : { "content-type": "application/json", ...options.headers };
}
