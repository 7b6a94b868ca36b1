import type { Transport } from "../result.js";
import { headersOf, urlOf, type HttpOptions } from "./http.js";

/** What `myRequest` needs of `my`: its `request` (Alipay mini programs; typed by @mini-types/alipay). */
export type MyRequester = Pick<typeof my, "request">;

/**
 * Calls over `my.request` (Alipay): a POST with the members as its JSON body (a string: `my.request` takes a
 * string or a map of strings), or a GET with them as the query; `headers` and `status`, Alipay's names.
 */
export function myRequest(alipay: MyRequester, options: HttpOptions): Transport {
  return (request) => new Promise((resolve, reject) => {
    void alipay.request({
      url: urlOf(options, request),
      method: request.method,
      headers: headersOf(options, request),
      ...(request.method === "GET" ? {} : { data: JSON.stringify(request.members) }),
      dataType: "json",
      success: (response) => resolve({ status: response.status, body: response.data }),
      fail: (error) => reject(error),
    });
  });
}
