import type { Transport } from "../result.js";
import { headersOf, urlOf, type HttpOptions } from "./http.js";

/** What `wxRequest` needs of `wx`: its `request` (WeChat mini programs; typed by miniprogram-api-typings). */
export type WxRequester = Pick<WechatMiniprogram.Wx, "request">;

/** Calls over `wx.request` (WeChat): a POST with the members as its JSON body, or a GET with them as the query. */
export function wxRequest(wx: WxRequester, options: HttpOptions): Transport {
  return (request) => new Promise((resolve, reject) => {
    wx.request({
      url: urlOf(options, request),
      method: request.method,
      header: headersOf(options, request),
      ...(request.method === "GET" ? {} : { data: request.members as WechatMiniprogram.IAnyObject }),
      dataType: "json",
      success: (response) => resolve({ status: response.statusCode, body: response.data }),
      fail: (error) => reject(error),
    });
  });
}
