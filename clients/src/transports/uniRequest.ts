import type { Transport } from "../result.js";
import { headersOf, urlOf, type HttpOptions } from "./http.js";

/** What `uniRequest` needs of `uni` (uni-app, every platform it builds for): `uni.request`, shaped as `wx.request` is. */
export interface UniRequester {
  request(options: {
    url: string;
    method: "GET" | "POST";
    header: Record<string, string>;
    data?: unknown;
    dataType: "json";
    success(response: { statusCode: number; data: unknown }): void;
    fail(error: { errMsg: string }): void;
  }): unknown;
}

/** Calls over `uni.request` (uni-app): a POST with the members as its JSON body, or a GET with them as the query. */
export function uniRequest(uni: UniRequester, options: HttpOptions): Transport {
  return (request) => new Promise((resolve, reject) => {
    uni.request({
      url: urlOf(options, request),
      method: request.method,
      header: headersOf(options, request),
      ...(request.method === "GET" ? {} : { data: request.members }),
      dataType: "json",
      success: (response) => resolve({ status: response.statusCode, body: response.data }),
      fail: (error) => reject(error),
    });
  });
}
